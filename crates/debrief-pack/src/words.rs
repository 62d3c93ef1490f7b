//! Word lists (`[[word_list]]`): English words the code looks up, kept in the pack.
//!
//! Each list has a fixed id the code asks for ([`WordList`]). A pack without a list reads it
//! as empty (no unit words, no generic question words, digits instead of number words); the
//! built-in pack has all of them, and a user pack can replace one by id.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// One `[[search_alias]]` entry: words question search treats as one, so a query for any of
/// them finds questions that use another ("failed" finds "mistake"; "prioritise" finds
/// "prioritize"); the grader's relevance counts them as one topic too.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchAlias {
    /// A kebab-case name for the group.
    #[serde(default)]
    pub id: String,
    /// Lowercase single words, at least two.
    #[serde(default)]
    pub words: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One `[[place]]` entry: a country and how many people live there, so an answer that counts
/// more people in it than that ("85 million bakery owners in Portugal") states a figure that
/// cannot be true.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// A kebab-case id.
    #[serde(default)]
    pub id: String,
    /// Its names as answers write them, lowercase ("portugal", "south korea").
    #[serde(default)]
    pub names: Vec<String>,
    /// People living there, as the source gives it.
    #[serde(default)]
    pub people: u64,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: String,
    /// An https address a reader can open.
    #[serde(default)]
    pub url: String,
    /// The year or date of the figure.
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One `[[word_list]]` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WordListEntry {
    /// One of the [`WordList`] ids.
    #[serde(default)]
    pub id: String,
    /// Lowercase words, one token each.
    #[serde(default)]
    pub words: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// The word lists the code reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordList {
    /// Words that, right after a number, belong to the metric the grader quotes ("12 weeks",
    /// "40,000 users").
    UnitWords,
    /// Words every interview question uses, which say nothing about its topic; the grader
    /// leaves them out when it compares an answer with the question. Compared by stem, so
    /// "describe" also covers "describing".
    GenericQuestionWords,
    /// The names of the numbers from one up, in order, for sentences that spell small counts
    /// out ("two busiest rounds"); counts past the list are written in digits.
    NumberWords,
    /// Words that deny what follows them in the clause ("not", "never", "rather than"): the
    /// grader counts no evidence and raises no claim finding on words they reach.
    Negators,
    /// Words that introduce a phrase as a mention, not a claim ("words like", "the phrase"):
    /// what follows in the clause is quoted, not asserted.
    MentionCues,
    /// Irregular past-tense verbs ("went", "chose"); regular ones end in "-ed". After "I" or
    /// "we" they tell what happened, which the `past-share` metric counts.
    PastVerbs,
    /// Verbs that make a clause a plan or a hypothesis ("would", "will", "should") rather than
    /// something that happened.
    ModalVerbs,
    /// Adverbs that may stand between "I" or "we" and the verb ("then", "also", "never");
    /// words ending in "-ly" are skipped without a list.
    ClauseAdverbs,
    /// Rates that cannot pass 100% ("adoption", "retention", "churn").
    RateNouns,
    /// Groups a share is taken of ("users", "customers", "people").
    PopulationNouns,
    /// Words that make a percentage a fall ("down", "cut", "fell").
    FallWords,
    /// Words that make a percentage a change rather than a level ("up", "grew", "by").
    RiseWords,
    /// Words that say which way a figure moved, up ("rose", "increase"), and never how good
    /// the move was: a change called a rise whose figures fall contradicts itself.
    ChangeUpWords,
    /// Words that say a figure moved down ("fell", "reduction").
    ChangeDownWords,
    /// Feelings no one counts in units ("warmth", "dread", "longing"): "3.4 warmth units",
    /// "7.4 dreads" or "40 percent of our longing" is a measure that cannot exist.
    FeelingNouns,
    /// Words that let a rate pass 100% in their sentence ("revenue" in net revenue retention,
    /// "target" in 112% of target).
    Over100Words,
    /// Words that make a percentage a saving ("save", "saved"): "users save 140% of their
    /// rent" keeps more than was paid, which no saving can.
    SavingWords,
    /// Nouns for people who live somewhere ("people", "adults", "owners", "households"): a
    /// count of them beside a country's name cannot pass how many live there. Visitors,
    /// accounts and viewers are not among them, since they can outnumber residents.
    ResidentNouns,
    /// Words that take a sentence past one country ("worldwide", "global", "countries"): a
    /// count there is not compared with the country the sentence names.
    BeyondPlaceWords,
    /// Words that make a money figure a flow counted many times over ("payments", "traded",
    /// "notional"): it may pass the world's yearly output, which a market or revenue cannot.
    MoneyFlowWords,
    /// Words that open what a payment is made in, right before "in" ("paid in", "billed
    /// in", "payable in").
    PaymentWords,
    /// Words that, within a few words after "paid in", make the payment a real one: money,
    /// an instrument, a schedule, a channel ("euros", "cash", "instalments", "advance").
    MoneyTerms,
    /// Words that say a group was taken from a larger one ("drawn", "recruited", "sampled",
    /// before "from"): a sample past its pool cannot be.
    SampleDrawnWords,
    /// Words that make a figure one group of an experiment ("arm", "cell", after "per"): the
    /// whole holds two of them.
    ExperimentGroupWords,
    /// Words that say a sentence splits one whole into shares ("split", "allocated", "budget"):
    /// its shares cannot add past 100%.
    SplitWords,
    /// Words right before a percentage that make it a level, a change or a comparison rather
    /// than a share of a split ("from", "rose", "against").
    ShareComparedWords,
    /// Words that name the organisation a team belongs to ("company", "startup", "firm").
    OrgWords,
    /// Words that count the people of an organisation ("employees", "staff").
    HeadcountWords,
    /// Words that let a team outgrow the company it was counted in, because the sentence spans
    /// time ("grew", "later", "since").
    GrowthWords,
    /// Words that hedge a figure between its lead-in and the number ("about", "roughly"):
    /// "fell from about 40%", "priced at around 12" still read the figure after them.
    FigureHedges,
    /// Nouns that open a payment when "is" or "are" stands before "in" ("payment is in brass
    /// keys").
    PaymentNouns,
    /// Words that mark a figure as monthly ("monthly", "MRR"; "month" after "a" or "per").
    MonthWords,
    /// Words that mark a figure as yearly ("annual", "ARR"; "year" after "a" or "per").
    YearWords,
    /// Numbers as people say them ("three", "forty"): before a unit word ("three weeks",
    /// "forty minutes") the grader counts one as a number stated as a fact, as it does "3
    /// weeks", so an answer in everyday words is not read as one without figures.
    SpokenNumbers,
    /// Unit words that measure a time span ("weeks", "quarters"): a spoken number before one
    /// ("over the next two quarters") says when or how long, which is detail but not a result,
    /// so rules that ask for a figure do not take it as one.
    TimeUnits,
    /// Denials that only reassure ("no risk", "not an issue"): a sentence holding one draws no
    /// line, though a negator is in it.
    Reassurances,
    /// Endings that make a noun of a verb or an adjective ("-tion", "-ment", "-ity"): words
    /// that name a process or a quality rather than who did what. Dense, they are the sound of
    /// an answer that describes instead of saying.
    AbstractEndings,
    /// Words with one of those endings that name something concrete or are the plain word for
    /// it ("station", "payment", "question"): not counted as abstract.
    NotAbstract,
    /// Phrases that reject what comes before them in their clause ("page views I'd leave
    /// off", "impressions don't matter"): the thing named first is denied, not claimed.
    Rejecters,
    /// Nouns an invented framework or metric name ends with ("Index", "Cascade", "Matrix"): a
    /// run of capitalised words mid-sentence that ends in one is a coined name.
    CoinedTermHeads,
    /// Established names that end like a coined one ("Net Promoter Score", "Kano Model"):
    /// never counted as coined.
    KnownTerms,
    /// Words where a claim meets its reason or its restatement ("because", "so", "means",
    /// "and", "is"): a sentence whose two sides, split at one, say the same words in reverse
    /// order argues in a circle.
    CircularJoins,
    /// Words a question states the answer's time with ("you have", "take"): before a number of
    /// minutes ("You have five minutes") they set the answer's time budget.
    TimeCues,
    /// Words a question puts around its subject rather than naming it: amounts ("few",
    /// "plenty"), repetition and order ("again", "first"), time ("last", "recently") and the
    /// task it sets ("improve", "decide"). The `question-subject` metric leaves them out of a
    /// question's subject words. Compared by stem.
    FrameWords,
}

