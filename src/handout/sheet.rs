//! The MDT case sheet: one A4 page for the multidisciplinary conference. The facts entered,
//! the seven verdicts in one table with their decisive reasons and sources, what would
//! change them, what to settle, where the sources differ, the dataset, the date and the
//! document id. A patient's name only when the clinician types one for this sheet; it is
//! never stored.

use serde::Serialize;

use crate::assessment::{self, Scope};
use crate::dataset::Dataset;
use crate::dataset::fields::Field;
use crate::i18n::{self, catalogue, fill};

use super::note::CaseRequest;

/// One row of the verdict table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    /// `eligible`, `caution` or `not_eligible`, for the row's colour.
    pub verdict: &'static str,
    pub label: String,
    pub reason: String,
    pub tag: String,
    /// What other values of the facts entered would do.
    pub would_change: Vec<String>,
}

/// One fact to settle before the MDT.
#[derive(Debug, Clone, Serialize)]
pub struct Settle {
    pub fact: &'static str,
    /// The treatments whose verdict it could change.
    pub could_change: String,
    /// The test or examination that settles it, if the dataset says.
    pub settled_by: String,
    /// Its source tag, or that it is the dataset's own wording.
    pub tag: String,
}

/// A composed case sheet: everything the template prints.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSheet {
    pub lang: &'static str,
    pub title: String,
    pub patient: Option<String>,
    pub date: String,
    pub dataset: String,
    pub document_id: String,
    /// Which handout the patient was given, or that none was.
    pub handout: String,
    pub mdt: &'static str,
    pub sources_label: &'static str,
    pub sources: &'static str,
    pub facts_label: &'static str,
    /// "Label: value" for each fact entered.
    pub facts: Vec<String>,
    pub not_entered: String,
    pub verdicts_label: &'static str,
    pub columns: [&'static str; 4],
    pub rows: Vec<Row>,
    pub workup_label: &'static str,
    pub workup_columns: [&'static str; 3],
    pub workup: Vec<Settle>,
    /// How many more there are, or that nothing is left to settle.
    pub workup_more: Option<String>,
    pub differ_label: &'static str,
    pub differ: Vec<String>,
    #[serde(skip)]
    pub ymd: (i32, u8, u8),
}

impl CaseSheet {
    /// The file name a save suggests (without `.pdf`): nothing of the patient.
    pub fn file_stem(&self) -> String {
        let (y, m, d) = self.ymd;
        format!("netliver-mdt-{y:04}-{m:02}-{d:02}")
    }
}

/// The most facts entered whose change the sheet shows per treatment (the first in the
/// field table's order: the page's choice factors; `assess --json` has them all).
const MAX_LEVERS: usize = 2;

/// The most facts to settle the sheet lists (the rest are counted).
const MAX_WORKUP: usize = 8;

/// Composes the case sheet for `req`, with the patient's name when one is typed for it.
pub fn compose_sheet(d: &Dataset, req: &CaseRequest, patient: Option<&str>) -> CaseSheet {
    let lang = req.lang;
    let c = &catalogue(lang);
    let (sh, n) = (&c.sheet, &c.note);
    let p = &req.profile;
    let sum = assessment::summarise(d, p, req.scope);
    let (all, what) = (&sum.assessments, &sum.what_if);
    let doc = super::document_id(d, &req.handout, req.handout_lang, req.date);
    let rows = all
        .iter()
        .map(|a| {
            let r = a.decisive();
            Row {
                name: d.treatments[a.index].short.get(lang).to_owned(),
                verdict: a.verdict.id(),
                label: i18n::badge(a, lang),
                reason: i18n::reason(r, lang),
                tag: i18n::cite_tag(d, &r.cite, lang),
                would_change: what.levers[a.index]
                    .iter()
                    .filter(|l| l.entered)
                    .take(MAX_LEVERS)
                    .map(|l| i18n::lever(p, l, a.eligible_as, lang))
                    .collect(),
            }
        })
        .collect();
    let workup: Vec<Settle> = what
        .workup
        .iter()
        .take(MAX_WORKUP)
        .map(|s| {
            let (settled_by, tag) = i18n::settled_by_parts(d, s.field, lang)
                .map_or_else(Default::default, |(how, tag)| (how.to_owned(), tag));
            Settle {
                fact: s.field.label(lang),
                could_change: s
                    .treatments
                    .iter()
                    .map(|&i| d.treatments[i].short.get(lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                settled_by,
                tag,
            }
        })
        .collect();
    let workup_more = if what.workup.is_empty() {
        Some(c.cli.nothing_to_settle.to_owned())
    } else if what.workup.len() > MAX_WORKUP {
        Some(fill(
            sh.more_to_settle,
            &[("n", &(what.workup.len() - MAX_WORKUP))],
        ))
    } else {
        None
    };
    let unknown = Field::ALL
        .iter()
        .filter(|f| !p.is_set(**f) && req.scope.asks(**f))
        .count();
    CaseSheet {
        lang: lang.code(),
        title: sh.title.to_owned(),
        patient: patient
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(super::name_for_print),
        date: i18n::date(req.date, lang),
        dataset: fill(
            c.paper.dataset_line,
            &[
                ("id", &d.id),
                ("version", &d.version),
                ("reviewed", &d.reviewed),
            ],
        ),
        document_id: fill(c.paper.document_id, &[("id", &doc)]),
        handout: super::note::handout_line(d, &req.handout, req.handout_lang, &doc, lang),
        mdt: n.mdt,
        sources_label: c.cli.sources,
        sources: match req.scope {
            Scope::PageOnly => n.page_only,
            Scope::WithGuidelines => n.with_guidelines,
        },
        facts_label: sh.facts,
        facts: Field::ALL
            .iter()
            .filter(|f| p.is_set(**f))
            .map(|f| format!("{}: {}", f.label(lang), i18n::value(p, *f, lang)))
            .collect(),
        not_entered: fill(sh.not_entered, &[("n", &unknown)]),
        verdicts_label: sh.verdicts,
        columns: [sh.treatment, sh.verdict, sh.reason, sh.source],
        rows,
        workup_label: sh.workup,
        workup_columns: [sh.fact, sh.could_change, sh.settled_by],
        workup,
        workup_more,
        differ_label: sh.differ,
        differ: sum
            .differ
            .iter()
            .map(|x| x.topic.get(lang).to_owned())
            .collect(),
        ymd: req.date,
    }
}
