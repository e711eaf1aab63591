//! The journal note: plain text, at most 25 lines, that a clinician pastes into the
//! patient's record (Sundhedsplatformen, Columna): the facts entered, each option with its
//! verdict, the decisive reason and its source, what to settle before the MDT, where the
//! sources differ, the handout given and its document id, and that the MDT decides. No name.

use crate::assessment::{self, Profile, Scope};
use crate::dataset::{Dataset, Lang};
use crate::i18n::{self, catalogue, fill};

/// What a note or a case sheet is about: the consultation, nothing of the patient's name.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRequest {
    pub profile: Profile,
    pub scope: Scope,
    pub lang: Lang,
    /// The treatments of the handout given (ids), if one was given.
    pub handout: Vec<String>,
    /// The language of the handout given.
    pub handout_lang: Lang,
    /// (year, month, day).
    pub date: (i32, u8, u8),
}

/// The most lines a note may have.
pub const MAX_NOTE_LINES: usize = 25;

/// Which handout the patient was given, in which language, and its document id; or that
/// none was given.
pub(super) fn handout_line(
    d: &Dataset,
    handout: &[String],
    handout_lang: Lang,
    doc: &str,
    lang: Lang,
) -> String {
    let n = &catalogue(lang).note;
    if handout.is_empty() {
        return n.no_handout.to_owned();
    }
    let names: Vec<&str> = handout
        .iter()
        .filter_map(|id| d.treatment(id).map(|t| t.short.get(lang)))
        .collect();
    fill(
        n.handout,
        &[
            ("lang", &catalogue(handout_lang).ui.language_name),
            ("treatments", &names.join(", ")),
            ("doc", &doc),
        ],
    )
}

/// The journal note for `req`.
pub fn journal_note(d: &Dataset, req: &CaseRequest) -> String {
    let lang = req.lang;
    let n = &catalogue(lang).note;
    let p = &req.profile;
    let sum = assessment::summarise(d, p, req.scope);
    let (all, what) = (&sum.assessments, &sum.what_if);
    let doc = super::document_id(d, &req.handout, req.handout_lang, req.date);
    let mut lines = vec![
        n.title.to_owned(),
        fill(
            n.dataset,
            &[
                ("id", &d.id),
                ("version", &d.version),
                ("reviewed", &d.reviewed),
                (
                    "scope",
                    &match req.scope {
                        Scope::PageOnly => n.page_only,
                        Scope::WithGuidelines => n.with_guidelines,
                    },
                ),
                ("doc", &doc),
            ],
        ),
        fill(n.entered, &[("facts", &i18n::profile(p, lang))]),
        n.options.to_owned(),
    ];
    for a in all {
        let t = &d.treatments[a.index];
        let r = a.decisive();
        lines.push(fill(
            n.option,
            &[
                ("name", &t.short.get(lang)),
                ("verdict", &i18n::badge(a, lang)),
                ("reason", &i18n::reason(r, lang)),
                ("tag", &i18n::cite_tag(d, &r.cite, lang)),
            ],
        ));
    }
    if !what.workup.is_empty() {
        let facts: Vec<String> = what
            .workup
            .iter()
            .map(|s| s.field.label_in_sentence(lang))
            .collect();
        lines.push(fill(n.workup, &[("facts", &facts.join(", "))]));
    }
    let topics: Vec<&str> = sum.differ.iter().map(|x| x.topic.get(lang)).collect();
    if !topics.is_empty() {
        lines.push(fill(n.differ, &[("topics", &topics.join("; "))]));
    }
    lines.push(handout_line(d, &req.handout, req.handout_lang, &doc, lang));
    lines.push(n.mdt.to_owned());
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    #[test]
    fn a_note_fits_the_journal_and_names_the_handout_by_its_id() {
        let Ok(d) = dataset::load_embedded() else {
            unreachable!()
        };
        let req = CaseRequest {
            profile: Profile::from_pairs(&[("lesions", "3"), ("grade", "g2")]).unwrap_or_default(),
            scope: Scope::WithGuidelines,
            lang: Lang::Da,
            handout: vec!["rfa".to_owned(), "tace".to_owned()],
            handout_lang: Lang::Da,
            date: (2026, 12, 5),
        };
        let note = journal_note(&d, &req);
        assert!(note.lines().count() <= MAX_NOTE_LINES, "{note}");
        let id = super::super::document_id(&d, &req.handout, Lang::Da, req.date);
        assert!(note.contains(&id));
        assert!(note.contains("MDT-konferencen træffer beslutningen"));
        // The same choice on another day, or in another language, is another document.
        assert_ne!(
            id,
            super::super::document_id(&d, &req.handout, Lang::En, req.date)
        );
        assert_ne!(
            id,
            super::super::document_id(&d, &req.handout, Lang::Da, (2026, 12, 6))
        );
    }
}
