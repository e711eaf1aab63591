//! The serde model of a netliver dataset, exactly as it is written in RON.
//!
//! Most fields default when absent so that validation, not the parser, reports what is
//! missing: a content maintainer then sees every gap at once instead of the first one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rules::Cond;

pub use super::vocab::{Aim, EligibleAs, Evidence, Freq, Interval, TimeUnit, Verdict};
pub use crate::lang::{Lang, Text, Words};

/// Where a claim comes from: a source id and either the passage quoted verbatim from it
/// (the patient page, whose text is checked) or, for literature, a locator (section, table,
/// "abstract") beside a claim written in our own words.
///
/// Several passages may be quoted in one `quote`, separated by ` … `.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    pub quote: String,
    pub locator: String,
}

impl Cite {
    /// The quoted passages, split at ` … `.
    pub fn passages(&self) -> impl Iterator<Item = &str> {
        self.quote
            .split(" … ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

/// A statement shown to the user, with its citation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Claim {
    pub text: Text,
    pub cite: Cite,
    /// The same in plain words for the patient's handout (every number in it occurs in the
    /// quote); the handout uses `text` where there is none.
    pub plain: Option<Text>,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

impl Claim {
    /// What the patient's handout prints.
    pub fn for_patient(&self) -> &Text {
        self.plain.as_ref().unwrap_or(&self.text)
    }
}

/// What settles one fact of the profile before the MDT: the test or examination that
/// answers it. A clinical claim cites its source; without a citation it is the dataset's
/// own wording, shown as such.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettledBy {
    /// The field's name, as in rules (`tumour_burden_pct`).
    pub field: String,
    pub text: Text,
    pub cite: Option<Cite>,
}

/// A source the dataset is built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The kind of source; `None` is an error that validation reports.
    pub kind: Option<Evidence>,
    /// The organisation behind it (for articles: the journal's publisher or the journal).
    pub publisher: String,
    /// For articles: "Lv WF, Lu D, He YS, et al."
    pub authors: Option<String>,
    /// The title in the source's own language.
    pub title: String,
    /// Where it appeared: the programme, or the journal with volume(issue):pages.
    pub container: Option<String>,
    pub year: Option<u16>,
    pub doi: Option<String>,
    /// For guidelines and hospital practice: the country or hospital, shown in the tag.
    pub region: Option<Text>,
    /// When the citation was last checked against the source (YYYY-MM-DD).
    pub checked: Option<String>,
    /// The language the source is written in (ISO 639-1).
    pub language: String,
    /// Publication or last-updated date (YYYY-MM-DD) if the source states one.
    pub published: Option<String>,
    pub url: Option<String>,
    /// A copy of the source's text, relative to the dataset file. When present, every quote
    /// citing this source must occur in it verbatim.
    pub file: Option<String>,
    pub note: Option<Text>,
}

/// A general fact about NET liver metastases, not tied to one treatment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: Text,
    pub freq: Option<Freq>,
    pub cite: Cite,
    /// Plain words for the handout.
    pub plain: Option<Text>,
}

/// A remark the engine shows when the profile matches, independent of any treatment.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notice {
    pub id: String,
    pub when: Cond,
    pub text: Text,
    pub cite: Cite,
}

/// An outcome of a treatment, optionally with a natural frequency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub text: Text,
    pub freq: Option<Freq>,
    pub cite: Cite,
    /// Plain words for the handout.
    pub plain: Option<Text>,
    /// With a frequency: what happens to those it helps, after "70-90 af 100" ("får færre
    /// hormonsymptomer"), and to the others, after the computed complement.
    pub helped: Option<Text>,
    pub not_helped: Option<Text>,
    /// How long the effect lasts, where the quote says ("i op til 2 år").
    pub timeframe: Option<Text>,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

/// One step of the follow-up after a treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// How long after the treatment.
    pub after: Interval,
    pub text: Text,
    #[serde(default)]
    pub cite: Cite,
    /// Plain words for the handout.
    #[serde(default)]
    pub plain: Option<Text>,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

/// Something done before or around the treatment; `when` limits it to some profiles.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Preparation {
    /// Names the agent or step, e.g. `octreotide`, `antibiotics`.
    pub id: String,
    pub text: Text,
    /// `None`: applies to everyone having the treatment.
    pub when: Option<Cond>,
    pub cite: Cite,
    /// Plain words for the handout.
    pub plain: Option<Text>,
    /// Ids of preparations that already cover this one: where one of them applies to the
    /// patient, this one is not listed (e.g. the page's octreotide before embolisation
    /// covers the guideline's somatostatin-analogue cover).
    pub covered_by: Vec<String>,
    /// Set when the dataset applies the source's advice beyond what the source says (e.g.
    /// to another procedure): how it reads the source.
    pub interpretation: Option<Text>,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