impl WordList {
    /// Every list, in declaration order.
    pub const ALL: [WordList; 44] = [
        WordList::UnitWords,
        WordList::GenericQuestionWords,
        WordList::NumberWords,
        WordList::Negators,
        WordList::MentionCues,
        WordList::PastVerbs,
        WordList::ModalVerbs,
        WordList::ClauseAdverbs,
        WordList::RateNouns,
        WordList::PopulationNouns,
        WordList::FallWords,
        WordList::RiseWords,
        WordList::ChangeUpWords,
        WordList::ChangeDownWords,
        WordList::FeelingNouns,
        WordList::Over100Words,
        WordList::SavingWords,
        WordList::ResidentNouns,
        WordList::BeyondPlaceWords,
        WordList::MoneyFlowWords,
        WordList::PaymentWords,
        WordList::MoneyTerms,
        WordList::SampleDrawnWords,
        WordList::ExperimentGroupWords,
        WordList::SplitWords,
        WordList::ShareComparedWords,
        WordList::OrgWords,
        WordList::HeadcountWords,
        WordList::GrowthWords,
        WordList::FigureHedges,
        WordList::PaymentNouns,
        WordList::MonthWords,
        WordList::YearWords,
        WordList::SpokenNumbers,
        WordList::TimeUnits,
        WordList::Reassurances,
        WordList::AbstractEndings,
        WordList::NotAbstract,
        WordList::Rejecters,
        WordList::CoinedTermHeads,
        WordList::KnownTerms,
        WordList::CircularJoins,
        WordList::TimeCues,
        WordList::FrameWords,
    ];

