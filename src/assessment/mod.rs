//! Turns a patient profile and the dataset's rules into a verdict per treatment, with the
//! reasons and sources behind it. Pure functions: the UI, the CLI, the handouts and the
//! tests all call [`assess`] the same way.
//!
//! Rules are evaluated in three-valued logic: a test on a field the clinician left unknown
//! is *unknown*. A rule that could make the verdict worse (caution, not eligible) and whose
//! condition is unknown gives `caution`, naming what is missing, so a gap never passes
//! silently. A rule that only explains why a treatment fits simply does not apply.

pub mod profile;

use std::cmp::Ordering;

pub use profile::{InputError, Profile, field_label, option_label};

use crate::dataset::rules::{Expr, Field, Value};
use crate::dataset::{Cite, Dataset, Lang, Notice, Text, Treatment, Verdict};

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// What this reason pushes the verdict to.
    pub verdict: Verdict,
    pub text: Text,
    pub cite: Cite,
    /// Set when the reason rests on the dataset's reading of unquantified words.
    pub interpretation: Option<Text>,
    /// Fields whose absence made this reason a caution.
    pub missing: Vec<Field>,
}

/// A preparation that applies to this patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Prep {
    /// Names the agent, e.g. `octreotide`.
    pub id: String,
    pub text: Text,
    pub cite: Cite,
    /// The profile leaves open whether it applies (a field it depends on is unknown).
    pub conditional: bool,
}

impl Prep {
    /// The preparation in words; when the profile leaves it open, says on what it depends.
    pub fn describe(&self, lang: Lang) -> String {
        let text = self.text.get(lang);
        match (self.conditional, lang) {
            (false, _) => text.to_owned(),
            (true, Lang::Da) => {
                format!("Afhænger af, hvor kræften udgår fra (ikke angivet): {text}")
            }
            (true, Lang::En) => {
                format!("Depends on where the cancer started (not entered): {text}")
            }
        }
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
    /// Worst first; never empty. The first is the decisive reason.
    pub reasons: Vec<Reason>,
    pub preparations: Vec<Prep>,
}

impl Assessment {
    /// The reason that decides the verdict.
    pub fn decisive(&self) -> &Reason {
        &self.reasons[0]
    }
}

/// Evaluates an expression. `verdicts` holds the verdicts of the treatments before this one;
/// unknown fields are added to `missing`.
pub fn eval(e: &Expr, p: &Profile, verdicts: &[Verdict], missing: &mut Vec<Field>) -> Truth {
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
        Expr::VerdictOf {
            index,
            verdicts: wanted,
            negate,
            ..
        } => match verdicts.get(*index) {
            Some(v) => truth(wanted.contains(v) != *negate),
            // Validation guarantees the index points before this treatment.
            None => Truth::Unknown,
        },
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

/// "Not entered: number of liver metastases, grade."
fn missing_text(missing: &[Field], reason: &Text) -> Text {
    let list = |lang| {
        missing
            .iter()
            .map(|f| field_label(*f, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Text {
        da: format!(
            "Ikke angivet: {}. Det skal vides, fordi: {}",
            list(Lang::Da),
            reason.da
        ),
        en: format!(
            "Not entered: {}. Needed because: {}",
            list(Lang::En),
            reason.en
        ),
    }
}

fn assess_one(index: usize, t: &Treatment, p: &Profile, verdicts: &[Verdict]) -> Assessment {
    let mut reasons: Vec<Reason> = Vec::new();
    // Rules that could lower the verdict but read unknown fields: one caution per set of
    // missing fields, explained by the strictest of those rules.
    let mut unknown: Vec<(Vec<Field>, &crate::dataset::Rule)> = Vec::new();
    for rule in &t.rules {
        let Ok(expr) = &rule.when.parsed else {
            continue;
        };
        let mut missing = Vec::new();
        match eval(expr, p, verdicts, &mut missing) {
            Truth::True => reasons.push(Reason {
                verdict: rule.verdict,
                text: rule.reason.clone(),
                cite: rule.cite.clone(),
                interpretation: rule.interpretation.clone(),
                missing: Vec::new(),
            }),
            Truth::Unknown if rule.verdict > Verdict::Eligible => {
                missing.sort();
                match unknown.iter_mut().find(|(m, _)| *m == missing) {
                    Some(entry) if rule.verdict > entry.1.verdict => entry.1 = rule,
                    Some(_) => {}
                    None => unknown.push((missing, rule)),
                }
            }
            Truth::Unknown | Truth::False => {}
        }
    }
    for (missing, rule) in unknown {
        reasons.push(Reason {
            verdict: Verdict::Caution,
            text: missing_text(&missing, &rule.reason),
            cite: rule.cite.clone(),
            interpretation: rule.interpretation.clone(),
            missing,
        });
    }
    if reasons.is_empty()
        && let Some(first) = t.suited.first()
    {
        reasons.push(Reason {
            verdict: Verdict::Eligible,
            text: first.text.clone(),
            cite: first.cite.clone(),
            interpretation: None,
            missing: Vec::new(),
        });
    }
    // Worst first; the sort is stable, so dataset order breaks ties.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.verdict));
    let verdict = reasons.first().map_or(Verdict::Eligible, |r| r.verdict);
    let preparations = t
        .preparations
        .iter()
        .filter_map(|prep| {
            let conditional = match &prep.when {
                None => false,
                Some(when) => match &when.parsed {
                    Ok(expr) => match eval(expr, p, verdicts, &mut Vec::new()) {
                        Truth::True => false,
                        Truth::Unknown => true,
                        Truth::False => return None,
                    },
                    Err(_) => return None,
                },
            };
            Some(Prep {
                id: prep.id.clone(),
                text: prep.text.clone(),
                cite: prep.cite.clone(),
                conditional,
            })
        })
        .collect();
    Assessment {
        index,
        treatment: t.id.clone(),
        verdict,
        reasons,
        preparations,
    }
}

/// The verdict on every treatment, in dataset order.
pub fn assess(d: &Dataset, p: &Profile) -> Vec<Assessment> {
    let mut verdicts = Vec::with_capacity(d.treatments.len());
    let mut out = Vec::with_capacity(d.treatments.len());
    for (i, t) in d.treatments.iter().enumerate() {
        let a = assess_one(i, t, p, &verdicts);
        verdicts.push(a.verdict);
        out.push(a);
    }
    out
}

/// The dataset's general notices that this profile triggers.
pub fn notices<'d>(d: &'d Dataset, p: &Profile) -> Vec<&'d Notice> {
    d.notices
        .iter()
        .filter(|n| {
            n.when
                .parsed
                .as_ref()
                .is_ok_and(|e| eval(e, p, &[], &mut Vec::new()) == Truth::True)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::rules::parse;

    fn profile() -> Profile {
        Profile {
            lesions: Some(2),
            largest_cm: Some(2.5),
            grade: Some("g1"),
            ..Profile::default()
        }
    }

    fn ev(src: &str, p: &Profile) -> (Truth, Vec<Field>) {
        let mut missing = Vec::new();
        let t = eval(&parse(src).unwrap(), p, &[Verdict::Caution], &mut missing);
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
    }

    #[test]
    fn verdict_references_read_earlier_verdicts() {
        let mut e = parse("verdict(resection) == caution").unwrap();
        e.visit_verdict_refs(&mut |_, i| *i = 0);
        let p = Profile::default();
        assert_eq!(eval(&e, &p, &[Verdict::Caution], &mut vec![]), Truth::True);
        assert_eq!(
            eval(&e, &p, &[Verdict::Eligible], &mut vec![]),
            Truth::False
        );
    }
}
