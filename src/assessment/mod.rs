//! Turns a patient profile and the dataset's criteria and rules into a verdict per
//! treatment, with the reasons and sources behind it. Pure functions: the UI, the CLI, the
//! handouts and the tests all call [`assess`] the same way.
//!
//! Conditions are evaluated in three-valued logic: a test on a field the clinician left
//! unknown is *unknown*. A treatment is `eligible` only when every one of its criteria is
//! known to hold and no reservation applies or could apply:
//!
//! - a criterion that holds speaks in favour; one that does not gives its `otherwise`
//!   verdict; one whose facts are not entered gives `caution`, naming what is missing;
//! - a rule whose condition holds adds its verdict; a rule that could hold the treatment
//!   back (caution, not eligible) but reads a field left unknown gives `caution`, naming
//!   what is missing. A rule that only speaks in favour never decides anything.
//! - a fact of the guideline layer (tumour burden, ascites, …) left unknown is the one
//!   exception: an item that reads it becomes a point "to check before treatment" on the
//!   card rather than a caution. A patient-page fact left unknown is always a caution.
//!
//! So a gap never passes silently, and every reason shown rests on facts that were entered.

pub mod panel;
pub mod profile;

use std::cmp::Ordering;

pub use profile::{InputError, Profile};

use crate::dataset::fields::{Field, Layer};
use crate::dataset::rules::{Cond, Expr, Value};
use crate::dataset::{Cite, Dataset, EligibleAs, Notice, Text, Verdict};

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

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

/// Which sources the assessment listens to: the patient page alone, or the page with the
/// guideline layer (national guidelines, consensus papers and studies).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    PageOnly,
    #[default]
    WithGuidelines,
}

impl Scope {
    /// Whether a claim resting on `cite` speaks in this scope: with the patient page only,
    /// the guideline layer's claims stay out.
    pub fn admits(self, d: &Dataset, cite: &Cite) -> bool {
        self == Scope::WithGuidelines || !is_literature(d, cite)
    }

    /// Whether a disagreement between sources is shown in this scope: only with the
    /// guidelines, since every disagreement sets the page beside other sources (or other
    /// sources beside each other).
    pub fn admits_disagreement(self, _d: &Dataset, _x: &crate::dataset::Disagreement) -> bool {
        self == Scope::WithGuidelines
    }

    /// Whether this scope asks for `field`: with the patient page only, the guideline
    /// layer's fields have no say.
    pub fn asks(self, field: Field) -> bool {
        self == Scope::WithGuidelines || field.spec().layer == Layer::Page
    }
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

impl Prep {
    /// Whether the patient's handout prints it: everything the patient page says, and of
    /// the guideline layer only what is known to change this patient's preparation.
    pub fn for_patient_handout(&self, d: &Dataset) -> bool {
        !is_literature(d, &self.cite) || (self.tailored && !self.conditional)
    }
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

/// The verdict of a treatment assessed before the one a condition belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    pub verdict: Verdict,
    /// The facts it waits for (see [`Assessment::pending`]): while there are any, the
    /// verdict could still become any other.
    pub pending: Vec<Field>,
}

impl Earlier {
    /// A settled verdict.
    pub fn settled(verdict: Verdict) -> Earlier {
        Earlier {
            verdict,
            pending: Vec::new(),
        }
    }
}

impl From<&Assessment> for Earlier {
    fn from(a: &Assessment) -> Earlier {
        Earlier {
            verdict: a.verdict,
            pending: a.pending(),
        }
    }
}

/// Evaluates an expression. `verdicts` holds the verdicts of the treatments before this one;
/// unknown fields are added to `missing`. A test on the verdict of a treatment that waits
/// for facts is unknown, and names those facts, unless every verdict would answer it alike.
pub fn eval(e: &Expr, p: &Profile, verdicts: &[Earlier], missing: &mut Vec<Field>) -> Truth {
    let known = |field: Field, missing: &mut Vec<Field>| {
        let v = p.value(field);
        if v.is_none() && !missing.contains(&field) {
            missing.push(field);
        }
        v
    };
    let truth = |b: bool| if b { Truth::True } else { Truth::False };
    match e {
        Expr::Const(b) => truth(*b),
        Expr::Not(inner) => match eval(inner, p, verdicts, missing) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        },
        Expr::And(items) => {
            let mut out = Truth::True;
            for item in items {
                match eval(item, p, verdicts, missing) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::True => {}
                }
            }
            out
        }
        Expr::Or(items) => {
            let mut out = Truth::False;
            for item in items {
                match eval(item, p, verdicts, missing) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::False => {}
                }
            }
            out
        }
        Expr::Cmp { field, op, value } => match known(*field, missing) {
            None => Truth::Unknown,
            Some(v) => truth(compare(v, *value).is_some_and(|o| op.holds(o))),
        },
        Expr::InSet { field, values } => match known(*field, missing) {
            None => Truth::Unknown,
            Some(v) => truth(values.contains(&v)),
        },
        Expr::InRange { field, low, high } => match known(*field, missing) {
            None => Truth::Unknown,
            Some(Value::Num(x)) => truth(*low <= x && x <= *high),
            Some(_) => Truth::False,
        },
        // Whether a fact was entered is itself known.
        Expr::Known(field) => truth(p.is_set(*field)),
        Expr::VerdictOf {
            index,
            verdicts: wanted,
            negate,
            ..
        } => match verdicts.get(*index) {
            Some(e) if e.pending.is_empty() => truth(wanted.contains(&e.verdict) != *negate),
            Some(e) => {
                let answers: Vec<bool> = Verdict::ALL
                    .iter()
                    .map(|v| wanted.contains(v) != *negate)
                    .collect();
                if answers.iter().all(|a| *a == answers[0]) {
                    truth(answers[0])
                } else {
                    for f in &e.pending {
                        if !missing.contains(f) {
                            missing.push(*f);
                        }
                    }
                    Truth::Unknown
                }
            }
            // Validation guarantees the index points before this treatment.
            None => Truth::Unknown,
        },
    }
}

