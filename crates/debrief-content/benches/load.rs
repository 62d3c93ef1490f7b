//! Loading speed: reading, merging and validating the built-in pack.
//!
//! Run with `cargo bench -p debrief-content --bench load`.

use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn load_and_validate_built_in_pack(bencher: Bencher<'_, '_>) {
    bencher.bench(|| black_box(debrief_content::load(None).expect("valid")));
}

/// The built-in catalog with its search index built, loaded once for the search benches.
fn catalog() -> &'static debrief_pack::Catalog {
    static CATALOG: std::sync::OnceLock<debrief_pack::Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let catalog = debrief_content::load(None).expect("valid");
        catalog.warm_up();
        catalog
    })
}

/// One question search over the whole bank: plain words, a typo read as the nearest word, and
/// an intent phrase with an alias.
#[divan::bench(args = ["launch plan", "prcing tiers", "tell me about a time you failed"])]
fn search_the_bank(bencher: Bencher<'_, '_>, query: &str) {
    let catalog = catalog();
    let query = debrief_pack::QuestionQuery {
        search: Some(query.to_owned()),
        ..Default::default()
    };
    bencher.bench(|| black_box(catalog.find_questions(&query).len()));
}
