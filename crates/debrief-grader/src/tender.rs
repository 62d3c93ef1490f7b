//! Payment in something that is not money: "drivers are paid in Byzantine gold", "royalties
//! paid in thunderclaps", "payment is in brass keys", "they'd pay us in mushrooms", and a price
//! stated in it: "pricing is 14 penguin-hours per month", "priced at two dreams per bar". A real
//! answer says what is paid in a currency, an instrument (cash, credits, equity, vouchers), a
//! schedule (instalments, arrears, 30 days, the next payroll run) or a place; nonsense in the
//! right frame reaches for a currency no one accepts, and an interviewer stops it there.
//!
//! The words that open a payment ("paid", "billed", "payable") and the words that may follow
//! "in" in a real one are word lists of the pack (`payment-words`, `money-terms`); any number,
//! spelled or in digits, and any country the pack knows also make the payment real.

use debrief_text::{Text, TokenKind};

use crate::plausible::{Impossible, Lists, value, word_after};

/// How many words after "in" may say what is paid: "in a few large cheques".
const TERM_WORDS: usize = 4;

/// Who a payment may be made to between its verb and "in": "they'd pay us in mushrooms".
const PAID_TO: [&str; 7] = ["us", "them", "you", "me", "him", "her", "it"];

/// Words right after a price's bare figure that keep it money: "priced at 29 per seat",
/// "a price of 12 a month".
const PER: [&str; 7] = ["per", "a", "an", "each", "x", "times", "cents"];

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
            && PAID_TO.contains(&before)
            && back(2).is_some_and(|w| lists.payment_words.contains(w)))
        || (same(2)
            && matches!(before, "is" | "are" | "was" | "were")
            && back(2).is_some_and(|w| lists.payment_nouns.contains(w)))
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

/// The token of a price's figure after the price word at `i`: "priced at 12", "pricing is
/// set at eleven", "price: 3", "a price of about 40". None when `i` opens no price.
fn price_figure(text: &Text<'_>, i: usize, lists: &Lists) -> Option<usize> {
    let mut k = match (text.lower(i), word_after(text, i, 1)?) {
        ("priced", "at") | ("price" | "pricing", "is") | ("prices", "are") | ("price", "of") => 2,
        ("price" | "pricing", _) if text.source[text.tokens[i].end..].starts_with(':') => 1,
        _ => return None,
    };
    if word_after(text, i, k) == Some("set") && word_after(text, i, k + 1) == Some("at") {
        k += 2;
    }
    if word_after(text, i, k).is_some_and(|w| lists.figure_hedges.contains(w)) {
        k += 1;
    }
    word_after(text, i, k)?;
    let at = i + k;
    let small = crate::whole::small_count(text.lower(at)).is_some();
    (text.tokens[at].kind == TokenKind::Number || text.is_spelled_number(at) || small).then_some(at)
}

/// Every payment said to be made in something that is not money, and every price stated in
/// it, in answer order.
pub(crate) fn non_money(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    if lists.payment_words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for i in 0..text.tokens.len() {
        let word = text.lower(i);
        if word == "in" {
            if opens_payment(text, i, lists)
                && word_after(text, i, 1).is_some()
                && !names_money(text, i, lists)
            {
                out.push(Impossible {
                    first: i - 1,
                    last: (i + 2).min(text.sentences[text.tokens[i].sentence].end_token - 1),
                    why: "a payment in something that is not money",
                });
            }
        } else if word.starts_with("pric")
            && let Some(at) = price_figure(text, i, lists)
            && value(text, at).is_none_or(|(_, percent, money)| !percent && !money)
            && !text.lower(at).ends_with('x')
            && let Some(unit) = word_after(text, at, 1)
            && !lists.money_terms.contains(unit)
            && !PER.contains(&unit)
            && debrief_text::scale_word(unit).is_none()
        {
            out.push(Impossible {
                first: i,
                last: at + 1,
                why: "a price in something that is not money",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let set = crate::plausible::word_set;
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
                "pounds",
            ]),
            places: crate::plausible::Places::new([("india", 1.6e9)]),
            figure_hedges: set(&["about", "roughly", "around"]),
            payment_nouns: set(&["payment", "payments", "billing"]),
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
        assert_eq!(
            found("Colonists would pay us in mushrooms that recite poetry."),
            1
        );
        assert_eq!(found("Pricing is 14 penguin-hours per month per fjord."), 1);
        assert_eq!(found("Bars are priced at two dreams per bar."), 1);
        assert_eq!(found("Pricing is set at eleven yawns per month."), 1);
        assert_eq!(found("Pricing: 3 ounces of bottled moonlight per seat."), 1);
    }

    #[test]
    fn real_prices_are_left_alone() {
        for fine in [
            "The price is 6.99 pounds a month.",
            "A price of around thirty dollars felt fair to most buyers.",
            "We priced at $29 per seat, and pricing is 20% below the incumbent.",
            "Pricing: 3 tiers, from free to $40.",
            "It is priced at 2x the old plan.",
            "Pricing is per seat, priced at 12 per seat per month.",
            "The price is 4 million a year for the whole estate.",
        ] {
            assert_eq!(found(fine), 0, "{fine}");
        }
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
