//! What would change each verdict: for every fact a condition reads, the verdicts the
//! treatments get with each other value of it, computed by the engine (never written by
//! hand), and from it the work-up list: the facts not entered that could change a verdict,
//! ranked by how many.
//!
//! Conditions compare a fact with fixed numbers, so between two of those numbers a verdict
//! cannot change: a number field is probed at each number a condition names, just below and
//! just above it, and at its limits; a choice at each option; yes/no at both.

use super::{Earlier, Profile, Scope, Truth, eval_cond, is_literature};
use crate::dataset::fields::{Field, Kind, Layer};
use crate::dataset::rules::{Expr, Value};
use crate::dataset::{Dataset, Verdict};

/// A verdict as the badge shows it: the verdict, and whether it waits for facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Outcome {
    pub verdict: Verdict,
    pub pending: bool,
}

/// Values of one fact, said as people say them.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// yes or no.
    Bool(bool),
    /// Some options of a choice, by index.
    Choices(Vec<usize>),
    /// A span of numbers: `low` and `high` are `None` at the field's limits; `strict` says
    /// the bound itself is outside ("> 3" rather than "≥ 3").
    Range {
        low: Option<Bound>,
        high: Option<Bound>,
    },
}

/// One end of a span of numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub strict: bool,
}

/// With these values of the fact, the treatment would get `outcome`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub values: Values,
    pub outcome: Outcome,
}

/// A fact whose other values change one treatment's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub field: Field,
    /// Whether the fact is entered (else it is one to settle).
    pub entered: bool,
    /// Every other outcome, with the values that give it.
    pub alternatives: Vec<Alternative>,
}

/// A fact not entered that could change verdicts: how many, and which.
#[derive(Debug, Clone, PartialEq)]
pub struct Settle {
    pub field: Field,
    /// Indexes of the treatments whose verdict it could change.
    pub treatments: Vec<usize>,
}

/// What could change the verdicts of one profile.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WhatIf {
    /// For each treatment, in dataset order, the facts that would change its verdict.
    pub levers: Vec<Vec<Lever>>,
    /// The facts not entered that could change a verdict, most verdicts first.
    pub workup: Vec<Settle>,
}

/// The badge of treatment `index` alone: the verdict and the facts it waits for, as
/// [`super::assess`] gives them (a property test holds the two together), without building
/// a reason. The what-if search assesses hundreds of profiles; this keeps it to a few
/// milliseconds.
pub fn badge(
    d: &Dataset,
    index: usize,
    p: &Profile,
    verdicts: &[Earlier],
    scope: Scope,
) -> Earlier {
    let t = &d.treatments[index];
    let mut worst: Option<Verdict> = None;
    let mut firm_caution = false;
    let mut waits: Vec<Field> = Vec::new();
    let mut missing = Vec::new();
    let mut judged = false;
    let speak = |v: Verdict, worst: &mut Option<Verdict>| {
        *worst = Some(worst.map_or(v, |w| w.max(v)));
    };
    // A condition that reads facts not entered: a caution naming them, except guideline
    // facts read by a guideline item, which are points to check.
    let mut gap = |missing: &[Field], absolute: bool, cite, worst: &mut Option<Verdict>| {
        let counted: Vec<Field> = if !is_literature(d, cite) || absolute {
            missing.to_vec()
        } else {
            missing
                .iter()
                .copied()
                .filter(|f| f.spec().layer != Layer::Guideline)
                .collect()
        };
        if !counted.is_empty() {
            *worst = Some(worst.map_or(Verdict::Caution, |w| w.max(Verdict::Caution)));
            waits.extend(counted);
        }
    };
    for c in &t.criteria {
        if !scope.admits(d, &c.cite) {
            continue;
        }
        missing.clear();
        match eval_cond(&c.when, p, verdicts, &mut missing) {
            Truth::True => speak(Verdict::Eligible, &mut worst),
            Truth::False => {
                let v = c.otherwise.max(Verdict::Caution);
                firm_caution |= v == Verdict::Caution;
                speak(v, &mut worst);
            }
            Truth::Unknown => gap(&missing, c.awaits, &c.cite, &mut worst),
        }
        judged = true;
    }
    for r in &t.rules {
        if !scope.admits(d, &r.cite) {
            continue;
        }
        missing.clear();
        match eval_cond(&r.when, p, verdicts, &mut missing) {
            Truth::True => {
                firm_caution |= r.verdict == Verdict::Caution;
                speak(r.verdict, &mut worst);
            }
            Truth::Unknown if r.verdict > Verdict::Eligible => {
                gap(&missing, r.absolute, &r.cite, &mut worst);
            }
            Truth::Unknown | Truth::False => {}
        }
    }
    if !judged {
        firm_caution = true;
        speak(Verdict::Caution, &mut worst);
    }
    let verdict = worst.unwrap_or(Verdict::Caution);
    let pending = if verdict == Verdict::Caution && !firm_caution {
        waits.sort();
        waits.dedup();
        waits
    } else {
        Vec::new()
    };
    Earlier { verdict, pending }
}

