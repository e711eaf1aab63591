//! `assess` and `list`: the verdicts as a table for the terminal or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::assessment::{self, Profile, Scope};
use crate::dataset::fields::Field;
use crate::dataset::{self, Dataset, Lang};
use crate::i18n;

#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    aims: Vec<dataset::Aim>,
    summary: &'a str,
}

pub(super) fn list(d: &Dataset, lang: Lang, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        let items: Vec<ListItem> = d
            .treatments
            .iter()
            .map(|t| ListItem {
                id: &t.id,
                name: t.name.get(lang),
                short: t.short.get(lang),
                aims: t.aims.clone(),
                summary: t.summary.text.get(lang),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = d.treatments.iter().map(|t| t.id.len()).max().unwrap_or(0);
    for t in &d.treatments {
        let aims: Vec<&str> = t.aims.iter().map(|a| i18n::aim(*a, lang)).collect();
        writeln!(
            out,
            "{:width$}  {} ({})",
            t.id,
            t.name.get(lang),
            aims.join(", ")
        )?;
    }
    Ok(())
}

/// The JSON shape of `assess --json`; documented in the README, keep it stable.
#[derive(Debug, Serialize)]
pub struct AssessJson<'a> {
    pub dataset: DatasetJson<'a>,
    /// `page` or `all`: which sources the verdicts rest on.
    pub layer: &'static str,
    pub profile: &'a Profile,
    pub assessments: Vec<AssessmentJson<'a>>,
    pub notices: Vec<NoticeJson<'a>>,
    /// Where the sources differ, on the treatments shown: each position with its source.
    pub disagreements: Vec<DisagreementJson>,
    /// Facts entered that the chosen layer does not read.
    pub set_aside_fields: Vec<&'static str>,
    /// One line per treatment: the verdict, its decisive reason and that reason's source.
    pub summary: Vec<SummaryJson<'a>>,
    /// The facts not entered that could change a verdict, most verdicts first.
    pub workup: Vec<WorkupJson>,
}

/// A treatment in one line.
#[derive(Debug, Serialize)]
pub struct SummaryJson<'a> {
    pub treatment: &'a str,
    pub verdict: &'static str,
    pub label: String,
    pub reason: String,
    pub tag: String,
}

/// A fact to settle before the MDT.
#[derive(Debug, Serialize)]
pub struct WorkupJson {
    pub field: &'static str,
    /// The treatments whose verdict it could change.
    pub treatments: Vec<String>,
    pub text: String,
    /// What settles it (the test or examination) with its source tag, if the dataset says.
    pub settled_by: Option<String>,
}

/// A fact whose other values would change a treatment's verdict.
#[derive(Debug, Serialize)]
pub struct LeverJson {
    pub field: &'static str,
    pub entered: bool,
    pub alternatives: Vec<AlternativeJson>,
    pub text: String,
}

/// With these values, this verdict.
#[derive(Debug, Serialize)]
pub struct AlternativeJson {
    /// The values in words, e.g. "≤ 3", "yes", "G3 or NEC".
    pub values: String,
    pub verdict: &'static str,
    /// It would still wait for other facts.
    pub pending: bool,
}

#[derive(Debug, Serialize)]
pub struct DisagreementJson {
    pub id: String,
    pub topic: String,
    pub treatments: Vec<String>,
    pub positions: Vec<PositionJson>,
}

#[derive(Debug, Serialize)]
pub struct PositionJson {
    pub text: String,
    pub source: String,
    pub evidence: &'static str,
    pub tag: String,
    pub quote: String,
    pub locator: String,
}

#[derive(Debug, Serialize)]
pub struct DatasetJson<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub reviewed: &'a str,
}

