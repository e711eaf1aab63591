//! The patient profile: the facts the clinician enters. Every field may be unknown.
//!
//! The profile lives in memory only: nothing here writes it anywhere. Which fields exist,
//! and what they allow, comes from the one field table in [`crate::dataset::fields`].

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::dataset::fields::{Field, Kind};
use crate::dataset::rules::Value;

/// The facts about one patient; a field that is `None` was not entered (unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    values: [Option<Value>; Field::COUNT],
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            values: [None; Field::COUNT],
        }
    }
}

/// Why an entered value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: Field,
    /// The value as given, cut to a readable length.
    pub given: String,
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" {}; allowed: {}",
            self.given,
            self.problem,
            self.field.allowed()
        )
    }
}

impl std::error::Error for InputError {}

/// At most this many characters of a refused value are echoed back.
const ECHO_MAX: usize = 40;

/// A value as typed, for messages: cut to [`ECHO_MAX`] characters, with control and
/// bidirectional-format characters written as `\u{…}` so that nothing typed can steer the
/// terminal or reorder the message.
pub fn echo(input: &str) -> String {
    let mut chars = input.chars();
    let head: String = chars.by_ref().take(ECHO_MAX).collect();
    let head = echo_unbounded(&head);
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The same escaping, without the length limit.
pub fn echo_unbounded(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn index(field: Field) -> usize {
    Field::ALL
        .iter()
        .position(|f| *f == field)
        .unwrap_or_else(|| unreachable!("every field is in Field::ALL"))
}

impl Profile {
    /// The value of a field, in the rule language's terms.
    pub fn value(&self, field: Field) -> Option<Value> {
        self.values[index(field)]
    }

    pub fn is_set(&self, field: Field) -> bool {
        self.value(field).is_some()
    }

    /// A number field's value.
    pub fn num(&self, field: Field) -> Option<f64> {
        match self.value(field) {
            Some(Value::Num(x)) => Some(x),
            _ => None,
        }
    }

    /// A yes/no field's value.
    pub fn yes(&self, field: Field) -> Option<bool> {
        match self.value(field) {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }

    /// A choice field's option id.
    pub fn choice(&self, field: Field) -> Option<&'static str> {
        match self.value(field) {
            Some(Value::Choice(i)) => field.options().get(i).map(|o| o.id),
            _ => None,
        }
    }

    /// The same profile with `field` set to `value` (or unknown).
    #[must_use]
    pub fn with(&self, field: Field, value: Option<Value>) -> Profile {
        let mut p = self.clone();
        p.values[index(field)] = value;
        p
    }

    /// Forgets a field (back to unknown).
    pub fn clear(&mut self, field: Field) {
        self.values[index(field)] = None;
    }

    /// Sets a field from text as typed by a person (CLI flag, text box). An empty text
    /// clears the field. Accepts a decimal comma (`2,5`), yes/no in Danish (`ja`/`nej`),
    /// and option ids in any case with `_` for `-`.
    pub fn set(&mut self, field: Field, input: &str) -> Result<(), InputError> {
        let given = input.trim();
        if given.is_empty() {
            self.clear(field);
            return Ok(());
        }
        let value = parse_value(field, given).map_err(|problem| InputError {
            field,
            given: echo(input),
            problem: problem.to_owned(),
        })?;
        self.values[index(field)] = Some(value);
        Ok(())
    }

    /// A profile from `(name, value)` pairs, as a test or a script would write it.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Result<Profile, String> {
        let mut p = Profile::default();
        for (name, value) in pairs {
            let field = Field::from_name(name).ok_or_else(|| format!("no field {name:?}"))?;
            p.set(field, value).map_err(|e| format!("{name}: {e}"))?;
        }
        Ok(p)
    }

    /// The value as text, the inverse of [`Profile::set`] (empty when unknown).
    pub fn text(&self, field: Field) -> String {
        match self.value(field) {
            None => String::new(),
            Some(Value::Num(x)) => format!("{x}"),
            Some(Value::Bool(b)) => if b { "yes" } else { "no" }.to_owned(),
            Some(Value::Choice(i)) => field.options().get(i).map_or("", |o| o.id).to_owned(),
        }
    }

    /// How many fields are entered.
    pub fn known(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }
}

/// Parses a typed value for a field, or says what is wrong with it.
fn parse_value(field: Field, given: &str) -> Result<Value, &'static str> {
    match field.kind() {
        Kind::Int { min, max } => {
            let digits = given.strip_prefix(['-', '+']).unwrap_or(given);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                // A whole number; one too large for i64 is out of range all the same.
                return match given.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) =>
                    {
                        #[allow(clippy::cast_precision_loss)]
                        Ok(Value::Num(n as f64))
                    }
                    _ => Err("is out of range"),
                };
            }
            if given
                .replace(',', ".")
                .parse::<f64>()
                .is_ok_and(f64::is_finite)
            {
                Err("is not a whole number")
            } else {
                Err("is not a number")
            }
        }
        Kind::Float { min, max } => {
            let x: f64 = given
                .replace(',', ".")
                .parse()
                .map_err(|_| "is not a number")?;
            if x.is_nan() {
                return Err("is not a number");
            }
            if x < min || x > max {
                return Err("is out of range");
            }
            Ok(Value::Num(x))
        }
        Kind::Bool => match given.to_lowercase().as_str() {
            "yes" | "ja" | "true" | "y" | "j" => Ok(Value::Bool(true)),
            "no" | "nej" | "false" | "n" => Ok(Value::Bool(false)),
            _ => Err("is not yes or no"),
        },
        Kind::Choice(_) => {
            let wanted = given.to_lowercase().replace('_', "-");
            field
                .option(&wanted)
                .map(|(i, _)| Value::Choice(i))
                .ok_or("is not an option")
        }
    }
}