/// Evaluates a condition as the dataset wrote it; a condition that did not parse (which
/// validation rules out) is unknown.
pub fn eval_cond(c: &Cond, p: &Profile, verdicts: &[Earlier], missing: &mut Vec<Field>) -> Truth {
    match &c.parsed {
        Ok(e) => eval(e, p, verdicts, missing),
        Err(_) => Truth::Unknown,
    }
}

fn compare(a: Value, b: Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => x.partial_cmp(&y),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(&y)),
        (Value::Choice(x), Value::Choice(y)) => Some(x.cmp(&y)),
        _ => None,
    }
}

/// One unknown condition waiting to become a caution: what is missing, the verdict the
/// condition could give, its explanation and where it comes from.
struct Gap<'d> {
    missing: Vec<Field>,
    /// An absolute contraindication of a national guideline waits for these facts.
    absolute: bool,
    verdict: Verdict,
    text: &'d Text,
    cite: &'d Cite,
    interpretation: &'d Option<Text>,
    origin: Origin,
}

/// Whether a citation rests on the guideline layer (any source but the patient page).
pub fn is_literature(d: &Dataset, cite: &Cite) -> bool {
    d.cites_literature(cite)
}

/// Turns the fields a guideline item could not read into points to check.
fn checks_for(missing: &[Field], why: &Text, cite: &Cite, out: &mut Vec<Check>) {
    if missing.is_empty() {
        return;
    }
    let at = match out
        .iter()
        .position(|c| !c.fields.is_empty() && c.why == *why && c.cite == *cite)
    {
        Some(at) => at,
        None => {
            out.push(Check {
                fields: Vec::new(),
                why: why.clone(),
                cite: cite.clone(),
            });
            out.len() - 1
        }
    };
    let fields = &mut out[at].fields;
    fields.extend_from_slice(missing);
    fields.sort();
    fields.dedup();
}

/// An item whose condition reads facts not entered. A fact of the patient page left unknown
/// is a caution whoever cites the item; a guideline fact left unknown, read by a guideline
/// item, is a point to check before treatment instead (issue 9: not every card a caution).
fn unknown<'d>(d: &Dataset, gap: Gap<'d>, gaps: &mut Vec<Gap<'d>>, checks: &mut Vec<Check>) {
    if !is_literature(d, gap.cite) || gap.absolute {
        gaps.push(gap);
        return;
    }
    let (guideline, page): (Vec<Field>, Vec<Field>) = gap
        .missing
        .iter()
        .partition(|f| f.spec().layer == Layer::Guideline);
    checks_for(&guideline, gap.text, gap.cite, checks);
    if !page.is_empty() {
        gaps.push(Gap {
            missing: page,
            ..gap
        });
    }
}

