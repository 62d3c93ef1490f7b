//! Offers: what a candidate types (in a form, on the command line or in a comparison file)
//! checked field by field into the offer arithmetic, saved per user, and compared side by side.
//!
//! The draft keeps the candidate's own text, so a form that fails comes back exactly as typed
//! and a saved offer reads back as it was entered; only a draft that checks out is worked out.

use debrief_offer::{
    BasisPoints, Bonus, Cents, Grant, Leaving, Offer, SignOn, WorkedOffer,
    offer::{RAISE_RANGE, STOCK_CHANGE_RANGE},
};
use debrief_store::{OfferId, UserId};
use serde::{Deserialize, Deserializer, Serialize};

use debrief_pack::Catalog;

use crate::PracticeError;
use crate::app::App;

/// The most offers compared at once: more columns than this stop being readable.
pub const MAX_COMPARED: usize = 4;

/// The most grants one offer may hold.
pub const MAX_GRANTS: usize = 8;

/// The most years of sign-on one offer may list.
pub const MAX_SIGNON_YEARS: usize = 4;

/// The longest name kept.
const MAX_NAME: usize = 80;

/// One stock grant as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantDraft {
    /// Its value in dollars.
    #[serde(default, deserialize_with = "text")]
    pub amount: String,
    /// A schedule id (`amazon`, `google`, `meta`, `standard`, ...).
    #[serde(default, deserialize_with = "text")]
    pub schedule: String,
    /// The offer year vesting starts in: 1 for a new-hire grant (the default), 2 for a
    /// refresher granted after the first year.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "String::is_empty"
    )]
    pub start_year: String,
}

/// An offer as typed: every field the candidate's own text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferDraft {
    /// What to call it ("Amazon PM L6").
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// A company id: its sign-on pattern (monthly payment, prorated repayment) applies. Empty:
    /// the company of the first grant on a company's new-hire schedule, else sign-on paid up
    /// front each year and repaid in proportion.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "String::is_empty"
    )]
    pub company: String,
    /// Yearly base in dollars.
    #[serde(default, deserialize_with = "text")]
    pub base: String,
    /// Yearly raise in percent, from year two.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "String::is_empty"
    )]
    pub raise: String,
    /// Sign-on by year, in dollars.
    #[serde(
        default,
        deserialize_with = "texts",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub signon: Vec<String>,
    /// Yearly bonus: dollars, or a percentage of base such as `10%`.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "String::is_empty"
    )]
    pub bonus: String,
    /// Stock grants.
    #[serde(default, rename = "grant", skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<GrantDraft>,
}

/// A comparison file: offers, and an optional stock scenario for all of them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferFile {
    /// A yearly share-price change in percent (`-30`); flat when absent.
    #[serde(default, deserialize_with = "text")]
    pub stock_change: String,
    /// A month to show what leaving then keeps and repays.
    #[serde(default, deserialize_with = "text")]
    pub leave_at_month: String,
    /// The offers, two to four.
    #[serde(default, rename = "offer")]
    pub offers: Vec<OfferDraft>,
}

/// One thing wrong with what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The field, as the form and the file name it (`base`, `signon[2]`, `grant[1].schedule`).
    pub field: String,
    /// What was wrong and what to write instead.
    pub message: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every problem of one offer (or of a comparison), all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", problems.iter().map(|p| format!("{}{p}", if prefix.is_empty() { String::new() } else { format!("{prefix}: ") })).collect::<Vec<_>>().join("; "))]
pub struct OfferProblems {
    /// Which offer, for a comparison ("offer 2, Google PMM L5"); empty for a single offer.
    pub prefix: String,
    /// The problems.
    pub problems: Vec<FieldProblem>,
}

/// An offer worked out: the flat case, the scenario asked for (if any), and leaving early.
#[derive(Debug, Clone, Serialize)]
pub struct OfferReport {
    /// What was typed.
    pub draft: OfferDraft,
    /// The offer as the arithmetic read it.
    pub offer: Offer,
    /// Under a flat share price.
    pub flat: WorkedOffer,
    /// Under the share-price change asked for, when one was.
    pub scenario: Option<WorkedOffer>,
    /// What leaving at the month asked for keeps and repays, under the scenario (or flat).
    pub leaving: Option<Leaving>,
}

