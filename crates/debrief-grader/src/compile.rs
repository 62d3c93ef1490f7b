//! Compiling the grader's data once per content load: every phrase of every signal and rule
//! into one index of whole-word phrases ([`PhraseIndex`]), every class reference resolved to an
//! index.

use std::collections::BTreeMap;

use debrief_pack::grading::{Grading, Rule, STAR_PARTS, Scoring, Signal};
use debrief_pack::search::content_stems;
use debrief_pack::{Category, Lexicon, Pack, Role, WordList};
use debrief_text::{ScopeWords, Text, is_normalised, normalise_phrase};

use crate::phrases::PhraseIndex;

/// Something whose presence can be asked about: a class computed by code, a signal, or a
/// literal phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    /// A number (`@number`).
    Number,
    /// First person singular (`@i`).
    Singular,
    /// First person plural (`@we`).
    Plural,
    /// Line-opening labels, where the answer has at least `grading.structure_labels` of them
    /// (`@labels`): visible structure, though never evidence of content.
    Labels,
    /// A signal, by index.
    Signal(usize),
    /// A literal phrase, by pattern index.
    Phrase(usize),
}

/// What a rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Each match is a finding.
    Existence,
    /// A finding when nothing matches.
    Missing,
    /// A computed measure against bounds.
    Metric(Metric),
}

/// The questions of the rules `ids` names (a rule's `yields_to`, the pack's
/// `relevance_yields_to`): their `asked_by` phrases.
fn asked_by_of<'a>(pack: &'a Pack, ids: &'a [String]) -> impl Iterator<Item = &'a String> + 'a {
    ids.iter()
        .filter_map(|id| pack.rules.iter().find(|x| &x.id == id))
        .flat_map(|x| &x.asked_by)
}

/// The measures a metric rule can bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Share of first-person pronouns that are plural.
    WeShare,
    /// Share of words in situation and task.
    SetupShare,
    /// Spoken time over budget.
    OverBudget,
    /// Filler phrases per spoken minute.
    FillersPerMinute,
    /// Share of sentences repeating an earlier one.
    Repetition,
    /// Share of words in real sentences.
    SentenceShape,
    /// Share of impossible word pairs.
    WordOrder,
    /// Mean log-odds that the answer's word-class pairs come from sentences as written rather
    /// than shuffled words (`grading.word_order_odds`).
    WordOrderOdds,
    /// Answer length in words.
    Words,
    /// Share of the question's topic words the answer uses ([`crate::topic`]).
    QuestionOverlap,
    /// Sentences that list many short items (factors, segments, channels) in a row.
    ListSentences,
    /// Share of first-person clauses that tell what happened (past tense) rather than what
    /// would, will or does happen.
    PastShare,
    /// Share of first-person clauses that say what would, will or should happen.
    PlanShare,
    /// Share of sentences after a full stop that open in lower case: shuffled words put the
    /// marks mid-phrase.
    LowercaseOpeners,
    /// How many first-person clauses tell what happened: a story has several, an answer
    /// written for a case, a pitch or a screening question almost none.
    PastClauses,
    /// Share of sentences with a first-person singular word: how much of the answer speaks
    /// of the candidate.
    SelfShare,
    /// Statements no real figure can make ([`crate::plausible`]).
    ImpossibleNumbers,
    /// How many branches of one decision rule end in the same action, the longest such run
    /// ([`crate::decision`]); the actions are the rule's own phrases, as asserted.
    FixedDecision,
    /// How close the answer comes to the question, in topic words and in meaning: the
    /// weighted share of the question's topics used ([`crate::topic`]) plus the meaning
    /// closeness ([`crate::meaning`]) times the pack's `meaning_weight`.
    QuestionMeaning,
    /// The share of the bank's questions the answer meets better, in topic words, than the
    /// question asked ([`crate::topic::Topics::standing`]).
    QuestionRank,
    /// How close the answer's words come in meaning to the question's subject words
    /// ([`crate::topic::Topics::subject`], [`crate::meaning::Meaning::subject_closeness`]):
    /// an answer about another situation meets none of them, in any words.
    QuestionSubject,
    /// How far an answer's words read like the weak answers of the rule's category, in
    /// log-odds above the category's learned threshold ([`crate::flaws`]).
    FlawLikeness,
    /// Distinct invented names (a run of capitalised words mid-sentence ending in one of the
    /// `coined-term-heads`, "Checkout Confidence Quotient"), plus the rule's own phrases
    /// ("what I call").
    CoinedTerms,
    /// Sentences that argue in a circle: split at a `circular-joins` word, both sides say the
    /// same content words, in reverse order ("bookings prove better matches, and better
    /// matches cause bookings").
    CircularClaims,
    /// How many times the rule's own phrases occur in the answer, each match counted: a few
    /// backtracks ("let me go back", "anyway") are speech; many are an answer with no order.
    PhraseCount,
    /// How often the answer says a name the question uses ("Why do you want to work at
    /// Nettlecombe?"), plus the rule's own phrases ("your team", "this role"); not measured
    /// when the question names nothing ([`crate::score`]'s `question_names`).
    AskedNames,
}