fn assess_one(
    d: &Dataset,
    index: usize,
    p: &Profile,
    verdicts: &[Earlier],
    scope: Scope,
) -> Assessment {
    let t = &d.treatments[index];
    let listens = |cite: &Cite| scope.admits(d, cite);
    let mut reasons: Vec<Reason> = Vec::new();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut checks: Vec<Check> = Vec::new();
    // Whether any criterion the scope admits has spoken (held, failed or waits for facts).
    let mut judged = false;
    let fired = |verdict,
                 when: &Cond,
                 says: Says,
                 cite: &Cite,
                 also: &[Cite],
                 interp: &Option<Text>,
                 origin| Reason {
        verdict,
        says,
        cite: cite.clone(),
        also: also.to_vec(),
        interpretation: interp.clone(),
        patient: None,
        missing: Vec::new(),
        reads: reads(when),
        pending: false,
        origin,
    };
    for (k, c) in t.criteria.iter().enumerate() {
        if !listens(&c.cite) {
            continue;
        }
        let mut missing = Vec::new();
        match eval_cond(&c.when, p, verdicts, &mut missing) {
            Truth::True => reasons.push(fired(
                Verdict::Eligible,
                &c.when,
                Says::Met(c.requires.clone()),
                &c.cite,
                &c.also,
                &c.interpretation,
                Origin::Criterion {
                    index: k,
                    met: true,
                },
            )),
            Truth::False => reasons.push(fired(
                c.otherwise.max(Verdict::Caution),
                &c.when,
                Says::Unmet(c.unmet.clone()),
                &c.cite,
                &c.also,
                &c.interpretation,
                Origin::Criterion {
                    index: k,
                    met: false,
                },
            )),
            Truth::Unknown => unknown(
                d,
                Gap {
                    missing,
                    absolute: c.awaits,
                    verdict: c.otherwise,
                    text: &c.requires,
                    cite: &c.cite,
                    interpretation: &c.interpretation,
                    origin: Origin::Missing {
                        index: k,
                        criterion: true,
                    },
                },
                &mut gaps,
                &mut checks,
            ),
        }
        judged = true;
    }
    for (k, rule) in t.rules.iter().enumerate() {
        if !listens(&rule.cite) {
            continue;
        }
        let mut missing = Vec::new();
        match eval_cond(&rule.when, p, verdicts, &mut missing) {
            Truth::True => reasons.push(Reason {
                patient: rule.patient.clone(),
                ..fired(
                    rule.verdict,
                    &rule.when,
                    Says::Rule(rule.reason.clone()),
                    &rule.cite,
                    &rule.also,
                    &rule.interpretation,
                    Origin::Rule(k),
                )
            }),
            Truth::Unknown if rule.verdict > Verdict::Eligible => unknown(
                d,
                Gap {
                    missing,
                    absolute: rule.absolute,
                    verdict: rule.verdict,
                    text: &rule.reason,
                    cite: &rule.cite,
                    interpretation: &rule.interpretation,
                    origin: Origin::Missing {
                        index: k,
                        criterion: false,
                    },
                },
                &mut gaps,
                &mut checks,
            ),
            Truth::Unknown | Truth::False => {}
        }
    }
    // One caution per set of missing fields, explained by the strictest item that needs
    // them (the first of equals, in dataset order: criteria before rules).
    let mut merged: Vec<Gap> = Vec::new();
    for mut gap in gaps {
        gap.missing.sort();
        match merged.iter_mut().find(|m| m.missing == gap.missing) {
            Some(m) if gap.verdict > m.verdict => {
                gap.absolute |= m.absolute;
                *m = gap;
            }
            Some(m) => m.absolute |= gap.absolute,
            None => merged.push(gap),
        }
    }
    for gap in merged {
        reasons.push(Reason {
            verdict: Verdict::Caution,
            says: Says::Missing(gap.text.clone()),
            cite: gap.cite.clone(),
            also: Vec::new(),
            interpretation: gap.interpretation.clone(),
            patient: None,
            reads: gap.missing.clone(),
            missing: gap.missing,
            pending: gap.absolute,
            origin: gap.origin,
        });
    }
    if !judged {
        // Validation requires criteria; where none applies in this scope, nothing could make
        // the treatment eligible, so say so rather than pass it.
        reasons.push(Reason {
            verdict: Verdict::Caution,
            says: Says::NoCriteria,
            cite: t.summary.cite.clone(),
            also: Vec::new(),
            interpretation: None,
            patient: None,
            missing: Vec::new(),
            reads: Vec::new(),
            pending: false,
            origin: Origin::Missing {
                index: 0,
                criterion: true,
            },
        });
    }
    // Against a treatment ruled out, a reservation on the same facts, and facts still
    // missing, say nothing more: the card shows what rules it out.
    if reasons.iter().any(|r| r.verdict == Verdict::NotEligible) {
        let against: Vec<Field> = reasons
            .iter()
            .filter(|r| r.verdict == Verdict::NotEligible)
            .flat_map(|r| r.reads.iter().copied())
            .collect();
        reasons.retain(|r| {
            r.verdict != Verdict::Caution
                || (r.missing.is_empty()
                    && (r.reads.is_empty() || !r.reads.iter().all(|f| against.contains(f))))
        });
    }
    // A fact the verdict waits for is not also a point to check.
    let waiting: Vec<Field> = reasons
        .iter()
        .filter(|r| r.pending)
        .flat_map(|r| r.missing.iter().copied())
        .collect();
    for c in &mut checks {
        c.fields.retain(|f| !waiting.contains(f));
    }
    checks.retain(|c| !c.fields.is_empty());
    // Worst first; the sort is stable, so criteria and then rules keep dataset order.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.verdict));
    let verdict = reasons.first().map_or(Verdict::Caution, |r| r.verdict);
    // Points no field covers: the dataset's own, then the treatment's.
    for c in d
        .checks
        .iter()
        .chain(&t.checks)
        .filter(|c| listens(&c.cite))
    {
        checks.push(Check {
            fields: Vec::new(),
            why: c.text.clone(),
            cite: c.cite.clone(),
        });
    }
    let preparations: Vec<Prep> = t
        .preparations
        .iter()
        .filter(|prep| listens(&prep.cite))
        .filter_map(|prep| {
            let mut open = Vec::new();
            let conditional = match &prep.when {
                None => false,
                Some(when) => match eval_cond(when, p, verdicts, &mut open) {
                    Truth::True => false,
                    Truth::Unknown => true,
                    Truth::False => return None,
                },
            };
            // Each unknown field once (eval lists a field once).
            if !conditional {
                open.clear();
            }
            Some(Prep {
                id: prep.id.clone(),
                text: prep.text.clone(),
                cite: prep.cite.clone(),
                plain: prep.plain.clone(),
                conditional,
                open,
                tailored: prep.when.is_some(),
            })
        })
        .collect();
    // A preparation another one covers is not listed where that one applies for sure.
    let covered = |id: &str| {
        t.preparations.iter().find(|x| x.id == id).is_some_and(|x| {
            x.covered_by
                .iter()
                .any(|c| preparations.iter().any(|p| p.id == *c && !p.conditional))
        })
    };
    let preparations: Vec<Prep> = preparations
        .iter()
        .filter(|p| !covered(&p.id))
        .cloned()
        .collect();
    Assessment {
        index,
        treatment: t.id.clone(),
        verdict,
        eligible_as: t.eligible_as.unwrap_or(EligibleAs::MayBeConsidered),
        reasons,
        preparations,
        checks,
        page_verdict: None,
        guideline_verdict: None,
        set_aside: Vec::new(),
    }
}

