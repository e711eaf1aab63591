//! The patient profile: the few facts the clinician enters. Every field may be unknown.
//!
//! The profile lives in memory only: nothing here writes it anywhere.

use std::fmt;

use serde::Serialize;

use crate::dataset::Lang;
use crate::dataset::rules::{Field, Kind, Value};

/// The facts about one patient; `None` means not entered (unknown).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    /// Number of liver metastases, 1-200.
    pub lesions: Option<u32>,
    /// Diameter of the largest liver metastasis in cm, 0.1-30.
    pub largest_cm: Option<f64>,
    /// Spread outside the liver.
    pub extrahepatic: Option<bool>,
    /// ECOG performance status, 0-4.
    pub ecog: Option<u8>,
    /// One of [`crate::dataset::rules::GRADES`].
    pub grade: Option<&'static str>,
    /// One of [`crate::dataset::rules::PRIMARIES`].
    pub primary: Option<&'static str>,
    /// Severe hormonal symptoms.
    pub hormonal_symptoms: Option<bool>,
    /// Severe pressure symptoms.
    pub pressure_symptoms: Option<bool>,
}

/// Why an entered value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: Field,
    pub given: String,
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} {}; allowed: {}",
            self.given,
            self.problem,
            self.field.allowed()
        )
    }
}

impl std::error::Error for InputError {}

impl Profile {
    /// The value of a field, in the rule language's terms.
    pub fn value(&self, field: Field) -> Option<Value> {
        let choice = |v: Option<&'static str>| {
            let Kind::Choice(options) = field.kind() else {
                return None;
            };
            v.and_then(|v| options.iter().position(|o| *o == v))
                .map(Value::Choice)
        };
        match field {
            Field::Lesions => self.lesions.map(|n| Value::Num(f64::from(n))),
            Field::LargestCm => self.largest_cm.map(Value::Num),
            Field::Extrahepatic => self.extrahepatic.map(Value::Bool),
            Field::Ecog => self.ecog.map(|n| Value::Num(f64::from(n))),
            Field::Grade => choice(self.grade),
            Field::Primary => choice(self.primary),
            Field::HormonalSymptoms => self.hormonal_symptoms.map(Value::Bool),
            Field::PressureSymptoms => self.pressure_symptoms.map(Value::Bool),
        }
    }

    pub fn is_set(&self, field: Field) -> bool {
        self.value(field).is_some()
    }

    /// Forgets a field (back to unknown).
    pub fn clear(&mut self, field: Field) {
        match field {
            Field::Lesions => self.lesions = None,
            Field::LargestCm => self.largest_cm = None,
            Field::Extrahepatic => self.extrahepatic = None,
            Field::Ecog => self.ecog = None,
            Field::Grade => self.grade = None,
            Field::Primary => self.primary = None,
            Field::HormonalSymptoms => self.hormonal_symptoms = None,
            Field::PressureSymptoms => self.pressure_symptoms = None,
        }
    }

    /// Sets a field from text as typed by a person (CLI flag, text box). An empty text
    /// clears the field. Accepts a decimal comma (`2,5`) and yes/no in Danish (`ja`/`nej`).
    pub fn set(&mut self, field: Field, input: &str) -> Result<(), InputError> {
        let given = input.trim();
        if given.is_empty() {
            self.clear(field);
            return Ok(());
        }
        let fail = |problem: &str| InputError {
            field,
            given: input.to_owned(),
            problem: problem.to_owned(),
        };
        match field.kind() {
            Kind::Int { min, max } => {
                let n: i64 = given.parse().map_err(|_| {
                    if given
                        .replace(',', ".")
                        .parse::<f64>()
                        .is_ok_and(f64::is_finite)
                    {
                        fail("is not a whole number")
                    } else {
                        fail("is not a number")
                    }
                })?;
                if n < min || n > max {
                    return Err(fail("is out of range"));
                }
                match field {
                    Field::Lesions => {
                        self.lesions = Some(u32::try_from(n).map_err(|_| fail("is out of range"))?);
                    }
                    _ => self.ecog = Some(u8::try_from(n).map_err(|_| fail("is out of range"))?),
                }
            }
            Kind::Float { min, max } => {
                let x: f64 = given
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| fail("is not a number"))?;
                if !x.is_finite() {
                    return Err(fail("is not a number"));
                }
                if x < min || x > max {
                    return Err(fail("is out of range"));
                }
                self.largest_cm = Some(x);
            }
            Kind::Bool => {
                let b = match given.to_lowercase().as_str() {
                    "yes" | "ja" | "true" | "y" | "j" => true,
                    "no" | "nej" | "false" | "n" => false,
                    _ => return Err(fail("is not yes or no")),
                };
                match field {
                    Field::Extrahepatic => self.extrahepatic = Some(b),
                    Field::HormonalSymptoms => self.hormonal_symptoms = Some(b),
                    _ => self.pressure_symptoms = Some(b),
                }
            }
            Kind::Choice(options) => {
                let wanted = given.to_lowercase().replace('_', "-");
                let Some(option) = options.iter().find(|o| **o == wanted) else {
                    return Err(fail("is not an option"));
                };
                match field {
                    Field::Grade => self.grade = Some(option),
                    _ => self.primary = Some(option),
                }
            }
        }
        Ok(())
    }

    /// The value as text, the inverse of [`Profile::set`] (empty when unknown).
    pub fn text(&self, field: Field) -> String {
        match self.value(field) {
            None => String::new(),
            Some(Value::Num(x)) => format!("{x}"),
            Some(Value::Bool(b)) => if b { "yes" } else { "no" }.to_owned(),
            Some(Value::Choice(i)) => match field.kind() {
                Kind::Choice(options) => options[i].to_owned(),
                _ => String::new(),
            },
        }
    }

    /// How many fields are entered.
    pub fn known(&self) -> usize {
        Field::ALL.iter().filter(|f| self.is_set(**f)).count()
    }
}

