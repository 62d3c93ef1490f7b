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
