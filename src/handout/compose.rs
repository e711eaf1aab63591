//! Composing a handout: what the patient reads, as plain data for the template.
//!
//! A handout is a patient decision aid (IPDAS): page 1 states the situation and the
//! decision and shows every option side by side, "no liver-directed treatment now"
//! included; each option then gets the same detail (what it is, how, the aim, how well it
//! works framed both ways, disadvantages and burdens, side effects, before and after); then
//! "What matters to me", neutral questions, and "About this leaflet" with who made it, its
//! funding, conflicts of interest, update policy, evidence and readability.

use serde::Serialize;

use super::{ComposeError, MAX_TREATMENTS, Paper, Readability, Request, date_text, name_for_print};
use crate::assessment::{self, Reader, is_literature};
use crate::dataset::{Answer, Dataset, Freq, Lang, Outcome, Treatment};

/// The rows of page 1's grid, in order: the questions a patient compares options by (the
/// rest of the grid's questions are answered on each option's own pages).
pub const GRID_QUESTIONS: &[&str] = &["what", "how", "aim", "effect", "burdens", "common"];

/// A natural frequency ready to draw as an icon array, said both ways.
#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    pub text: String,
    /// "70-90 af 100 får færre hormonsymptomer", if the effect has a frequency.
    pub helped: Option<String>,
    /// "10-30 af 100 får ikke færre hormonsymptomer", worked out as 100 minus the source's
    /// figure (the template marks it as netliver's arithmetic).
    pub not_helped: Option<String>,
    /// How long, or that the source gives no time frame.
    pub timeframe: Option<String>,
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
    /// Disadvantages and burdens the page states; empty where it states none.
    pub burdens: Vec<String>,
    pub common: Vec<String>,
    pub rare: Vec<String>,
    /// The page describes no side effects for it (the handout says that this does not
    /// mean there are none).
    pub harms_silent: bool,
    /// The preparations that apply to this patient.
    pub before: Vec<String>,
    /// Guideline facts that raise this patient's risk, in plain words.
    pub risks: Vec<String>,
    pub after: Vec<Step>,
    pub questions: Vec<String>,
}

/// One cell of page 1's grid.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    /// The cell holds netliver's arithmetic (the complement) or its own wording, marked.
    pub mark: Option<&'static str>,
    /// The source says nothing here.
    pub silent: bool,
}

/// Page 1: every option side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub questions: Vec<String>,
    /// One column per option: its name and a cell per question.
    pub columns: Vec<(String, Vec<Cell>)>,
    /// Turn page 1 sideways for four or more columns, so the text stays at 11 pt.
    pub landscape: bool,
}

/// "No liver-directed treatment now", in detail.
#[derive(Debug, Clone, Serialize)]
pub struct NoTreatment {
    pub name: String,
    /// (question, answer, the answer is netliver's wording rather than the source's)
    pub lines: Vec<(String, String, bool)>,
}

/// The "About this leaflet" box.
#[derive(Debug, Clone, Serialize)]
pub struct AboutBox {
    pub editor: String,
    pub clinical_review: String,
    pub funding: String,
    pub conflicts: String,
    pub update_policy: String,
    pub next_review: String,
    pub evidence: String,
    /// The readability of this handout, e.g. "LIX 34 (let)".
    pub readability: String,
    /// For the clinician: decision support; the MDT decides.
    pub clinician_note: String,
}

/// Interface words of the handout, in its language (from the catalogue).
pub type Labels = crate::i18n::Paper;

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
    /// "Dokument-id: K7Q2-9XMD", also on the case sheet and in the journal note.
    pub document_id: String,
    /// Every source a printed line rests on, in full (the About box).
    pub source: String,
    /// The sources in short, for the footer of every page.
    pub source_short: String,
    pub clinician: Option<String>,
    pub department: Option<String>,
    pub patient: Option<String>,
    pub intro: String,
    pub labels: Labels,
    /// The condition in plain words, from the page's general facts.
    pub situation: Vec<String>,
    /// What the choice depends on.
    pub factors: Vec<String>,
    pub grid: Grid,
    pub treatments: Vec<HandoutTreatment>,
    pub no_treatment: Option<NoTreatment>,
    /// "What matters to me": statements to tick.
    pub priorities: Vec<String>,
    /// The options, for the "leaning towards" line.
    pub options: Vec<String>,
    pub general_questions: Vec<String>,
    pub about: AboutBox,
    pub readability: Readability,
}