impl Metric {
    fn parse(s: &str) -> Option<Metric> {
        Some(match s {
            "we-share" => Metric::WeShare,
            "setup-share" => Metric::SetupShare,
            "over-budget" => Metric::OverBudget,
            "fillers-per-minute" => Metric::FillersPerMinute,
            "repetition" => Metric::Repetition,
            "sentence-shape" => Metric::SentenceShape,
            "word-order-odds" => Metric::WordOrderOdds,
            "word-order" => Metric::WordOrder,
            "words" => Metric::Words,
            "question-overlap" => Metric::QuestionOverlap,
            "list-sentences" => Metric::ListSentences,
            "past-share" => Metric::PastShare,
            "plan-share" => Metric::PlanShare,
            "past-clauses" => Metric::PastClauses,
            "lowercase-openers" => Metric::LowercaseOpeners,
            "self-share" => Metric::SelfShare,
            "impossible-numbers" => Metric::ImpossibleNumbers,
            "fixed-decision" => Metric::FixedDecision,
            "coined-terms" => Metric::CoinedTerms,
            "circular-claims" => Metric::CircularClaims,
            "phrase-count" => Metric::PhraseCount,
            "question-meaning" => Metric::QuestionMeaning,
            "question-rank" => Metric::QuestionRank,
            "question-subject" => Metric::QuestionSubject,
            "flaw-likeness" => Metric::FlawLikeness,
            "asked-names" => Metric::AskedNames,
            _ => return None,
        })
    }
}

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole answer.
    Answer,
    /// One STAR part (index into situation, task, action, result).
    Star(usize),
    /// The sentences that start within the grading's `opening_words` of the beginning.
    Opening,
}

/// Finding severity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Costs points.
    Warning,
    /// Costs many points.
    Error,
}

impl Severity {
    fn parse(s: &str) -> Severity {
        match s {
            "error" => Severity::Error,
            "info" => Severity::Info,
            _ => Severity::Warning,
        }
    }

    /// How much one finding of this severity pulls a dimension down.
    pub fn penalty(self) -> f64 {
        match self {
            Severity::Info => 0.2,
            Severity::Warning => 0.5,
            Severity::Error => 1.0,
        }
    }
}

/// A rule, ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The rule as written (id, category, message, suggestion, ...).
    pub data: Rule,
    /// What it checks.
    pub kind: RuleKind,
    /// Its phrases and classes.
    pub terms: Vec<Term>,
    /// What cancels it.
    pub unless: Vec<Term>,
    /// Whether `unless` looks at the whole answer rather than the sentence.
    pub window_answer: bool,
    /// Whether `unless` looks only at what comes before the match (`window = "before"`).
    pub window_before: bool,
    /// Where it looks.
    pub scope: Scope,
    /// Severity.
    pub severity: Severity,
    /// What its findings say is wrong.
    pub category: Category,
    /// Roles it applies to (empty: any).
    pub roles: Vec<Role>,
    /// Whether a `missing` anchor goes on the first sentence.
    pub anchor_first: bool,
    /// Patterns of which one must be in the question for the rule to apply (empty: any
    /// question).
    pub asked_by: Vec<usize>,
    /// Patterns that keep the rule from applying when the question uses one.
    pub not_asked_by: Vec<usize>,
    /// For `missing`: groups of terms that, all in one sentence, meet the rule.
    pub together: Vec<Vec<Term>>,
    /// For `existence`: terms of which one must share the match's sentence.
    pub with: Vec<Term>,
    /// For `existence`: terms of which one must occur somewhere in the answer.
    pub answer_with: Vec<Term>,
    /// The rules (by index) whose `replaces` names this one: where one of them finds
    /// something, this rule's findings and cap are dropped, so it need not be measured.
    pub replaced_by: Vec<usize>,
}