/// The badges of every treatment for `p` in one scope.
pub fn badges(d: &Dataset, p: &Profile, scope: Scope) -> Vec<Outcome> {
    outcomes(d, p, scope).0
}

/// The badges of every treatment for `p`, in one scope, and what later conditions read of
/// them.
fn outcomes(d: &Dataset, p: &Profile, scope: Scope) -> (Vec<Outcome>, Vec<Earlier>) {
    let mut earlier = Vec::with_capacity(d.treatments.len());
    let mut out = Vec::with_capacity(d.treatments.len());
    for i in 0..d.treatments.len() {
        let e = badge(d, i, p, &earlier, scope);
        out.push(outcome_of(&e));
        earlier.push(e);
    }
    (out, earlier)
}

fn outcome_of(e: &Earlier) -> Outcome {
    Outcome {
        verdict: e.verdict,
        pending: !e.pending.is_empty(),
    }
}

/// The badges with `p` changed in one fact: only the treatments in `affected` (ascending)
/// are assessed again; the others keep the badges of `now`.
fn outcomes_changed(
    d: &Dataset,
    p: &Profile,
    scope: Scope,
    now: &(Vec<Outcome>, Vec<Earlier>),
    affected: &[usize],
) -> Vec<Outcome> {
    let (mut out, mut earlier) = (now.0.clone(), now.1.clone());
    for &i in affected {
        earlier[i] = badge(d, i, p, &earlier[..i], scope);
        out[i] = outcome_of(&earlier[i]);
    }
    out
}

/// The treatments whose verdict can depend on `field`: those whose criteria or rules read
/// it, and those that read the verdict of one of them.
fn affected_by(d: &Dataset, field: Field) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (i, t) in d.treatments.iter().enumerate() {
        let conds = t
            .criteria
            .iter()
            .map(|c| &c.when)
            .chain(t.rules.iter().map(|r| &r.when));
        let mut hit = false;
        for c in conds {
            if let Ok(e) = &c.parsed {
                e.visit_fields(&mut |f| hit |= f == field);
                hit |= refs(e).iter().any(|j| out.contains(j));
            }
        }
        if hit {
            out.push(i);
        }
    }
    out
}

/// The treatments an expression reads the verdict of.
fn refs(e: &Expr) -> Vec<usize> {
    let mut out = Vec::new();
    let mut walk = |x: &Expr| {
        if let Expr::VerdictOf { index, .. } = x {
            out.push(*index);
        }
    };
    fn each(e: &Expr, f: &mut dyn FnMut(&Expr)) {
        f(e);
        match e {
            Expr::Not(x) => each(x, f),
            Expr::And(xs) | Expr::Or(xs) => xs.iter().for_each(|x| each(x, f)),
            _ => {}
        }
    }
    each(e, &mut walk);
    out
}

