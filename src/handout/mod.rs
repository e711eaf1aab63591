//! Patient handouts: compose a plain-language document from the dataset, the chosen
//! treatments and the patient's profile, then typeset it with typst ([`render`]).
//!
//! Composition is plain data ([`Handout`]), so the template never sees the dataset and
//! the tests can check what goes in without reading a PDF.

pub mod output;
pub mod readability;
pub mod render;

use serde::Serialize;

use crate::assessment::{self, Profile, Scope, is_literature};
use crate::dataset::{Answer, Dataset, Lang, Treatment};
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

/// What the clinician asks for.
#[derive(Debug, Clone)]
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
    #[error("unknown treatment {0:?}; the treatments are: {1}")]
    Unknown(String, String),
}

/// A natural frequency ready to draw as an icon array.
#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    pub text: String,
    /// "70-90 af 100", if the effect has a frequency.
    pub words: Option<String>,
    /// Solid icons (sure) and the end of the lighter, uncertain range.
    pub sure: u32,
    pub upper: u32,
}

/// A follow-up step on the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub when: String,
    pub text: String,
}

/// What the handout says about one treatment.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutTreatment {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub aim: String,
    pub how: Vec<String>,
    pub effects: Vec<Effect>,
    pub common: Vec<String>,
    pub rare: Vec<String>,
    /// The preparations that apply to this patient.
    pub before: Vec<String>,
    /// Guideline facts that raise this patient's risk, in plain words.
    pub risks: Vec<String>,
    pub after: Vec<Step>,
    pub questions: Vec<String>,
}

/// The side-by-side table at the front of a handout on several treatments.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub questions: Vec<String>,
    /// One column per treatment: its name and its answer to each question.
    pub columns: Vec<(String, Vec<String>)>,
}

/// Interface words of the handout, in its language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub how: &'static str,
    pub aim: &'static str,
    pub effect: &'static str,
    pub common: &'static str,
    pub rare: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub questions: &'static str,
    pub notes: &'static str,
    pub not_stated: &'static str,
    pub nothing_before: &'static str,
    pub for_you: &'static str,
    pub comparison: &'static str,
    pub clinician: &'static str,
    pub department: &'static str,
    pub patient: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub source: &'static str,
    pub dataset: &'static str,
    pub after_treatment: &'static str,
    pub intro: &'static str,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        let t = |da: &'static str, en: &'static str| match lang {
            Lang::Da => da,
            Lang::En => en,
        };
        Labels {
            how: t("Sådan foregår det", "How it is done"),
            aim: t("Målet med behandlingen", "The aim of the treatment"),
            effect: t("Hvor godt virker det?", "How well does it work?"),
            common: t("Almindelige bivirkninger", "Common side effects"),
            rare: t(
                "Sjældne, men alvorlige bivirkninger",
                "Rare but serious side effects",
            ),
            before: t("Før behandlingen", "Before the treatment"),
            after: t(
                "Efter behandlingen: kontrol",
                "After the treatment: follow-up",
            ),
            questions: t("Spørgsmål, du kan stille", "Questions you may want to ask"),
            notes: t("Lægens noter", "Doctor's notes"),
            not_stated: t(
                "Kilden beskriver det ikke. Spørg din læge.",
                "The source does not describe this. Ask your doctor.",
            ),
            nothing_before: t(
                "Kilden nævner ingen særlig forberedelse. Spørg din læge.",
                "The source mentions no particular preparation. Ask your doctor.",
            ),
            for_you: t("Særligt for dig", "Especially for you"),
            comparison: t("Behandlingerne side om side", "The treatments side by side"),
            clinician: t("Læge", "Doctor"),
            department: t("Afdeling", "Department"),
            patient: t("Til", "For"),
            page: t("Side", "Page"),
            of: t("af", "of"),
            source: t("Kilde", "Source"),
            dataset: t("Datasæt", "Dataset"),
            after_treatment: t("efter behandlingen", "after the treatment"),
            intro: t(
                "Denne folder handler om behandling af neuroendokrine tumorer (NET), der har spredt sig til leveren. Din læge har gennemgået den med dig.",
                "This leaflet is about treatment of neuroendocrine tumours (NET) that have spread to the liver. Your doctor has gone through it with you.",
            ),
        }
    }
}

