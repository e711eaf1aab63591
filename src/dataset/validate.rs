//! Semantic validation: everything the RON parser cannot see. Every problem is collected,
//! with the path to the item, its line and column, and a hint on what to write instead.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::fields::Layer;
use super::load::Layout;
use super::model::{
    About, Alternative, Answer, Cite, Claim, Criterion, Dataset, Evidence, Freq, Interval, Lang,
    Pathway, Preparation, Rule, Source, Text, Treatment, Verdict,
};
use super::rules::Cond;
use super::spans::Pos;
use super::{Diagnostic, normalize_ws};

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

    fn error_at(
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

    fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<&str>) {
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
    fn source(&mut self, i: usize, s: &Source) {
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

    fn treatment(
        &mut self,
        i: usize,
        t: &mut Treatment,
        ids: &[String],
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = format!("treatments[{i}]");
        self.text(&format!("{p}.name"), &t.name);
        self.text(&format!("{p}.short"), &t.short);
        if t.aims.is_empty() {
            self.error(
                &format!("{p}.aims"),
                format!("treatment `{}` has no aims", t.id),
                Some("add e.g. `aims: [cure]` (cure, symptom_relief, disease_control)"),
            );
        }
        self.claim(&format!("{p}.summary"), &t.summary);
        self.claim(&format!("{p}.aim"), &t.aim);
        for (field, list) in t.claim_lists() {
            for (k, c) in list.iter().enumerate() {
                self.claim(&format!("{p}.{field}[{k}]"), c);
            }
        }
        if t.eligible_as.is_none() {
            self.error(
                &format!("{p}.eligible_as"),
                format!("treatment `{}` does not say how the source speaks of it", t.id),
                Some("add `eligible_as: Some(criteria_met),` where the source offers it when its criteria hold, or `Some(may_be_considered),` where it only permits it (\"eventuelt\", \"kan også\", \"en nyere mulighed\")"),
            );
        }
        let own = t.id.clone();
        self.items(&p, ItemsMut::of_treatment(t), &ids[..i], &own);
        for (k, q) in t.ask.iter().enumerate() {
            self.text(&format!("{p}.ask[{k}]"), q);
        }
        for (k, c) in t.checks.iter().enumerate() {
            self.claim(&format!("{p}.checks[{k}]"), c);
        }
        self.answers(&p, &t.answers, questions, question_ids);
    }

    /// The items a treatment or a pathway holds: outcomes, follow-up, preparations,
    /// criteria and rules. `earlier` are the treatments whose verdicts they may read.
    fn items(&mut self, p: &str, it: ItemsMut<'_>, earlier: &[String], own: &str) {
        for (k, o) in it.outcomes.iter().enumerate() {
            let op = format!("{p}.outcomes[{k}]");
            self.text(&format!("{op}.text"), &o.text);
            self.cite(&op, &o.cite);
            self.plain(&format!("{op}.plain"), o.plain.as_ref(), &o.cite);
            self.plain(&format!("{op}.timeframe"), o.timeframe.as_ref(), &o.cite);
            for (name, words) in [("helped", &o.helped), ("not_helped", &o.not_helped)] {
                if let Some(w) = words {
                    self.text(&format!("{op}.{name}"), w);
                }
            }
            if o.freq.is_some()
                && (o.helped.is_none() || o.not_helped.is_none())
                && !self.literature.contains(&o.cite.source)
            {
                self.error(
                    &op,
                    "an outcome with a frequency says how many are helped but not both ways",
                    Some("add `helped: Some((da: ..., en: ...))` and `not_helped: Some(...)`: the handout says how many it helps and how many it does not"),
                );
            }
            if let Some(freq) = o.freq {
                self.freq(&format!("{op}.freq"), freq);
            }
        }
        for (k, f) in it.follow_up.iter().enumerate() {
            let fp = format!("{p}.follow_up[{k}]");
            self.interval(&format!("{fp}.after"), f.after);
            self.text(&format!("{fp}.text"), &f.text);
            self.cite(&fp, &f.cite);
            self.plain(&format!("{fp}.plain"), f.plain.as_ref(), &f.cite);
        }
        for (k, prep) in it.preparations.iter_mut().enumerate() {
            self.preparation(&format!("{p}.preparations[{k}]"), prep);
        }
        for (k, c) in it.criteria.iter_mut().enumerate() {
            self.criterion(&format!("{p}.criteria[{k}]"), c, earlier, own);
        }
        for (k, r) in it.rules.iter_mut().enumerate() {
            self.rule(&format!("{p}.rules[{k}]"), r, earlier, own);
        }
    }

    /// A pathway: its items, valid for any treatment (the order of verdict references is
    /// checked for each treatment that takes it).
    fn pathway(
        &mut self,
        k: usize,
        pw: &mut Pathway,
        ids: &[String],
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = format!("pathways[{k}]");
        self.text(&format!("{p}.name"), &pw.name);
        let empty = pw.criteria.is_empty()
            && pw.rules.is_empty()
            && pw.preparations.is_empty()
            && pw.checks.is_empty()
            && pw.procedure.is_empty()
            && pw.outcomes.is_empty()
            && pw.side_effects_common.is_empty()
            && pw.side_effects_rare.is_empty()
            && pw.follow_up.is_empty()
            && pw.suited.is_empty()
            && pw.not_suited.is_empty()
            && pw.answers.is_empty()
            && pw.ask.is_empty();
        if empty {
            self.error(
                &p,
                format!("the pathway `{}` holds nothing", pw.id),
                Some("give it criteria, rules, preparations, checks or texts, or remove it"),
            );
        }
        let lists: [(&str, &[Claim]); 6] = [
            ("checks", &pw.checks),
            ("procedure", &pw.procedure),
            ("side_effects_common", &pw.side_effects_common),
            ("side_effects_rare", &pw.side_effects_rare),
            ("suited", &pw.suited),
            ("not_suited", &pw.not_suited),
        ];
        for (name, list) in lists {
            for (i, c) in list.iter().enumerate() {
                self.claim(&format!("{p}.{name}[{i}]"), c);
            }
        }
        for (i, q) in pw.ask.iter().enumerate() {
            self.text(&format!("{p}.ask[{i}]"), q);
        }
        self.items(&p, ItemsMut::of_pathway(pw), ids, PATHWAY);
        self.answers(&p, &pw.answers, questions, question_ids);
    }

    /// What a treatment takes from its pathways: each exists, is taken once and reads only
    /// the verdicts of treatments listed before it; with them, the treatment has criteria,
    /// answers every grid question once, and its item ids stay unique.
    fn taken_pathways(
        &mut self,
        i: usize,
        t: &Treatment,
        pathways: &[Pathway],
        questions: &[String],
    ) {
        let p = format!("treatments[{i}]");
        let known: Vec<&str> = pathways.iter().map(|x| x.id.as_str()).collect();
        let mut taken: Vec<&Pathway> = Vec::new();
        for (k, id) in t.pathways.iter().enumerate() {
            let at = format!("{p}.pathways[{k}]");
            let Some(pw) = pathways.iter().find(|x| x.id == *id) else {
                self.error(
                    &at,
                    format!("`{id}` is not a pathway of this dataset"),
                    Some(&format!(
                        "use one of: {}",
                        if known.is_empty() {
                            "(none)".to_owned()
                        } else {
                            known.join(", ")
                        }
                    )),
                );
                continue;
            };
            if taken.iter().any(|x| x.id == pw.id) {
                self.error(
                    &at,
                    format!("the pathway `{id}` is listed twice"),
                    Some("list it once"),
                );
                continue;
            }
            for r in pathway_verdict_refs(pw) {
                if r == t.id {
                    self.error(
                        &at,
                        format!("the pathway `{id}` reads the verdict of `{r}`, which takes it: a treatment cannot depend on its own verdict"),
                        Some("take the pathway only on treatments listed after the one whose verdict it reads"),
                    );
                } else if !self.earlier(i, &r) {
                    self.error(
                        &at,
                        format!("the pathway `{id}` reads the verdict of `{r}`, which is not listed before `{}`", t.id),
                        Some("a rule may only read the verdicts of treatments listed before the one it applies to"),
                    );
                }
            }
            taken.push(pw);
        }
        if t.criteria.is_empty() && taken.iter().all(|x| x.criteria.is_empty()) {
            self.error(
                &format!("{p}.criteria"),
                format!("treatment `{}` has no criteria, so it could never be eligible", t.id),
                Some("add `criteria: [Criterion(when: ..., requires: ..., otherwise: caution, unmet: ..., cite: ...)]` with what the source requires, or take a pathway that has them"),
            );
        }
        for q in questions {
            if t.answers.contains_key(q) {
                continue;
            }
            let from: Vec<&str> = taken
                .iter()
                .filter(|x| x.answers.contains_key(q))
                .map(|x| x.id.as_str())
                .collect();
            match from.as_slice() {
                [_] => {}
                [] => self.error(
                    &format!("{p}.answers"),
                    format!("treatment `{}` does not answer the grid question `{q}`", t.id),
                    Some(&format!(
                        "add `\"{q}\": Stated(text: (da: ..., en: ...), cite: ...)`, or `\"{q}\": NotStated` if the source does not say"
                    )),
                ),
                several => self.error(
                    &format!("{p}.answers"),
                    format!(
                        "treatment `{}` gets an answer to `{q}` from several pathways: {}",
                        t.id,
                        several.join(", ")
                    ),
                    Some("answer it in the treatment itself, or in one pathway only"),
                ),
            }
        }
        // Ids stay unique across the treatment and what it takes.
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let mut outcome_ids: HashMap<&str, &str> = HashMap::new();
        let own = format!("treatment `{}`", t.id);
        let sources = taken
            .iter()
            .map(|x| (format!("pathway `{}`", x.id), *x))
            .collect::<Vec<_>>();
        let mut dup = Vec::new();
        for (who, pw) in &sources {
            for x in &pw.preparations {
                if let Some(other) = seen.insert(&x.id, who) {
                    dup.push(("preparations", x.id.clone(), other.to_owned(), who.clone()));
                }
            }
            for x in &pw.outcomes {
                if let Some(other) = outcome_ids.insert(&x.id, who) {
                    dup.push(("outcomes", x.id.clone(), other.to_owned(), who.clone()));
                }
            }
        }
        for x in &t.preparations {
            if let Some(other) = seen.insert(&x.id, &own) {
                dup.push(("preparations", x.id.clone(), other.to_owned(), own.clone()));
            }
        }
        for x in &t.outcomes {
            if let Some(other) = outcome_ids.insert(&x.id, &own) {
                dup.push(("outcomes", x.id.clone(), other.to_owned(), own.clone()));
            }
        }
        for (list, id, a, b) in dup {
            let message = if a == b {
                format!("the id `{id}` is used twice in the {list} of {a}")
            } else {
                format!(
                    "the id `{id}` is in the {list} of both {a} and {b}, which `{}` takes together",
                    t.id
                )
            };
            self.error(
                &format!("{p}.{list}"),
                message,
                Some("give each item its own id"),
            );
        }
    }

    /// Whether treatment `r` is listed before treatment `i`.
    fn earlier(&self, i: usize, r: &str) -> bool {
        self.treatment_ids
            .iter()
            .position(|x| x == r)
            .is_some_and(|k| k < i)
    }

    fn answer(&mut self, ap: &str, a: &Answer) {
        match a {
            Answer::Stated {
                text,
                cite,
                freq,
                plain,
                short,
            } => {
                self.text(&format!("{ap}.text"), text);
                self.cite(ap, cite);
                self.plain(&format!("{ap}.plain"), plain.as_ref(), cite);
                self.plain(&format!("{ap}.short"), short.as_ref(), cite);
                if let Some(freq) = freq {
                    self.freq(&format!("{ap}.freq"), *freq);
                }
            }
            Answer::Template { text, short } => {
                self.text(&format!("{ap}.text"), text);
                if let Some(short) = short {
                    self.text(&format!("{ap}.short"), short);
                }
            }
            Answer::NotStated => {}
        }
    }

    /// The "no liver-directed treatment now" option answers every grid question too.
    fn alternative(
        &mut self,
        x: &Alternative,
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = "no_treatment";
        self.text(&format!("{p}.name"), &x.name);
        for q in questions {
            if !x.answers.contains_key(q) {
                self.error(
                    &format!("{p}.answers"),
                    format!("\"no liver-directed treatment now\" does not answer the grid question `{q}`"),
                    Some(&format!("add `\"{q}\": NotStated` or `\"{q}\": Template(text: (da: ..., en: ...))`")),
                );
            }
        }
        self.answers(p, &x.answers, questions, question_ids);
    }

    /// The answers of one grid column: each to a question of the grid, each well formed.
    fn answers(
        &mut self,
        p: &str,
        answers: &BTreeMap<String, Answer>,
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        for (q, a) in answers {
            let ap = format!("{p}.answers.{q}");
            if !question_ids.contains(q) {
                self.error(
                    &ap,
                    format!("`{q}` is not a question of the comparison grid"),
                    Some(&format!("the questions are: {}", questions.join(", "))),
                );
            }
            self.answer(&ap, a);
        }
    }

    /// The "About this leaflet" box: every field, in both languages.
    fn about(&mut self, a: &About) {
        for (name, text) in [
            ("editor", &a.editor),
            ("clinical_review", &a.clinical_review),
            ("funding", &a.funding),
            ("conflicts", &a.conflicts),
            ("update_policy", &a.update_policy),
            ("evidence", &a.evidence),
        ] {
            self.text(&format!("about.{name}"), text);
        }
        if !is_date(&a.next_review) {
            self.error(
                "about.next_review",
                format!("the next review {:?} is not a date", a.next_review),
                Some("write `next_review: \"2027-05-28\",` (YYYY-MM-DD)"),
            );
        }
    }

    fn preparation(&mut self, p: &str, prep: &mut Preparation) {
        if prep.id.trim().is_empty() {
            self.error(
                p,
                "the preparation has no id",
                Some("name the agent, e.g. `id: \"octreotide\"`"),
            );
        }
        self.text(&format!("{p}.text"), &prep.text);
        self.cite(p, &prep.cite);
        self.plain(&format!("{p}.plain"), prep.plain.as_ref(), &prep.cite);
        if let Some(when) = &mut prep.when {
            self.cond(&format!("{p}.when"), when, &[], "");
        }
        if let Some(i) = &prep.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
        for c in &prep.covered_by {
            if !self.preparation_ids.contains(c) || *c == prep.id {
                let mut ids: Vec<&str> = self.preparation_ids.iter().map(String::as_str).collect();
                ids.sort_unstable();
                self.error(
                    &format!("{p}.covered_by"),
                    format!("the preparation `{}` is covered by `{c}`, which is no other preparation of the dataset", prep.id),
                    Some(&format!("use the id of one of: {}", ids.join(", "))),
                );
            }
        }
    }

    fn rule(&mut self, p: &str, r: &mut Rule, earlier: &[String], own: &str) {
        self.cond(&format!("{p}.when"), &mut r.when, earlier, own);
        self.text(&format!("{p}.reason"), &r.reason);
        self.numbers_agree(&format!("{p}.reason"), &r.when, &r.reason, &r.cite);
        self.cite(p, &r.cite);
        self.page_reads_page_fields(p, &r.when, &r.cite);
        self.also(p, &r.also);
        if let Some(i) = &r.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
        if let Some(t) = &r.patient {
            self.text(&format!("{p}.patient"), t);
        }
        if r.absolute {
            if r.verdict != Verdict::NotEligible {
                self.error(
                    &format!("{p}.absolute"),
                    "an absolute contraindication rules the treatment out: its verdict is `not_eligible`",
                    Some("write `verdict: not_eligible`, or remove `absolute: true`"),
                );
            }
            if !self.guidelines.contains(&r.cite.source) {
                self.error(
                    &format!("{p}.absolute"),
                    "only a national guideline's absolute contraindication makes a treatment wait for an unknown fact",
                    Some("cite the national guideline that names it absolute, or remove `absolute: true`"),
                );
            }
        }
    }

    /// The numbers a wording states about its condition (the words before its first `:`,
    /// "Tumour burden over 50 % of the liver:") are the numbers the condition tests, a step
    /// beside them ("8 or more" for `> 7`), the field's own limits, or numbers of the quote.
    fn numbers_agree(&mut self, p: &str, when: &Cond, t: &Text, cite: &Cite) {
        let Ok(expr) = &when.parsed else { return };
        let mut tested: Vec<f64> = Vec::new();
        let mut any_number = false;
        numbers_tested(expr, &mut tested, &mut any_number);
        // The fields' own names and units carry digits of their own ("Ki-67", "1,73 m²").
        let mut fields = Vec::new();
        expr.visit_fields(&mut |f| fields.push(f));
        // A choice tested by name may be said by number ("grade 3" for `grade == g3`).
        for f in &fields {
            for o in f.options() {
                tested.extend(numbers(o.id).iter().filter_map(|n| n.parse::<f64>().ok()));
            }
        }
        // A choice tested by name may be said by number ("grade 3" for `grade == g3`).
        for f in &fields {
            for o in f.options() {
                tested.extend(numbers(o.id).iter().filter_map(|n| n.parse::<f64>().ok()));
            }
        }
        if !any_number {
            return;
        }
        let quoted: Vec<String> = numbers(&cite.quote);
        for (lang, text) in t.each() {
            let lang = lang.name();
            let Some((head, _)) = text.split_once(':') else {
                continue;
            };
            let mut head = head.to_owned();
            for f in &fields {
                let spec = f.spec();
                for (_, w) in spec
                    .label
                    .each()
                    .into_iter()
                    .chain(spec.unit.into_iter().flat_map(|u| u.each()))
                {
                    head = head.replace(w, " ");
                }
            }
            let bad: Vec<String> = stated_numbers(&head)
                .into_iter()
                .filter(|n| {
                    let Ok(x) = n.parse::<f64>() else {
                        return false;
                    };
                    !quoted.iter().any(|q| q.parse::<f64>().ok() == Some(x))
                        && !tested.iter().any(|v| (v - x).abs() <= 1.0 + f64::EPSILON)
                })
                .collect();
            if !bad.is_empty() {
                let shown: Vec<String> = tested.iter().map(|v| format!("{v}")).collect();
                self.error(
                    p,
                    format!(
                        "the {lang} wording states {} but its condition {:?} tests {}",
                        bad.join(", "),
                        echo(&when.src),
                        shown.join(", ")
                    ),
                    Some("write the numbers the condition tests, or change the condition"),
                );
            }
        }
    }

    fn also(&mut self, p: &str, also: &[Cite]) {
        for (k, c) in also.iter().enumerate() {
            self.cite_at(&format!("{p}.also[{k}]"), c);
        }
    }

    /// A rule resting on the patient page may read only the fields the page speaks of, so
    /// the page-only view needs no guideline field.
    fn page_reads_page_fields(&mut self, p: &str, when: &Cond, cite: &Cite) {
        if self.literature.contains(&cite.source) {
            return;
        }
        let Ok(expr) = &when.parsed else { return };
        let mut fields = Vec::new();
        expr.visit_fields(&mut |f| fields.push(f));
        for f in fields {
            if f.spec().layer == Layer::Guideline {
                self.error(
                    &format!("{p}.when"),
                    format!("a rule citing the patient page reads `{f}`, a field the page does not speak of"),
                    Some("cite the guideline or study the rule comes from, or read a page field"),
                );
            }
        }
    }

    fn criterion(&mut self, p: &str, c: &mut Criterion, earlier: &[String], own: &str) {
        self.cond(&format!("{p}.when"), &mut c.when, earlier, own);
        self.page_reads_page_fields(p, &c.when, &c.cite);
        self.also(p, &c.also);
        self.text(&format!("{p}.requires"), &c.requires);
        self.text(&format!("{p}.unmet"), &c.unmet);
        self.numbers_agree(&format!("{p}.requires"), &c.when, &c.requires, &c.cite);
        self.numbers_agree(&format!("{p}.unmet"), &c.when, &c.unmet, &c.cite);
        if c.otherwise == Verdict::Eligible {
            self.error(
                &format!("{p}.otherwise"),
                "a criterion that does not hold cannot leave the treatment eligible",
                Some("write `otherwise: caution` or `otherwise: not_eligible`"),
            );
        }
        self.cite(p, &c.cite);
        if let Some(i) = &c.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
    }

    /// Reports a parse error at its exact column, and resolves `verdict(id)` references
    /// against the treatments defined before this one.
    fn cond(&mut self, p: &str, cond: &mut Cond, earlier: &[String], own: &str) {
        let src = cond.src.clone();
        match &mut cond.parsed {
            Err(e) => {
                let layout = self.layout;
                let at = match layout.value(p) {
                    // +1 for the opening quote; columns count characters.
                    Some((file, v)) => (
                        file,
                        Pos {
                            line: v.line,
                            col: v.col + 1 + src[..e.offset.min(src.len())].chars().count(),
                        },
                    ),
                    None => layout.find(p),
                };
                let msg = format!("in the condition {:?}: {}", echo(&src), e.message);
                let hint = e.hint.clone();
                self.error_at(at, p, msg, hint);
            }
            Ok(expr) => {
                let mut problems = Vec::new();
                expr.visit_verdict_refs(&mut |id, index| {
                    if let Some(k) = earlier.iter().position(|t| t == id) {
                        *index = k;
                    } else if own == PATHWAY {
                        problems.push((
                            format!("`verdict({id})` names no treatment of this dataset"),
                            Some(format!("use one of: {}", earlier.join(", "))),
                        ));
                    } else if earlier.is_empty() && own.is_empty() {
                        problems.push(("`verdict(...)` can only be used in treatment rules".to_owned(), None));
                    } else if id == own {
                        problems.push((
                            format!("a rule of `{own}` cannot depend on the verdict of `{own}` itself"),
                            Some("refer only to treatments listed before this one".to_owned()),
                        ));
                    } else {
                        problems.push((
                            format!("`verdict({id})` refers to a treatment that is not listed before `{own}`"),
                            Some(format!(
                                "use one of: {}; or move `{id}` above `{own}`",
                                if earlier.is_empty() { "(none)".to_owned() } else { earlier.join(", ") }
                            )),
                        ));
                    }
                });
                for (msg, hint) in problems {
                    let layout = self.layout;
                    self.error_at(
                        layout.find(p),
                        p,
                        format!("in the condition {:?}: {msg}", echo(&src)),
                        hint,
                    );
                }
            }
        }
    }

    fn unique_ids<'i>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'i str>,
    ) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let p = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.error(
                    &p,
                    "this item has no id",
                    Some("add `id: \"...\"` with a short, unique name"),
                );
            } else if !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            {
                self.error(
                    &p,
                    format!("the id {id:?} has characters other than a-z, 0-9, - and _"),
                    Some("ids are stable machine names, e.g. `rfa` or `hormone-symptoms`"),
                );
            } else if !seen.insert(id.to_owned()) {
                self.error(
                    &p,
                    format!("the id `{id}` is used twice in `{list}`"),
                    Some("give each item its own id"),
                );
            }
        }
        seen
    }

    fn text(&mut self, p: &str, t: &Text) {
        for (lang, text) in t.each() {
            let n = text.chars().count();
            if n > MAX_WORDING {
                let lang = lang.name();
                self.error(
                    p,
                    format!("the {lang} text is {n} characters long; a wording may have at most {MAX_WORDING}"),
                    Some("split it into several claims, or say it shorter: a card and a leaflet show it whole"),
                );
            }
        }
        let missing = t.missing();
        if missing.len() == Lang::ALL.len() {
            self.error(
                p,
                "the text is missing",
                Some("write `(da: \"...\", en: \"...\")`"),
            );
        } else {
            for lang in missing {
                let (name, code) = (lang.name(), lang.code());
                let hint = if lang == Lang::Da {
                    "faithful to the source's wording".to_owned()
                } else {
                    "beside `da`".to_owned()
                };
                self.error(
                    p,
                    format!("the {name} text is missing"),
                    Some(&format!("add `{code}: \"...\"`, {hint}")),
                );
            }
        }
    }

    fn claim(&mut self, p: &str, c: &Claim) {
        self.text(&format!("{p}.text"), &c.text);
        self.cite(p, &c.cite);
        self.plain(&format!("{p}.plain"), c.plain.as_ref(), &c.cite);
    }

    /// A plain wording beside a quote: both languages, and no number the quote lacks (a
    /// plain wording may leave numbers out, never add one).
    fn plain(&mut self, p: &str, plain: Option<&Text>, cite: &Cite) {
        let Some(plain) = plain else { return };
        self.text(p, plain);
        if self.literature.contains(&cite.source) || cite.quote.trim().is_empty() {
            return;
        }
        let mut allowed = numbers(&cite.quote);
        // "70-90 pct." is "70-90 af 100": the denominator of a percentage is not a new figure.
        if cite.quote.contains("pct") || cite.quote.contains('%') {
            allowed.push("100".to_owned());
        }
        for (_, lang_text) in plain.each() {
            let extra: Vec<String> = numbers(lang_text)
                .into_iter()
                .filter(|n| !allowed.contains(n))
                .collect();
            if !extra.is_empty() {
                self.error(
                    p,
                    format!(
                        "the plain wording has numbers its quote does not: {}",
                        extra.join(", ")
                    ),
                    Some("a plain wording may leave a number out, never add or change one; copy the numbers from the quote"),
                );
            }
        }
    }

    fn cite(&mut self, p: &str, c: &Cite) {
        let cp = format!("{p}.cite");
        self.cite_at(&cp, c);
    }

    fn cite_at(&mut self, cp: &str, c: &Cite) {
        if c.source.trim().is_empty() {
            self.error(
                cp,
                "the claim does not cite a source",
                Some("add `cite: (source: \"kb\", quote: \"...the passage, verbatim...\")`, or `(source: ..., locator: ...)` for literature"),
            );
            return;
        }
        if !self.source_ids.contains(&c.source) {
            let mut known: Vec<&str> = self.source_ids.iter().map(String::as_str).collect();
            known.sort_unstable();
            self.error(
                &format!("{cp}.source"),
                format!("`{}` is not a source of this dataset", c.source),
                Some(&format!("use one of: {}", known.join(", "))),
            );
            return;
        }
        if self.literature.contains(&c.source) {
            // Literature: our own words and a locator, never a pasted passage.
            if c.locator.trim().is_empty() {
                self.error(
                    cp,
                    format!("the claim from `{}` has no locator", c.source),
                    Some("add `locator: \"section 6.7\"` (or a table, or \"abstract\") so a reader finds it"),
                );
            }
            if !c.quote.trim().is_empty() {
                self.error(
                    &format!("{cp}.quote"),
                    format!("`{}` is literature: its claims are written in our own words, not quoted", c.source),
                    Some("remove `quote`; put our wording in the claim's text and the place in `locator`"),
                );
            }
            return;
        }
        if c.quote.trim().is_empty() {
            self.error(
                cp,
                "the citation has no quote",
                Some("copy the passage the claim rests on into `quote`, verbatim"),
            );
            return;
        }
        // A page without its text is reported at the source; every quote needs the text.
        if let Some(text) = self.texts.get(&c.source) {
            for part in c.passages() {
                if !text.contains(&normalize_ws(part)) {
                    self.error(
                        &format!("{cp}.quote"),
                        format!("the quote {part:?} does not occur in source `{}`", c.source),
                        Some("quotes are copied verbatim from the source (only whitespace may differ); join separate passages with ` … `"),
                    );
                }
            }
        }
    }

    fn freq(&mut self, p: &str, f: Freq) {
        let bad = match f {
            Freq::Range { low, high, average } => {
                if low > high {
                    Some(format!(
                        "the range {low}-{high} is upside down; write `low: {high}, high: {low}`"
                    ))
                } else if high > 100 {
                    Some(format!("{high} of 100 is more than everyone"))
                } else {
                    average
                        .filter(|a| *a < low || *a > high)
                        .map(|a| format!("the average {a} lies outside {low}-{high}"))
                }
            }
            Freq::About(n) | Freq::MoreThan(n) if n > 100 => {
                Some(format!("{n} of 100 is more than everyone"))
            }
            _ => None,
        };
        if let Some(msg) = bad {
            self.error(
                p,
                format!("the frequency is impossible: {msg}"),
                Some("frequencies count people out of 100"),
            );
        }
    }

    fn interval(&mut self, p: &str, iv: Interval) {
        if iv.low < 0.0 || !iv.low.is_finite() || !iv.high.is_finite() {
            self.error(p, "the time is negative or not a number", None);
        } else if iv.low > iv.high {
            self.error(
                p,
                format!("the time range {}-{} is upside down", iv.low, iv.high),
                Some(&format!("write `low: {}, high: {}`", iv.high, iv.low)),
            );
        }
    }
}

