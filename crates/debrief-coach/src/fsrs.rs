//! Practice scheduling: weak round kinds and Leadership Principles come back on a
//! spaced-repetition schedule, using the FSRS model (Free Spaced Repetition Scheduler, the one
//! Anki ships).
//!
//! A [`Card`] is one area of practice (a round kind such as `product-sense`, or an LP such as
//! `earn-trust`); every graded answer is a review of the cards it touches. An answer below the
//! hire bar is a lapse ([`Grade::Again`]): the card comes back tomorrow. An answer at or above
//! the bar is a recall, and the card's next due day moves out as its memory stability grows, so
//! strong areas fade from the queue and weak ones keep returning.
//!
//! The model, in brief (FSRS-5, as published by its authors in the open-spaced-repetition
//! project's algorithm description, 2024):
//! - retrievability after `t` days at stability `S`: `R = (1 + F·t/S)^C` with `C = -0.5` and
//!   `F = 19/81`, so `R = 0.9` exactly when `t = S`;
//! - the next interval for a desired retention `r`: `I = S/F · (r^(1/C) - 1)`;
//! - stability and difficulty update by the formulas in [`Scheduler::review`], with the 19
//!   default parameters of [`DEFAULT_PARAMETERS`].
//!
//! Pure: the caller passes `now` (unix seconds); nothing here reads a clock. Intervals are whole
//! days, at least one, so a review never brings a card back the same day.

use serde::{Deserialize, Serialize};

/// Seconds in a day.
const DAY: i64 = 86_400;
/// The forgetting curve's exponent.
const DECAY: f64 = -0.5;
/// Chosen so that retrievability is 0.9 when the elapsed time equals the stability.
const FACTOR: f64 = 19.0 / 81.0;

/// FSRS-5's default parameters (w0..w18), the published defaults trained on Anki review logs.
pub const DEFAULT_PARAMETERS: [f64; 19] = [
    0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925,
    1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
];

/// How well an area went at a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    /// Below the bar: a lapse.
    Again = 1,
    /// At the bar, only just.
    Hard = 2,
    /// Comfortably at the bar.
    Good = 3,
    /// Well above the bar.
    Easy = 4,
}

impl Grade {
    /// The grade of an answer's overall score, given the grader's hire and strong-hire
    /// thresholds: below hire is [`Grade::Again`]; the first ten points above the bar are
    /// [`Grade::Hard`]; up to strong hire is [`Grade::Good`]; strong hire is [`Grade::Easy`].
    pub fn from_score(score: u32, hire: u32, strong_hire: u32) -> Grade {
        if score < hire {
            Grade::Again
        } else if score < strong_hire.min(hire.saturating_add(10)) {
            Grade::Hard
        } else if score < strong_hire {
            Grade::Good
        } else {
            Grade::Easy
        }
    }

    /// The grade's id, as stored.
    pub fn id(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    fn value(self) -> f64 {
        f64::from(self as u8)
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Never reviewed.
    New,
    /// Reviewed, but never yet at the bar.
    Learning,
    /// At the bar last time.
    Review,
    /// Fell below the bar after having reached it.
    Relearning,
}

impl State {
    /// The state's id, as stored.
    pub fn id(self) -> &'static str {
        match self {
            State::New => "new",
            State::Learning => "learning",
            State::Review => "review",
            State::Relearning => "relearning",
        }
    }

    /// The state with this id.
    pub fn parse(id: &str) -> Option<State> {
        match id {
            "new" => Some(State::New),
            "learning" => Some(State::Learning),
            "review" => Some(State::Review),
            "relearning" => Some(State::Relearning),
            _ => None,
        }
    }
}

/// The schedule of one practice area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// `kind:<round kind id>` or `lp:<principle id>`.
    pub key: String,
    /// Where the card is in its life.
    pub state: State,
    /// When it is next due, unix seconds.
    pub due: i64,
    /// Days until retrievability falls to 90%.
    pub stability: f64,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// Reviews so far.
    pub reps: u32,
    /// Times it fell below the bar after reaching it.
    pub lapses: u32,
    /// The last review, unix seconds.
    pub last_review: Option<i64>,
}