impl CompiledRule {
    /// Whether the rule applies to an answer for `role` in `round`.
    pub fn applies(&self, role: Option<Role>, round: &str) -> bool {
        (self.roles.is_empty() || role.is_some_and(|r| self.roles.contains(&r)))
            && (self.data.rounds.is_empty() || self.data.rounds.iter().any(|k| k == round))
    }
}

/// A signal, ready to score.
#[derive(Debug, Clone)]
pub struct CompiledSignal {
    /// The signal as written.
    pub data: Signal,
    /// Index into the STAR parts, for cues.
    pub star: Option<usize>,
    /// Role vocabulary lean.
    pub lean: Option<Role>,
    /// Whether it counts toward breadth (`grading.breadth_points`): a signal some dimension
    /// scores, or a STAR cue. Evidence kept for the principles alone counts only where a
    /// question tests its principle.
    pub breadth: bool,
}

/// How one dimension is scored, resolved.
#[derive(Debug, Clone, Default)]
pub struct DimensionScoring {
    /// Signals that raise it.
    pub signals: Vec<Term>,
    /// Finding categories that lower it.
    pub penalties: Vec<Category>,
    /// At least one of these must appear for the score to pass `without_core`.
    pub core: Vec<Term>,
    /// Scored from the asked principles' evidence ([`Compiled::principle_evidence`]) instead
    /// of `signals`.
    pub principles: bool,
}

/// One principle's evidence signals, resolved per role.
#[derive(Debug, Clone, Default)]
pub struct PrincipleEvidence {
    /// The principle's public name.
    pub name: String,
    /// For a PM's answer.
    pub pm: Vec<Term>,
    /// For a PMM's answer.
    pub pmm: Vec<Term>,
    /// For a role-neutral answer: both.
    pub either: Vec<Term>,
}

impl PrincipleEvidence {
    /// The terms for a role.
    pub fn for_role(&self, role: Option<Role>) -> &[Term] {
        match role {
            Some(Role::Pm) => &self.pm,
            Some(Role::Pmm) => &self.pmm,
            None => &self.either,
        }
    }
}

/// A word list the grader asks of one word at a time, for every token: hashed, since a
/// sorted set costs a string comparison at each step of its search.
pub type WordSet = rustc_hash::FxHashSet<String>;

