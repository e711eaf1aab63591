//! The rule language of the dataset: the profile fields a rule may name, and a small
//! expression grammar over them.
//!
//! ```text
//! expr    := or
//! or      := and ( ("||" | "or") and )*
//! and     := unary ( ("&&" | "and") unary )*
//! unary   := ("!" | "not") unary | "(" expr ")" | "true" | "false" | test
//! test    := FIELD OP VALUE | FIELD "in" "[" VALUE ("," VALUE)* "]" | FIELD "in" NUM "..=" NUM
//!          | "verdict" "(" TREATMENT ")" ( ("==" | "!=") VERDICT | "in" "[" VERDICT, ... "]" )
//!          | "known" "(" FIELD ")"
//! OP      := "==" | "!=" | "<" | "<=" | ">" | ">="
//! ```
//!
//! Values are checked against the field when the rule is parsed, so a rule on an unknown
//! field, an unknown option or an inverted range is a dataset error, never a silent no-op.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::vocab::Verdict;

pub use super::fields::{Field, GRADES, Kind, PRIMARIES};
pub use parse::{MAX_NESTING, parse};

mod parse;

/// A value a field is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Num(f64),
    Bool(bool),
    /// Index into the field's option list.
    Choice(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Op::Eq => ord == Equal,
            Op::Ne => ord != Equal,
            Op::Lt => ord == Less,
            Op::Le => ord != Greater,
            Op::Gt => ord == Greater,
            Op::Ge => ord != Less,
        }
    }
}

/// A parsed rule expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Const(bool),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Cmp {
        field: Field,
        op: Op,
        value: Value,
    },
    InSet {
        field: Field,
        values: Vec<Value>,
    },
    InRange {
        field: Field,
        low: f64,
        high: f64,
    },
    /// Whether a field was entered: true or false, never unknown.
    Known(Field),
    /// The verdict of another (earlier) treatment. `index` is resolved by validation.
    VerdictOf {
        treatment: String,
        index: usize,
        verdicts: Vec<Verdict>,
        negate: bool,
    },
}

impl Expr {
    /// Calls `f` with every field the expression reads.
    pub fn visit_fields(&self, f: &mut dyn FnMut(Field)) {
        match self {
            Expr::Const(_) | Expr::VerdictOf { .. } => {}
            Expr::Not(e) => e.visit_fields(f),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.visit_fields(f)),
            Expr::Cmp { field, .. }
            | Expr::InSet { field, .. }
            | Expr::InRange { field, .. }
            | Expr::Known(field) => {
                f(*field);
            }
        }
    }

    /// Calls `f` with the treatment id and index slot of every `verdict(id)` reference.
    pub fn visit_verdict_refs(&mut self, f: &mut dyn FnMut(&str, &mut usize)) {
        match self {
            Expr::Const(_)
            | Expr::Cmp { .. }
            | Expr::InSet { .. }
            | Expr::InRange { .. }
            | Expr::Known(_) => {}
            Expr::Not(e) => e.visit_verdict_refs(f),
            Expr::And(es) | Expr::Or(es) => es.iter_mut().for_each(|e| e.visit_verdict_refs(f)),
            Expr::VerdictOf {
                treatment, index, ..
            } => f(treatment, index),
        }
    }
}

impl Cond {
    /// The ids of the treatments whose verdicts the condition reads (none if it did not
    /// parse).
    pub fn verdict_refs(&self) -> Vec<String> {
        fn walk(e: &Expr, out: &mut Vec<String>) {
            match e {
                Expr::Const(_)
                | Expr::Cmp { .. }
                | Expr::InSet { .. }
                | Expr::InRange { .. }
                | Expr::Known(_) => {}
                Expr::Not(e) => walk(e, out),
                Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| walk(e, out)),
                Expr::VerdictOf { treatment, .. } => out.push(treatment.clone()),
            }
        }
        let mut out = Vec::new();
        if let Ok(e) = &self.parsed {
            walk(e, &mut out);
        }
        out
    }
}

/// An error in a rule expression: what is wrong and where in the expression text.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// Byte offset into the expression text.
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset + 1)
    }
}