/// A field's name for people, with its unit.
pub fn field_label(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::Lesions, Lang::Da) => "antal levermetastaser",
        (Field::Lesions, Lang::En) => "number of liver metastases",
        (Field::LargestCm, Lang::Da) => "største metastase (cm)",
        (Field::LargestCm, Lang::En) => "largest metastasis (cm)",
        (Field::Extrahepatic, Lang::Da) => "spredning uden for leveren",
        (Field::Extrahepatic, Lang::En) => "spread outside the liver",
        (Field::Ecog, Lang::Da) => "almentilstand (ECOG)",
        (Field::Ecog, Lang::En) => "performance status (ECOG)",
        (Field::Grade, Lang::Da) => "grad",
        (Field::Grade, Lang::En) => "grade",
        (Field::Primary, Lang::Da) => "primærtumorens placering",
        (Field::Primary, Lang::En) => "primary tumour site",
        (Field::HormonalSymptoms, Lang::Da) => "svære hormonsymptomer",
        (Field::HormonalSymptoms, Lang::En) => "severe hormonal symptoms",
        (Field::PressureSymptoms, Lang::Da) => "svære tryksymptomer",
        (Field::PressureSymptoms, Lang::En) => "severe pressure symptoms",
    }
}

/// A choice option's name for people.
pub fn option_label(option: &str, lang: Lang) -> &'static str {
    match (option, lang) {
        ("g1", _) => "G1",
        ("g2", _) => "G2",
        ("g3", Lang::Da) => "NET G3 (veldifferentieret)",
        ("g3", Lang::En) => "NET G3 (well-differentiated)",
        ("nec", Lang::Da) => "NEC (neuroendokrint karcinom)",
        ("nec", Lang::En) => "NEC (neuroendocrine carcinoma)",
        ("small-intestine", Lang::Da) => "tyndtarm",
        ("small-intestine", Lang::En) => "small intestine",
        ("pancreas", Lang::Da) => "bugspytkirtel",
        ("pancreas", Lang::En) => "pancreas",
        ("stomach", Lang::Da) => "mavesæk",
        ("stomach", Lang::En) => "stomach",
        ("duodenum", Lang::Da) => "tolvfingertarm",
        ("duodenum", Lang::En) => "duodenum",
        ("appendix", Lang::Da) => "blindtarm",
        ("appendix", Lang::En) => "appendix",
        ("colon", Lang::Da) => "tyktarm",
        ("colon", Lang::En) => "colon",
        ("rectum", Lang::Da) => "endetarm",
        ("rectum", Lang::En) => "rectum",
        ("lung", Lang::Da) => "lunge",
        ("lung", Lang::En) => "lung",
        ("unknown", Lang::Da) => "ukendt primærtumor",
        ("unknown", Lang::En) => "unknown primary",
        (_, Lang::Da) => "andet",
        (_, Lang::En) => "other",
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
        assert_eq!(p.lesions, Some(4));
        assert_eq!(p.largest_cm, Some(2.5));
        assert_eq!(p.extrahepatic, Some(false));
        assert_eq!(p.grade, Some("nec"));
        assert_eq!(p.primary, Some("small-intestine"));
        assert_eq!(p.text(Field::LargestCm), "2.5");
        assert_eq!(p.known(), 5);
        p.set(Field::Lesions, " ").unwrap();
        assert_eq!(p.lesions, None);
    }

    #[test]
    fn refuses_bad_input_with_the_reason() {
        let mut p = Profile::default();
        for (field, input, problem) in [
            (Field::Lesions, "0", "is out of range"),
            (Field::Lesions, "201", "is out of range"),
            (Field::Lesions, "-3", "is out of range"),
            (Field::Lesions, "3.5", "is not a whole number"),
            (Field::Lesions, "many", "is not a number"),
            (Field::LargestCm, "NaN", "is not a number"),
            (Field::LargestCm, "inf", "is not a number"),
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
}