/// The `own` name the items of a pathway are validated under.
const PATHWAY: &str = "\u{0}pathway";

/// The items of a treatment or a pathway that the same checks apply to.
struct ItemsMut<'a> {
    outcomes: &'a [super::model::Outcome],
    follow_up: &'a [super::model::FollowUp],
    preparations: &'a mut [Preparation],
    criteria: &'a mut [Criterion],
    rules: &'a mut [Rule],
}

impl<'a> ItemsMut<'a> {
    fn of_treatment(t: &'a mut Treatment) -> Self {
        ItemsMut {
            outcomes: &t.outcomes,
            follow_up: &t.follow_up,
            preparations: &mut t.preparations,
            criteria: &mut t.criteria,
            rules: &mut t.rules,
        }
    }

    fn of_pathway(p: &'a mut Pathway) -> Self {
        ItemsMut {
            outcomes: &p.outcomes,
            follow_up: &p.follow_up,
            preparations: &mut p.preparations,
            criteria: &mut p.criteria,
            rules: &mut p.rules,
        }
    }
}

/// The treatments whose verdicts a pathway's conditions read.
fn pathway_verdict_refs(pw: &Pathway) -> Vec<String> {
    let mut out: Vec<String> = pw
        .criteria
        .iter()
        .map(|c| &c.when)
        .chain(pw.rules.iter().map(|r| &r.when))
        .chain(pw.preparations.iter().filter_map(|x| x.when.as_ref()))
        .flat_map(Cond::verdict_refs)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Puts what a treatment takes from its pathways in front of its own items (its criteria
/// after them), each marked with the pathway it comes from; the treatment's own grid
/// answers replace a pathway's.
fn flatten(t: &mut Treatment, pathways: &[Pathway]) {
    fn take<T: Clone>(
        own: &mut Vec<T>,
        taken: &[(&str, &Pathway)],
        list: impl Fn(&Pathway) -> &Vec<T>,
        mark: impl Fn(&mut T, &str),
    ) {
        let mut all: Vec<T> = Vec::new();
        for (id, pw) in taken {
            for x in list(pw) {
                let mut x = x.clone();
                mark(&mut x, id);
                all.push(x);
            }
        }
        all.append(own);
        *own = all;
    }
    let taken: Vec<(&str, &Pathway)> = t
        .pathways
        .iter()
        .filter_map(|id| {
            pathways
                .iter()
                .find(|p| p.id == *id)
                .map(|p| (id.as_str(), p))
        })
        .collect();
    let from = |id: &str| Some(id.to_owned());
    take(
        &mut t.criteria,
        &taken,
        |p| &p.criteria,
        |x, id| x.from = from(id),
    );
    // Criteria are the exception: a met criterion is the reason a card shows first, and
    // the treatment's own ("fewer than 7-8 metastases") says more than a shared one.
    let (own, shared): (Vec<_>, Vec<_>) = std::mem::take(&mut t.criteria)
        .into_iter()
        .partition(|c| c.from.is_none());
    t.criteria = own.into_iter().chain(shared).collect();
    take(
        &mut t.rules,
        &taken,
        |p| &p.rules,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.preparations,
        &taken,
        |p| &p.preparations,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.checks,
        &taken,
        |p| &p.checks,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.procedure,
        &taken,
        |p| &p.procedure,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.outcomes,
        &taken,
        |p| &p.outcomes,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.side_effects_common,
        &taken,
        |p| &p.side_effects_common,
        |x, id| {
            x.from = from(id);
        },
    );
    take(
        &mut t.side_effects_rare,
        &taken,
        |p| &p.side_effects_rare,
        |x, id| {
            x.from = from(id);
        },
    );
    take(
        &mut t.follow_up,
        &taken,
        |p| &p.follow_up,
        |x, id| x.from = from(id),
    );
    take(&mut t.ask, &taken, |p| &p.ask, |_, _| {});
    for (_, pw) in &taken {
        for (q, a) in &pw.answers {
            if !t.answers.contains_key(q) {
                t.answers.insert(q.clone(), a.clone());
                t.inherited_answers.push(q.clone());
            }
        }
    }
}

/// The longest wording one text may have, in characters (the shipped dataset's longest is
/// about 700).
pub const MAX_WORDING: usize = 2000;

/// The numbers written in a text: each run of digits ("70-90 pct." gives 70 and 90).
pub fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The numbers a wording states: runs of digits (with a decimal comma or point), leaving out
/// those glued to a letter, which are names ("G3", "Ki-67", "5-HIAA").
fn stated_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], ',' | '.')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let glued_before = start > 0
                && (chars[start - 1].is_alphabetic()
                    || (chars[start - 1] == '-' && start > 1 && chars[start - 2].is_alphabetic()));
            let glued_after = chars.get(i).is_some_and(|c| c.is_alphabetic() && *c != 'x');
            if !glued_before && !glued_after {
                out.push(chars[start..i].iter().collect::<String>().replace(',', "."));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The numbers a condition compares fields with, and each number field's limits.
fn numbers_tested(e: &super::rules::Expr, out: &mut Vec<f64>, any: &mut bool) {
    use super::fields::Kind;
    use super::rules::{Expr, Value};
    let limits = |field: super::fields::Field, out: &mut Vec<f64>| match field.kind() {
        Kind::Int { min, max } => {
            out.push(min as f64);
            out.push(max as f64);
        }
        Kind::Float { min, max } => {
            out.push(min);
            out.push(max);
        }
        Kind::Bool | Kind::Choice(_) => {}
    };
    match e {
        Expr::Not(inner) => numbers_tested(inner, out, any),
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|x| numbers_tested(x, out, any)),
        Expr::Cmp {
            field,
            value: Value::Num(x),
            ..
        } => {
            *any = true;
            out.push(*x);
            limits(*field, out);
        }
        Expr::InRange { field, low, high } => {
            *any = true;
            out.push(*low);
            out.push(*high);
            limits(*field, out);
        }
        _ => {}
    }
}

/// A condition cut to a readable length for a message (the position says where).
fn echo(src: &str) -> String {
    const MAX: usize = 80;
    if src.chars().count() <= MAX {
        src.to_owned()
    } else {
        format!("{}…", src.chars().take(MAX).collect::<String>())
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |x: &str, len: usize| {
        (x.len() == len && x.chars().all(|c| c.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}