/// A rule: when the condition holds, the verdict applies for this reason. A rule whose
/// verdict is `eligible` only speaks in favour (it never makes a treatment eligible on its
/// own; the criteria do); `caution` and `not_eligible` hold it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: Cond,
    pub verdict: Verdict,
    #[serde(default)]
    pub reason: Text,
    #[serde(default)]
    pub cite: Cite,
    /// Set when the rule puts a number on words the source leaves without one (e.g. "few"):
    /// says how the dataset reads the source, so the clinician sees it is a reading.
    #[serde(default)]
    pub interpretation: Option<Text>,
    /// Further sources for the same statement.
    #[serde(default)]
    pub also: Vec<Cite>,
    /// A plain-language line for the patient's handout, for a guideline fact that changes
    /// this patient's preparation or risk.
    #[serde(default)]
    pub patient: Option<Text>,
    /// An absolute contraindication in a national guideline: while a fact it reads is not
    /// entered, the treatment waits for it ("Pending"), instead of the fact going to the
    /// checklist.
    #[serde(default)]
    pub absolute: bool,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

/// A criterion the source sets for a treatment. A treatment is eligible only when all its
/// criteria are known to hold; one that does not hold gives `otherwise`, one whose facts
/// are not entered gives caution.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub when: Cond,
    /// What the source requires, said without assuming anything about the patient (it is
    /// shown when the criterion holds, and when its facts are missing).
    #[serde(default)]
    pub requires: Text,
    /// The verdict when it does not hold: `caution` or `not_eligible`.
    pub otherwise: Verdict,
    /// Said when it does not hold.
    #[serde(default)]
    pub unmet: Text,
    #[serde(default)]
    pub cite: Cite,
    /// Set when the criterion puts a number on words the source leaves without one.
    #[serde(default)]
    pub interpretation: Option<Text>,
    /// Further sources for the same statement.
    #[serde(default)]
    pub also: Vec<Cite>,
    /// While a fact it reads is not entered, the treatment waits for it ("Pending") rather
    /// than the fact going to the checklist: the source makes it a requirement that no
    /// verdict can be given without.
    #[serde(default)]
    pub awaits: bool,
    /// The pathway it was written in, when a treatment takes it from one (set on loading).
    #[serde(skip)]
    pub from: Option<String>,
}

/// A question of the side-by-side comparison grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: Text,
}

/// A treatment's answer to a grid question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// The source answers it.
    Stated {
        text: Text,
        #[serde(default)]
        cite: Cite,
        #[serde(default)]
        freq: Option<Freq>,
        /// Plain words for the handout.
        #[serde(default)]
        plain: Option<Text>,
        /// A very short answer for the handout's one-page grid.
        #[serde(default)]
        short: Option<Text>,
    },
    /// The source does not say; the app says so instead of guessing.
    NotStated,
    /// netliver's own wording, not a claim of any source (e.g. what "no liver-directed
    /// treatment now" means); shown marked as such, never with a citation.
    Template {
        text: Text,
        #[serde(default)]
        short: Option<Text>,
    },
}

impl Answer {
    /// The text a handout prints: plain words where there are some.
    pub fn for_patient(&self) -> Option<&Text> {
        match self {
            Answer::Stated { text, plain, .. } => Some(plain.as_ref().unwrap_or(text)),
            Answer::Template { text, .. } => Some(text),
            Answer::NotStated => None,
        }
    }

    /// The short answer for the one-page grid, else the plain one.
    pub fn short(&self) -> Option<&Text> {
        match self {
            Answer::Stated { short: Some(s), .. } | Answer::Template { short: Some(s), .. } => {
                Some(s)
            }
            other => other.for_patient(),
        }
    }
}

/// An option beside the treatments that is not one: "no liver-directed treatment now".
/// Its answers are the page's words where it has any, else netliver's templates or
/// "the source does not say".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Alternative {
    pub name: Text,
    pub answers: BTreeMap<String, Answer>,
}

