//! Any text as a user's content file: parsing, locating and validating never panic, and every
//! diagnostic points at a line of the file.
#![no_main]

use debrief_content::{SourceFile, load_layers, parse_file, ContentError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = SourceFile { path: "fuzz.toml".into(), text: text.to_owned().into() };
    let lines = text.lines().count().max(1) as u32;
    match parse_file(&file) {
        Ok(_) => {}
        Err(d) => assert!(d.line >= 1 && d.line <= lines + 1, "{d}"),
    }
    if let Err(ContentError::Invalid(diagnostics)) = load_layers(&[], &[file]) {
        for d in diagnostics {
            assert!(d.line >= 1 && d.line <= lines + 1, "{d}");
        }
    }
});