impl OfferReport {
    /// The worked figures to lead with: the scenario when one was asked for, else flat.
    pub fn main(&self) -> &WorkedOffer {
        self.scenario.as_ref().unwrap_or(&self.flat)
    }

    /// How far the first year falls below the average year, when it does: the sentence the
    /// CLI and the Offers page both show.
    pub fn back_loaded_note(&self) -> Option<String> {
        let w = self.main();
        (w.first_year < w.four_year_average).then(|| {
            format!(
                "The first year pays {} less than the average year: this offer is back-loaded.",
                (w.four_year_average - w.first_year).whole()
            )
        })
    }

    /// Under a share-price change, the flat figures beside it.
    pub fn flat_note(&self) -> Option<String> {
        self.scenario.as_ref().map(|_| {
            format!(
                "With the share price flat instead: first year {}, four-year average {}.",
                self.flat.first_year.whole(),
                self.flat.four_year_average.whole()
            )
        })
    }

    /// What leaving at the month asked for keeps and repays, as a sentence.
    pub fn leaving_note(&self) -> Option<String> {
        self.leaving.as_ref().map(|l| {
            format!(
                "Leaving after {} months: base {}, sign-on received {} of which {} is repaid, \
                 stock vested {} ({} unvested is forfeited), bonuses {}; kept {}.",
                l.month,
                l.base.whole(),
                l.signon_received.whole(),
                l.signon_owed.whole(),
                l.stock_vested.whole(),
                l.stock_forfeited.whole(),
                l.bonus.whole(),
                l.kept.whole()
            )
        })
    }
}

/// A saved offer with its draft read back.
#[derive(Debug, Clone, Serialize)]
pub struct SavedOfferDraft {
    /// Its id.
    pub id: OfferId,
    /// When it was saved (unix seconds).
    pub created_at: i64,
    /// What was typed.
    pub draft: OfferDraft,
}

/// The scenario options shared by every front end: a yearly share-price change and a month
/// to leave at, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenario {
    /// Percent a year; empty for flat.
    pub stock_change: String,
    /// A month from 0; empty for none.
    pub leave_at_month: String,
}

/// The longest horizon "leave at month" accepts: ten years.
const MAX_LEAVE_MONTH: u32 = 120;

