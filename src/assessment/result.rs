//! What the assessment returns: a verdict per treatment with its reasons, preparations and
//! points to check, all as data (the words are chosen in `i18n`).

use crate::dataset::fields::Field;
use crate::dataset::{Cite, EligibleAs, Text, Verdict};

/// Which item of a treatment a reason comes from, and how its condition came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// `rules[k]`, whose condition held.
    Rule(usize),
    /// `criteria[k]`, which held (`met`) or did not.
    Criterion { index: usize, met: bool },
    /// `rules[k]` or `criteria[k]` (`criterion`), whose condition reads unknown fields.
    Missing { index: usize, criterion: bool },
}

/// What a reason says, as data; `i18n::reason` puts it into words.
#[derive(Debug, Clone, PartialEq)]
pub enum Says {
    /// A criterion holds: what it requires.
    Met(Text),
    /// A criterion does not hold: the dataset's explanation.
    Unmet(Text),
    /// A rule whose condition holds: its reason.
    Rule(Text),
    /// The facts in [`Reason::missing`] are not entered; why they are needed.
    Missing(Text),
    /// No criterion of the treatment speaks in this scope.
    NoCriteria,
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// What this reason pushes the verdict to.
    pub verdict: Verdict,
    pub says: Says,
    pub cite: Cite,
    /// Further sources for the same statement.
    pub also: Vec<Cite>,
    /// Set when the reason rests on the dataset's reading of unquantified words.
    pub interpretation: Option<Text>,
    /// A plain-language line for the patient's handout, where the reason changes this
    /// patient's risk (guideline layer).
    pub patient: Option<Text>,
    /// Fields whose absence made this reason a caution.
    pub missing: Vec<Field>,
    /// The fields its condition reads.
    pub reads: Vec<Field>,
    /// It waits for facts an absolute contraindication of a national guideline reads.
    pub pending: bool,
    pub origin: Origin,
}

/// Something to check before treatment: a fact a guideline decides on that is not entered,
/// or a point no profile field covers (`fields` is empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The facts not entered that it is about, in the order of the field table; empty for
    /// a standing point. Items that give the same reason from the same source share one.
    pub fields: Vec<Field>,
    /// Why it matters, with the figure, from the rule or claim that needs it.
    pub why: Text,
    pub cite: Cite,
}

impl Check {
    /// Whether it is about the fact `f`.
    pub fn is_about(&self, f: Field) -> bool {
        self.fields.contains(&f)
    }
}

impl Reason {
    /// The shared pathway of the treatment `t` that the reason's item comes from, if any.
    pub fn pathway<'t>(&self, t: &'t crate::dataset::Treatment) -> Option<&'t str> {
        match self.origin {
            Origin::Rule(k)
            | Origin::Missing {
                index: k,
                criterion: false,
            } => t.rules.get(k).and_then(|r| r.from.as_deref()),
            Origin::Criterion { index: k, .. }
            | Origin::Missing {
                index: k,
                criterion: true,
            } => t.criteria.get(k).and_then(|c| c.from.as_deref()),
        }
    }

    /// A remark: a rule that speaks in favour or gives context, never holding back.
    pub fn is_remark(&self) -> bool {
        matches!(self.origin, Origin::Rule(_)) && self.verdict == Verdict::Eligible
    }

    /// ✔ a criterion that holds, ℹ a remark, ⚠ a reservation, ✖ against.
    pub fn icon(&self) -> &'static str {
        if self.is_remark() {
            "ℹ"
        } else {
            self.verdict.icon()
        }
    }
}

/// A preparation that applies to this patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Prep {
    /// Names the agent, e.g. `octreotide`.
    pub id: String,
    pub text: Text,
    pub cite: Cite,
    /// The same in plain words for the patient's handout.
    pub plain: Option<Text>,
    /// The profile leaves open whether it applies (a field it depends on is unknown).
    pub conditional: bool,
    /// The unknown fields it depends on, when `conditional`.
    pub open: Vec<Field>,
    /// It has a condition on the patient (it is not given to everyone).
    pub tailored: bool,
}

/// The verdict on one treatment for one profile. Owns its data, so a UI can keep it
/// between frames.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Index into `Dataset::treatments`.
    pub index: usize,
    /// The treatment's id.
    pub treatment: String,
    pub verdict: Verdict,
    /// How the source speaks of the treatment when it is eligible.
    pub eligible_as: EligibleAs,
    /// Worst first; never empty. The first is the decisive reason.
    pub reasons: Vec<Reason>,
    pub preparations: Vec<Prep>,
    /// What to check before treatment: guideline facts not entered, and standing points.
    pub checks: Vec<Check>,
    /// With guidelines: the verdict the patient page alone gives (it may differ).
    pub page_verdict: Option<Verdict>,
    /// With the patient page alone: the verdict the guideline layer gives (it may differ).
    pub guideline_verdict: Option<Verdict>,
    /// With the patient page alone: what the guideline layer says against the treatment
    /// on the facts entered, which this layer sets aside.
    pub set_aside: Vec<Reason>,
}

impl Assessment {
    /// The reason that decides the verdict.
    pub fn decisive(&self) -> &Reason {
        &self.reasons[0]
    }

    /// The facts the verdict waits for: when every reservation is a fact not entered (a
    /// patient-page fact, or one an absolute contraindication reads), the treatment is
    /// pending those facts rather than held back. Empty otherwise.
    pub fn pending(&self) -> Vec<Field> {
        if self.verdict != Verdict::Caution {
            return Vec::new();
        }
        let cautions: Vec<&Reason> = self
            .reasons
            .iter()
            .filter(|r| r.verdict == Verdict::Caution)
            .collect();
        if cautions.iter().any(|r| r.missing.is_empty()) {
            return Vec::new();
        }
        let mut out: Vec<Field> = cautions
            .iter()
            .flat_map(|r| r.missing.iter().copied())
            .collect();
        // In the order of the field table, each once.
        out.sort();
        out.dedup();
        out
    }

    /// With the patient page alone: the guideline layer's verdict where it differs.
    pub fn guideline_verdict_if_changed(&self) -> Option<Verdict> {
        self.guideline_verdict.filter(|v| *v != self.verdict)
    }

    /// Whether the guideline layer changed the verdict the patient page gives.
    pub fn guidelines_changed(&self) -> bool {
        self.page_verdict.is_some_and(|v| v != self.verdict)
    }

    /// The patient page's own verdict, where the guideline layer changed it.
    pub fn page_verdict_if_changed(&self) -> Option<Verdict> {
        self.page_verdict.filter(|_| self.guidelines_changed())
    }
}
