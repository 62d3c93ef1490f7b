//! "Did you mean" hints: the closest valid value to a mistyped one.

/// The closest valid value within a small edit distance, for "did you mean" hints.
pub fn nearest<'v>(value: &str, valid: &[&'v str]) -> Option<&'v str> {
    if value.is_empty() {
        return None;
    }
    let value = value.to_lowercase();
    let limit = (value.chars().count() / 3).max(1);
    valid
        .iter()
        .map(|v| (edit_distance(&value, v), *v))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, v)| v)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("pmm", "pmm"), 0);
    }

    #[test]
    fn nearest_allows_about_a_third_of_the_letters_wrong() {
        assert_eq!(
            nearest("behavioural", &["behavioral", "metrics"]),
            Some("behavioral")
        );
        assert_eq!(nearest("designer", &["pm", "pmm"]), None);
        assert_eq!(nearest("", &["pm"]), None);
    }
}