    /// The id written in the pack.
    pub fn id(self) -> &'static str {
        match self {
            WordList::UnitWords => "unit-words",
            WordList::GenericQuestionWords => "generic-question-words",
            WordList::NumberWords => "number-words",
            WordList::Negators => "negators",
            WordList::MentionCues => "mention-cues",
            WordList::PastVerbs => "past-verbs",
            WordList::ModalVerbs => "modal-verbs",
            WordList::ClauseAdverbs => "clause-adverbs",
            WordList::RateNouns => "rate-nouns",
            WordList::PopulationNouns => "population-nouns",
            WordList::FallWords => "fall-words",
            WordList::RiseWords => "rise-words",
            WordList::ChangeUpWords => "change-up-words",
            WordList::ChangeDownWords => "change-down-words",
            WordList::FeelingNouns => "feeling-nouns",
            WordList::Over100Words => "over-100-words",
            WordList::SavingWords => "saving-words",
            WordList::ResidentNouns => "resident-nouns",
            WordList::BeyondPlaceWords => "beyond-place-words",
            WordList::MoneyFlowWords => "money-flow-words",
            WordList::PaymentWords => "payment-words",
            WordList::MoneyTerms => "money-terms",
            WordList::SampleDrawnWords => "sample-drawn-words",
            WordList::ExperimentGroupWords => "experiment-group-words",
            WordList::SplitWords => "split-words",
            WordList::ShareComparedWords => "share-compared-words",
            WordList::OrgWords => "org-words",
            WordList::HeadcountWords => "headcount-words",
            WordList::GrowthWords => "growth-words",
            WordList::FigureHedges => "figure-hedges",
            WordList::PaymentNouns => "payment-nouns",
            WordList::MonthWords => "month-words",
            WordList::YearWords => "year-words",
            WordList::SpokenNumbers => "spoken-numbers",
            WordList::TimeUnits => "time-units",
            WordList::Reassurances => "reassurances",
            WordList::AbstractEndings => "abstract-endings",
            WordList::NotAbstract => "not-abstract",
            WordList::Rejecters => "rejecters",
            WordList::CoinedTermHeads => "coined-term-heads",
            WordList::KnownTerms => "known-terms",
            WordList::CircularJoins => "circular-joins",
            WordList::TimeCues => "time-cues",
            WordList::FrameWords => "frame-words",
        }
    }

    /// Whether entries may be phrases of several words ("rather than"), not single words.
    pub fn holds_phrases(self) -> bool {
        matches!(
            self,
            WordList::Negators
                | WordList::MentionCues
                | WordList::Reassurances
                | WordList::Rejecters
                | WordList::KnownTerms
                | WordList::TimeCues
        )
    }

    /// The list with this id.
    pub fn parse(id: &str) -> Option<WordList> {
        WordList::ALL.into_iter().find(|l| l.id() == id)
    }
}

/// A pack's word lists, resolved by [`WordList`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    lists: [Vec<String>; WordList::ALL.len()],
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon {
            lists: std::array::from_fn(|_| Vec::new()),
        }
    }
}

impl Lexicon {
    /// Resolves a pack's entries; unknown ids are ignored (validation reports them).
    pub fn new(entries: &[WordListEntry]) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for entry in entries {
            if let Some(list) = WordList::parse(&entry.id) {
                lexicon.lists[list as usize] = entry.words.clone();
            }
        }
        lexicon
    }

    /// The words of `list`, in pack order; empty when the pack lacks it.
    pub fn words(&self, list: WordList) -> &[String] {
        &self.lists[list as usize]
    }

    /// `n` as a word from `number-words` ("two"), or in digits past the list.
    pub fn number(&self, n: usize) -> String {
        match n
            .checked_sub(1)
            .and_then(|i| self.words(WordList::NumberWords).get(i))
        {
            Some(word) => word.clone(),
            None => n.to_string(),
        }
    }

    /// `n` as a word with a capital first letter ("Two"), for the start of a sentence.
    pub fn number_capitalised(&self, n: usize) -> String {
        let word = self.number(n);
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => word,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_words_up_to_the_list_then_digits() {
        let lexicon = Lexicon::new(&[WordListEntry {
            id: "number-words".into(),
            words: vec!["one".into(), "two".into(), "three".into()],
            origin: Origin::default(),
        }]);
        assert_eq!(lexicon.number(2), "two");
        assert_eq!(lexicon.number_capitalised(1), "One");
        assert_eq!(lexicon.number(4), "4");
        assert_eq!(lexicon.number(0), "0");
        assert_eq!(Lexicon::default().number_capitalised(3), "3");
        assert!(Lexicon::default().words(WordList::UnitWords).is_empty());
    }
}
