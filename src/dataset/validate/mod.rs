//! Semantic validation: everything the RON parser cannot see. Every problem is collected,
//! with the path to the item, its line and column, and a hint on what to write instead.

use std::collections::{HashMap, HashSet};

mod items;
mod wording;

use super::Diagnostic;
use super::load::Layout;
use super::model::{Dataset, Evidence, Source};
use super::spans::Pos;

use items::flatten;
pub use wording::is_date;

/// The text of each source that has a `file`, keyed by source id, already whitespace-normalised.
pub type SourceTexts = HashMap<String, String>;

pub(super) struct Validator<'a> {
    layout: &'a Layout,
    texts: &'a SourceTexts,
    source_ids: HashSet<String>,
    /// The treatments' ids, in order.
    treatment_ids: Vec<String>,
    /// Every preparation id of the treatments and pathways.
    preparation_ids: HashSet<String>,
    /// Sources of the guideline layer (cited with a locator, not quoted).
    literature: HashSet<String>,
    /// National guidelines among them.
    guidelines: HashSet<String>,
    pub errors: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    pub fn new(layout: &'a Layout, texts: &'a SourceTexts) -> Self {
        Validator {
            layout,
            texts,
            source_ids: HashSet::new(),
            treatment_ids: Vec::new(),
            preparation_ids: HashSet::new(),
            literature: HashSet::new(),
            guidelines: HashSet::new(),
            errors: Vec::new(),
        }
    }

    pub(super) fn error_at(
        &mut self,
        (file, pos): (&str, Pos),
        path: &str,
        message: String,
        hint: Option<String>,
    ) {
        self.errors.push(Diagnostic {
            file: file.to_owned(),
            line: pos.line,
            col: pos.col,
            path: path.to_owned(),
            message,
            hint,
        });
    }

    pub(super) fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<&str>) {
        let at = self.layout.find(path);
        self.error_at(at, path, message.into(), hint.map(str::to_owned));
    }

    pub fn dataset(&mut self, d: &mut Dataset) {
        if d.id.trim().is_empty() {
            self.error(
                "id",
                "the dataset has no id",
                Some("add `id: \"net-liver-metastases\",`"),
            );
        }
        if d.version.trim().is_empty() {
            self.error(
                "version",
                "the dataset has no version",
                Some("add `version: \"1.0.0\",`"),
            );
        }
        if !is_date(&d.reviewed) {
            self.error(
                "reviewed",
                format!("the last-reviewed date {:?} is not a date", d.reviewed),
                Some("write it as `reviewed: \"2026-11-26\",` (YYYY-MM-DD)"),
            );
        }
        self.text("title", &d.title);

        self.source_ids = self.unique_ids("sources", d.sources.iter().map(|s| s.id.as_str()));
        self.literature = d
            .sources
            .iter()
            .filter(|s| s.kind.is_some_and(Evidence::is_literature))
            .map(|s| s.id.clone())
            .collect();
        self.guidelines = d
            .sources
            .iter()
            .filter(|s| s.kind == Some(Evidence::NationalGuideline))
            .map(|s| s.id.clone())
            .collect();
        for (i, s) in d.sources.iter().enumerate() {
            self.source(i, s);
        }
        if d.sources.is_empty() {
            self.error(
                "sources",
                "the dataset lists no sources",
                Some("every claim cites a source: add `sources: [Source(id: ..., ...)]`"),
            );
        }

        self.unique_ids("facts", d.facts.iter().map(|f| f.id.as_str()));
        for (i, f) in d.facts.iter().enumerate() {
            let p = format!("facts[{i}]");
            self.text(&format!("{p}.text"), &f.text);
            self.cite(&p, &f.cite);
            self.plain(&format!("{p}.plain"), f.plain.as_ref(), &f.cite);
            if let Some(freq) = f.freq {
                self.freq(&format!("{p}.freq"), freq);
            }
        }
        for (i, id) in d.situation.iter().enumerate() {
            if !d.facts.iter().any(|f| f.id == *id) {
                let ids: Vec<&str> = d.facts.iter().map(|f| f.id.as_str()).collect();
                self.error(
                    &format!("situation[{i}]"),
                    format!("`{id}` is not a fact of this dataset"),
                    Some(&format!("use one of: {}", ids.join(", "))),
                );
            }
        }
        if d.situation.is_empty() {
            self.error(
                "situation",
                "the handout has no facts to state the patient's situation",
                Some("add `situation: [\"liver-spread-at-diagnosis\"]` with the ids of facts"),
            );
        }
        for (i, c) in d.choice_factors.iter().enumerate() {
            self.claim(&format!("choice_factors[{i}]"), c);
        }
        for (i, c) in d.checks.iter().enumerate() {
            self.claim(&format!("checks[{i}]"), c);
        }
        self.unique_ids("settled_by", d.settled_by.iter().map(|x| x.field.as_str()));
        for (i, x) in d.settled_by.iter().enumerate() {
            let p = format!("settled_by[{i}]");
            if crate::dataset::fields::Field::from_name(&x.field).is_none() {
                self.error(
                    &format!("{p}.field"),
                    format!("unknown field \"{}\"", x.field),
                    Some("use a field name as in rules, e.g. \"tumour_burden_pct\""),
                );
            }
            self.text(&format!("{p}.text"), &x.text);
            if let Some(c) = &x.cite {
                self.cite(&p, c);
            }
        }
        self.unique_ids("notices", d.notices.iter().map(|n| n.id.as_str()));
        for (i, n) in d.notices.iter_mut().enumerate() {
            let p = format!("notices[{i}]");
            self.text(&format!("{p}.text"), &n.text);
            self.cite(&p, &n.cite);
            let when = format!("{p}.when");
            self.cond(&when, &mut n.when, &[], "");
        }
        for (i, q) in d.ask.iter().enumerate() {
            self.text(&format!("ask[{i}]"), q);
        }

        let question_ids = self.unique_ids("questions", d.questions.iter().map(|q| q.id.as_str()));
        for (i, q) in d.questions.iter().enumerate() {
            self.text(&format!("questions[{i}].text"), &q.text);
        }
        if d.questions.is_empty() {
            self.error(
                "questions",
                "the comparison grid has no questions",
                Some("add `questions: [(id: \"what\", text: (da: ..., en: ...)), ...]`"),
            );
        }

        self.unique_ids("treatments", d.treatments.iter().map(|t| t.id.as_str()));
        if d.treatments.is_empty() {
            self.error("treatments", "the dataset has no treatments", None);
        }
        let ids: Vec<String> = d.treatments.iter().map(|t| t.id.clone()).collect();
        self.treatment_ids = ids.clone();
        self.preparation_ids = d
            .treatments
            .iter()
            .flat_map(|t| t.preparations.iter())
            .chain(d.pathways.iter().flat_map(|p| p.preparations.iter()))
            .map(|x| x.id.clone())
            .collect();
        let questions: Vec<String> = d.questions.iter().map(|q| q.id.clone()).collect();
        self.unique_ids("pathways", d.pathways.iter().map(|p| p.id.as_str()));
        for (k, pw) in d.pathways.iter_mut().enumerate() {
            self.pathway(k, pw, &ids, &questions, &question_ids);
        }
        for (i, t) in d.treatments.iter_mut().enumerate() {
            self.treatment(i, t, &ids, &questions, &question_ids);
            self.taken_pathways(i, t, &d.pathways, &questions);
            flatten(t, &d.pathways);
        }
        for (i, pw) in d.pathways.iter().enumerate() {
            if !d.treatments.iter().any(|t| t.pathways.contains(&pw.id)) {
                self.error(
                    &format!("pathways[{i}].id"),
                    format!("no treatment takes the pathway `{}`", pw.id),
                    Some(
                        "add its id to the `pathways` of the treatments it concerns, or remove it",
                    ),
                );
            }
        }

        match &d.no_treatment {
            Some(x) => self.alternative(x, &questions, &question_ids),
            None => self.error(
                "no_treatment",
                "the dataset has no \"no liver-directed treatment now\" option",
                Some("add `no_treatment: Some(Alternative(name: ..., answers: {...}))`: every comparison and handout shows it"),
            ),
        }
        for (i, t) in d.priorities.iter().enumerate() {
            self.text(&format!("priorities[{i}]"), t);
        }
        if d.priorities.is_empty() {
            self.error(
                "priorities",
                "the dataset has no statements for \"What matters to me\"",
                Some("add `priorities: [(da: \"Det er vigtigt for mig at ...\", en: ...)]`"),
            );
        }
        self.about(&d.about);

        self.unique_ids(
            "disagreements",
            d.disagreements.iter().map(|x| x.id.as_str()),
        );
        for (i, x) in d.disagreements.iter().enumerate() {
            let p = format!("disagreements[{i}]");
            self.text(&format!("{p}.topic"), &x.topic);
            if x.positions.len() < 2 {
                self.error(
                    &format!("{p}.positions"),
                    "a disagreement needs at least two positions, each with its source",
                    Some("add a `Claim(text: ..., cite: ...)` for each source that says something different"),
                );
            }
            for (k, c) in x.positions.iter().enumerate() {
                self.claim(&format!("{p}.positions[{k}]"), c);
            }
            for (k, t) in x.treatments.iter().enumerate() {
                if !ids.contains(t) {
                    self.error(
                        &format!("{p}.treatments[{k}]"),
                        format!("`{t}` is not a treatment of this dataset"),
                        Some(&format!("use one of: {}", ids.join(", "))),
                    );
                }
            }
        }
    }

    /// A source: what kind it is, and for literature a complete citation.
    pub(super) fn source(&mut self, i: usize, s: &Source) {
        let p = format!("sources[{i}]");
        let Some(kind) = s.kind else {
            let kinds: Vec<&str> = Evidence::ALL.iter().map(|e| e.id()).collect();
            self.error(
                &p,
                "the source does not say what kind of source it is",
                Some(&format!(
                    "add `kind: ...,` with one of: {}",
                    kinds.join(", ")
                )),
            );
            return;
        };
        if s.title.trim().is_empty() {
            self.error(&p, "the source has no title", Some("add `title: \"...\",`"));
        }
        if s.language.trim().is_empty() {
            self.error(
                &p,
                "the source does not say its language",
                Some("add `language: \"da\",` (ISO 639-1)"),
            );
        }
        if let Some(date) = &s.published
            && !is_date(date)
        {
            self.error(
                &format!("{p}.published"),
                format!("{date:?} is not a date"),
                Some("write `Some(\"YYYY-MM-DD\")`, or `None` when the source gives none"),
            );
        }
        if let Some(note) = &s.note {
            self.text(&format!("{p}.note"), note);
        }
        if let Some(region) = &s.region {
            self.text(&format!("{p}.region"), region);
        }
        if !kind.is_literature() {
            if s.publisher.trim().is_empty() {
                self.error(
                    &p,
                    "the source has no publisher",
                    Some("add `publisher: \"...\",`"),
                );
            }
            if s.file.is_none() {
                self.error(
                    &p,
                    "the patient page has no text to check its quotes against",
                    Some("add `file: Some(\"sources/....txt\"),` with a copy of the page beside the dataset"),
                );
            }
            return;
        }
        // Literature: a citation a reader can find, with the date it was checked.
        let missing: Vec<&str> = [
            (
                "publisher or authors",
                s.publisher.trim().is_empty()
                    && s.authors.as_deref().is_none_or(|a| a.trim().is_empty()),
            ),
            // An undated web page is cited with the date it was checked instead.
            (
                "year (or, for an undated web page, its URL)",
                s.year.is_none() && (s.url.is_none() || s.doi.is_some()),
            ),
            (
                "container (programme, or journal with volume and pages)",
                s.container.as_deref().is_none_or(|c| c.trim().is_empty()),
            ),
            ("DOI or URL", s.doi.is_none() && s.url.is_none()),
            ("date checked", s.checked.is_none()),
        ]
        .into_iter()
        .filter_map(|(what, absent)| absent.then_some(what))
        .collect();
        if !missing.is_empty() {
            self.error(
                &p,
                format!("the citation of `{}` is incomplete: no {}", s.id, missing.join(", no ")),
                Some("a literature source needs authors or publisher, year, container, DOI or URL, and `checked: Some(\"YYYY-MM-DD\")`"),
            );
        }
        if let Some(date) = &s.checked
            && !is_date(date)
        {
            self.error(
                &format!("{p}.checked"),
                format!("{date:?} is not a date"),
                Some("write `checked: Some(\"YYYY-MM-DD\")`"),
            );
        }
        if s.file.is_some() {
            self.error(
                &format!("{p}.file"),
                "a literature source has no text file: its claims are in our own words, with a locator",
                Some("remove `file`; cite with `(source: ..., locator: \"section ...\")`"),
            );
        }
    }
}