/// A rule condition as written in the dataset, with its parse result.
#[derive(Debug, Clone)]
pub struct Cond {
    pub src: String,
    pub parsed: Result<Expr, ExprError>,
}

impl Default for Cond {
    fn default() -> Self {
        Cond {
            src: String::new(),
            parsed: Err(ExprError {
                offset: 0,
                message: "the condition is empty".to_owned(),
                hint: Some("write a condition such as `lesions <= 3`".to_owned()),
            }),
        }
    }
}

impl Cond {
    pub fn parse(src: &str) -> Cond {
        Cond {
            src: src.to_owned(),
            parsed: parse(src),
        }
    }
}

impl<'de> Deserialize<'de> for Cond {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Cond::parse(&s))
    }
}

impl Serialize for Cond {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comparisons_and_logic() {
        let e = parse("lesions <= 3 && extrahepatic == no").unwrap();
        assert_eq!(
            e,
            Expr::And(vec![
                Expr::Cmp {
                    field: Field::Lesions,
                    op: Op::Le,
                    value: Value::Num(3.0)
                },
                Expr::Cmp {
                    field: Field::Extrahepatic,
                    op: Op::Eq,
                    value: Value::Bool(false)
                },
            ])
        );
    }

    #[test]
    fn parses_sets_ranges_and_verdicts() {
        assert!(matches!(
            parse("primary in [small-intestine, unknown]").unwrap(),
            Expr::InSet { field: Field::Primary, ref values } if values == &[Value::Choice(0), Value::Choice(8)]
        ));
        assert_eq!(
            parse("largest_cm in 3..=5").unwrap(),
            Expr::InRange {
                field: Field::LargestCm,
                low: 3.0,
                high: 5.0
            }
        );
        assert!(matches!(
            parse("!(verdict(resection) in [caution, not_eligible])").unwrap(),
            Expr::Not(_)
        ));
    }

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let e = parse("ecog >= 3 || grade == nec && lesions > 1").unwrap();
        assert!(matches!(e, Expr::Or(ref v) if v.len() == 2 && matches!(v[1], Expr::And(_))));
    }

    #[test]
    fn reports_unknown_field_with_offset_and_hint() {
        let e = parse("lesions > 2 && tumour_size > 3").unwrap_err();
        assert_eq!(e.offset, 15);
        assert!(e.message.contains("`tumour_size` is not a profile field"));
        assert!(e.hint.unwrap().contains("largest_cm"));
    }

    #[test]
    fn reports_unknown_option() {
        let e = parse("grade == g4").unwrap_err();
        assert!(
            e.message.contains("`g4` is not an option of `grade`"),
            "{e}"
        );
        assert_eq!(e.offset, 9);
    }

    #[test]
    fn reports_inverted_range() {
        let e = parse("lesions in 8..=4").unwrap_err();
        assert!(e.message.contains("upside down"), "{e}");
        assert!(e.hint.unwrap().contains("4..=8"));
    }

    #[test]
    fn reports_out_of_domain_and_type_mismatch() {
        assert!(parse("ecog >= 7").unwrap_err().message.contains("outside"));
        assert!(
            parse("extrahepatic > 1")
                .unwrap_err()
                .message
                .contains("only be compared")
        );
        assert!(
            parse("extrahepatic == 1")
                .unwrap_err()
                .message
                .contains("cannot be compared")
        );
        assert!(
            parse("lesions == 2.5")
                .unwrap_err()
                .message
                .contains("whole")
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}lesions > 1{}", "(".repeat(10_000), ")".repeat(10_000));
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nests more than"), "{e}");
        assert_eq!(e.offset, MAX_NESTING);
        let nots = format!("{}lesions > 1", "!".repeat(100_000));
        assert!(parse(&nots).unwrap_err().message.contains("nests"));
        let ok = format!(
            "{}lesions > 1{}",
            "(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn reports_syntax_errors() {
        assert!(
            parse("lesions = 3")
                .unwrap_err()
                .hint
                .unwrap()
                .contains("==")
        );
        assert!(parse("(lesions > 3").unwrap_err().message.contains("`)`"));
        assert!(parse("lesions > 3 lesions < 5").is_err());
        assert!(parse("").is_err());
        assert!(parse("verdict(rfa) == maybe").is_err());
    }
}