/// Checks `draft` into an offer, or lists everything wrong with it.
pub fn read_offer(catalog: &Catalog, draft: &OfferDraft) -> Result<Offer, OfferProblems> {
    let mut problems = Vec::new();
    let mut problem =
        |field: String, message: String| problems.push(FieldProblem { field, message });
    let name = draft.name.trim();
    if name.is_empty() {
        problem(
            "name".into(),
            "is empty; name the offer, such as \"Amazon PM L6\"".into(),
        );
    } else if name.chars().count() > MAX_NAME {
        problem(
            "name".into(),
            format!("is over {MAX_NAME} characters; shorten it"),
        );
    }
    let base = match Cents::parse(&draft.base) {
        Ok(c) if c.0 > 0 => c,
        Ok(_) => {
            problem(
                "base".into(),
                "is zero; write the yearly base salary".into(),
            );
            Cents::ZERO
        }
        Err(e) => {
            problem("base".into(), e.to_string());
            Cents::ZERO
        }
    };
    let raise = optional_percent(&draft.raise, RAISE_RANGE, "a yearly raise is 0 to 50%")
        .unwrap_or_else(|e| {
            problem("raise".into(), e);
            BasisPoints(0)
        });
    let mut signon = SignOn::default();
    // The company named, else the company whose new-hire schedule a grant uses: an offer
    // with an Amazon grant is an Amazon offer, and gets Amazon's sign-on terms.
    let named = (!draft.company.trim().is_empty())
        .then(|| catalog.company(&draft.company))
        .transpose()
        .unwrap_or_else(|e| {
            problem("company".into(), e.to_string());
            None
        })
        .map(|c| c.id.clone());
    let company = named.or_else(|| {
        draft.grants.iter().find_map(|g| {
            let v = catalog.schedule(&g.schedule).ok()?.vesting;
            (v.kind == "new-hire" && !v.company.is_empty()).then(|| v.company.clone())
        })
    });
    if let Some(pattern) = company.and_then(|c| catalog.signon_pattern(&c)) {
        signon.paid = pattern.paid();
        signon.clawback = pattern.clawback();
    }
    let signons: Vec<&String> = draft
        .signon
        .iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    if signons.len() > MAX_SIGNON_YEARS {
        problem(
            "signon".into(),
            format!(
                "lists {} years; give at most {MAX_SIGNON_YEARS}",
                signons.len()
            ),
        );
    }
    for (i, text) in draft.signon.iter().enumerate() {
        if text.trim().is_empty() {
            // An empty year is a year without sign-on, as long as a later one is given.
            signon.by_year.push(Cents::ZERO);
            continue;
        }
        match Cents::parse(text) {
            Ok(c) => signon.by_year.push(c),
            Err(e) => problem(format!("signon[{}]", i + 1), e.to_string()),
        }
    }
    while signon.by_year.last() == Some(&Cents::ZERO) {
        signon.by_year.pop();
    }
    let bonus = read_bonus(&draft.bonus).unwrap_or_else(|e| {
        problem("bonus".into(), e);
        Bonus::None
    });
    let mut grants = Vec::new();
    let given: Vec<(usize, &GrantDraft)> = draft
        .grants
        .iter()
        .enumerate()
        .filter(|(_, g)| !(g.amount.trim().is_empty() && g.schedule.trim().is_empty()))
        .collect();
    if given.len() > MAX_GRANTS {
        problem(
            "grant".into(),
            format!("lists {} grants; give at most {MAX_GRANTS}", given.len()),
        );
    }
    for (i, g) in given {
        let at = |f: &str| format!("grant[{}].{f}", i + 1);
        let amount = Cents::parse(&g.amount).map_err(|e| problem(at("amount"), e.to_string()));
        let schedule = if g.schedule.trim().is_empty() {
            problem(
                at("schedule"),
                "is empty; name a vesting schedule, such as amazon".into(),
            );
            None
        } else {
            catalog
                .schedule(&g.schedule)
                .map_err(|e| problem(at("schedule"), e.to_string()))
                .ok()
        };
        let start_year = match g.start_year.trim() {
            "" => Some(1),
            t => t.parse::<u32>().ok().filter(|y| (1..=10).contains(y)).or_else(|| {
                problem(at("start_year"), format!("`{t}` is not a year from 1 to 10; 1 is the start date, 2 a grant after the first year"));
                None
            }),
        };
        if let (Ok(amount), Some(named), Some(start_year)) = (amount, schedule, start_year) {
            grants.push(Grant {
                amount,
                schedule_id: named.vesting.id.clone(),
                schedule: named.schedule,
                start_month: (start_year - 1) * 12,
            });
        }
    }
    if !problems.is_empty() {
        return Err(OfferProblems {
            prefix: String::new(),
            problems,
        });
    }
    Ok(Offer {
        name: name.to_owned(),
        base,
        raise,
        signon,
        bonus,
        grants,
    })
}

/// Works `draft` out flat and under the scenario, or lists what is wrong with it.
pub fn work_out_offer(
    catalog: &Catalog,
    draft: &OfferDraft,
    scenario: &Scenario,
) -> Result<OfferReport, OfferProblems> {
    let (change, leave) = read_scenario(scenario).map_err(|problems| OfferProblems {
        prefix: String::new(),
        problems,
    })?;
    let offer = read_offer(catalog, draft)?;
    Ok(report(draft.clone(), offer, change, leave))
}

