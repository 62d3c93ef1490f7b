//! What a question asks for, read from how it is put rather than from a list of its
//! phrasings: whether it asks about the candidate's own past ("How have you handled
//! positioning when...", "Tell me about an experiment that didn't work", "Give me an example
//! of copy you wrote").
//!
//! Rules name this as `@asks-past` in `asked_by` or `not_asked_by`. Lists of phrasings ("a
//! time you", "how did you") miss the next way of putting it ("how have you handled"), and a
//! rule that judges a plan then caps a strong story told to a question that asked for one.

use debrief_text::Text;
use rustc_hash::FxHashSet;

/// The pack's word lists the reading needs: `past-verbs`, `modal-verbs` and
/// `clause-adverbs`.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// Irregular past forms, and regular ones ending in "-eed" ("agreed").
    pub past_verbs: &'a FxHashSet<String>,
    /// "would", "will", "could"...
    pub modal_verbs: &'a FxHashSet<String>,
    /// Adverbs that may stand between a subject and its verb.
    pub skip_adverbs: &'a FxHashSet<String>,
}

pub use debrief_pack::ASKS_PAST;

/// The pattern id a question about the candidate's own past is given among the phrases it
/// uses: no phrase of the pack has it, so only [`asks_past`] puts it there.
pub const ASKS_PAST_ID: usize = usize::MAX;

/// Words that open a request for an example: "Tell me about...", "Give me an example...",
/// "Walk me through...", "Describe...", "Share...".
const ASKING: [&str; 5] = ["tell", "give", "walk", "describe", "share"];

/// Words before "you" that make what follows a plan, a habit or a supposition, not the past:
/// "do you use", "if you joined", "before you told them".
const NOT_PAST_BEFORE_YOU: [&str; 10] = [
    "do", "does", "don't", "doesn't", "if", "suppose", "imagine", "before", "after", "once",
];

/// Words after which a past form opens a clause about what happened: "an experiment that
/// didn't work", "a launch where the date slipped".
const RELATIVE: [&str; 4] = ["that", "which", "where", "when"];

/// Whether `word` is a past form: one of the pack's `past-verbs` (irregular forms, and
/// "agreed" and its kin), or a regular "-ed" form ("handled", "shipped"), not "need" or
/// "speed".
fn past(word: &str, words: Words<'_>) -> bool {
    words.past_verbs.contains(word)
        || (word.len() > 4 && word.ends_with("ed") && !word.ends_with("eed"))
}

/// The first token after `i` in its sentence that is not an adverb ("ever", "recently",
/// "personally", "never"), as the clause reader skips them.
fn next_word(text: &Text<'_>, i: usize, words: Words<'_>) -> Option<usize> {
    let sentence = text.tokens[i].sentence;
    (i + 1..text.tokens.len())
        .take_while(|&j| text.tokens[j].sentence == sentence)
        .find(|&j| {
            let w = text.lower(j);
            !(adverb(w, words.skip_adverbs) || w == "ever")
        })
}

/// Whether `word` may stand between a subject and its verb: an "-ly" word or one of the
/// pack's `clause-adverbs` ("then", "also", "never").
pub(crate) fn adverb(word: &str, skip_adverbs: &FxHashSet<String>) -> bool {
    (word.len() > 3 && word.ends_with("ly")) || skip_adverbs.contains(word)
}