impl Handout {
    /// The patient-facing prose, for readability scores and tests.
    pub fn prose(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.intro, self.labels.decision];
        out.extend(self.situation.iter().map(String::as_str));
        out.extend(self.factors.iter().map(String::as_str));
        for t in &self.treatments {
            out.push(&t.summary);
            out.push(&t.aim);
            out.extend(t.how.iter().map(String::as_str));
            for e in &t.effects {
                out.push(&e.text);
                out.extend(e.helped.iter().chain(&e.not_helped).map(String::as_str));
            }
            out.extend(t.burdens.iter().map(String::as_str));
            out.extend(t.common.iter().map(String::as_str));
            out.extend(t.rare.iter().map(String::as_str));
            out.extend(t.before.iter().map(String::as_str));
            out.extend(t.risks.iter().map(String::as_str));
            out.extend(t.after.iter().map(|s| s.text.as_str()));
            out.extend(t.questions.iter().map(String::as_str));
        }
        if let Some(n) = &self.no_treatment {
            out.extend(n.lines.iter().map(|(_, a, _)| a.as_str()));
        }
        out.extend(self.priorities.iter().map(String::as_str));
        out.extend(self.general_questions.iter().map(String::as_str));
        for about in [&self.about.update_policy, &self.about.evidence] {
            out.push(about);
        }
        out
    }
}

/// An outcome said both ways, with its time frame.
fn effect(o: &Outcome, lang: Lang, labels: &Labels) -> Effect {
    let (sure, upper) = o.freq.map_or((0, 0), Freq::bounds);
    let text = o.plain.as_ref().unwrap_or(&o.text).get(lang).to_owned();
    let (helped, not_helped) = match (o.freq, &o.helped, &o.not_helped) {
        (Some(f), Some(h), Some(n)) => (
            Some(format!("{} {}", crate::i18n::freq(f, lang), h.get(lang))),
            Some(format!(
                "{} {}*",
                crate::i18n::freq_complement(f, lang),
                n.get(lang)
            )),
        ),
        _ => (None, None),
    };
    let timeframe = o.freq.map(|_| {
        o.timeframe.as_ref().map_or_else(
            || labels.no_timeframe.to_owned(),
            |t| capitalise(t.get(lang)),
        )
    });
    Effect {
        text,
        helped,
        not_helped,
        timeframe,
        sure,
        upper,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect::<String>() + ".")
        .unwrap_or_default()
}

/// The grid's answer on how well a treatment works: its first outcome said both ways,
/// with the same denominator (of 100) for every option; short, so the grid fits one page:
/// the source's figure and what it means, the rest worked out, the time frame where the
/// source gives one (each option's own pages say when it does not).
fn effect_cell(t: &Treatment, lang: Lang, labels: &Labels) -> Option<Cell> {
    let o = t
        .outcomes
        .iter()
        .find(|o| o.freq.is_some() && o.helped.is_some() && o.not_helped.is_some())?;
    let (freq, helped) = (o.freq?, o.helped.as_ref()?);
    let rest = match freq {
        Freq::Range { low, high, .. } => Freq::Range {
            low,
            high,
            average: None,
        },
        other => other,
    };
    let mut text = format!(
        "{} {}. {} {}*.",
        crate::i18n::freq(freq, lang),
        helped.get(lang),
        crate::i18n::freq_complement(rest, lang),
        labels.not_helped_short
    );
    if let Some(tf) = &o.timeframe {
        text.push(' ');
        text.push_str(&capitalise(tf.get(lang)));
    }
    Some(Cell {
        text,
        mark: Some("*"),
        silent: false,
    })
}

