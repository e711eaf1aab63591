//! The rule language evaluated on a profile, in three-valued logic: a test on a field left
//! unknown is unknown, and names the field.

use std::cmp::Ordering;

use super::{Assessment, Profile};
use crate::dataset::Verdict;
use crate::dataset::fields::Field;
use crate::dataset::rules::{Cond, Expr, Value};

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
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