impl Serialize for Profile {
    /// Every field by name, `null` when unknown: whole numbers as integers, choices by id.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(Field::COUNT))?;
        for &field in Field::ALL {
            match (self.value(field), field.kind()) {
                (None, _) => map.serialize_entry(field.name(), &None::<()>)?,
                (Some(Value::Num(x)), Kind::Int { .. }) => {
                    #[allow(clippy::cast_possible_truncation)]
                    map.serialize_entry(field.name(), &(x as i64))?;
                }
                (Some(Value::Num(x)), _) => map.serialize_entry(field.name(), &x)?,
                (Some(Value::Bool(b)), _) => map.serialize_entry(field.name(), &b)?,
                (Some(Value::Choice(_)), _) => {
                    map.serialize_entry(field.name(), &self.choice(field))?;
                }
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_reads_back_every_kind() {
        let mut p = Profile::default();
        p.set(Field::Lesions, "4").unwrap();
        p.set(Field::LargestCm, "2,5").unwrap();
        p.set(Field::Extrahepatic, "nej").unwrap();
        p.set(Field::Grade, "NEC").unwrap();
        p.set(Field::Primary, "small_intestine").unwrap();
        assert_eq!(p.num(Field::Lesions), Some(4.0));
        assert_eq!(p.num(Field::LargestCm), Some(2.5));
        assert_eq!(p.yes(Field::Extrahepatic), Some(false));
        assert_eq!(p.choice(Field::Grade), Some("nec"));
        assert_eq!(p.choice(Field::Primary), Some("small-intestine"));
        assert_eq!(p.text(Field::LargestCm), "2.5");
        assert_eq!(
            crate::i18n::value(&p, Field::LargestCm, crate::dataset::Lang::Da),
            "2,5 cm"
        );
        assert_eq!(p.known(), 5);
        p.set(Field::Lesions, " ").unwrap();
        assert_eq!(p.value(Field::Lesions), None);
    }

    #[test]
    fn refuses_bad_input_with_the_reason() {
        let mut p = Profile::default();
        for (field, input, problem) in [
            (Field::Lesions, "0", "is out of range"),
            (Field::Lesions, "201", "is out of range"),
            (Field::Lesions, "-3", "is out of range"),
            (Field::Lesions, "99999999999999999999", "is out of range"),
            (Field::Lesions, "3.5", "is not a whole number"),
            (Field::Lesions, "many", "is not a number"),
            (Field::LargestCm, "NaN", "is not a number"),
            (Field::LargestCm, "inf", "is out of range"),
            (Field::LargestCm, "1e300", "is out of range"),
            (Field::LargestCm, "0", "is out of range"),
            (Field::LargestCm, "30.1", "is out of range"),
            (Field::Ecog, "5", "is out of range"),
            (Field::Extrahepatic, "maybe", "is not yes or no"),
            (Field::Grade, "g4", "is not an option"),
        ] {
            let e = p.set(field, input).unwrap_err();
            assert_eq!(e.problem, problem, "{field} {input}");
        }
        assert_eq!(p, Profile::default(), "a refused value changes nothing");
    }

    #[test]
    fn a_long_refused_value_is_cut_in_the_message() {
        let e = Profile::default()
            .set(Field::Lesions, &"9".repeat(10_000))
            .unwrap_err();
        assert!(e.to_string().len() < 120, "{e}");
        assert!(e.given.ends_with('…'));
    }

    #[test]
    fn serialises_every_field_by_name() {
        let p = Profile::from_pairs(&[("lesions", "2"), ("grade", "g1"), ("extrahepatic", "no")])
            .unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["lesions"], serde_json::json!(2));
        assert_eq!(json["grade"], "g1");
        assert_eq!(json["extrahepatic"], false);
        assert!(json["largest_cm"].is_null());
        assert_eq!(json.as_object().unwrap().len(), Field::COUNT);
    }
}