/// The grader's data compiled for one content load.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Every phrase of every signal, rule and `unless` list, by its first word.
    pub phrases: PhraseIndex,
    /// For each pattern, the signals it belongs to.
    pub pattern_signals: Vec<Vec<usize>>,
    /// For each pattern, the rules whose `phrases` hold it.
    pub pattern_rules: Vec<Vec<usize>>,
    /// Signals by index.
    pub signals: Vec<CompiledSignal>,
    /// Rules by index.
    pub rules: Vec<CompiledRule>,
    /// Scoring by dimension id.
    pub scoring: BTreeMap<String, DimensionScoring>,
    /// Evidence by principle id.
    pub principle_evidence: BTreeMap<String, PrincipleEvidence>,
    /// Thresholds.
    pub grading: Grading,
    /// `grading.word_order_odds` by class index ([`debrief_pack::WORD_ORDER_CLASSES`]): the
    /// metric reads an answer's pairs without building their names. `None` with no table.
    pub word_order_odds: Option<[[f64; 8]; 8]>,
    /// Negators and mention cues, which decide what a sentence asserts.
    pub scope_words: ScopeWords,
    /// Words that, right after a number, belong to the metric (the `unit-words` list).
    pub unit_words: Vec<String>,
    /// Numbers as people say them, counted before a unit word (the `spoken-numbers` list).
    pub spoken_numbers: WordSet,
    /// Unit words that measure a time span (the `time-units` list).
    pub time_units: WordSet,
    /// The endings that make a noun abstract (`abstract-endings`).
    pub abstract_endings: Vec<String>,
    /// Words with those endings that are not counted (`not-abstract`).
    pub not_abstract: WordSet,
    /// Irregular past-tense verbs (the `past-verbs` list).
    pub past_verbs: WordSet,
    /// Modal verbs (the `modal-verbs` list).
    pub modal_verbs: WordSet,
    /// Adverbs that may stand between a subject and its verb (the `clause-adverbs` list).
    pub skip_adverbs: WordSet,
    /// What makes a number impossible ([`crate::plausible`]).
    pub plausible: crate::plausible::Lists,
    /// The last words of coined names (`coined-term-heads`), lowercase.
    pub coined_heads: WordSet,
    /// Established names that are never coined (`known-terms`), lowercase.
    pub known_terms: WordSet,
    /// The phrases of the questions judged on what they ask for rather than on their words
    /// (the `asked_by` of the rules `grading.relevance_yields_to` names), as pattern ids: the
    /// score's relevance part is not measured on them.
    pub relevance_yields: Vec<usize>,
    /// The signals whose matches a whole answer's score counts as numbers stated as facts
    /// (`grading.number_signals`), as indices into [`Compiled::signals`].
    pub number_signals: Vec<usize>,
    /// Where a claim meets its reason or restatement (`circular-joins`), lowercase.
    pub circular_joins: rustc_hash::FxHashSet<String>,
    /// What a question states its answer's time with (`time-cues`), each split into words.
    pub time_cues: Vec<Vec<String>>,
    /// Stems of the words every interview question uses (the `generic-question-words` list),
    /// left out when an answer is compared with its question.
    pub generic_question_stems: std::collections::BTreeSet<String>,
    /// Topics a question's subject words never are: those of the generic question words, the
    /// `frame-words` around a subject ("few", "again", "improve"), words of a fall or a rise
    /// ("fell", "doubled"), number words and time units.
    pub not_subject_topics: rustc_hash::FxHashSet<String>,
    /// The sentence-vector table meaning is measured with.
    pub meaning: crate::meaning::Meaning,
    /// The bank's topic words and their weights.
    pub topics: crate::topic::Topics,
    /// Word weights learned per finding category (`[flaw_model]`).
    pub flaws: crate::flaws::FlawTable,
}