impl Card {
    /// A card never reviewed, due now.
    pub fn new(key: impl Into<String>, now: i64) -> Card {
        Card {
            key: key.into(),
            state: State::New,
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            last_review: None,
        }
    }

    /// The card key for a round kind.
    pub fn kind_key(kind: &str) -> String {
        format!("kind:{kind}")
    }

    /// The card key for a Leadership Principle.
    pub fn lp_key(lp: &str) -> String {
        format!("lp:{lp}")
    }

    /// What the card is about: `("kind", id)` or `("lp", id)`, or `None` for a foreign key.
    pub fn subject(&self) -> Option<(&str, &str)> {
        let (kind, id) = self.key.split_once(':')?;
        matches!(kind, "kind" | "lp").then_some((kind, id))
    }

    /// The probability, 0 to 1, that the candidate would still be at the bar in this area
    /// at `now`; 0 for a card never reviewed.
    pub fn retrievability(&self, now: i64) -> f64 {
        match self.last_review {
            Some(last) if self.stability > 0.0 => {
                let days = (now - last).max(0) as f64 / DAY as f64;
                (1.0 + FACTOR * days / self.stability).powf(DECAY)
            }
            _ => 0.0,
        }
    }
}

/// The scheduler's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    /// w0..w18.
    pub parameters: [f64; 19],
    /// The retrievability at which a card falls due (0.9 means "when there is a 10% chance
    /// the candidate has slipped below the bar").
    pub desired_retention: f64,
    /// The longest interval, in days.
    pub maximum_interval: u32,
}

impl Default for Scheduler {
    fn default() -> Scheduler {
        Scheduler {
            parameters: DEFAULT_PARAMETERS,
            desired_retention: 0.9,
            // An interview is weeks away, not years: an area comes back within two months.
            maximum_interval: 60,
        }
    }
}

impl Scheduler {
    /// The card after a review graded `grade` at `now`.
    pub fn review(&self, card: &Card, grade: Grade, now: i64) -> Card {
        let w = &self.parameters;
        let g = grade.value();
        let mut next = card.clone();
        next.reps = card.reps.saturating_add(1);
        next.last_review = Some(now);

        if card.state == State::New || card.stability <= 0.0 {
            next.stability = w[grade as usize - 1].max(0.1);
            next.difficulty = self.initial_difficulty(g);
        } else {
            let elapsed_days = card
                .last_review
                .map_or(0.0, |last| (now - last).max(0) as f64 / DAY as f64);
            let r = card.retrievability(now);
            next.difficulty = self.next_difficulty(card.difficulty, g);
            next.stability = if elapsed_days < 1.0 {
                // A second review on the same day: FSRS-5's short-term update.
                card.stability * (w[17] * (g - 3.0 + w[18])).exp()
            } else if grade == Grade::Again {
                let forget = w[11]
                    * card.difficulty.powf(-w[12])
                    * ((card.stability + 1.0).powf(w[13]) - 1.0)
                    * (w[14] * (1.0 - r)).exp();
                forget.min(card.stability)
            } else {
                let hard = if grade == Grade::Hard { w[15] } else { 1.0 };
                let easy = if grade == Grade::Easy { w[16] } else { 1.0 };
                card.stability
                    * (1.0
                        + w[8].exp()
                            * (11.0 - card.difficulty)
                            * card.stability.powf(-w[9])
                            * ((w[10] * (1.0 - r)).exp() - 1.0)
                            * hard
                            * easy)
            }
            .clamp(0.1, 36_500.0);
        }

        next.state = match (card.state, grade) {
            (_, Grade::Again) if matches!(card.state, State::Review | State::Relearning) => {
                next.lapses = card.lapses.saturating_add(1);
                State::Relearning
            }
            (_, Grade::Again) => State::Learning,
            _ => State::Review,
        };
        let days = if grade == Grade::Again {
            1
        } else {
            self.interval_days(next.stability)
        };
        next.due = now.saturating_add(i64::from(days) * DAY);
        next
    }

