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

mod eval;
pub mod panel;
pub mod profile;
mod result;
mod scope;
pub mod summary;
pub mod whatif;

pub use eval::{Earlier, Truth, eval, eval_cond};
pub use profile::{InputError, Profile};
pub use result::{Assessment, Check, Origin, Prep, Reason, Says};
pub use scope::{Reader, Scope};
pub use summary::{Summary, summarise};
pub use whatif::{WhatIf, what_if};

use crate::dataset::fields::{Field, Layer};
use crate::dataset::rules::Cond;
use crate::dataset::{Cite, Dataset, EligibleAs, Notice, Text, Verdict};

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
