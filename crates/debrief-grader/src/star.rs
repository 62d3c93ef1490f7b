//! STAR segmentation: each sentence of a behavioral answer labelled situation, task, action or
//! result.
//!
//! Cue signals (data) vote for a part per sentence; a small positional prior breaks silence
//! (stories open on context and close on outcomes). The labels must run in STAR order, so
//! the best labelling is a monotonic path found by dynamic programming over sentences x parts:
//! linear in the number of sentences, and deterministic.

use debrief_text::{Text, TokenKind};

/// Per-sentence votes for each part, then the best monotonic labelling.
pub fn segment(text: &Text<'_>, cues: &[[f64; 4]]) -> Vec<usize> {
    let n = text.sentences.len();
    if n == 0 {
        return Vec::new();
    }
    let mut votes = vec![[0.0f64; 4]; n];
    for (s, sentence) in text.sentences.iter().enumerate() {
        let mut v = cues.get(s).copied().unwrap_or_default();
        let tokens = &text.tokens[sentence.first_token..sentence.end_token];
        let has_number = tokens.iter().any(|t| t.kind == TokenKind::Number);
        let singular = tokens.iter().any(|t| t.singular);
        // Numbers usually report outcomes; "I" usually reports actions.
        if has_number {
            v[3] += 0.4;
        }
        if singular {
            v[2] += 0.3;
        }
        let position = if n == 1 {
            0.5
        } else {
            s as f64 / (n - 1) as f64
        };
        v[0] += 0.8 * (1.0 - position).powi(2);
        v[3] += 0.8 * position.powi(2);
        v[2] += 0.1;
        votes[s] = v;
    }
    // best[s][p]: best total for sentences 0..=s with sentence s labelled p.
    let mut best = vec![[f64::NEG_INFINITY; 4]; n];
    let mut from = vec![[0usize; 4]; n];
    best[0] = votes[0];
    for s in 1..n {
        for p in 0..4 {
            let (q, prev) =
                (0..=p)
                    .map(|q| (q, best[s - 1][q]))
                    .fold(
                        (0, f64::NEG_INFINITY),
                        |acc, x| if x.1 > acc.1 { x } else { acc },
                    );
            best[s][p] = prev + votes[s][p];
            from[s][p] = q;
        }
    }
    let mut p = (0..4).fold(0, |acc, q| {
        if best[n - 1][q] > best[n - 1][acc] {
            q
        } else {
            acc
        }
    });
    let mut labels = vec![0; n];
    for s in (0..n).rev() {
        labels[s] = p;
        p = from[s][p];
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_and_position_give_an_ordered_labelling() {
        let text = Text::new(
            "Last year our checkout was losing customers. My goal was to fix it. \
             I ran five interviews. I cut two steps. Conversion rose 12% in a month.",
        );
        let mut cues = vec![[0.0; 4]; 5];
        cues[0][0] = 1.0;
        cues[1][1] = 1.0;
        cues[2][2] = 1.0;
        cues[3][2] = 1.0;
        cues[4][3] = 1.0;
        assert_eq!(segment(&text, &cues), [0, 1, 2, 2, 3]);
    }

    #[test]
    fn labels_never_go_backwards() {
        let text = Text::new("One. Two. Three. Four. Five.");
        // Votes that alternate would go back and forth; the path may not.
        let cues = vec![
            [0.0, 0.0, 0.0, 2.0],
            [2.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 2.0, 0.0],
            [2.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 2.0],
        ];
        let labels = segment(&text, &cues);
        assert!(labels.windows(2).all(|w| w[0] <= w[1]), "{labels:?}");
    }
}
