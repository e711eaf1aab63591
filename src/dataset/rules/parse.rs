//! The lexer and the recursive-descent parser of the rule language; values are checked
//! against their field as they are read.

use super::{Cond, Expr, ExprError, Field, Kind, Op, Value};
use crate::dataset::vocab::Verdict;

// Lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Num(f64),
    Op(Op),
    And,
    Or,
    Not,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    RangeIncl,
    RangeExcl,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Num(n) => format!("the number {n}"),
            Tok::Op(op) => format!("`{}`", op_str(*op)),
            Tok::And => "`&&`".to_owned(),
            Tok::Or => "`||`".to_owned(),
            Tok::Not => "`!`".to_owned(),
            Tok::LParen => "`(`".to_owned(),
            Tok::RParen => "`)`".to_owned(),
            Tok::LBracket => "`[`".to_owned(),
            Tok::RBracket => "`]`".to_owned(),
            Tok::Comma => "`,`".to_owned(),
            Tok::RangeIncl => "`..=`".to_owned(),
            Tok::RangeExcl => "`..`".to_owned(),
        }
    }
}

fn op_str(op: Op) -> &'static str {
    match op {
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
    }
}

fn err(offset: usize, message: impl Into<String>, hint: Option<String>) -> ExprError {
    ExprError {
        offset,
        message: message.into(),
        hint,
    }
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let bytes = src.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let two = bytes.get(i..i + 2);
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b'[' => Tok::LBracket,
            b']' => Tok::RBracket,
            b',' => Tok::Comma,
            _ if two == Some(b"==") => Tok::Op(Op::Eq),
            _ if two == Some(b"!=") => Tok::Op(Op::Ne),
            _ if two == Some(b"<=") => Tok::Op(Op::Le),
            _ if two == Some(b">=") => Tok::Op(Op::Ge),
            _ if two == Some(b"&&") => Tok::And,
            _ if two == Some(b"||") => Tok::Or,
            _ if bytes.get(i..i + 3) == Some(b"..=") => Tok::RangeIncl,
            _ if two == Some(b"..") => Tok::RangeExcl,
            b'<' => Tok::Op(Op::Lt),
            b'>' => Tok::Op(Op::Gt),
            b'!' => Tok::Not,
            b'=' => {
                return Err(err(
                    i,
                    "a single `=` is not an operator",
                    Some("write `==` to compare".to_owned()),
                ));
            }
            b'0'..=b'9' | b'-' if c != b'-' || bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_digit()
                        || (bytes[j] == b'.' && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)))
                {
                    j += 1;
                }
                let text = &src[i..j];
                let n: f64 = text
                    .parse()
                    .map_err(|_| err(i, format!("`{text}` is not a number"), None))?;
                toks.push((start, Tok::Num(n)));
                i = j;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'-')
                {
                    j += 1;
                }
                let word = &src[i..j];
                let tok = match word {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    _ => Tok::Ident(word.to_owned()),
                };
                toks.push((start, tok));
                i = j;
                continue;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('?');
                return Err(err(i, format!("unexpected character `{ch}`"), None));
            }
        };
        i += match tok {
            Tok::Op(Op::Lt | Op::Gt) | Tok::Not => 1,
            Tok::LParen | Tok::RParen | Tok::LBracket | Tok::RBracket | Tok::Comma => 1,
            Tok::RangeIncl => 3,
            _ => 2,
        };
        toks.push((start, tok));
    }
    Ok(toks)
}

// ---------------------------------------------------------------------------------------
// Parser

/// Parses a rule expression and checks its fields and values.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    if src.trim().is_empty() {
        return Err(Cond::default().parsed.unwrap_err_or_default());
    }
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.len(),
        depth: 0,
    };
    let expr = p.or()?;
    if let Some((at, tok)) = p.toks.get(p.pos) {
        return Err(err(
            *at,
            format!("unexpected {} after a complete condition", tok.describe()),
            Some("join conditions with `&&` or `||`".to_owned()),
        ));
    }
    Ok(expr)
}

trait UnwrapErr {
    fn unwrap_err_or_default(self) -> ExprError;
}

impl UnwrapErr for Result<Expr, ExprError> {
    fn unwrap_err_or_default(self) -> ExprError {
        match self {
            Err(e) => e,
            Ok(_) => err(0, "the condition is empty", None),
        }
    }
}

