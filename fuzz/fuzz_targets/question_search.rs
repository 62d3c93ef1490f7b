//! Any text as a search query over the built-in bank: no panic, finite scores, best first.
#![no_main]

use std::sync::OnceLock;

use debrief_pack::{Catalog, QuestionQuery};
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| debrief_content::load(None).expect("built-in content is valid"))
}

fuzz_target!(|query: &str| {
    let hits = catalog().find_questions(&QuestionQuery {
        search: Some(query.to_owned()),
        ..Default::default()
    });
    let scores: Vec<f64> = hits.iter().filter_map(|h| h.score).collect();
    assert_eq!(scores.len(), hits.len());
    assert!(scores.iter().all(|s| s.is_finite() && *s >= 0.0));
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
});
