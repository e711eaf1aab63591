//! Patient handouts: compose a plain-language decision aid from the dataset, the chosen
//! treatments and the patient's profile ([`compose`]), then typeset it with typst
//! ([`render`]).
//!
//! Composition is plain data ([`Handout`]), so the template never sees the dataset and
//! the tests can check what goes in without reading a PDF.

pub mod compose;
pub mod note;
pub mod output;
pub mod readability;
pub mod render;
pub mod sheet;

use serde::Serialize;

use crate::assessment::{Profile, Scope};
use crate::dataset::Lang;
pub use compose::{Handout, compose};
pub use readability::Readability;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Paper {
    #[default]
    #[serde(rename = "a4")]
    A4,
    #[serde(rename = "us-letter")]
    Letter,
}

/// At most this many treatments in one handout.
pub const MAX_TREATMENTS: usize = 4;

/// What the clinician asks for. Two requests are equal when they print the same handout.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Treatment ids, in the order to print them.
    pub treatments: Vec<String>,
    pub lang: Lang,
    pub paper: Paper,
    pub profile: Profile,
    pub clinician: Option<String>,
    pub department: Option<String>,
    /// Printed on the handout, never stored.
    pub patient: Option<String>,
    /// The date printed on the handout (year, month, day).
    pub date: (i32, u8, u8),
    /// Whether guideline facts that change this patient's preparation or risk are included.
    pub scope: Scope,
}

impl Request {
    /// A request for these treatments in this language, dated today; A4, no profile, no names.
    pub fn new(treatments: &[&str], lang: Lang) -> Request {
        Request {
            treatments: treatments.iter().map(|t| (*t).to_owned()).collect(),
            lang,
            paper: Paper::A4,
            profile: Profile::default(),
            clinician: None,
            department: None,
            patient: None,
            date: today(),
            scope: Scope::WithGuidelines,
        }
    }
}

/// Why a handout could not be composed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error("no treatment chosen; choose 1 to {MAX_TREATMENTS}")]
    NoTreatment,
    #[error("at most {MAX_TREATMENTS} treatments fit in one handout; {0} were chosen")]
    TooMany(usize),
    #[error("unknown treatment \"{0}\"; the treatments are: {1}")]
    Unknown(String, String),
}

/// A handout made: composed, typeset and written as PDF. The one pipeline behind the
/// command line's `handout` and the app's preview, save and print.
pub struct Built {
    pub handout: Handout,
    pub doc: typst_layout::PagedDocument,
    pub pdf: Vec<u8>,
}

impl Built {
    /// How many pages it has.
    pub fn pages(&self) -> usize {
        self.doc.pages().len()
    }

    /// The file name a save dialog proposes, without `.pdf`: the treatments and the date.
    pub fn file_stem(&self, request: &Request) -> String {
        format!(
            "netliver-{}-{}",
            request.treatments.join("-"),
            self.handout.date
        )
    }
}

/// Why a handout could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The request cannot be composed (no, too many or unknown treatments).
    #[error(transparent)]
    Compose(#[from] ComposeError),
    /// Composed, but typesetting or writing the PDF failed.
    #[error(transparent)]
    Render(#[from] render::RenderError),
}

/// Composes, typesets and writes the handout `request` asks for.
pub fn build(d: &crate::dataset::Dataset, request: &Request) -> Result<Built, BuildError> {
    let handout = compose(d, request)?;
    let doc = render::typeset(&handout)?;
    let pdf = render::pdf_of(&doc)?;
    Ok(Built { handout, doc, pdf })
}

/// The document id printed on a handout, and on the case sheet and journal note that go
/// with it ("K7Q2-9XMD"): from the dataset's version and content, the treatments, the
/// language and the date, so the journal shows which leaflet the patient got. Nothing of the
/// patient goes into it.
pub fn document_id(
    d: &crate::dataset::Dataset,
    treatments: &[String],
    lang: Lang,
    date: (i32, u8, u8),
) -> String {
    let (y, m, day) = date;
    let key = format!(
        "{}\u{0}{}\u{0}{:016x}\u{0}{}\u{0}{}\u{0}{y:04}-{m:02}-{day:02}",
        d.id,
        d.version,
        d.fingerprint(),
        treatments.join(","),
        lang.code()
    );
    // 40 bits in Crockford's base 32 (no I, L, O or U), two groups of four.
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let h = crate::dataset::fnv1a(key.as_bytes());
    let chars: String = (0..8)
        .map(|k| char::from(ALPHABET[((h >> (k * 5)) & 31) as usize]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

pub(crate) fn date_text(ymd: (i32, u8, u8), lang: Lang) -> String {
    crate::i18n::date(ymd, lang)
}

/// Today's date where the app runs (the workstation's time zone), so a handout printed
/// just after midnight in Denmark carries today's date, not yesterday's UTC one.
pub fn today() -> (i32, u8, u8) {
    use chrono::Datelike;
    let d = chrono::Local::now().date_naive();
    (
        d.year(),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// At most this many characters of a name are printed.
pub const NAME_MAX: usize = 120;

/// A name as it is printed: whitespace collapsed, cut at [`NAME_MAX`] characters, and a
/// break opportunity (a zero-width space) inside very long words so the name wraps
/// instead of running off the page. `None` when nothing is left.
pub fn name_for_print(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    let mut cut: String = joined.chars().take(NAME_MAX).collect();
    if joined.chars().count() > NAME_MAX {
        cut.push('…');
    }
    let mut out = String::with_capacity(cut.len());
    let mut run = 0;
    for c in cut.chars() {
        if c == ' ' {
            run = 0;
        } else {
            run += 1;
            if run > 24 {
                out.push('\u{200b}');
                run = 1;
            }
        }
        out.push(c);
    }
    Some(out)
}

/// The characters of the names in a request that no embedded font can print.
pub fn unprintable_in(req: &Request) -> Vec<char> {
    let names = [&req.patient, &req.clinician, &req.department];
    unprintable_names(names.into_iter().flatten().map(String::as_str))
}

/// The characters of these names that no embedded font can print, each once. Empty names
/// are skipped without touching the fonts.
pub fn unprintable_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for name in names.into_iter().filter(|n| !n.is_empty()) {
        for c in render::unprintable(name) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_get_break_opportunities_and_are_cut() {
        assert_eq!(
            name_for_print("  Jens   Hansen ").as_deref(),
            Some("Jens Hansen")
        );
        assert_eq!(name_for_print("   "), None);
        let long = name_for_print(&"A".repeat(500)).unwrap_or_default();
        assert!(long.ends_with('…'));
        assert_eq!(
            long.chars().filter(|c| *c != '\u{200b}').count(),
            NAME_MAX + 1
        );
        assert!(long.contains('\u{200b}'));
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(date_text((2026, 11, 26), Lang::Da), "26. november 2026");
        assert_eq!(date_text((2026, 11, 26), Lang::En), "26 November 2026");
    }
}