/// Who stands behind the dataset and its handouts (IPDAS: authors, review, funding,
/// conflicts of interest, update policy, evidence). The shipped dataset states the honest
/// truth, e.g. that no clinician has reviewed it yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct About {
    /// Who edits the dataset.
    pub editor: Text,
    /// Who reviewed it clinically, and when (or that no one has yet).
    pub clinical_review: Text,
    pub funding: Text,
    pub conflicts: Text,
    pub update_policy: Text,
    /// The next review, YYYY-MM-DD.
    pub next_review: String,
    /// What the evidence is and how strong, in plain words.
    pub evidence: Text,
}

/// One liver-directed treatment.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Treatment {
    /// Stable id: `resection`, `debulking`, `rfa`, `tae`, `tace`, `sirt`, `sbrt`.
    pub id: String,
    pub name: Text,
    /// Acronym or short name for narrow places (RFA, SIRT).
    pub short: Text,
    pub aims: Vec<Aim>,
    /// What it is, in one or two sentences.
    pub summary: Claim,
    /// What it aims at, in words.
    pub aim: Claim,
    /// How it is done: access, anaesthesia, sessions, repeatability.
    pub procedure: Vec<Claim>,
    pub outcomes: Vec<Outcome>,
    pub side_effects_common: Vec<Claim>,
    pub side_effects_rare: Vec<Claim>,
    pub preparations: Vec<Preparation>,
    pub follow_up: Vec<FollowUp>,
    /// Who it is for.
    pub suited: Vec<Claim>,
    /// Who it is not for.
    pub not_suited: Vec<Claim>,
    /// How the source speaks of the treatment when its criteria are met.
    pub eligible_as: Option<EligibleAs>,
    /// The shared pathways it takes (by id): their criteria, rules, preparations, checks
    /// and texts apply to it as if written here, before its own.
    pub pathways: Vec<String>,
    /// What the source requires: all must hold for `eligible`.
    pub criteria: Vec<Criterion>,
    /// Reservations, contraindications and remarks: each applies when its condition holds.
    pub rules: Vec<Rule>,
    /// Answers to the grid questions, keyed by question id.
    pub answers: BTreeMap<String, Answer>,
    /// Questions the patient may want to ask about this treatment (not claims).
    pub ask: Vec<Text>,
    /// Points to check before this treatment that no profile field covers.
    pub checks: Vec<Claim>,
    /// The grid answers it takes from a pathway, by question id (set on loading).
    #[serde(skip)]
    pub inherited_answers: Vec<String>,
}

impl Treatment {
    /// The lists of claims that describe the treatment, with their field names: what it
    /// is, its side effects and whom it suits (its checks are apart: they are for the
    /// clinician).
    pub fn claim_lists(&self) -> [(&'static str, &[Claim]); 5] {
        [
            ("procedure", &self.procedure),
            ("side_effects_common", &self.side_effects_common),
            ("side_effects_rare", &self.side_effects_rare),
            ("suited", &self.suited),
            ("not_suited", &self.not_suited),
        ]
    }
}

/// A named set of criteria, rules, preparations, checks and texts that several treatments
/// share (e.g. every procedure under general anaesthesia, the catheter treatments). Each is
/// written once, here, and reaches every treatment that lists the pathway; its wording must
/// read right on each of them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pathway {
    pub id: String,
    /// What the pathway covers, e.g. "Every procedure on the liver".
    pub name: Text,
    pub criteria: Vec<Criterion>,
    pub rules: Vec<Rule>,
    pub preparations: Vec<Preparation>,
    pub checks: Vec<Claim>,
    pub procedure: Vec<Claim>,
    pub outcomes: Vec<Outcome>,
    pub side_effects_common: Vec<Claim>,
    pub side_effects_rare: Vec<Claim>,
    pub follow_up: Vec<FollowUp>,
    pub suited: Vec<Claim>,
    pub not_suited: Vec<Claim>,
    /// Grid answers shared by its treatments; a treatment's own answer replaces one.
    pub answers: BTreeMap<String, Answer>,
    pub ask: Vec<Text>,
}