#[derive(Debug, Serialize)]
pub struct AssessmentJson<'a> {
    pub treatment: &'a str,
    pub name: &'a str,
    pub verdict: &'static str,
    /// The verdict as the badge says it, in the output language ("Pending: …" while it
    /// waits for facts).
    pub label: String,
    /// The facts the verdict waits for (empty unless the label says "Pending").
    pub pending: Vec<&'static str>,
    /// With `layer: all`: the verdict of the patient page alone.
    pub page_verdict: Option<&'static str>,
    /// With `layer: page`: the verdict of the page with the guidelines.
    pub guideline_verdict: Option<&'static str>,
    /// With `layer: page`: what the guidelines say against it on the facts entered.
    pub set_aside: Vec<ReasonJson>,
    pub reasons: Vec<ReasonJson>,
    pub preparation: Vec<PrepJson>,
    /// What to check before treatment: guideline facts not entered (`field`), and points
    /// no field covers (`field: null`).
    pub checks: Vec<CheckJson>,
    /// The facts (entered or not) whose other values would change the verdict, and to what.
    pub would_change: Vec<LeverJson>,
}

#[derive(Debug, Serialize)]
pub struct CheckJson {
    /// The facts not entered that it is about; empty for a standing point.
    pub fields: Vec<&'static str>,
    pub why: String,
    pub source: String,
    pub evidence: &'static str,
    pub locator: String,
}

#[derive(Debug, Serialize)]
pub struct ReasonJson {
    pub text: String,
    pub source: String,
    /// The evidence type, e.g. `patient_page`, `national_guideline`, `cohort`.
    pub evidence: &'static str,
    /// The short tag shown beside the reason, e.g. "Retningslinje, Sverige".
    pub tag: String,
    /// The verbatim passage (patient page), empty for literature.
    pub quote: String,
    /// Where in the literature source (section, table, abstract), empty for the page.
    pub locator: String,
    pub verdict: &'static str,
    pub interpretation: Option<String>,
    /// It waits for facts an absolute contraindication of a national guideline reads.
    pub pending: bool,
    /// The shared pathway it comes from, if any.
    pub pathway: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PrepJson {
    pub id: String,
    pub text: String,
    pub source: String,
    pub quote: String,
    pub conditional: bool,
    /// The unknown fields it depends on (empty unless `conditional`).
    pub depends_on: Vec<&'static str>,
    pub interpretation: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NoticeJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub source: String,
    pub quote: &'a str,
}

fn citation(d: &Dataset, source: &str, lang: Lang) -> String {
    d.source(source)
        .map_or_else(|| source.to_owned(), |s| i18n::citation(s, lang))
}

/// Builds the `assess --json` document.
pub fn assess_json<'a>(
    d: &'a Dataset,
    profile: &'a Profile,
    lang: Lang,
    scope: Scope,
) -> AssessJson<'a> {
    let assessments = assessment::assess_with(d, profile, scope);
    let what = assessment::what_if(d, profile, scope);
    AssessJson {
        dataset: DatasetJson {
            id: &d.id,
            version: &d.version,
            reviewed: &d.reviewed,
        },
        layer: match scope {
            Scope::PageOnly => "page",
            Scope::WithGuidelines => "all",
        },
        profile,
        assessments: assessments
            .iter()
            .map(|a| AssessmentJson {
                treatment: &d.treatments[a.index].id,
                name: d.treatments[a.index].name.get(lang),
                verdict: a.verdict.id(),
                label: i18n::badge(a, lang),
                page_verdict: a.page_verdict.map(dataset::Verdict::id),
                pending: a.pending().into_iter().map(Field::name).collect(),
                guideline_verdict: a.guideline_verdict.map(dataset::Verdict::id),
                set_aside: a
                    .set_aside
                    .iter()
                    .map(|r| reason_json(d, &d.treatments[a.index], r, lang))
                    .collect(),
                reasons: a
                    .reasons
                    .iter()
                    .map(|r| reason_json(d, &d.treatments[a.index], r, lang))
                    .collect(),
                preparation: a
                    .preparations
                    .iter()
                    .map(|p| PrepJson {
                        id: p.id.clone(),
                        text: p.text.get(lang).to_owned(),
                        source: citation(d, &p.cite.source, lang),
                        quote: p.cite.quote.clone(),
                        conditional: p.conditional,
                        depends_on: p.open.iter().map(|f| f.name()).collect(),
                        interpretation: d.treatments[a.index]
                            .preparations
                            .iter()
                            .find(|x| x.id == p.id)
                            .and_then(|x| x.interpretation.as_ref())
                            .map(|i| i.get(lang).to_owned()),
                    })
                    .collect(),
                checks: a
                    .checks
                    .iter()
                    .map(|c| CheckJson {
                        fields: c.fields.iter().map(|f| f.name()).collect(),
                        why: c.why.get(lang).to_owned(),
                        source: citation(d, &c.cite.source, lang),
                        evidence: d.evidence_of(&c.cite).id(),
                        locator: c.cite.locator.clone(),
                    })
                    .collect(),
                would_change: what.levers[a.index]
                    .iter()
                    .map(|l| LeverJson {
                        field: l.field.name(),
                        entered: l.entered,
                        alternatives: l
                            .alternatives
                            .iter()
                            .map(|x| AlternativeJson {
                                values: i18n::values(l.field, &x.values, lang),
                                verdict: x.outcome.verdict.id(),
                                pending: x.outcome.pending,
                            })
                            .collect(),
                        text: i18n::lever(profile, l, a.eligible_as, lang),
                    })
                    .collect(),
            })
            .collect(),
        summary: assessments
            .iter()
            .map(|a| SummaryJson {
                treatment: &d.treatments[a.index].id,
                verdict: a.verdict.id(),
                label: i18n::badge(a, lang),
                reason: i18n::reason(a.decisive(), lang),
                tag: i18n::cite_tag(d, &a.decisive().cite, lang),
            })
            .collect(),
        workup: what
            .workup
            .iter()
            .map(|w| WorkupJson {
                field: w.field.name(),
                treatments: w
                    .treatments
                    .iter()
                    .map(|&i| d.treatments[i].id.clone())
                    .collect(),
                text: i18n::settle(d, w, lang),
                settled_by: i18n::settled_by(d, w.field, lang),
            })
            .collect(),
        notices: assessment::notices(d, profile)
            .into_iter()
            .map(|n| NoticeJson {
                id: &n.id,
                text: n.text.get(lang),
                source: citation(d, &n.cite.source, lang),
                quote: &n.cite.quote,
            })
            .collect(),
        disagreements: d
            .disagreements
            .iter()
            .filter(|x| scope.admits_disagreement(d, x))
            .map(|x| DisagreementJson {
                id: x.id.clone(),
                topic: x.topic.get(lang).to_owned(),
                treatments: x.treatments.clone(),
                positions: x
                    .positions
                    .iter()
                    .map(|c| PositionJson {
                        text: c.text.get(lang).to_owned(),
                        source: citation(d, &c.cite.source, lang),
                        evidence: d.evidence_of(&c.cite).id(),
                        tag: crate::i18n::cite_tag(d, &c.cite, lang),
                        quote: c.cite.quote.clone(),
                        locator: c.cite.locator.clone(),
                    })
                    .collect(),
            })
            .collect(),
        set_aside_fields: assessment::set_aside_fields(profile, scope)
            .into_iter()
            .map(Field::name)
            .collect(),
    }
}