    /// Whole days until retrievability falls to the desired retention, between 1 and the
    /// maximum interval.
    pub fn interval_days(&self, stability: f64) -> u32 {
        let days = stability / FACTOR * (self.desired_retention.powf(1.0 / DECAY) - 1.0);
        if days.is_finite() {
            (days.round() as u32).clamp(1, self.maximum_interval.max(1))
        } else {
            self.maximum_interval.max(1)
        }
    }

    fn initial_difficulty(&self, g: f64) -> f64 {
        let w = &self.parameters;
        (w[4] - (w[5] * (g - 1.0)).exp() + 1.0).clamp(1.0, 10.0)
    }

    fn next_difficulty(&self, difficulty: f64, g: f64) -> f64 {
        let w = &self.parameters;
        let delta = -w[6] * (g - 3.0);
        // Linear damping: the closer to 10, the smaller a further rise.
        let damped = difficulty + delta * (10.0 - difficulty) / 9.0;
        // Mean reversion towards the difficulty of an "easy" first review.
        (w[7] * self.initial_difficulty(4.0) + (1.0 - w[7]) * damped).clamp(1.0, 10.0)
    }
}

/// The cards due by `until` (unix seconds; the end of the candidate's day), most urgent first:
/// lowest retrievability at `now`, then earliest due, then key. Cards never reviewed are not
/// practice debts and are left out.
pub fn due_queue(cards: &[Card], now: i64, until: i64) -> Vec<&Card> {
    let mut due: Vec<&Card> = cards
        .iter()
        .filter(|c| c.state != State::New && c.due <= until)
        .collect();
    due.sort_by(|a, b| {
        a.retrievability(now)
            .total_cmp(&b.retrievability(now))
            .then(a.due.cmp(&b.due))
            .then_with(|| a.key.cmp(&b.key))
    });
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn days(n: i64) -> i64 {
        n * DAY
    }

    #[test]
    fn grades_follow_the_grader_thresholds() {
        assert_eq!(Grade::from_score(0, 60, 80), Grade::Again);
        assert_eq!(Grade::from_score(59, 60, 80), Grade::Again);
        assert_eq!(Grade::from_score(60, 60, 80), Grade::Hard);
        assert_eq!(Grade::from_score(69, 60, 80), Grade::Hard);
        assert_eq!(Grade::from_score(70, 60, 80), Grade::Good);
        assert_eq!(Grade::from_score(80, 60, 80), Grade::Easy);
        // Thresholds closer than ten points: no Hard band swallowing Good.
        assert_eq!(Grade::from_score(64, 60, 65), Grade::Hard);
        assert_eq!(Grade::from_score(65, 60, 65), Grade::Easy);
    }

    #[test]
    fn retrievability_is_ninety_percent_after_stability_days() {
        let mut card = Card::new("kind:behavioral", T0);
        card.state = State::Review;
        card.stability = 7.0;
        card.last_review = Some(T0);
        assert!((card.retrievability(T0 + days(7)) - 0.9).abs() < 1e-9);
        assert!((card.retrievability(T0) - 1.0).abs() < 1e-12);
        assert!(card.retrievability(T0 + days(30)) < 0.9);
        assert_eq!(Card::new("lp:x", T0).retrievability(T0), 0.0);
    }

    #[test]
    fn the_interval_at_ninety_percent_equals_the_stability() {
        let s = Scheduler::default();
        assert_eq!(s.interval_days(3.173), 3);
        assert_eq!(s.interval_days(15.69105), 16);
        assert_eq!(s.interval_days(0.2), 1, "never the same day");
        assert_eq!(s.interval_days(10_000.0), 60, "capped");
    }

    #[test]
    fn a_first_review_uses_the_initial_stability_and_difficulty() {
        let s = Scheduler::default();
        let new = Card::new("kind:product-sense", T0);
        let good = s.review(&new, Grade::Good, T0);
        assert_eq!(good.state, State::Review);
        assert!((good.stability - 3.173).abs() < 1e-9);
        // D0(3) = w4 - e^(2·w5) + 1
        let d0 = 7.1949 - (2.0 * 0.5345f64).exp() + 1.0;
        assert!((good.difficulty - d0).abs() < 1e-9);
        assert_eq!(good.due, T0 + days(3));
        assert_eq!(good.reps, 1);

        let again = s.review(&new, Grade::Again, T0);
        assert_eq!(again.state, State::Learning);
        assert_eq!(again.due, T0 + days(1), "a weak area is back tomorrow");
        assert!(again.difficulty > good.difficulty);
        assert_eq!(again.lapses, 0, "never at the bar, so nothing lapsed");
    }

    #[test]
    fn success_grows_the_interval_and_a_lapse_resets_it() {
        let s = Scheduler::default();
        let mut card = s.review(&Card::new("lp:earn-trust", T0), Grade::Good, T0);
        let mut last_interval = 0;
        for _ in 0..4 {
            let now = card.due;
            card = s.review(&card, Grade::Good, now);
            let interval = (card.due - now) / DAY;
            assert!(
                interval > last_interval || interval == 60,
                "{interval} after {last_interval}"
            );
            last_interval = interval;
        }
        let stability_before = card.stability;
        let lapsed = s.review(&card, Grade::Again, card.due);
        assert_eq!(lapsed.state, State::Relearning);
        assert_eq!(lapsed.lapses, 1);
        assert!(lapsed.stability < stability_before);
        assert_eq!(lapsed.due - card.due, DAY);
    }

    #[test]
    fn easy_beats_good_beats_hard() {
        let s = Scheduler::default();
        let start = s.review(&Card::new("kind:x", T0), Grade::Good, T0);
        let at = start.due;
        let hard = s.review(&start, Grade::Hard, at);
        let good = s.review(&start, Grade::Good, at);
        let easy = s.review(&start, Grade::Easy, at);
        assert!(hard.stability < good.stability && good.stability < easy.stability);
        assert!(hard.due <= good.due && good.due <= easy.due);
        assert!(easy.difficulty < good.difficulty && good.difficulty < hard.difficulty);
    }

    #[test]
    fn same_day_reviews_move_stability_a_little() {
        let s = Scheduler::default();
        let first = s.review(&Card::new("kind:x", T0), Grade::Good, T0);
        let again_same_day = s.review(&first, Grade::Again, T0 + 3600);
        assert!(again_same_day.stability < first.stability);
        assert_eq!(again_same_day.due, T0 + 3600 + DAY);
        let good_same_day = s.review(&first, Grade::Good, T0 + 3600);
        assert!(good_same_day.stability > first.stability);
    }

    #[test]
    fn the_queue_is_due_cards_most_forgotten_first() {
        let s = Scheduler::default();
        let weak = s.review(&Card::new("lp:dive-deep", T0), Grade::Again, T0);
        let strong = s.review(&Card::new("kind:behavioral", T0), Grade::Easy, T0);
        let older = s.review(
            &Card::new("lp:earn-trust", T0 - days(3)),
            Grade::Again,
            T0 - days(3),
        );
        let fresh = Card::new("lp:ownership", T0);
        let cards = vec![strong.clone(), weak.clone(), fresh, older.clone()];
        let tomorrow_end = T0 + days(2) - 1;
        let queue: Vec<&str> = due_queue(&cards, T0 + days(1), tomorrow_end)
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(queue, ["lp:earn-trust", "lp:dive-deep"]);
        assert!(
            due_queue(&cards, T0, T0 + 60)
                .iter()
                .all(|c| c.key == "lp:earn-trust")
        );
    }

    #[test]
    fn subjects_and_states_round_trip() {
        let card = Card::new(Card::lp_key("earn-trust"), T0);
        assert_eq!(card.subject(), Some(("lp", "earn-trust")));
        assert_eq!(Card::new("other", T0).subject(), None);
        for state in [
            State::New,
            State::Learning,
            State::Review,
            State::Relearning,
        ] {
            assert_eq!(State::parse(state.id()), Some(state));
        }
        assert_eq!(State::parse("bogus"), None);
    }
}