impl Pathway {
    /// Calls `f` with each citation of the pathway and the path of its item below `p`.
    pub(super) fn visit_own_cites(&self, p: &str, f: &mut dyn FnMut(&str, &Cite)) {
        let lists: [(&str, &[Claim]); 6] = [
            ("checks", &self.checks),
            ("procedure", &self.procedure),
            ("side_effects_common", &self.side_effects_common),
            ("side_effects_rare", &self.side_effects_rare),
            ("suited", &self.suited),
            ("not_suited", &self.not_suited),
        ];
        for (name, list) in lists {
            for (k, c) in list.iter().enumerate() {
                f(&format!("{p}{name}[{k}]"), &c.cite);
            }
        }
        for (k, x) in self.outcomes.iter().enumerate() {
            f(&format!("{p}outcomes[{k}]"), &x.cite);
        }
        for (k, x) in self.preparations.iter().enumerate() {
            f(&format!("{p}preparations[{k}]"), &x.cite);
        }
        for (k, x) in self.follow_up.iter().enumerate() {
            f(&format!("{p}follow_up[{k}]"), &x.cite);
        }
        for (k, c) in self.criteria.iter().enumerate() {
            let path = format!("{p}criteria[{k}]");
            f(&path, &c.cite);
            c.also.iter().for_each(|a| f(&path, a));
        }
        for (k, r) in self.rules.iter().enumerate() {
            let path = format!("{p}rules[{k}]");
            f(&path, &r.cite);
            r.also.iter().for_each(|a| f(&path, a));
        }
        for (q, a) in &self.answers {
            if let Answer::Stated { cite, .. } = a {
                f(&format!("{p}answers.{q}"), cite);
            }
        }
    }
}

/// A point on which sources differ: each position is shown with its own source, side by
/// side, never merged into one number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Disagreement {
    pub id: String,
    /// What the sources differ on.
    pub topic: Text,
    /// The treatments it concerns (empty: the condition in general).
    pub treatments: Vec<String>,
    pub positions: Vec<Claim>,
}

/// A whole dataset.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dataset {
    pub id: String,
    pub version: String,
    /// Last reviewed, YYYY-MM-DD.
    pub reviewed: String,
    pub title: Text,
    pub sources: Vec<Source>,
    /// General facts about NET liver metastases.
    pub facts: Vec<Fact>,
    /// The facts (by id) that state the patient's situation on page 1 of a handout.
    pub situation: Vec<String>,
    /// What the choice of treatment depends on.
    pub choice_factors: Vec<Claim>,
    pub notices: Vec<Notice>,
    /// What the sources say differently, side by side.
    pub disagreements: Vec<Disagreement>,
    /// "No liver-directed treatment now", the option beside every comparison and handout.
    pub no_treatment: Option<Alternative>,
    /// Statements a patient may tick in "What matters to me" (netliver's wording).
    pub priorities: Vec<Text>,
    /// The "About this leaflet" box.
    pub about: About,
    /// Points to check before any treatment that no profile field covers (e.g. where in the
    /// liver the metastases sit), each with its source.
    pub checks: Vec<Claim>,
    /// The comparison grid's questions, in display order.
    pub questions: Vec<Question>,
    /// Rule sets and texts shared by several treatments.
    pub pathways: Vec<Pathway>,
    pub treatments: Vec<Treatment>,
    /// Questions any patient may want to ask (not claims).
    pub ask: Vec<Text>,
    /// What settles each fact of the work-up list (the test or examination), by field.
    pub settled_by: Vec<SettledBy>,
    /// A hash of the content, worked out when a document id first needs it.
    #[serde(skip)]
    pub(super) fingerprint: std::sync::OnceLock<u64>,
}

impl Dataset {
    /// A 64-bit FNV-1a hash of the dataset's content (every text, rule and source), so that
    /// a document can say which content it was made from; not a security measure.
    pub fn fingerprint(&self) -> u64 {
        *self.fingerprint.get_or_init(|| {
            let bytes = serde_json::to_vec(self).unwrap_or_default();
            super::fnv1a(&bytes)
        })
    }

    pub fn treatment(&self, id: &str) -> Option<&Treatment> {
        self.treatments.iter().find(|t| t.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The kind of source a citation rests on (an unknown source counts as the page, which
    /// validation rules out).
    pub fn evidence_of(&self, cite: &Cite) -> Evidence {
        self.source(&cite.source)
            .map_or(Evidence::PatientPage, Source::evidence)
    }

    /// Whether a citation rests on the guideline layer (any source but the patient page).
    pub fn cites_literature(&self, cite: &Cite) -> bool {
        self.evidence_of(cite).is_literature()
    }
}

impl Source {
    /// The kind of source (the patient page when not stated, which validation forbids).
    pub fn evidence(&self) -> Evidence {
        self.kind.unwrap_or(Evidence::PatientPage)
    }
}