fn reason_json(
    d: &Dataset,
    t: &dataset::Treatment,
    r: &assessment::Reason,
    lang: Lang,
) -> ReasonJson {
    ReasonJson {
        // The reason text may be composed (missing fields), so it is owned.
        text: i18n::reason(r, lang),
        source: citation(d, &r.cite.source, lang),
        evidence: d.evidence_of(&r.cite).id(),
        tag: crate::i18n::cite_tag(d, &r.cite, lang),
        quote: r.cite.quote.clone(),
        locator: r.cite.locator.clone(),
        verdict: r.verdict.id(),
        interpretation: r.interpretation.as_ref().map(|i| i.get(lang).to_owned()),
        pending: r.pending,
        pathway: r.pathway(t).map(str::to_owned),
    }
}

/// The lines both forms of `assess` start with: the dataset, the MDT notice, the sources,
/// the facts entered, the notices they trigger and the facts the layer sets aside.
pub(super) fn header(
    d: &Dataset,
    p: &Profile,
    lang: Lang,
    scope: Scope,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = &i18n::catalogue(lang).cli;
    let title = i18n::fill(
        w.title,
        &[
            ("title", &d.title.get(lang)),
            ("id", &d.id),
            ("version", &d.version),
            ("date", &d.reviewed),
        ],
    );
    writeln!(out, "{title}")?;
    writeln!(out, "{}", crate::i18n::mdt_notice(lang))?;
    writeln!(
        out,
        "{}: {}",
        w.sources,
        match scope {
            Scope::PageOnly => w.page_only,
            Scope::WithGuidelines => w.with_guidelines,
        }
    )?;
    writeln!(out, "{}: {}", w.profile, i18n::profile(p, lang))?;
    for n in assessment::notices(d, p) {
        writeln!(out, "! {}", n.text.get(lang))?;
    }
    let aside = assessment::set_aside_fields(p, scope);
    if !aside.is_empty() {
        let names: Vec<String> = aside.iter().map(|f| f.label_in_sentence(lang)).collect();
        writeln!(out, "! {} {}", w.set_aside, names.join(", "))?;
    }
    Ok(())
}