/// The fields a condition reads, each once.
fn reads(c: &Cond) -> Vec<Field> {
    let mut out = Vec::new();
    if let Ok(e) = &c.parsed {
        e.visit_fields(&mut |f| {
            if !out.contains(&f) {
                out.push(f);
            }
        });
    }
    out
}

/// The verdict on every treatment, in dataset order, from the page and the guidelines.
pub fn assess(d: &Dataset, p: &Profile) -> Vec<Assessment> {
    assess_with(d, p, Scope::WithGuidelines)
}

/// The verdict on every treatment, in dataset order, from the sources `scope` names. With
/// guidelines, each assessment also carries the verdict of the page alone.
pub fn assess_with(d: &Dataset, p: &Profile, scope: Scope) -> Vec<Assessment> {
    let run = |scope| {
        let mut verdicts = Vec::with_capacity(d.treatments.len());
        let mut out = Vec::with_capacity(d.treatments.len());
        for i in 0..d.treatments.len() {
            let a = assess_one(d, i, p, &verdicts, scope);
            verdicts.push(Earlier::from(&a));
            out.push(a);
        }
        out
    };
    let mut out = run(scope);
    match scope {
        Scope::WithGuidelines => {
            for (a, page) in out.iter_mut().zip(run(Scope::PageOnly)) {
                a.page_verdict = Some(page.verdict);
            }
        }
        Scope::PageOnly => {
            // Nothing entered is dropped in silence: what the guidelines say on the facts
            // entered stays beside the page's verdict.
            for (a, full) in out.iter_mut().zip(run(Scope::WithGuidelines)) {
                a.guideline_verdict = Some(full.verdict);
                a.set_aside = full
                    .reasons
                    .into_iter()
                    .filter(|r| {
                        r.verdict > Verdict::Eligible
                            && r.missing.is_empty()
                            && is_literature(d, &r.cite)
                    })
                    .collect();
            }
        }
    }
    out
}