impl Compiled {
    /// The word lists a question is read with ([`crate::asks`]).
    pub(crate) fn question_words(&self) -> crate::asks::Words<'_> {
        crate::asks::Words {
            past_verbs: &self.past_verbs,
            modal_verbs: &self.modal_verbs,
            skip_adverbs: &self.skip_adverbs,
        }
    }

    /// Compiles a validated pack's grader data.
    pub fn new(pack: &Pack) -> Compiled {
        let signal_index: BTreeMap<&str, usize> = pack
            .signals
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: std::collections::HashMap<String, usize> = Default::default();
        let mut pattern_signals: Vec<Vec<usize>> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut intern = |phrase: &str| -> usize {
            // Validation guarantees phrases are already normalised; normalising anyway keeps
            // an unvalidated pack matching, and costs an allocation only when needed.
            let key: std::borrow::Cow<'_, str> = if is_normalised(phrase) {
                phrase.into()
            } else {
                normalise_phrase(phrase).into()
            };
            if let Some(&id) = pattern_ids.get(key.as_ref()) {
                return id;
            }
            let id = patterns.len();
            patterns.push(key.clone().into_owned());
            pattern_ids.insert(key.into_owned(), id);
            id
        };
        let term = |phrase: &str, intern: &mut dyn FnMut(&str) -> usize| -> Term {
            match phrase {
                "@number" => Term::Number,
                "@i" => Term::Singular,
                "@we" => Term::Plural,
                "@labels" => Term::Labels,
                p if p.starts_with('@') => signal_index
                    .get(&p[1..])
                    .map_or(Term::Phrase(intern(p)), |&i| Term::Signal(i)),
                p => Term::Phrase(intern(p)),
            }
        };
        let mut signals = Vec::new();
        let mut signal_patterns: Vec<(usize, usize)> = Vec::new();
        for (i, s) in pack.signals.iter().enumerate() {
            for p in &s.phrases {
                match p.strip_prefix('@') {
                    None => signal_patterns.push((intern(p), i)),
                    // A signal named inside another lends it its own phrases (one level: the
                    // named signal's own classes are not followed).
                    Some(id) => {
                        let named = pack.signals.iter().find(|x| x.id == id);
                        for q in named.iter().flat_map(|x| &x.phrases) {
                            if !q.starts_with('@') {
                                signal_patterns.push((intern(q), i));
                            }
                        }
                    }
                }
            }
            signals.push(CompiledSignal {
                data: s.clone(),
                star: s
                    .star
                    .as_deref()
                    .and_then(|p| STAR_PARTS.iter().position(|x| *x == p)),
                lean: s.lean.as_deref().and_then(Role::parse),
                breadth: s.star.is_some()
                    || pack.scoring.iter().any(|sc| {
                        sc.signals
                            .iter()
                            .chain(&sc.core)
                            .any(|x| x.trim_start_matches('@') == s.id)
                    }),
            });
        }
        let mut rules = Vec::new();
        let mut rule_patterns: Vec<(usize, usize)> = Vec::new();
        for (i, r) in pack.rules.iter().enumerate() {
            let terms: Vec<Term> = r.phrases.iter().map(|p| term(p, &mut intern)).collect();
            for t in &terms {
                if let Term::Phrase(p) = t {
                    rule_patterns.push((*p, i));
                }
            }
            let unless = r.unless.iter().map(|p| term(p, &mut intern)).collect();
            let with = r.with.iter().map(|p| term(p, &mut intern)).collect();
            let answer_with = r.answer_with.iter().map(|p| term(p, &mut intern)).collect();
            // A question class is read from the question, not matched in its words.
            let mut question_term = |p: &String| {
                if p == crate::asks::ASKS_PAST {
                    crate::asks::ASKS_PAST_ID
                } else {
                    intern(p)
                }
            };
            let asked_by = r.asked_by.iter().map(&mut question_term).collect();
            // The questions of the rules it yields to are its own `not_asked_by`.
            let not_asked_by = r
                .not_asked_by
                .iter()
                .chain(asked_by_of(pack, &r.yields_to))
                .map(&mut question_term)
                .collect();
            let together = r
                .together
                .iter()
                .map(|group| group.iter().map(|p| term(p, &mut intern)).collect())
                .collect();
            let kind = match r.kind.as_str() {
                "missing" => RuleKind::Missing,
                "metric" => RuleKind::Metric(
                    r.metric
                        .as_deref()
                        .and_then(Metric::parse)
                        .unwrap_or(Metric::Words),
                ),
                _ => RuleKind::Existence,
            };
            let scope = match r.scope.as_deref() {
                Some("opening") => Scope::Opening,
                scope => scope
                    .and_then(|s| STAR_PARTS.iter().position(|x| *x == s))
                    .map_or(Scope::Answer, Scope::Star),
            };
            // Validation checked every category, so none is skipped in a valid pack.
            let Some(category) = Category::parse(&r.category) else {
                continue;
            };
            rules.push(CompiledRule {
                data: r.clone(),
                kind,
                terms,
                unless,
                window_answer: r.window.as_deref() == Some("answer"),
                window_before: r.window.as_deref() == Some("before"),
                scope,
                severity: Severity::parse(&r.severity),
                category,
                roles: r.roles.iter().filter_map(|x| Role::parse(x)).collect(),
                anchor_first: r.anchor.as_deref() == Some("first"),
                asked_by,
                not_asked_by,
                together,
                with,
                answer_with,
                replaced_by: Vec::new(),
            });
        }
        let by_id: BTreeMap<&str, usize> =
            rules.iter().map(|r| r.data.id.as_str()).zip(0..).collect();
        // Only where the replacing rule also replaces everything this one does: otherwise
        // this one's finding would still have something of its own to replace.
        let replacing: Vec<(usize, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(j, r)| {
                r.data
                    .replaces
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(move |&i| (i, j))
            })
            .filter(|&(i, j)| {
                rules[i]
                    .data
                    .replaces
                    .iter()
                    .all(|id| rules[j].data.replaces.contains(id))
            })
            .collect();
        for (i, j) in replacing {
            if let Some(rule) = rules.get_mut(i) {
                rule.replaced_by.push(j);
            }
        }
        let scoring = pack
            .scoring
            .iter()
            .map(|s: &Scoring| {
                let mut resolve = |list: &[String]| -> Vec<Term> {
                    list.iter()
                        .map(|p| term(&format!("@{}", p.trim_start_matches('@')), &mut intern))
                        .collect()
                };
                let scoring = DimensionScoring {
                    signals: resolve(&s.signals),
                    penalties: s
                        .penalties
                        .iter()
                        .filter_map(|c| Category::parse(c))
                        .collect(),
                    core: resolve(&s.core),
                    principles: s.principles,
                };
                (s.dimension.clone(), scoring)
            })
            .collect();
        let principle_evidence = pack
            .principles
            .iter()
            .map(|p| {
                let mut resolve = |role: Option<Role>| -> Vec<Term> {
                    p.evidence_for(role)
                        .into_iter()
                        .map(|x| term(&format!("@{}", x.trim_start_matches('@')), &mut intern))
                        .collect()
                };
                let evidence = PrincipleEvidence {
                    name: p.name.clone(),
                    pm: resolve(Some(Role::Pm)),
                    pmm: resolve(Some(Role::Pmm)),
                    either: resolve(None),
                };
                (p.id.clone(), evidence)
            })
            .collect();
        // The questions of the rules the score's relevance part yields to.
        let relevance_yields: Vec<usize> = pack
            .grading
            .iter()
            .flat_map(|g| asked_by_of(pack, &g.relevance_yields_to))
            .map(|p| intern(p))
            .collect();
        let number_signals: Vec<usize> = pack
            .grading
            .iter()
            .flat_map(|g| &g.number_signals)
            .filter_map(|id| pack.signals.iter().position(|s| &s.id == id))
            .collect();
        pattern_signals.resize(patterns.len(), Vec::new());
        pattern_rules.resize(patterns.len(), Vec::new());
        for (p, s) in signal_patterns {
            if !pattern_signals[p].contains(&s) {
                pattern_signals[p].push(s);
            }
        }
        for (p, r) in rule_patterns {
            if !pattern_rules[p].contains(&r) {
                pattern_rules[p].push(r);
            }
        }
        let mut phrases = PhraseIndex::new(&patterns);
        let flaws = crate::flaws::FlawTable::new(
            pack.flaw_model.as_ref().unwrap_or(&Default::default()),
            &mut phrases,
        );
        let lexicon = Lexicon::new(&pack.word_lists);
        let topics = crate::topic::Topics::new(pack);
        // Stemmed the way questions are, so the list can be written in plain words.
        let generic = content_stems(&lexicon.words(WordList::GenericQuestionWords).join(" "));
        let not_subject_topics = topics.topics_of(
            generic.iter().cloned().chain(content_stems(
                &[
                    WordList::FrameWords,
                    WordList::FallWords,
                    WordList::RiseWords,
                    WordList::NumberWords,
                    WordList::SpokenNumbers,
                    WordList::TimeUnits,
                ]
                .into_iter()
                .flat_map(|l| lexicon.words(l).iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" "),
            )),
        );
        let grading = pack.grading.clone().unwrap_or_default();
        let spoken = grading.spoken_numbers;
        let max_people = grading.max_people;
        let place_slack = grading.place_slack;
        let max_money = grading.max_money;
        let set = |list: WordList| -> WordSet { lexicon.words(list).iter().cloned().collect() };
        let scope_words = ScopeWords::new(
            lexicon.words(WordList::Negators),
            lexicon.words(WordList::MentionCues),
            grading.negation_window as usize,
        )
        .with_reassurances(lexicon.words(WordList::Reassurances))
        .with_rejecters(lexicon.words(WordList::Rejecters));
        let word_order_odds = (!grading.word_order_odds.is_empty()).then(|| {
            let mut table = [[0.0; 8]; 8];
            for (pair, odds) in &grading.word_order_odds {
                let index = |w: &str| {
                    debrief_pack::WORD_ORDER_CLASSES
                        .iter()
                        .position(|c| *c == w)
                };
                if let Some((a, b)) = pair.split_once(' ')
                    && let (Some(a), Some(b)) = (index(a), index(b))
                {
                    table[a][b] = *odds;
                }
            }
            table
        });
        Compiled {
            word_order_odds,
            phrases,
            pattern_signals,
            pattern_rules,
            signals,
            rules,
            scoring,
            principle_evidence,
            grading,
            scope_words,
            unit_words: lexicon.words(WordList::UnitWords).to_vec(),
            spoken_numbers: if spoken {
                set(WordList::SpokenNumbers)
            } else {
                WordSet::default()
            },
            time_units: set(WordList::TimeUnits),
            abstract_endings: lexicon.words(WordList::AbstractEndings).to_vec(),
            not_abstract: set(WordList::NotAbstract),
            past_verbs: set(WordList::PastVerbs),
            modal_verbs: set(WordList::ModalVerbs),
            skip_adverbs: set(WordList::ClauseAdverbs),
            plausible: crate::plausible::Lists {
                rate_nouns: set(WordList::RateNouns),
                population_nouns: set(WordList::PopulationNouns),
                fall_words: set(WordList::FallWords),
                rise_words: set(WordList::RiseWords),
                up_words: set(WordList::ChangeUpWords),
                down_words: set(WordList::ChangeDownWords),
                feeling_nouns: set(WordList::FeelingNouns),
                over_100_words: set(WordList::Over100Words),
                saving_words: set(WordList::SavingWords),
                max_people,
                resident_nouns: set(WordList::ResidentNouns),
                beyond_place: set(WordList::BeyondPlaceWords),
                money_flow: set(WordList::MoneyFlowWords),
                payment_words: set(WordList::PaymentWords),
                money_terms: set(WordList::MoneyTerms),
                sample_drawn: set(WordList::SampleDrawnWords),
                experiment_group: set(WordList::ExperimentGroupWords),
                splits: set(WordList::SplitWords),
                share_compared: set(WordList::ShareComparedWords),
                orgs: set(WordList::OrgWords),
                headcount: set(WordList::HeadcountWords),
                growth: set(WordList::GrowthWords),
                figure_hedges: set(WordList::FigureHedges),
                payment_nouns: set(WordList::PaymentNouns),
                month_words: set(WordList::MonthWords),
                year_words: set(WordList::YearWords),
                max_money,
                places: crate::plausible::Places::new(pack.places.iter().flat_map(|p| {
                    let ceiling = p.people as f64 * place_slack;
                    p.names.iter().map(move |n| (n.as_str(), ceiling))
                })),
            },
            coined_heads: set(WordList::CoinedTermHeads),
            known_terms: set(WordList::KnownTerms),
            circular_joins: lexicon
                .words(WordList::CircularJoins)
                .iter()
                .cloned()
                .collect(),
            time_cues: lexicon
                .words(WordList::TimeCues)
                .iter()
                .map(|c| c.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            relevance_yields,
            number_signals,
            topics,
            not_subject_topics,
            generic_question_stems: generic,
            meaning: crate::meaning::Meaning::new(),
            flaws,
        }
    }

    /// The index of signal `id` in [`Compiled::signals`].
    pub fn signal_index(&self, id: &str) -> Option<usize> {
        self.signals.iter().position(|s| s.data.id == id)
    }

    /// Every phrase match in `text` on token boundaries: (pattern, first token, last token).
    pub fn matches(&self, text: &Text<'_>) -> Vec<(usize, usize, usize)> {
        self.phrases.matches(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The rules that stand in for each rule's findings, by id.
    fn replaced_by(compiled: &Compiled, id: &str) -> BTreeSet<String> {
        let rule = compiled
            .rules
            .iter()
            .find(|r| r.data.id == id)
            .expect("the rule is in the pack");
        rule.replaced_by
            .iter()
            .map(|&j| compiled.rules[j].data.id.clone())
            .collect()
    }

    #[test]
    fn a_rule_is_replaced_only_by_rules_that_replace_all_it_replaces() {
        let catalog = debrief_content::load(None).expect("the built-in pack loads");
        let compiled = Compiled::new(catalog.pack());
        // The bank passes replace the meaning and subject passes and what those replace.
        let meaning = replaced_by(&compiled, "shape-off-question-meaning");
        for by in [
            "shape-off-question-bank",
            "shape-off-question-bank-specific",
            "shape-off-question-subject",
        ] {
            assert!(meaning.contains(by), "{by} in {meaning:?}");
        }
        let subject = replaced_by(&compiled, "shape-off-question-subject");
        assert!(
            subject.contains("shape-off-question-bank-specific"),
            "{subject:?}"
        );
        // The writing round's bank pass replaces only the plain off-question rule, so the
        // subject pass, which also replaces the meaning pass, is not among its replaced.
        assert!(
            !subject.contains("shape-off-question-bank-writing"),
            "{subject:?}"
        );
        assert!(
            replaced_by(&compiled, "shape-off-question")
                .contains("shape-off-question-bank-writing")
        );
        // Every listing is one a rule's `replaces` states.
        for rule in &compiled.rules {
            for &j in &rule.replaced_by {
                assert!(compiled.rules[j].data.replaces.contains(&rule.data.id));
            }
        }
    }
}