/// The numbers the dataset's conditions compare `field` with.
fn thresholds(d: &Dataset, field: Field) -> Vec<f64> {
    fn walk(e: &Expr, field: Field, out: &mut Vec<f64>) {
        match e {
            Expr::Not(x) => walk(x, field, out),
            Expr::And(xs) | Expr::Or(xs) => xs.iter().for_each(|x| walk(x, field, out)),
            Expr::Cmp {
                field: f,
                value: Value::Num(x),
                ..
            } if *f == field => out.push(*x),
            Expr::InRange {
                field: f,
                low,
                high,
            } if *f == field => {
                out.push(*low);
                out.push(*high);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for t in &d.treatments {
        let conds = t
            .criteria
            .iter()
            .map(|c| &c.when)
            .chain(t.rules.iter().map(|r| &r.when));
        for c in conds {
            if let Ok(e) = &c.parsed {
                walk(e, field, &mut out);
            }
        }
    }
    out
}

/// One value to try, with where it stands among the thresholds (for saying the span).
#[derive(Debug, Clone, Copy)]
struct Probe {
    value: Value,
    /// For numbers: the bound this value stands for when it opens or closes a span.
    low: Option<Bound>,
    high: Option<Bound>,
}

/// The values worth trying for `field`.
fn probes(d: &Dataset, field: Field) -> Vec<Probe> {
    let plain = |value| Probe {
        value,
        low: None,
        high: None,
    };
    let (min, max, step) = match field.kind() {
        Kind::Bool => return [true, false].map(|b| plain(Value::Bool(b))).to_vec(),
        Kind::Choice(options) => {
            return (0..options.len())
                .map(|i| plain(Value::Choice(i)))
                .collect();
        }
        #[allow(clippy::cast_precision_loss)]
        Kind::Int { min, max } => (min as f64, max as f64, 1.0),
        Kind::Float { min, max } => (min, max, 0.1),
    };
    let int = matches!(field.kind(), Kind::Int { .. });
    // (value, low bound if a span starts here, high bound if a span ends here)
    let mut points: Vec<(f64, Option<Bound>, Option<Bound>)> =
        vec![(min, None, None), (max, None, None)];
    for t in thresholds(d, field) {
        let bound = |value, strict| Some(Bound { value, strict });
        let (below, above) = ((t - step).max(min), (t + step).min(max));
        if int {
            points.push((below, bound(below, false), bound(below, false)));
            points.push((t, bound(t, false), bound(t, false)));
            points.push((above, bound(above, false), bound(above, false)));
        } else {
            // Just below t a span can only end ("< t"), just above it only start ("> t").
            points.push((below, bound(below, false), bound(t, true)));
            points.push((t, bound(t, false), bound(t, false)));
            points.push((above, bound(t, true), bound(above, false)));
        }
    }
    points.retain(|(v, ..)| (min..=max).contains(v));
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9);
    points
        .into_iter()
        .map(|(v, low, high)| Probe {
            value: Value::Num(v),
            low: if (v - min).abs() < 1e-9 { None } else { low },
            high: if (v - max).abs() < 1e-9 { None } else { high },
        })
        .collect()
}

/// Groups the probes of one field by the outcome they give one treatment, keeping the
/// alternatives to `now`: neighbouring numbers with the same outcome make one span.
fn alternatives(field: Field, tried: &[(Probe, Outcome)], now: Outcome) -> Vec<Alternative> {
    let mut out: Vec<Alternative> = Vec::new();
    match field.kind() {
        Kind::Bool => {
            for (p, o) in tried {
                if let (Value::Bool(b), true) = (p.value, *o != now) {
                    out.push(Alternative {
                        values: Values::Bool(b),
                        outcome: *o,
                    });
                }
            }
        }
        Kind::Choice(_) => {
            for (p, o) in tried.iter().filter(|(_, o)| *o != now) {
                let Value::Choice(i) = p.value else { continue };
                match out.iter_mut().find(|a| a.outcome == *o) {
                    Some(Alternative {
                        values: Values::Choices(is),
                        ..
                    }) => is.push(i),
                    _ => out.push(Alternative {
                        values: Values::Choices(vec![i]),
                        outcome: *o,
                    }),
                }
            }
        }
        Kind::Int { .. } | Kind::Float { .. } => {
            // Runs of neighbouring probes with one outcome.
            let mut k = 0;
            while k < tried.len() {
                let o = tried[k].1;
                let mut j = k;
                while j + 1 < tried.len() && tried[j + 1].1 == o {
                    j += 1;
                }
                if o != now {
                    out.push(Alternative {
                        values: Values::Range {
                            low: tried[k].0.low,
                            high: tried[j].0.high,
                        },
                        outcome: o,
                    });
                }
                k = j + 1;
            }
        }
    }
    out
}

/// What would change the verdicts of `p` in `scope`.
pub fn what_if(d: &Dataset, p: &Profile, scope: Scope) -> WhatIf {
    let n = d.treatments.len();
    let base = outcomes(d, p, scope);
    let now = &base.0;
    let mut levers: Vec<Vec<Lever>> = vec![Vec::new(); n];
    let mut workup: Vec<Settle> = Vec::new();
    for &field in Field::ALL {
        let affected = affected_by(d, field);
        if !scope.asks(field) || affected.is_empty() {
            continue;
        }
        let current = p.value(field);
        let tried: Vec<(Probe, Vec<Outcome>)> = probes(d, field)
            .into_iter()
            .map(|probe| {
                let same = current.is_some_and(|c| same_value(c, probe.value));
                let o = if same {
                    now.clone()
                } else {
                    let changed = p.with(field, Some(probe.value));
                    outcomes_changed(d, &changed, scope, &base, &affected)
                };
                (probe, o)
            })
            .collect();
        let mut changed = Vec::new();
        for i in 0..n {
            let per: Vec<(Probe, Outcome)> = tried.iter().map(|(pr, o)| (*pr, o[i])).collect();
            let alts = alternatives(field, &per, now[i]);
            if !alts.is_empty() {
                levers[i].push(Lever {
                    field,
                    entered: current.is_some(),
                    alternatives: alts,
                });
                changed.push(i);
            }
        }
        if current.is_none() && !changed.is_empty() {
            workup.push(Settle {
                field,
                treatments: changed,
            });
        }
    }
    // Most verdicts first; the field table's order among equals.
    workup.sort_by_key(|s| std::cmp::Reverse(s.treatments.len()));
    WhatIf { levers, workup }
}

fn same_value(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    fn profile(pairs: &[(&str, &str)]) -> Profile {
        Profile::from_pairs(pairs).unwrap_or_default()
    }

    #[test]
    fn an_entered_number_shows_the_span_that_would_change_the_verdict() {
        let Ok(d) = dataset::load_embedded() else {
            unreachable!()
        };
        let p = profile(&[
            ("lesions", "15"),
            ("largest_cm", "2"),
            ("extrahepatic", "no"),
            ("grade", "g2"),
        ]);
        let w = what_if(&d, &p, Scope::PageOnly);
        let rfa = d.treatments.iter().position(|t| t.id == "rfa").unwrap_or(0);
        let lesions = w.levers[rfa]
            .iter()
            .find(|l| l.field == Field::Lesions)
            .map(|l| l.alternatives.clone())
            .unwrap_or_default();
        assert!(
            lesions
                .iter()
                .any(|a| a.outcome.verdict > Verdict::NotEligible
                    || matches!(
                        a.values,
                        Values::Range {
                            low: None,
                            high: Some(_)
                        }
                    )),
            "{lesions:?}"
        );
    }

    #[test]
    fn the_badge_alone_is_the_badge_of_the_full_assessment() {
        let Ok(d) = dataset::load_embedded() else {
            unreachable!()
        };
        use crate::assessment::panel::{REFERENCE_PANEL, parse_panel};
        let panel = parse_panel(REFERENCE_PANEL, "panel").unwrap_or_default();
        assert!(panel.len() > 50);
        for (patient, p) in &panel {
            let name = &patient.id;
            for scope in [Scope::WithGuidelines, Scope::PageOnly] {
                let full: Vec<Outcome> = crate::assessment::assess_with(&d, p, scope)
                    .iter()
                    .map(|a| Outcome {
                        verdict: a.verdict,
                        pending: !a.pending().is_empty(),
                    })
                    .collect();
                assert_eq!(badges(&d, p, scope), full, "{name} {scope:?}");
            }
        }
    }

    #[test]
    fn an_empty_profile_puts_the_pages_facts_first_on_the_workup_list() {
        let Ok(d) = dataset::load_embedded() else {
            unreachable!()
        };
        let w = what_if(&d, &Profile::default(), Scope::WithGuidelines);
        assert!(!w.workup.is_empty());
        let counts: Vec<usize> = w.workup.iter().map(|s| s.treatments.len()).collect();
        assert!(counts.windows(2).all(|c| c[0] >= c[1]), "{counts:?}");
    }
}