/// The facts entered that the sources in `scope` do not read: with the patient page
/// alone, every guideline fact. They are named wherever the verdicts are shown.
pub fn set_aside_fields(p: &Profile, scope: Scope) -> Vec<Field> {
    Field::ALL
        .iter()
        .copied()
        .filter(|&f| p.is_set(f) && !scope.asks(f))
        .collect()
}

/// The dataset's general notices that this profile triggers.
pub fn notices<'d>(d: &'d Dataset, p: &Profile) -> Vec<&'d Notice> {
    d.notices
        .iter()
        .filter(|n| eval_cond(&n.when, p, &[], &mut Vec::new()) == Truth::True)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::rules::parse;

    fn profile() -> Profile {
        Profile::from_pairs(&[("lesions", "2"), ("largest_cm", "2.5"), ("grade", "g1")])
            .unwrap_or_default()
    }

    fn ev(src: &str, p: &Profile) -> (Truth, Vec<Field>) {
        let mut missing = Vec::new();
        let t = eval(
            &parse(src).unwrap(),
            p,
            &[Earlier::settled(Verdict::Caution)],
            &mut missing,
        );
        (t, missing)
    }

    #[test]
    fn three_valued_logic() {
        let p = profile();
        assert_eq!(ev("lesions <= 3", &p).0, Truth::True);
        assert_eq!(ev("lesions in 3..=7", &p).0, Truth::False);
        assert_eq!(ev("ecog >= 3", &p), (Truth::Unknown, vec![Field::Ecog]));
        // False wins in `and`, true wins in `or`, whatever is unknown.
        assert_eq!(ev("ecog >= 3 && lesions > 5", &p).0, Truth::False);
        assert_eq!(ev("ecog >= 3 || lesions < 5", &p).0, Truth::True);
        assert_eq!(ev("!(ecog >= 3)", &p).0, Truth::Unknown);
        assert_eq!(ev("grade in [g1, g2]", &p).0, Truth::True);
        assert_eq!(ev("grade != nec", &p).0, Truth::True);
        assert_eq!(ev("largest_cm > 2.4", &p).0, Truth::True);
        // `known(...)` is never unknown, and names nothing as missing.
        assert_eq!(ev("known(ecog)", &p), (Truth::False, vec![]));
        assert_eq!(ev("known(lesions)", &p).0, Truth::True);
        assert_eq!(
            ev("known(ki67_pct) && ki67_pct > 20", &p),
            (Truth::False, vec![])
        );
    }

    #[test]
    fn verdict_references_read_earlier_verdicts() {
        let mut e = parse("verdict(resection) == caution").unwrap();
        e.visit_verdict_refs(&mut |_, i| *i = 0);
        let p = Profile::default();
        assert_eq!(
            eval(&e, &p, &[Earlier::settled(Verdict::Caution)], &mut vec![]),
            Truth::True
        );
        assert_eq!(
            eval(&e, &p, &[Earlier::settled(Verdict::Eligible)], &mut vec![]),
            Truth::False
        );
        // A verdict that waits for facts could become any: unknown, naming them.
        let waiting = Earlier {
            verdict: Verdict::Caution,
            pending: vec![Field::Ecog],
        };
        let mut missing = vec![];
        assert_eq!(
            eval(&e, &p, std::slice::from_ref(&waiting), &mut missing),
            Truth::Unknown
        );
        assert_eq!(missing, [Field::Ecog]);
        let mut all = parse("verdict(resection) in [eligible, caution, not_eligible]").unwrap();
        all.visit_verdict_refs(&mut |_, i| *i = 0);
        assert_eq!(eval(&all, &p, &[waiting], &mut vec![]), Truth::True);
    }
}