/// Works out two to four offers under one scenario, for a side-by-side comparison.
pub fn compare_offers(
    catalog: &Catalog,
    drafts: &[OfferDraft],
    scenario: &Scenario,
) -> Result<Vec<OfferReport>, OfferProblems> {
    if !(2..=MAX_COMPARED).contains(&drafts.len()) {
        return Err(OfferProblems {
            prefix: String::new(),
            problems: vec![FieldProblem {
                field: "offer".into(),
                message: format!("{} offers given; compare 2 to {MAX_COMPARED}", drafts.len()),
            }],
        });
    }
    let (change, leave) = read_scenario(scenario).map_err(|problems| OfferProblems {
        prefix: String::new(),
        problems,
    })?;
    let mut reports = Vec::with_capacity(drafts.len());
    let mut problems = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        match read_offer(catalog, draft) {
            Ok(offer) => reports.push(report(draft.clone(), offer, change, leave)),
            Err(e) => problems.extend(e.problems.into_iter().map(|p| FieldProblem {
                field: format!("offer[{}].{}", i + 1, p.field),
                message: p.message,
            })),
        }
    }
    if problems.is_empty() {
        Ok(reports)
    } else {
        Err(OfferProblems {
            prefix: String::new(),
            problems,
        })
    }
}

/// Reads a comparison file (TOML: `[[offer]]` tables, and optionally `stock_change` and
/// `leave_at_month`) and compares its offers.
pub fn compare_offer_file(
    catalog: &Catalog,
    text: &str,
) -> Result<Vec<OfferReport>, OfferProblems> {
    let file: OfferFile = toml::from_str(text).map_err(|e| OfferProblems {
        prefix: String::new(),
        problems: vec![FieldProblem {
            field: "file".into(),
            message: format!(
                "is not a comparison file: {}; write [[offer]] tables with name, base, signon, bonus and [[offer.grant]] amount and schedule",
                e.message()
            ),
        }],
    })?;
    let scenario = Scenario {
        stock_change: file.stock_change,
        leave_at_month: file.leave_at_month,
    };
    compare_offers(catalog, &file.offers, &scenario)
}

impl App {
    /// Saves `draft` for `user` once it checks out; a draft with problems is refused with
    /// them and nothing is saved.
    pub async fn save_offer(
        &self,
        user: UserId,
        draft: &OfferDraft,
    ) -> Result<Result<SavedOfferDraft, OfferProblems>, PracticeError> {
        if let Err(problems) = read_offer(self.catalog(), draft) {
            return Ok(Err(problems));
        }
        let json = serde_json::to_string(draft)?;
        let created_at = self.clock().now();
        let row = self
            .store()
            .save_offer(user.get(), created_at, draft.name.trim(), &json)
            .await?;
        Ok(Ok(SavedOfferDraft {
            id: row.id,
            created_at,
            draft: draft.clone(),
        }))
    }

    /// The offers `user` saved, oldest first.
    pub async fn saved_offers(&self, user: UserId) -> Result<Vec<SavedOfferDraft>, PracticeError> {
        let rows = self.store().offers(user.get()).await?;
        rows.into_iter()
            .map(|row| {
                Ok(SavedOfferDraft {
                    id: row.id,
                    created_at: row.created_at,
                    draft: serde_json::from_str(&row.offer_json)?,
                })
            })
            .collect()
    }

    /// Deletes one of `user`'s offers.
    pub async fn delete_offer(&self, user: UserId, id: OfferId) -> Result<(), PracticeError> {
        self.store().delete_offer(user.get(), id).await?;
        Ok(())
    }
}