fn cell(answer: Option<&Answer>, lang: Lang, labels: &Labels) -> Cell {
    match answer {
        Some(a @ Answer::Template { .. }) => Cell {
            text: a
                .short()
                .map(|t| t.get(lang).to_owned())
                .unwrap_or_default(),
            mark: Some("†"),
            silent: false,
        },
        Some(a @ Answer::Stated { .. }) => Cell {
            text: a
                .short()
                .map(|t| t.get(lang).to_owned())
                .unwrap_or_default(),
            mark: None,
            silent: false,
        },
        Some(Answer::NotStated) | None => Cell {
            text: labels.not_stated.to_owned(),
            mark: None,
            silent: true,
        },
    }
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
    let labels = crate::i18n::catalogue(lang).paper.clone();
    let assessments = assessment::assess_with(d, &req.profile, req.scope);
    let mut chosen = Vec::new();
    for id in &req.treatments {
        let Some(index) = d.treatments.iter().position(|t| &t.id == id) else {
            let known: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
            return Err(ComposeError::Unknown(
                crate::assessment::profile::echo(id),
                known.join(", "),
            ));
        };
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    let plain = |c: &crate::dataset::Claim| c.for_patient().get(lang).to_owned();
    let treatments: Vec<HandoutTreatment> = chosen
        .iter()
        .map(|&i| {
            let t = &d.treatments[i];
            let a = &assessments[i];
            let burdens: Vec<String> = t
                .answers
                .get("burdens")
                .and_then(Answer::for_patient)
                .map(|b| vec![b.get(lang).to_owned()])
                .unwrap_or_default();
            HandoutTreatment {
                id: t.id.clone(),
                name: t.name.get(lang).to_owned(),
                summary: plain(&t.summary),
                aim: plain(&t.aim),
                how: t.procedure.iter().map(plain).collect(),
                // The page's outcomes; the guidelines' figures are for the clinician.
                effects: t
                    .outcomes
                    .iter()
                    .filter(|o| req.scope.shows(d, &o.cite, Reader::Patient))
                    .map(|o| effect(o, lang, &labels))
                    .collect(),
                burdens,
                common: t.side_effects_common.iter().map(plain).collect(),
                rare: t.side_effects_rare.iter().map(plain).collect(),
                harms_silent: t.side_effects_common.is_empty() && t.side_effects_rare.is_empty(),
                // The page's preparations; from the guidelines only what this patient's
                // facts call for (never a guess on a fact not entered).
                before: a
                    .preparations
                    .iter()
                    .filter(|p| req.scope.shows_prep(d, p, Reader::Patient))
                    .map(|p| crate::i18n::prep_for_patient(p, lang))
                    .collect(),
                // Guideline facts that change this patient's risk, in plain words.
                risks: a
                    .reasons
                    .iter()
                    .filter_map(|r| r.patient.as_ref().map(|t| t.get(lang).to_owned()))
                    .collect(),
                after: t
                    .follow_up
                    .iter()
                    .map(|f| Step {
                        when: crate::i18n::interval(f.after, lang),
                        text: f.plain.as_ref().unwrap_or(&f.text).get(lang).to_owned(),
                    })
                    .collect(),
                questions: t.ask.iter().map(|q| q.get(lang).to_owned()).collect(),
            }
        })
        .collect();

    // Page 1: the options side by side, "no liver-directed treatment now" last.
    let questions: Vec<&crate::dataset::Question> = GRID_QUESTIONS
        .iter()
        .filter_map(|id| d.questions.iter().find(|q| q.id == *id))
        .collect();
    let mut columns: Vec<(String, Vec<Cell>)> = chosen
        .iter()
        .map(|&i| {
            let t = &d.treatments[i];
            let cells = questions
                .iter()
                .map(|q| match q.id.as_str() {
                    "effect" => effect_cell(t, lang, &labels)
                        .unwrap_or_else(|| cell(t.answers.get("effect"), lang, &labels)),
                    id => cell(t.answers.get(id), lang, &labels),
                })
                .collect();
            (t.name.get(lang).to_owned(), cells)
        })
        .collect();
    let no_treatment = d.no_treatment.as_ref().map(|x| {
        columns.push((
            x.name.get(lang).to_owned(),
            questions
                .iter()
                .map(|q| cell(x.answers.get(&q.id), lang, &labels))
                .collect(),
        ));
        NoTreatment {
            name: x.name.get(lang).to_owned(),
            lines: d
                .questions
                .iter()
                .filter_map(|q| {
                    let a = x.answers.get(&q.id)?;
                    let text = a.for_patient()?.get(lang).to_owned();
                    Some((
                        q.text.get(lang).to_owned(),
                        text,
                        matches!(a, Answer::Template { .. }),
                    ))
                })
                .collect(),
        }
    });
    let grid = Grid {
        questions: questions
            .iter()
            .map(|q| q.text.get(lang).to_owned())
            .collect(),
        landscape: columns.len() >= 4,
        columns,
    };
    let options: Vec<String> = grid.columns.iter().map(|(name, _)| name.clone()).collect();

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
            .filter(|p| req.scope.shows_prep(d, p, Reader::Patient))
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
        .map(|s| crate::i18n::citation(s, lang))
        .collect();
    let clean = |s: &Option<String>| s.as_deref().and_then(name_for_print);
    let ab = &d.about;
    let mut h = Handout {
        lang: lang.code(),
        paper: req.paper,
        date: format!("{:04}-{:02}-{:02}", req.date.0, req.date.1, req.date.2),
        ymd: req.date,
        date_text: date_text(req.date, lang),
        title: d.title.get(lang).to_owned(),
        dataset: crate::i18n::fill(
            labels.dataset_line,
            &[
                ("id", &d.id),
                ("version", &d.version),
                ("reviewed", &d.reviewed),
            ],
        ),
        document_id: crate::i18n::fill(
            labels.document_id,
            &[(
                "id",
                &super::document_id(d, &req.treatments, lang, req.date),
            )],
        ),
        source_short: {
            let first = used
                .first()
                .and_then(|id| d.source(id))
                .map_or("", |s| s.publisher.as_str());
            match used.len() {
                0 | 1 => first.to_owned(),
                2 => crate::i18n::fill(labels.source_short_two, &[("first", &first)]),
                n => crate::i18n::fill(
                    labels.source_short_many,
                    &[("first", &first), ("n", &(n - 1))],
                ),
            }
        },
        source: sources.join("; "),
        clinician: clean(&req.clinician),
        department: clean(&req.department),
        patient: clean(&req.patient),
        intro: labels.intro.to_owned(),
        situation: d
            .situation
            .iter()
            .filter_map(|id| d.facts.iter().find(|f| f.id == *id))
            .map(|f| f.plain.as_ref().unwrap_or(&f.text).get(lang).to_owned())
            .collect(),
        factors: d.choice_factors.iter().map(plain).collect(),
        grid,
        treatments,
        no_treatment,
        priorities: d
            .priorities
            .iter()
            .map(|p| p.get(lang).to_owned())
            .collect(),
        options,
        general_questions: d.ask.iter().map(|q| q.get(lang).to_owned()).collect(),
        about: AboutBox {
            editor: ab.editor.get(lang).to_owned(),
            clinical_review: ab.clinical_review.get(lang).to_owned(),
            funding: ab.funding.get(lang).to_owned(),
            conflicts: ab.conflicts.get(lang).to_owned(),
            update_policy: ab.update_policy.get(lang).to_owned(),
            next_review: ab.next_review.clone(),
            evidence: ab.evidence.get(lang).to_owned(),
            readability: String::new(),
            clinician_note: crate::i18n::mdt_notice(lang).to_owned(),
        },
        labels,
        readability: Readability::default(),
    };
    h.readability = Readability::of(&h.prose().join("\n"), lang);
    h.about.readability = h.readability.summary();
    Ok(h)
}