/// `assess --full`: every reason with its source, the preparations and the points to check,
/// treatment by treatment.
pub fn assess_table(
    d: &Dataset,
    p: &Profile,
    lang: Lang,
    scope: Scope,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = &i18n::catalogue(lang).cli;
    header(d, p, lang, scope, out)?;
    for a in assessment::assess_with(d, p, scope) {
        let t = &d.treatments[a.index];
        writeln!(out)?;
        writeln!(
            out,
            "{} {:<27} {} [{}]",
            a.verdict.icon(),
            i18n::badge(&a, lang).to_uppercase(),
            t.name.get(lang),
            t.id
        )?;
        let pending = a.pending();
        if pending.len() > 3 {
            // The badge names two; the line names every fact the verdict waits for.
            let names: Vec<String> = pending.iter().map(|f| f.label_in_sentence(lang)).collect();
            writeln!(out, "    {} {}", w.waiting_for, names.join(", "))?;
        }
        if let Some(page) = a.page_verdict_if_changed() {
            writeln!(
                out,
                "    {} {}",
                w.page_alone,
                crate::i18n::verdict(page, a.eligible_as, lang)
            )?;
        }
        if let Some(full) = a.guideline_verdict_if_changed() {
            writeln!(
                out,
                "    {} {}",
                w.with_guidelines_verdict,
                crate::i18n::verdict(full, a.eligible_as, lang)
            )?;
            for r in &a.set_aside {
                writeln!(
                    out,
                    "      {} {} [{}]",
                    r.icon(),
                    i18n::reason(r, lang),
                    crate::i18n::cite_tag(d, &r.cite, lang)
                )?;
            }
        }
        for r in &a.reasons {
            writeln!(out, "    {} {}", r.icon(), i18n::reason(r, lang))?;
            if let Some(i) = &r.interpretation {
                writeln!(out, "      {} {}", w.interpretation, i.get(lang))?;
            }
            writeln!(
                out,
                "      {} {}",
                w.source,
                crate::i18n::cite_text(d, &r.cite, lang)
            )?;
        }
        for prep in &a.preparations {
            writeln!(
                out,
                "    {} {} [{}]",
                w.before,
                crate::i18n::prep(prep, lang),
                crate::i18n::cite_tag(d, &prep.cite, lang)
            )?;
            let interp = t
                .preparations
                .iter()
                .find(|x| x.id == prep.id)
                .and_then(|x| x.interpretation.as_ref());
            if let Some(i) = interp {
                writeln!(out, "      {} {}", w.interpretation, i.get(lang))?;
            }
        }
        if !a.checks.is_empty() {
            writeln!(out, "    {} ({})", w.to_check, a.checks.len())?;
            for c in &a.checks {
                let what = crate::i18n::check_heading(c, lang);
                writeln!(
                    out,
                    "      □ {what}{} [{}]",
                    c.why.get(lang),
                    crate::i18n::cite_tag(d, &c.cite, lang)
                )?;
            }
        }
    }
    let differ: Vec<_> = d
        .disagreements
        .iter()
        .filter(|x| scope.admits_disagreement(d, x))
        .collect();
    if !differ.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", w.differ)?;
        for x in differ {
            writeln!(out, "  {}", x.topic.get(lang))?;
            for c in &x.positions {
                writeln!(
                    out,
                    "    - {} [{}]",
                    c.text.get(lang),
                    crate::i18n::cite_tag(d, &c.cite, lang)
                )?;
            }
        }
    }
    Ok(())
}