/// What a comparison shows at a glance, in sentences: which offer pays most in the first year
/// and on average over four, and each year the lead changes hands. Whole dollars.
pub fn comparison_notes(reports: &[OfferReport]) -> Vec<String> {
    let mut notes = Vec::new();
    if reports.len() < 2 {
        return notes;
    }
    let best = |get: &dyn Fn(&WorkedOffer) -> Cents| -> (usize, Cents) {
        let mut order: Vec<(usize, Cents)> = reports
            .iter()
            .enumerate()
            .map(|(i, r)| (i, get(r.main())))
            .collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (order[0].0, order[0].1 - order[1].1)
    };
    let name = |i: usize| reports[i].offer.name.as_str();
    let (first, by) = best(&|w| w.first_year);
    if by.0 == 0 {
        notes.push("The top two offers pay the same in the first year.".to_owned());
    } else {
        notes.push(format!(
            "{} pays the most in the first year, {} more than the next.",
            name(first),
            by.whole()
        ));
    }
    let (average, by) = best(&|w| w.four_year_average);
    if by.0 == 0 {
        notes.push("The top two offers have the same four-year average.".to_owned());
    } else {
        notes.push(format!(
            "{} pays the most on average over four years, {} a year more than the next.",
            name(average),
            by.whole()
        ));
    }
    // Which offer pays most in a year; the earlier-listed one on a tie.
    let leader = |year: usize| {
        reports
            .iter()
            .enumerate()
            .max_by(|a, b| {
                let total = |r: &OfferReport| r.main().years.get(year).map(|y| y.total);
                total(a.1).cmp(&total(b.1)).then(b.0.cmp(&a.0))
            })
            .map(|(i, _)| i)
    };
    let years = reports
        .iter()
        .map(|r| r.main().years.len())
        .min()
        .unwrap_or(0);
    for year in 1..years {
        if let (Some(before), Some(now)) = (leader(year - 1), leader(year))
            && before != now
        {
            notes.push(format!(
                "From year {} {} pays more than {}.",
                year + 1,
                name(now),
                name(before)
            ));
        }
    }
    notes
}

fn report(
    draft: OfferDraft,
    offer: Offer,
    change: Option<BasisPoints>,
    leave: Option<u32>,
) -> OfferReport {
    let flat = offer.work_out(BasisPoints(0));
    let scenario = change.filter(|c| c.0 != 0).map(|c| offer.work_out(c));
    let leaving = leave.map(|m| offer.leave_at(m, change.unwrap_or_default()));
    OfferReport {
        draft,
        offer,
        flat,
        scenario,
        leaving,
    }
}

fn read_scenario(s: &Scenario) -> Result<(Option<BasisPoints>, Option<u32>), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let change = match s.stock_change.trim() {
        "" => None,
        t => BasisPoints::parse_percent(
            t,
            STOCK_CHANGE_RANGE,
            "a yearly share-price change is from -95% to +200%",
        )
        .map_err(|e| {
            problems.push(FieldProblem {
                field: "stock_change".into(),
                message: e.to_string(),
            })
        })
        .ok(),
    };
    let leave = match s.leave_at_month.trim() {
        "" => None,
        t => t
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=MAX_LEAVE_MONTH).contains(m))
            .or_else(|| {
                problems.push(FieldProblem {
                    field: "leave_at_month".into(),
                    message: format!(
                        "`{t}` is not a month from 1 to {MAX_LEAVE_MONTH}; 6 means leaving six months after the start date"
                    ),
                });
                None
            }),
    };
    if problems.is_empty() {
        Ok((change, leave))
    } else {
        Err(problems)
    }
}

fn optional_percent(
    text: &str,
    range: std::ops::RangeInclusive<i32>,
    why: &'static str,
) -> Result<BasisPoints, String> {
    if text.trim().is_empty() {
        return Ok(BasisPoints(0));
    }
    BasisPoints::parse_percent(text, range, why).map_err(|e| e.to_string())
}

/// A bonus: empty for none, `10%` for a share of base, anything else dollars.
fn read_bonus(text: &str) -> Result<Bonus, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Bonus::None);
    }
    if t.ends_with('%') {
        return BasisPoints::parse_percent(t, 0..=10_000, "a bonus is 0 to 100% of base")
            .map(Bonus::PercentOfBase)
            .map_err(|e| e.to_string());
    }
    Cents::parse(t)
        .map(|c| {
            if c.0 == 0 {
                Bonus::None
            } else {
                Bonus::Amount(c)
            }
        })
        .map_err(|e| e.to_string())
}

/// Money and percentages may be typed as text or as TOML numbers; both are kept as text.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Int(i64),
        Float(f64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Text(s) => s,
        Raw::Int(i) => i.to_string(),
        Raw::Float(f) => f.to_string(),
    })
}

