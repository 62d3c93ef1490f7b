//! A decision rule that decides nothing: every branch ends in the same action ("if repeat rate
//! reaches 25% we expand; if it lands between 18% and 25% we expand; if it falls below 18% we
//! expand"). A test or a pilot is worth running only if some result would change what the team
//! does, so an interviewer hears such a rule as a plan that was settled before the data, however
//! carefully the test around it is laid out. Fluent nonsense writes it often, because it copies
//! the shape of a decision rule without its content; a real candidate who says it has stopped
//! reasoning about the test.
//!
//! Which words name an action a rule can end in ("expand", "launch", "stop") is the pack's
//! business: the `fixed-decision` metric passes the tokens where its rule's phrases match, as
//! asserted (a negated "we don't expand" is another outcome).

use debrief_text::{Text, crude_stem};

/// One branch of a rule: the sentence it is in, the token of its "if" and of its action.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Branch {
    /// Index of the sentence.
    pub sentence: usize,
    /// The "if" that opens the branch.
    pub first: usize,
    /// The action word of its consequence.
    pub action: usize,
}

/// Words that may stand between a branch's condition and its action: who acts, when, how
/// surely ("we'd", "then", "still", "go ahead and").
const BEFORE_ACTION: [&str; 24] = [
    "we",
    "i",
    "we'd",
    "i'd",
    "we'll",
    "i'll",
    "would",
    "will",
    "should",
    "then",
    "still",
    "also",
    "just",
    "immediately",
    "simply",
    "go",
    "ahead",
    "and",
    "to",
    "we're",
    "i'm",
    "are",
    "am",
    "recommend",
];

/// How far past the start of a branch its condition may run before the comma that ends it.
const CONDITION_WORDS: usize = 24;

/// How many words after a branch's action may name what it acts on.
const OBJECT_WORDS: usize = 5;

/// How many sentences may separate two branches of one rule.
const GAP: usize = 2;

/// Words that join a clause to the one before it and may come before its "if".
const JOINS: [&str; 6] = ["and", "but", "or", "then", "otherwise", "so"];

/// Whether the text between two tokens (or before the first) holds a clause break.
fn breaks_clause(text: &Text<'_>, i: usize) -> bool {
    let from = if i == 0 { 0 } else { text.tokens[i - 1].end };
    i == 0
        || text.tokens[i - 1].sentence != text.tokens[i].sentence
        || text.source[from..text.tokens[i].start].contains([';', ':', '('])
}

/// The branch opened by the "if" at `i`, if `i` opens a clause and its consequence starts with
/// an action (`action(token)`); `None` for any other "if", and `Some(None)` for a branch whose
/// consequence is no known action (it still splits a run: the rule can end in two ways).
fn branch_at(
    text: &Text<'_>,
    i: usize,
    is_action: &impl Fn(usize) -> bool,
) -> Option<Option<Branch>> {
    if text.lower(i) != "if" {
        return None;
    }
    let opens = breaks_clause(text, i)
        || (i > 0 && JOINS.contains(&text.lower(i - 1)) && breaks_clause(text, i - 1));
    if !opens {
        return None;
    }
    let sentence = text.tokens[i].sentence;
    let end = text.sentences[sentence].end_token;
    // The condition ends at the first comma after the "if".
    let after_comma = (i + 1..end.min(i + 1 + CONDITION_WORDS))
        .find(|&j| text.source[text.tokens[j - 1].end..text.tokens[j].start].contains(','))?;
    let action = (after_comma..end)
        .take(BEFORE_ACTION.len())
        .find(|&j| !BEFORE_ACTION.contains(&text.lower(j)))?;
    // "If the annual plan wins, we launch the annual plan": the action takes what its own
    // condition names, so branches that launch different things pick a winner, which is a
    // decision, however alike their verbs.
    let content = |j: &usize| {
        !text.tokens[*j].function && text.tokens[*j].kind != debrief_text::TokenKind::Number
    };
    let names_condition = (action + 1..end.min(action + 1 + OBJECT_WORDS))
        .filter(content)
        .any(|j| {
            (i + 1..after_comma)
                .filter(content)
                .any(|c| text.lower(c) == text.lower(j))
        });
    Some((is_action(action) && !names_condition).then_some(Branch {
        sentence,
        first: i,
        action,
    }))
}

/// The longest run of branches in neighbouring sentences that all end in the same action
/// (two or more), or an empty run. A branch with another action, or with none known, ends a
/// run: a rule with two outcomes decides something.
pub fn fixed_rule(text: &Text<'_>, is_action: &impl Fn(usize) -> bool) -> Vec<Branch> {
    let mut longest: Vec<Branch> = Vec::new();
    let mut run: Vec<Branch> = Vec::new();
    let mut close = |run: &mut Vec<Branch>| {
        if run.len() >= 2 && run.len() > longest.len() {
            longest = std::mem::take(run);
        }
        run.clear();
    };
    for i in 0..text.tokens.len() {
        let Some(branch) = branch_at(text, i, is_action) else {
            continue;
        };
        match branch {
            Some(b)
                if run.last().is_none_or(|last| {
                    b.sentence - last.sentence <= GAP
                        && crude_stem(text.lower(last.action)) == crude_stem(text.lower(b.action))
                }) =>
            {
                run.push(b);
            }
            Some(b) => {
                close(&mut run);
                run.push(b);
            }
            None => close(&mut run),
        }
    }
    close(&mut run);
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length of the longest fixed rule, reading the actions from a short list.
    fn longest(s: &str) -> usize {
        let text = Text::new(s);
        let verbs = [
            "expand", "launch", "ship", "stop", "wait", "scale", "extend",
        ];
        let is_action = |t: usize| verbs.contains(&crude_stem(text.lower(t)));
        fixed_rule(&text, &is_action).len()
    }

    #[test]
    fn every_branch_to_one_action_is_found() {
        assert_eq!(
            longest(
                "Then the decision rule. If repeat rate reaches 25% or more, we expand to city \
                 three. If it lands between 18% and 25%, we expand, because of momentum. If it \
                 falls below 18%, we expand, to start clean."
            ),
            3
        );
        assert_eq!(
            longest(
                "If sign-ups rise, we'd launch; if they stay flat, we'd still launch; and if \
                 they fall, we launch anyway."
            ),
            3
        );
        assert_eq!(
            longest("If it wins, we ship it. If it loses, we ship it too."),
            2
        );
    }

    #[test]
    fn a_rule_with_two_outcomes_decides_something() {
        assert_eq!(
            longest(
                "If repeat rate reaches 25%, we expand. If it lands between 18% and 25%, we \
                 extend the test a month. If it falls below 18%, we stop and fix supply."
            ),
            0
        );
        // Branches that act on what their own condition names pick a winner.
        assert_eq!(
            longest(
                "If the annual plan wins, we launch the annual plan. If the monthly plan wins, \
                 we launch the monthly plan. If neither wins, we launch both and let people \
                 choose."
            ),
            0
        );
        // A consequence that is no known action splits the run too.
        assert_eq!(
            longest(
                "If it reaches 25%, we expand. If it lands between, the team reviews it. If it \
                 falls below 18%, we expand."
            ),
            0
        );
    }

    #[test]
    fn branches_far_apart_or_mid_clause_are_not_one_rule() {
        assert_eq!(
            longest(
                "If the pilot works, we launch. We hired two people. The office moved. It \
                 rained. If the pricing test works, we launch. Later, if anything, we launch."
            ),
            0
        );
        // "if" inside a clause ("even if", "only if") opens no branch.
        assert_eq!(
            longest("We launch even if, we launch as if, and we launch only if, it works."),
            0
        );
    }
}