/// How deeply `(` and `!` may nest in one condition. Real conditions use two or three
/// levels; the limit keeps a malformed dataset from exhausting the stack.
pub const MAX_NESTING: usize = 32;

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
    /// Open `(` and `!` around the current position.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(a, _)| *a)
    }

    fn next(&mut self) -> Option<(usize, Tok)> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<(), ExprError> {
        match self.next() {
            Some((_, ref t)) if t == want => Ok(()),
            Some((at, t)) => Err(err(
                at,
                format!("expected {what}, found {}", t.describe()),
                None,
            )),
            None => Err(err(
                self.end,
                format!("expected {what}, but the condition ends"),
                None,
            )),
        }
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.unary()?];
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    /// Enters one more level of `(` or `!`, refusing to go deeper than [`MAX_NESTING`].
    fn nest(&mut self, at: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(err(
                at,
                format!("the condition nests more than {MAX_NESTING} levels of `(` or `!`"),
                Some("write it flatter: `!` twice cancels out, and `&&`/`||` need no extra parentheses".to_owned()),
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let at = self.at();
        match self.next() {
            Some((_, Tok::Not)) => {
                self.nest(at)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Some((_, Tok::LParen)) => {
                self.nest(at)?;
                let e = self.or()?;
                self.expect(&Tok::RParen, "`)`")?;
                self.depth -= 1;
                Ok(e)
            }
            Some((_, Tok::Ident(word))) => match word.as_str() {
                "true" => Ok(Expr::Const(true)),
                "false" => Ok(Expr::Const(false)),
                "verdict" => self.verdict_test(),
                "known" => self.known_test(),
                _ => self.field_test(at, &word),
            },
            Some((at, tok)) => Err(err(
                at,
                format!("expected a field name, found {}", tok.describe()),
                Some(field_hint()),
            )),
            None => Err(err(
                self.end,
                "the condition ends where a test was expected",
                Some(field_hint()),
            )),
        }
    }

    /// `known(FIELD)`.
    fn known_test(&mut self) -> Result<Expr, ExprError> {
        self.expect(&Tok::LParen, "`(` after `known`")?;
        let at = self.at();
        let field = match self.next() {
            Some((_, Tok::Ident(name))) => Field::from_name(&name).ok_or_else(|| {
                err(
                    at,
                    format!("`{name}` is not a profile field"),
                    Some(field_hint()),
                )
            })?,
            _ => {
                return Err(err(
                    at,
                    "`known(...)` takes a field name",
                    Some("write e.g. `known(ki67_pct)`".to_owned()),
                ));
            }
        };
        self.expect(&Tok::RParen, "`)`")?;
        Ok(Expr::Known(field))
    }

    fn verdict_test(&mut self) -> Result<Expr, ExprError> {
        self.expect(&Tok::LParen, "`(` after `verdict`")?;
        let treatment = match self.next() {
            Some((_, Tok::Ident(id))) => id,
            Some((at, t)) => {
                return Err(err(
                    at,
                    format!("expected a treatment id, found {}", t.describe()),
                    None,
                ));
            }
            None => return Err(err(self.end, "expected a treatment id", None)),
        };
        self.expect(&Tok::RParen, "`)`")?;
        let at = self.at();
        let (verdicts, negate) = match self.next() {
            Some((_, Tok::Op(op @ (Op::Eq | Op::Ne)))) => (vec![self.verdict()?], op == Op::Ne),
            Some((_, Tok::Ident(w))) if w == "in" => {
                self.expect(&Tok::LBracket, "`[`")?;
                let mut vs = vec![self.verdict()?];
                while self.peek() == Some(&Tok::Comma) {
                    self.pos += 1;
                    vs.push(self.verdict()?);
                }
                self.expect(&Tok::RBracket, "`]`")?;
                (vs, false)
            }
            _ => {
                return Err(err(
                    at,
                    "expected `==`, `!=` or `in` after `verdict(...)`",
                    Some("e.g. `verdict(resection) == eligible`".to_owned()),
                ));
            }
        };
        Ok(Expr::VerdictOf {
            treatment,
            index: usize::MAX,
            verdicts,
            negate,
        })
    }

    fn verdict(&mut self) -> Result<Verdict, ExprError> {
        match self.next() {
            Some((at, Tok::Ident(w))) => Verdict::from_id(&w).ok_or_else(|| {
                err(
                    at,
                    format!("`{w}` is not a verdict"),
                    Some("use eligible, caution or not_eligible".to_owned()),
                )
            }),
            Some((at, t)) => Err(err(
                at,
                format!("expected a verdict, found {}", t.describe()),
                Some("use eligible, caution or not_eligible".to_owned()),
            )),
            None => Err(err(self.end, "expected a verdict", None)),
        }
    }

    fn field_test(&mut self, at: usize, name: &str) -> Result<Expr, ExprError> {
        let field = Field::from_name(name).ok_or_else(|| {
            err(
                at,
                format!("`{name}` is not a profile field"),
                Some(field_hint()),
            )
        })?;
        let op_at = self.at();
        match self.next() {
            Some((_, Tok::Op(op))) => {
                if matches!(field.kind(), Kind::Bool | Kind::Choice(_))
                    && !matches!(op, Op::Eq | Op::Ne)
                {
                    return Err(err(
                        op_at,
                        format!("`{field}` can only be compared with `==`, `!=` or `in`"),
                        None,
                    ));
                }
                let value = self.value(field)?;
                Ok(Expr::Cmp { field, op, value })
            }
            Some((_, Tok::Ident(w))) if w == "in" => self.in_test(field),
            Some((a, t)) => Err(err(
                a,
                format!(
                    "expected an operator after `{field}`, found {}",
                    t.describe()
                ),
                Some("use ==, !=, <, <=, >, >= or in".to_owned()),
            )),
            None => Err(err(
                self.end,
                format!("expected an operator after `{field}`"),
                Some("use ==, !=, <, <=, >, >= or in".to_owned()),
            )),
        }
    }

    fn in_test(&mut self, field: Field) -> Result<Expr, ExprError> {
        if self.peek() == Some(&Tok::LBracket) {
            self.pos += 1;
            let mut values = vec![self.value(field)?];
            while self.peek() == Some(&Tok::Comma) {
                self.pos += 1;
                values.push(self.value(field)?);
            }
            self.expect(&Tok::RBracket, "`]` to close the list")?;
            return Ok(Expr::InSet { field, values });
        }
        let at = self.at();
        if !matches!(field.kind(), Kind::Int { .. } | Kind::Float { .. }) {
            return Err(err(
                at,
                format!("`{field}` takes a list: `{field} in [a, b]`"),
                None,
            ));
        }
        let Value::Num(low) = self.value(field)? else {
            return Err(err(at, "expected a number", None));
        };
        let inclusive = match self.next() {
            Some((_, Tok::RangeIncl)) => true,
            Some((_, Tok::RangeExcl)) => false,
            Some((a, t)) => {
                return Err(err(
                    a,
                    format!("expected `..=` in a range, found {}", t.describe()),
                    Some("write a range as `3..=5`".to_owned()),
                ));
            }
            None => return Err(err(self.end, "expected `..=` in a range", None)),
        };
        let high_at = self.at();
        let Value::Num(high) = self.value(field)? else {
            return Err(err(high_at, "expected a number", None));
        };
        let high = if inclusive {
            high
        } else if matches!(field.kind(), Kind::Int { .. }) {
            high - 1.0
        } else {
            return Err(err(
                high_at,
                format!("`{field}` is not a whole number: use an inclusive range `..=`"),
                None,
            ));
        };
        if low > high {
            return Err(err(
                at,
                format!("the range {low}..={high} is upside down: it contains nothing"),
                Some(format!("write the smaller number first: {high}..={low}")),
            ));
        }
        Ok(Expr::InRange { field, low, high })
    }

    fn value(&mut self, field: Field) -> Result<Value, ExprError> {
        let at = self.at();
        let tok = self.next();
        let value = match (field.kind(), tok) {
            (Kind::Int { min, max }, Some((_, Tok::Num(n)))) => {
                if n.fract() != 0.0 {
                    return Err(err(
                        at,
                        format!("`{field}` is a whole number, not {n}"),
                        None,
                    ));
                }
                // Lossless: whole numbers in the field range fit in i64.
                #[allow(clippy::cast_possible_truncation)]
                let i = n as i64;
                if i < min || i > max {
                    return Err(err(
                        at,
                        format!("{n} is outside `{field}`, which is {}", field.allowed()),
                        None,
                    ));
                }
                Value::Num(n)
            }
            (Kind::Float { min, max }, Some((_, Tok::Num(n)))) => {
                if n < min || n > max {
                    return Err(err(
                        at,
                        format!("{n} is outside `{field}`, which is {}", field.allowed()),
                        None,
                    ));
                }
                Value::Num(n)
            }
            (Kind::Bool, Some((_, Tok::Ident(w)))) if w == "yes" || w == "no" => {
                Value::Bool(w == "yes")
            }
            (Kind::Choice(options), Some((_, Tok::Ident(w)))) => {
                match options.iter().position(|o| o.id == w) {
                    Some(i) => Value::Choice(i),
                    None => {
                        return Err(err(
                            at,
                            format!("`{w}` is not an option of `{field}`"),
                            Some(format!("use {}", field.allowed())),
                        ));
                    }
                }
            }
            (_, Some((_, t))) => {
                return Err(err(
                    at,
                    format!("`{field}` cannot be compared with {}", t.describe()),
                    Some(format!("`{field}` is {}", field.allowed())),
                ));
            }
            (_, None) => {
                return Err(err(
                    self.end,
                    format!("expected a value for `{field}`"),
                    Some(format!("`{field}` is {}", field.allowed())),
                ));
            }
        };
        Ok(value)
    }
}

fn field_hint() -> String {
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    format!(
        "the fields are {}; or `verdict(ID)` for an earlier treatment",
        names.join(", ")
    )
}
