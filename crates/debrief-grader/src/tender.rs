//! Payment in something that is not money: "drivers are paid in Byzantine gold", "royalties
//! paid in thunderclaps", "payment is in brass keys", "priced in baskets of moonlight". A real
//! answer says what is paid in a currency, an instrument (cash, credits, equity, vouchers), a
//! schedule (instalments, arrears, 30 days, the next payroll run) or a place; nonsense in the
//! right frame reaches for a currency no one accepts, and an interviewer stops it there.
//!
//! The words that open a payment ("paid", "billed", "payable") and the words that may follow
//! "in" in a real one are word lists of the pack (`payment-words`, `money-terms`); any number,
//! spelled or in digits, and any country the pack knows also make the payment real.

use debrief_text::{Text, TokenKind};

use crate::plausible::{Impossible, Lists, word_after};

/// How many words after "in" may say what is paid: "in a few large cheques".
const TERM_WORDS: usize = 4;

/// Nouns that open a payment when "is" or "are" stands before "in": "payment is in brass keys".
const PAYMENT_NOUNS: [&str; 4] = ["payment", "payments", "billing", "compensation"];

/// Whether the "in" at `i` opens what a payment is made in.
fn opens_payment(text: &Text<'_>, i: usize, lists: &Lists) -> bool {
    let back = |k: usize| (i >= k).then(|| text.lower(i - k));
    let same = |k: usize| i >= k && text.tokens[i - k].sentence == text.tokens[i].sentence;
    if !same(1) {
        return false;
    }
    let before = back(1).unwrap_or_default();
    lists.payment_words.contains(before)
        || (same(2)
            && matches!(before, "is" | "are" | "was" | "were")
            && back(2).is_some_and(|w| PAYMENT_NOUNS.contains(&w)))
        || (same(2) && before == "for" && back(2).is_some_and(|w| lists.payment_words.contains(w)))
}

/// Whether the words after the "in" at `i` name money, a way or time of paying, a number or a
/// place.
fn names_money(text: &Text<'_>, i: usize, lists: &Lists) -> bool {
    let source = text.source.as_bytes();
    for k in 1..=TERM_WORDS {
        let Some(word) = word_after(text, i, k) else {
            return k > 1;
        };
        let t = i + k;
        if text.tokens[t].kind == TokenKind::Number
            || text.is_spelled_number(t)
            || lists.money_terms.contains(word)
            || lists.places.starts(word)
        {
            return true;
        }
        // A clause ends at a comma or a stop: what follows is no longer the currency.
        let gap = &source[text.tokens[t].end..source.len().min(text.tokens[t].end + 1)];
        if gap.first().is_some_and(|b| b",;:.".contains(b)) {
            return false;
        }
    }
    false
}

/// Every payment said to be made in something that is not money, in answer order.
pub(crate) fn non_money(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    if lists.payment_words.is_empty() {
        return Vec::new();
    }
    (0..text.tokens.len())
        .filter(|&i| text.lower(i) == "in" && opens_payment(text, i, lists))
        .filter(|&i| word_after(text, i, 1).is_some() && !names_money(text, i, lists))
        .map(|i| Impossible {
            first: i - 1,
            last: (i + 2).min(text.sentences[text.tokens[i].sentence].end_token - 1),
            why: "a payment in something that is not money",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let set = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect();
        Lists {
            payment_words: set(&["paid", "pay", "payable", "billed", "priced", "invoiced"]),
            money_terms: set(&[
                "cash",
                "dollars",
                "euros",
                "pesos",
                "instalments",
                "advance",
                "full",
                "days",
                "credits",
                "equity",
                "cheques",
                "products",
                "tiers",
                "next",
                "local",
                "currency",
                "person",
                "app",
                "rupees",
            ]),
            places: crate::plausible::Places::new([("india", 1.6e9)]),
            ..Lists::default()
        }
    }

    fn found(answer: &str) -> usize {
        non_money(&Text::new(answer), &lists()).len()
    }

    #[test]
    fn payment_in_what_is_not_money_is_found() {
        assert_eq!(
            found("Drivers are paid in Byzantine gold minted for burrito runs."),
            1
        );
        assert_eq!(found("Royalties are paid in Prussian thunderclaps."), 1);
        assert_eq!(found("Payment is in brass keys, collected weekly."), 1);
        assert_eq!(
            found("Cups are priced in baskets of moonlight per cubit."),
            1
        );
        assert_eq!(found("Umbrellas are paid for in Victorian apologies."), 1);
    }

    #[test]
    fn real_payments_are_left_alone() {
        for fine in [
            "Invoices were paid in 7 days instead of 30.",
            "Partners are paid in free products rather than cash.",
            "Customers pay in local currency, in the app or in person.",
            "Big accounts paid in a few large cheques a year.",
            "We priced in three tiers.",
            "Sellers in India are paid in rupees; we bill them in advance.",
            "Staff are paid in full, in the next payroll run.",
            "Contractors pay in.",
        ] {
            assert_eq!(found(fine), 0, "{fine}");
        }
    }
}