/// A composed handout: everything the template prints.
#[derive(Debug, Clone, Serialize)]
pub struct Handout {
    pub lang: &'static str,
    pub paper: Paper,
    /// YYYY-MM-DD.
    pub date: String,
    /// The same date as numbers, for typst's `today`.
    #[serde(skip)]
    pub ymd: (i32, u8, u8),
    /// The date in words, e.g. "26. november 2026".
    pub date_text: String,
    pub title: String,
    pub dataset: String,
    pub source: String,
    pub clinician: Option<String>,
    pub department: Option<String>,
    pub patient: Option<String>,
    pub intro: Vec<String>,
    pub labels: Labels,
    pub comparison: Option<Comparison>,
    pub treatments: Vec<HandoutTreatment>,
    pub general_questions: Vec<String>,
    pub readability: Readability,
}

impl Handout {
    /// The patient-facing prose, for readability scores and tests.
    pub fn prose(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.intro.iter().map(String::as_str).collect();
        for t in &self.treatments {
            out.push(&t.summary);
            out.push(&t.aim);
            out.extend(t.how.iter().map(String::as_str));
            out.extend(t.effects.iter().map(|e| e.text.as_str()));
            out.extend(t.common.iter().map(String::as_str));
            out.extend(t.rare.iter().map(String::as_str));
            out.extend(t.before.iter().map(String::as_str));
            out.extend(t.after.iter().map(|s| s.text.as_str()));
            out.extend(t.questions.iter().map(String::as_str));
        }
        out.extend(self.general_questions.iter().map(String::as_str));
        out
    }
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date_text((y, m, d): (i32, u8, u8), lang: Lang) -> String {
    let month = usize::from(m.clamp(1, 12) - 1);
    match lang {
        Lang::Da => format!("{d}. {} {y}", MONTHS_DA[month]),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[month]),
    }
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

fn answer_text(t: &Treatment, question: &str, lang: Lang, not_stated: &str) -> String {
    match t.answers.get(question) {
        Some(Answer::Stated { text, freq, .. }) => match freq {
            Some(f) => format!("{}: {}", f.words(lang), text.get(lang)),
            None => text.get(lang).to_owned(),
        },
        _ => not_stated.to_owned(),
    }
}

/// Whether a preparation depends on the patient (it has a condition): only those of the
/// guideline layer reach the handout, since they change this patient's preparation.
fn prep_is_tailored(t: &Treatment, id: &str) -> bool {
    t.preparations
        .iter()
        .any(|p| p.id == id && p.when.is_some())
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
    let mut out: Vec<char> = Vec::new();
    for name in names.into_iter().flatten() {
        for c in render::unprintable(name) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// Composes a handout. Fails only on a request that names no, too many or unknown treatments.
pub fn compose(d: &Dataset, req: &Request) -> Result<Handout, ComposeError> {
    if req.treatments.is_empty() {
        return Err(ComposeError::NoTreatment);
    }
    if req.treatments.len() > MAX_TREATMENTS {
        return Err(ComposeError::TooMany(req.treatments.len()));
    }
    let lang = req.lang;
    let labels = Labels::new(lang);
    let assessments = assessment::assess_with(d, &req.profile, req.scope);
    let mut chosen = Vec::new();
    for id in &req.treatments {
        let Some(index) = d.treatments.iter().position(|t| &t.id == id) else {
            let known: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
            return Err(ComposeError::Unknown(id.clone(), known.join(", ")));
        };
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    let treatments = chosen
        .iter()
        .map(|&i| {
            let t = &d.treatments[i];
            let texts = |list: &[crate::dataset::Claim]| -> Vec<String> {
                list.iter().map(|c| c.text.get(lang).to_owned()).collect()
            };
            HandoutTreatment {
                id: t.id.clone(),
                name: t.name.get(lang).to_owned(),
                summary: t.summary.text.get(lang).to_owned(),
                aim: t.aim.text.get(lang).to_owned(),
                how: texts(&t.procedure),
                effects: t
                    .outcomes
                    .iter()
                    .map(|o| {
                        let (sure, upper) = o.freq.map_or((0, 0), crate::dataset::Freq::bounds);
                        Effect {
                            text: o.text.get(lang).to_owned(),
                            words: o.freq.map(|f| f.words(lang)),
                            sure,
                            upper,
                        }
                    })
                    .collect(),
                common: texts(&t.side_effects_common),
                rare: texts(&t.side_effects_rare),
                // The page's preparations; from the guidelines only what this patient's
                // facts call for (never a guess on a fact not entered).
                before: assessments[i]
                    .preparations
                    .iter()
                    .filter(|p| {
                        !is_literature(d, &p.cite) || (!p.conditional && prep_is_tailored(t, &p.id))
                    })
                    .map(|p| p.describe(lang))
                    .collect(),
                // Guideline facts that change this patient's risk, in plain words.
                risks: assessments[i]
                    .reasons
                    .iter()
                    .filter_map(|r| r.patient.as_ref().map(|t| t.get(lang).to_owned()))
                    .collect(),
                after: t
                    .follow_up
                    .iter()
                    .map(|f| Step {
                        when: f.after.words(lang),
                        text: f.text.get(lang).to_owned(),
                    })
                    .collect(),
                questions: t.ask.iter().map(|q| q.get(lang).to_owned()).collect(),
            }
        })
        .collect();
    let comparison = (chosen.len() >= 2).then(|| Comparison {
        questions: d
            .questions
            .iter()
            .map(|q| q.text.get(lang).to_owned())
            .collect(),
        columns: chosen
            .iter()
            .map(|&i| {
                let t = &d.treatments[i];
                (
                    t.name.get(lang).to_owned(),
                    d.questions
                        .iter()
                        .map(|q| answer_text(t, &q.id, lang, labels.not_stated))
                        .collect(),
                )
            })
            .collect(),
    });
    // The patient page, and each guideline source a printed line rests on.
    let mut used: Vec<&str> = d
        .sources
        .iter()
        .filter(|s| !s.evidence().is_literature())
        .map(|s| s.id.as_str())
        .collect();
    for &i in &chosen {
        let a = &assessments[i];
        let printed_preps = a
            .preparations
            .iter()
            .filter(|p| !p.conditional && prep_is_tailored(&d.treatments[i], &p.id))
            .map(|p| &p.cite);
        let printed_risks = a
            .reasons
            .iter()
            .filter(|r| r.patient.is_some())
            .map(|r| &r.cite);
        for c in printed_preps.chain(printed_risks) {
            if is_literature(d, c) && !used.contains(&c.source.as_str()) {
                used.push(&c.source);
            }
        }
    }
    let sources: Vec<String> = used
        .iter()
        .filter_map(|id| d.source(id))
        .map(crate::dataset::Source::citation)
        .collect();
    let clean = |s: &Option<String>| s.as_deref().and_then(name_for_print);
    let mut h = Handout {
        lang: lang.code(),
        paper: req.paper,
        date: format!("{:04}-{:02}-{:02}", req.date.0, req.date.1, req.date.2),
        ymd: req.date,
        date_text: date_text(req.date, lang),
        title: d.title.get(lang).to_owned(),
        dataset: match lang {
            Lang::Da => format!("{} {}, gennemgået {}", d.id, d.version, d.reviewed),
            Lang::En => format!("{} {}, reviewed {}", d.id, d.version, d.reviewed),
        },
        source: sources.join("; "),
        clinician: clean(&req.clinician),
        department: clean(&req.department),
        patient: clean(&req.patient),
        intro: vec![labels.intro.to_owned()],
        labels,
        comparison,
        treatments,
        general_questions: d.ask.iter().map(|q| q.get(lang).to_owned()).collect(),
        readability: Readability::default(),
    };
    h.readability = Readability::of(&h.prose().join("\n"), lang);
    Ok(h)
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