/// A list of amounts, or one text of them separated by commas.
fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<Item>),
        One(Item),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item {
        Text(String),
        Int(i64),
        Float(f64),
    }
    let item = |i: Item| match i {
        Item::Text(s) => s,
        Item::Int(i) => i.to_string(),
        Item::Float(f) => f.to_string(),
    };
    Ok(match Raw::deserialize(d)? {
        Raw::List(v) => v.into_iter().map(item).collect(),
        Raw::One(i) => split_amounts(&item(i)),
    })
}

/// `"55000, 45000"` as two amounts. Commas inside one amount (`55,000`) are told apart by
/// the one to three digits before them and exactly three after.
pub fn split_amounts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let thousands = c == ','
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && chars.get(i + 4).is_none_or(|n| !n.is_ascii_digit())
            && (1..=3).contains(
                &current
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .count(),
            );
        if (c == ',' && !thousands) || c == ';' || c == '/' {
            out.push(current.trim().to_owned());
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() || !out.is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_content::{SourceFile, built_in_files, load_layers};

    /// The built-in pack with two schedules of known shape laid over it, so these tests hold
    /// whatever the content's own figures say.
    fn catalog() -> Catalog {
        let overlay = SourceFile {
            path: "test/pay.toml".into(),
            text: r#"
[[vesting]]
id = "amazon"
company = "amazon"
kind = "new-hire"
name = "test back-loaded"
percent_by_year = [5, 15, 40, 40]
vests_per_year = [1, 1, 2, 2]
about = "test"
source = "test"
url = "https://example.org/a"
as_of = "2025"
sources = "one"

[[vesting]]
id = "even-annual"
kind = "refresher"
name = "test even"
percent_by_year = [25, 25, 25, 25]
vests_per_year = [1, 1, 1, 1]
about = "test"
source = "test"
url = "https://example.org/b"
as_of = "2025"
sources = "one"

[[signon]]
company = "amazon"
years = 2
paid = "monthly"
clawback = "prorated"
about = "test"
source = "test"
url = "https://example.org/c"
as_of = "2025"
sources = "one"
"#
            .into(),
        };
        load_layers(&built_in_files(), &[overlay]).expect("the test pack loads")
    }

    fn draft(name: &str, base: &str, signon: &[&str], grants: &[(&str, &str)]) -> OfferDraft {
        OfferDraft {
            name: name.into(),
            company: "amazon".into(),
            base: base.into(),
            signon: signon.iter().map(|s| (*s).to_owned()).collect(),
            grants: grants
                .iter()
                .map(|(a, s)| GrantDraft {
                    amount: (*a).into(),
                    schedule: (*s).into(),
                    start_year: String::new(),
                })
                .collect(),
            ..OfferDraft::default()
        }
    }

    #[test]
    fn the_issue_example_gives_a_first_year_below_the_average() {
        let c = catalog();
        let d = draft(
            "Amazon",
            "150000",
            &["50000", "40000"],
            &[("200000", "amazon")],
        );
        let r = work_out_offer(&c, &d, &Scenario::default()).expect("valid");
        let totals: Vec<i64> = r.flat.years.iter().map(|y| y.total.dollars()).collect();
        // Y1 150,000 + 50,000 + 5% x 200,000 (10,000)  = 210,000
        // Y2 150,000 + 40,000 + 15% (30,000)           = 220,000
        // Y3 150,000 + 40% (80,000)                    = 230,000
        // Y4 150,000 + 40% (80,000)                    = 230,000
        assert_eq!(totals, vec![210_000, 220_000, 230_000, 230_000]);
        assert_eq!(r.flat.four_year_average.dollars(), 222_500);
        assert!(r.flat.first_year < r.flat.four_year_average);
        // 150,000 + 90,000 / 4 + 200,000 / 4 = 222,500
        assert_eq!(r.flat.spread_evenly.dollars(), 222_500);
        assert_eq!(r.offer.signon.paid, debrief_offer::Paid::Monthly);
        assert!(r.scenario.is_none());
    }

    #[test]
    fn every_problem_is_named_with_its_field_and_a_fix() {
        let c = catalog();
        let mut d = draft(
            "",
            "lots",
            &["50k", "-3"],
            &[("200000", "amazn"), ("x", "")],
        );
        d.bonus = "150%".into();
        d.raise = "3.333".into();
        let e = read_offer(&c, &d).expect_err("bad draft");
        let fields: Vec<&str> = e.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "base",
                "raise",
                "signon[2]",
                "bonus",
                "grant[1].schedule",
                "grant[2].amount",
                "grant[2].schedule"
            ]
        );
        let schedule = &e.problems[5].message;
        assert!(schedule.contains("did you mean `amazon`"), "{schedule}");
        assert!(e.problems[1].message.contains("150k"), "says what to write");
    }

    #[test]
    fn a_comparison_file_reads_numbers_or_text_and_applies_its_scenario() {
        let c = catalog();
        let file = r#"
stock_change = -30
leave_at_month = 6

[[offer]]
name = "Amazon PM L6"
company = "amazon"
base = 150000
signon = [55000, 45000]
[[offer.grant]]
amount = "150,000"
schedule = "amazon"

[[offer]]
name = "Other PMM L5"
base = "170k"
bonus = "10%"
signon = "20,000"
[[offer.grant]]
amount = 100000
schedule = "even-annual"
[[offer.grant]]
amount = 40000
schedule = "even-annual"
start_year = 2
"#;
        let reports = compare_offer_file(&c, file).expect("valid file");
        assert_eq!(reports.len(), 2);
        let amazon = &reports[0];
        let scenario = amazon.scenario.as_ref().expect("a scenario was asked for");
        assert_eq!(scenario.years[0].stock.dollars(), 5_250);
        let leaving = amazon.leaving.expect("leave month given");
        assert_eq!(leaving.signon_owed.dollars(), 13_750);
        let other = &reports[1];
        assert_eq!(other.flat.years[0].bonus.dollars(), 17_000);
        assert_eq!(other.flat.years[0].signon.dollars(), 20_000);
        assert_eq!(other.offer.signon.paid, debrief_offer::Paid::UpFront);
        let stock: Vec<i64> = other.flat.years.iter().map(|y| y.stock.dollars()).collect();
        assert_eq!(stock, vec![25_000, 35_000, 35_000, 35_000]);

        let one =
            compare_offer_file(&c, "[[offer]]\nname = \"a\"\nbase = 1\n").expect_err("one offer");
        assert!(one.to_string().contains("compare 2 to 4"), "{one}");
        let broken = compare_offer_file(&c, "[[offer]\n").expect_err("not TOML");
        assert_eq!(broken.problems[0].field, "file");
        let unknown = compare_offer_file(&c, "[[offer]]\nname = \"a\"\nsalary = 1\n")
            .expect_err("unknown field");
        assert!(unknown.to_string().contains("salary"), "{unknown}");
    }

    #[test]
    fn comparison_notes_name_the_leader_and_each_change_of_lead() {
        let c = catalog();
        let amazon = draft(
            "Amazon",
            "150000",
            &["55000", "45000"],
            &[("150000", "amazon")],
        );
        let flat = draft("Flat", "215000", &[], &[]);
        let reports = compare_offers(&c, &[amazon, flat], &Scenario::default()).expect("valid");
        // Amazon: 212,500 / 217,500 / 210,000 / 210,000; Flat: 215,000 every year.
        assert_eq!(
            comparison_notes(&reports),
            vec![
                "Flat pays the most in the first year, $2,500 more than the next.",
                "Flat pays the most on average over four years, $2,500 a year more than the next.",
                "From year 2 Amazon pays more than Flat.",
                "From year 3 Flat pays more than Amazon.",
            ]
        );
        assert!(comparison_notes(&reports[..1]).is_empty());
    }

    #[test]
    fn amounts_split_on_commas_that_are_not_thousands() {
        assert_eq!(split_amounts("50000,40000"), vec!["50000", "40000"]);
        assert_eq!(split_amounts("55,000, 45,000"), vec!["55,000", "45,000"]);
        assert_eq!(split_amounts("1,500,000"), vec!["1,500,000"]);
        assert_eq!(split_amounts("50k;40k"), vec!["50k", "40k"]);
        assert_eq!(split_amounts("55000,450"), vec!["55000", "450"]);
        assert!(split_amounts("").is_empty());
    }
}