/// Whether the question asks about the candidate's own past. Only sentences that ask are
/// read: a question ("What's the biggest launch you've led?") or a request ("Tell me about an
/// experiment that didn't work", "Give me an example of copy you wrote"). A statement that
/// sets a scene in the second person ("A month ago you launched a Team plan") is a case, not
/// the candidate's past. In a sentence that asks, the past is "you" before a past form ("a
/// decision you made", "you've led", "you have owned"), "did you" or "were you", or a past
/// form opening a clause of a request ("Tell me about an experiment that didn't work"), or
/// "a time" in a request. "Would you", "do you", "if you" and "before you" are plans, habits
/// and suppositions.
#[must_use]
pub fn asks_past(question: &Text<'_>, words: Words<'_>) -> bool {
    let past_at = |j: Option<usize>| j.is_some_and(|j| past(question.lower(j), words));
    question.sentences.iter().any(|s| {
        let (first, end) = (s.first_token, s.end_token);
        if first >= end {
            return false;
        }
        let request = ASKING.contains(&question.lower(first));
        let asks = request || question.source[s.start..s.end].trim_end().ends_with('?');
        asks && (first..end).any(|i| match question.lower(i) {
            "you've" => past_at(next_word(question, i, words)),
            "you" => {
                let prior = (i > first).then(|| question.lower(i - 1));
                match prior {
                    Some("did" | "didn't" | "were" | "weren't") => true,
                    Some("have" | "has" | "haven't") => past_at(next_word(question, i, words)),
                    Some(p)
                        if words.modal_verbs.contains(p) || NOT_PAST_BEFORE_YOU.contains(&p) =>
                    {
                        false
                    }
                    _ => next_word(question, i, words).is_some_and(|j| {
                        match question.lower(j) {
                            // "you have led": the participle after "have".
                            "have" | "had" => past_at(next_word(question, j, words)),
                            w => past(w, words),
                        }
                    }),
                }
            }
            // In a request only: a question's clause sets a scene ("the free funnel that got
            // you here").
            w if request && RELATIVE.contains(&w) => past_at(next_word(question, i, words)),
            // "Tell me about a time a competitor announced something."
            "time" if request => i > first && question.lower(i - 1) == "a",
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn compiled() -> &'static crate::compile::Compiled {
        static C: OnceLock<crate::compile::Compiled> = OnceLock::new();
        C.get_or_init(|| {
            let catalog = debrief_content::load(None).expect("the built-in pack loads");
            crate::compile::Compiled::new(catalog.pack())
        })
    }

    fn asks(q: &str) -> bool {
        asks_past(&Text::new(q), compiled().question_words())
    }

    #[test]
    fn the_class_is_one_the_pack_accepts() {
        assert!(debrief_pack::QUESTION_CLASSES.contains(&ASKS_PAST));
    }

    #[test]
    fn questions_about_the_candidates_past_are_read_as_such() {
        for q in [
            "How have you handled positioning when your product had a real gap?",
            "Tell me about an experiment that didn't work.",
            "Give me an example of copy you wrote and how you know whether it worked.",
            "What's the biggest launch you've led, and what did you personally own?",
            "Tell me about a time you disagreed with your manager.",
            "Have you ever killed a feature customers liked?",
            "Walk me through a decision you made with incomplete data.",
            "Which metric did you choose for the launch, and why?",
            "Describe a campaign that failed.",
            "Tell me about a project where you have personally owned the roadmap.",
            "What's the largest scope you have owned?",
            "Tell me about a time a competitor announced something and you had to respond.",
        ] {
            assert!(asks(q), "{q}");
        }
    }

    #[test]
    fn plans_habits_and_hypotheticals_are_not_the_past() {
        for q in [
            "How would you improve Google Maps for tourists?",
            "Reels shares dropped 8 percent week over week. What would you do?",
            "What do you need to learn before you settle on positioning?",
            "Design a campaign to get Gen Z shoppers excited about Prime Day.",
            "How do you decide what goes in a launch tier?",
            "A free competitor just launched with 80% of your features. Do you reposition?",
            "Why PM and not PMM?",
            "Suppose you need to cut scope by half. What goes?",
            "Tell me how you would price a premium tier.",
            "A month ago you launched a new self-serve Team plan. How do you judge whether it worked?",
            "Give me the target, the mechanism, and how you'd prove the campaign caused the sign-ups.",
            "Walk me through building the offline evaluation set: what goes in and who labels them.",
            "You're running the post-launch review for a launch you led. Who is in the room?",
            "Sales promised a prospect a feature by a date you never agreed to. What do you do?",
            "If you joined as a PM here, what would you want to have shipped by day 90?",
            "You've been a PMM for four years. Why move to PM rather than stay in PMM?",
            "Walk me through how you would write the plan and get it approved.",
            "How do you design the GTM without damaging the free funnel that got you here?",
            "Where did that number come from, and what would you need before you'd let it go live?",
        ] {
            assert!(!asks(q), "{q}");
        }
    }
}
