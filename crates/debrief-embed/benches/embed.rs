//! How long a sentence vector takes: `cargo bench -p debrief-embed`.

use debrief_embed::Model;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// Three hundred words of interview prose, sentence by sentence.
const SENTENCE: &str = "I interviewed twelve churned trial accounts and found they thought the \
add-on replaced their accountant, which it did not, so I rewrote the onboarding emails.";

#[divan::bench]
fn embed_300_words(bencher: Bencher<'_, '_>) {
    let model = Model::embedded();
    let text: String = std::iter::repeat_n(SENTENCE, 300 / SENTENCE.split_whitespace().count() + 1)
        .collect::<Vec<_>>()
        .join(" ");
    bencher.bench(|| model.embed(black_box(&text)));
}

#[divan::bench]
fn open_table(bencher: Bencher<'_, '_>) {
    bencher.bench(Model::embedded);
}
