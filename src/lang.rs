//! The languages netliver speaks, and the two shapes a text in them takes: [`Words`] built
//! into the program (the field table) and [`Text`] read from the dataset. A leaf: every
//! layer may import it, it imports nothing of ours.
//!
//! Adding a language is a variant here, its column in [`Words`] and [`Text`], and its
//! catalogue in `i18n`; the compiler names every other place.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

/// A language of the interface and the handouts. Danish is the source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
    /// A test-only language: every word of the catalogues and the field table comes back
    /// marked `⟦…⟧`, and the dataset's texts come back in English, unmarked. Text on screen
    /// or paper that is neither marked nor the dataset's was written outside the catalogue.
    /// Never offered to a user and never stored.
    #[doc(hidden)]
    #[serde(skip)]
    Pseudo,
}

impl Lang {
    /// The languages a user can choose, in the order they are offered.
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The ISO 639-1 code (the pseudo-locale's is `qps`, the code reserved for it).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
            Lang::Pseudo => "qps",
        }
    }

    /// The language whose column a text is read from: the pseudo-locale reads English.
    fn column(self) -> usize {
        match self {
            Lang::Da => 0,
            Lang::En | Lang::Pseudo => 1,
        }
    }

    /// The language of a column of [`Text`], as a content maintainer calls it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Da => "Danish",
            Lang::En => "English",
            Lang::Pseudo => "pseudo-locale",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A word or sentence of the field table, in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub da: &'static str,
    pub en: &'static str,
}

impl Words {
    pub const fn new(da: &'static str, en: &'static str) -> Words {
        Words { da, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Da => self.da,
            Lang::En => self.en,
            Lang::Pseudo => mark(self.en),
        }
    }

    /// Each language's text, in the order of [`Lang::ALL`].
    pub fn each(self) -> [(Lang, &'static str); 2] {
        [(Lang::Da, self.da), (Lang::En, self.en)]
    }
}

/// A text of the dataset in each language, keyed by language code in RON (`(da: "…", en:
/// "…")`). A language left out reads as empty, and validation names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Text {
    by: [String; 2],
}

impl Text {
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            by: [da.into(), en.into()],
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        &self.by[lang.column()]
    }

    /// The text in `lang`, to change it.
    pub fn get_mut(&mut self, lang: Lang) -> &mut String {
        &mut self.by[lang.column()]
    }

    /// Each language's text, in the order of [`Lang::ALL`].
    pub fn each(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL.into_iter().map(|l| (l, self.get(l)))
    }

    /// The languages whose text is empty or blank.
    pub fn missing(&self) -> Vec<Lang> {
        self.each()
            .filter(|(_, t)| t.trim().is_empty())
            .map(|(l, _)| l)
            .collect()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Text", Lang::ALL.len())?;
        st.serialize_field("da", self.get(Lang::Da))?;
        st.serialize_field("en", self.get(Lang::En))?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text in each language, e.g. (da: \"…\", en: \"…\")")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == key) else {
                        return Err(serde::de::Error::unknown_field(&key, CODES));
                    };
                    *text.get_mut(lang) = map.next_value()?;
                }
                Ok(text)
            }
        }
        const CODES: &[&str] = &["da", "en"];
        d.deserialize_struct("Text", CODES, Visitor)
    }
}

/// The pseudo-locale's form of a built-in text: each run of text between `{placeholders}`
/// wrapped in `⟦…⟧`, so that what is filled in later stays outside the marks and is checked
/// on its own. Interned: each text is marked and leaked once.
pub fn mark(s: &'static str) -> &'static str {
    static MARKED: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let table = MARKED.get_or_init(Default::default);
    let mut table = table.lock().unwrap_or_else(|e| e.into_inner());
    table
        .entry(s)
        .or_insert_with(|| Box::leak(mark_runs(s).into_boxed_str()))
}

fn mark_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while !rest.is_empty() {
        let (run, after) = match rest.find('{') {
            Some(0) => {
                let end = rest.find('}').map_or(rest.len(), |e| e + 1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        // Spaces too: "{id} {version}" filled is two values, not one.
        out.push('⟦');
        out.push_str(run);
        out.push('⟧');
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_the_words_and_leave_placeholders_outside() {
        assert_eq!(
            mark_runs("Not entered: {fields}."),
            "⟦Not entered: ⟧{fields}⟦.⟧"
        );
        assert_eq!(mark_runs("{n} of {all}"), "{n}⟦ of ⟧{all}");
        assert_eq!(mark_runs("{id} {version}"), "{id}⟦ ⟧{version}");
        assert_eq!(mark("Grade"), "⟦Grade⟧");
        assert!(std::ptr::eq(mark("Grade"), mark("Grade")));
    }

    #[test]
    fn a_text_reads_its_language_and_names_the_missing_one() {
        let t: Text = ron::from_str(r#"(da: "Lever", en: "")"#).unwrap_or_default();
        assert_eq!(t.get(Lang::Da), "Lever");
        assert_eq!(t.missing(), vec![Lang::En]);
        assert!(ron::from_str::<Text>(r#"(da: "x", sv: "y")"#).is_err());
        assert_eq!(t.get(Lang::Pseudo), t.get(Lang::En));
    }
}
