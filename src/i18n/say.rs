//! The domain's results in words: verdicts, reasons, preparations, points to check,
//! citations and the dataset's vocabulary, each said from the catalogue of the language
//! asked for. The assessment and the dataset hand over data; only this module turns it
//! into sentences.

use super::{Lang, catalogue, fill};
use crate::assessment::whatif::{Bound, Lever, Outcome, Settle, Values};
use crate::assessment::{Assessment, Check, Prep, Profile, Reason, Says};
use crate::dataset::fields::{Field, Group, Kind};
use crate::dataset::rules::Value;
use crate::dataset::{
    Aim, Cite, Dataset, EligibleAs, Evidence, Freq, Interval, Source, TimeUnit, Verdict,
};

/// Field names inside a sentence, joined: "ascites, liver failure".
pub fn field_list(fields: &[Field], lang: Lang) -> String {
    fields
        .iter()
        .map(|f| f.label_in_sentence(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The verdict as a badge says it, e.g. "May be considered".
pub fn verdict(v: Verdict, eligible_as: EligibleAs, lang: Lang) -> &'static str {
    let s = &catalogue(lang).say;
    match (v, eligible_as) {
        (Verdict::Eligible, EligibleAs::CriteriaMet) => s.meets,
        (Verdict::Eligible, EligibleAs::MayBeConsidered) => s.may_be_considered,
        (Verdict::Caution, _) => s.with_reservations,
        (Verdict::NotEligible, _) => s.does_not_meet,
    }
}

/// The badge of an assessment: its verdict, or "Pending: ascites" while it waits for facts.
pub fn badge(a: &Assessment, lang: Lang) -> String {
    let pending = a.pending();
    if pending.is_empty() {
        return verdict(a.verdict, a.eligible_as, lang).to_owned();
    }
    let s = &catalogue(lang).say;
    // A badge stays short: two facts named, the rest counted (the reasons name all).
    let shown = if pending.len() > 3 { 2 } else { 3 };
    let mut names: Vec<String> = pending
        .iter()
        .take(shown)
        .map(|f| f.label_in_sentence(lang))
        .collect();
    let more = pending.len() - names.len();
    if more > 0 {
        names.push(fill(s.more, &[("n", &more)]));
    }
    fill(s.pending, &[("facts", &names.join(", "))])
}

/// One reason in words.
pub fn reason(r: &Reason, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    match &r.says {
        Says::Met(requires) => fill(s.met, &[("requires", &requires.get(lang))]),
        Says::Unmet(text) | Says::Rule(text) => text.get(lang).to_owned(),
        Says::Missing(because) => fill(
            s.not_entered,
            &[
                ("fields", &field_list(&r.missing, lang)),
                ("reason", &because.get(lang)),
            ],
        ),
        Says::NoCriteria => s.no_criteria.to_owned(),
    }
}

/// The facts a point to check is about, as a heading ("Ascites, liver failure: "); empty for
/// a standing point.
pub fn check_heading(c: &Check, lang: Lang) -> String {
    if c.fields.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = c.fields.iter().map(|f| f.label(lang)).collect();
    fill(
        catalogue(lang).say.check_heading,
        &[("fields", &names.join(", "))],
    )
}

/// A preparation in the clinician's words; when the profile leaves it open, says on what.
pub fn prep(p: &Prep, lang: Lang) -> String {
    prep_text(p, p.text.get(lang), lang)
}

/// A preparation in plain words, for the patient's handout.
pub fn prep_for_patient(p: &Prep, lang: Lang) -> String {
    prep_text(p, p.plain.as_ref().unwrap_or(&p.text).get(lang), lang)
}

fn prep_text(p: &Prep, text: &str, lang: Lang) -> String {
    if !p.conditional {
        return text.to_owned();
    }
    fill(
        catalogue(lang).say.depends_on,
        &[("fields", &field_list(&p.open, lang)), ("text", &text)],
    )
}

/// The notice every clinician's view carries: the MDT decides.
pub fn mdt_notice(lang: Lang) -> &'static str {
    catalogue(lang).say.mdt_notice
}

/// The kind of a source, e.g. "Cohort".
pub fn evidence(e: Evidence, lang: Lang) -> &'static str {
    let s = &catalogue(lang).say;
    match e {
        Evidence::PatientPage => s.evidence_patient_page,
        Evidence::NationalGuideline => s.evidence_national_guideline,
        Evidence::Consensus => s.evidence_consensus,
        Evidence::Trial => s.evidence_trial,
        Evidence::Cohort => s.evidence_cohort,
        Evidence::Review => s.evidence_review,
        Evidence::HospitalPractice => s.evidence_hospital_practice,
        Evidence::PatientInformation => s.evidence_patient_information,
        Evidence::CaseReport => s.evidence_case_report,
        Evidence::Report => s.evidence_report,
    }
}

/// A source's short tag: its kind and region or year, e.g. "Kohorte, 2016".
pub fn source_tag(source: &Source, lang: Lang) -> String {
    let kind = evidence(source.evidence(), lang);
    match (&source.region, source.year) {
        (Some(r), _) => format!("{kind}, {}", r.get(lang)),
        (None, Some(y)) => format!("{kind}, {y}"),
        (None, None) => kind.to_owned(),
    }
}

/// The full reference: "Lv WF, et al. Title. Medicine 95(17):e3503, 2016. doi:…", or
/// "Publisher: Title" for the patient page; an undated page says when it was checked.
pub fn citation(source: &Source, lang: Lang) -> String {
    if !source.evidence().is_literature() {
        return format!("{}: {}", source.publisher, source.title);
    }
    let mut out = String::new();
    match &source.authors {
        Some(a) => out.push_str(&format!("{}. ", a.trim_end_matches('.'))),
        None => out.push_str(&format!("{}. ", source.publisher)),
    }
    out.push_str(&source.title);
    if !source.title.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    if let Some(c) = &source.container {
        out.push_str(&format!(" {c}"));
    }
    match (source.year, &source.checked) {
        (Some(y), _) => out.push_str(&format!(", {y}")),
        (None, Some(checked)) => {
            let undated = fill(catalogue(lang).say.undated, &[("date", checked)]);
            out.push_str(&format!(", {undated}"));
        }
        (None, None) => {}
    }
    out.push('.');
    // DOIs and addresses are written the same in every language.
    if let Some(doi) = &source.doi {
        out.push_str(&format!(" doi:{doi}"));
    } else if let Some(url) = &source.url {
        out.push_str(&format!(" {url}"));
    }
    out
}

/// The short tag of a citation's source.
pub fn cite_tag(d: &Dataset, cite: &Cite, lang: Lang) -> String {
    d.source(&cite.source)
        .map_or_else(|| cite.source.clone(), |s| source_tag(s, lang))
}

/// A citation in full: the tag, the reference and the locator for literature; the
/// reference and the quoted words for the patient page.
pub fn cite_text(d: &Dataset, cite: &Cite, lang: Lang) -> String {
    let Some(source) = d.source(&cite.source) else {
        return cite.source.clone();
    };
    let literature = source.evidence().is_literature();
    let mut out = if literature {
        format!(
            "{}: {} ({})",
            source_tag(source, lang),
            citation(source, lang),
            cite.locator
        )
    } else {
        format!("{} «{}»", citation(source, lang), cite.quote)
    };
    if let Some(note) = &source.note
        && literature
    {
        out.push_str(&format!(" [{}]", note.get(lang)));
    }
    out
}

/// What a treatment aims at, e.g. "symptom relief".
pub fn aim(a: Aim, lang: Lang) -> &'static str {
    let s = &catalogue(lang).say;
    match a {
        Aim::CompleteRemoval => s.aim_complete_removal,
        Aim::SymptomRelief => s.aim_symptom_relief,
        Aim::DiseaseControl => s.aim_disease_control,
    }
}

/// A frequency, e.g. "70-90 of 100".
pub fn freq(f: Freq, lang: Lang) -> String {
    freq_said(f, lang, false)
}

/// How many the figure leaves, worked out as 100 minus it, e.g. "10-30 of 100" for
/// "70-90 of 100" (the handout marks it as arithmetic, not the source's words).
pub fn freq_complement(f: Freq, lang: Lang) -> String {
    freq_said(f, lang, true)
}

fn freq_said(f: Freq, lang: Lang, complement: bool) -> String {
    let s = &catalogue(lang).say;
    let n = |x: u32| if complement { 100 - x.min(100) } else { x };
    match f {
        Freq::Range { low, high, average } => {
            // The complement of 70-90 is 10-30: the bounds change places.
            let (a, b) = if complement {
                (n(high), n(low))
            } else {
                (low, high)
            };
            let range = fill(s.freq_range, &[("low", &a), ("high", &b)]);
            match average {
                Some(x) => fill(s.freq_average, &[("range", &range), ("n", &n(x))]),
                None => range,
            }
        }
        Freq::About(x) => fill(s.freq_about, &[("n", &n(x))]),
        Freq::MoreThan(x) if complement => fill(s.freq_fewer, &[("n", &n(x))]),
        Freq::MoreThan(x) => fill(s.freq_more, &[("n", &x)]),
    }
}

/// A time span, e.g. "3-6 måneder" / "6 weeks".
pub fn interval(i: Interval, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    let num = |x: f32| {
        let n = if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        };
        n.replace('.', s.decimal_separator)
    };
    let n = if (i.low - i.high).abs() < f32::EPSILON {
        num(i.low)
    } else {
        format!("{}-{}", num(i.low), num(i.high))
    };
    let one = i.high <= 1.0;
    let unit = match (i.unit, one) {
        (TimeUnit::Days, true) => s.day,
        (TimeUnit::Days, false) => s.days,
        (TimeUnit::Weeks, true) => s.week,
        (TimeUnit::Weeks, false) => s.weeks,
        (TimeUnit::Months, true) => s.month,
        (TimeUnit::Months, false) => s.months,
        (TimeUnit::Years, true) => s.year,
        (TimeUnit::Years, false) => s.years,
    };
    fill(s.interval, &[("n", &n), ("unit", &unit)])
}

/// A number as the language writes it: "2,5" in Danish.
pub fn number(x: f64, lang: Lang) -> String {
    let s = if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    };
    s.replace('.', catalogue(lang).say.decimal_separator)
}

/// An entered value for people: "ja", "NEC (neuroendokrint karcinom)", "2,5 cm".
pub fn value(p: &Profile, field: Field, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    match p.value(field) {
        None => String::new(),
        Some(Value::Bool(b)) => if b { s.yes } else { s.no }.to_owned(),
        Some(Value::Choice(i)) => field
            .options()
            .get(i)
            .map_or("", |o| o.label.get(lang))
            .to_owned(),
        Some(Value::Num(x)) => {
            let n = number(x, lang);
            match field.spec().unit {
                Some(u) => format!("{n} {}", u.get(lang)),
                None => n,
            }
        }
    }
}

/// The facts entered, "number of liver metastases 3; grade G2", or "nothing entered".
pub fn profile(p: &Profile, lang: Lang) -> String {
    let parts: Vec<String> = Field::ALL
        .iter()
        .filter(|f| p.is_set(**f))
        .map(|f| format!("{} {}", f.label_in_sentence(lang), value(p, *f, lang)))
        .collect();
    if parts.is_empty() {
        catalogue(lang).say.nothing_entered.to_owned()
    } else {
        parts.join("; ")
    }
}

/// What a field allows, in the language's words: "0,1–30 cm", "ja/nej".
pub fn range(field: Field, lang: Lang) -> String {
    let unit = field
        .spec()
        .unit
        .map(|u| format!(" {}", u.get(lang)))
        .unwrap_or_default();
    match field.kind() {
        Kind::Int { min, max } => format!("{min}–{max}{unit}"),
        #[allow(clippy::cast_precision_loss)]
        Kind::Float { min, max } => {
            format!("{}–{}{unit}", number(min, lang), number(max, lang))
        }
        Kind::Bool => catalogue(lang).say.yes_no.to_owned(),
        Kind::Choice(options) => options
            .iter()
            .map(|o| o.label.get(lang))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The heading of a group of fields.
pub fn group(g: Group, lang: Lang) -> &'static str {
    let s = &catalogue(lang).say;
    match g {
        Group::Key => s.group_key,
        Group::Tumour => s.group_tumour,
        Group::Liver => s.group_liver,
        Group::Patient => s.group_patient,
        Group::History => s.group_history,
    }
}

/// A date in words: "26. november 2026".
pub fn date((y, m, d): (i32, u8, u8), lang: Lang) -> String {
    let p = &catalogue(lang).paper;
    let months = [
        p.month_1, p.month_2, p.month_3, p.month_4, p.month_5, p.month_6, p.month_7, p.month_8,
        p.month_9, p.month_10, p.month_11, p.month_12,
    ];
    let month = months[usize::from(m.clamp(1, 12) - 1)];
    fill(p.date, &[("day", &d), ("month", &month), ("year", &y)])
}

/// Values of a fact: "ja", "G3 eller NEC", "≤ 3", "> 3 og ≤ 5 cm".
pub fn values(field: Field, v: &Values, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    let unit = field
        .spec()
        .unit
        .map(|u| format!(" {}", u.get(lang)))
        .unwrap_or_default();
    let bound = |b: &Bound, below: bool| {
        let sign = match (below, b.strict) {
            (true, true) => "<",
            (true, false) => "≤",
            (false, true) => ">",
            (false, false) => "≥",
        };
        format!("{sign} {}", number(b.value, lang))
    };
    match v {
        Values::Bool(b) => if *b { s.yes } else { s.no }.to_owned(),
        Values::Choices(is) => is
            .iter()
            .filter_map(|&i| field.options().get(i).map(|o| o.label.get(lang)))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", s.or)),
        Values::Range { low, high } => match (low, high) {
            (Some(l), Some(h)) if !l.strict && !h.strict && (l.value - h.value).abs() < 1e-9 => {
                format!("{}{unit}", number(l.value, lang))
            }
            (Some(l), Some(h)) if !l.strict && !h.strict => {
                format!("{}–{}{unit}", number(l.value, lang), number(h.value, lang))
            }
            (Some(l), Some(h)) => {
                let both = fill(
                    s.between,
                    &[("low", &bound(l, false)), ("high", &bound(h, true))],
                );
                format!("{both}{unit}")
            }
            (Some(l), None) => format!("{}{unit}", bound(l, false)),
            (None, Some(h)) => format!("{}{unit}", bound(h, true)),
            (None, None) => String::new(),
        },
    }
}

/// An outcome as a badge says it, "Opfylder ikke kriterierne (afventer andre oplysninger)".
pub fn outcome(o: Outcome, eligible_as: EligibleAs, lang: Lang) -> String {
    let v = verdict(o.verdict, eligible_as, lang);
    if o.pending {
        fill(catalogue(lang).say.still_pending, &[("verdict", &v)])
    } else {
        v.to_owned()
    }
}

/// What another value of one fact would do to one treatment: "number of liver metastases
/// 15: with ≤ 3 meets the criteria".
pub fn lever(p: &Profile, l: &Lever, eligible_as: EligibleAs, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    let alternatives: Vec<String> = l
        .alternatives
        .iter()
        .map(|a| {
            fill(
                s.alternative,
                &[
                    ("values", &values(l.field, &a.values, lang)),
                    (
                        "outcome",
                        &outcome(a.outcome, eligible_as, lang).to_lowercase(),
                    ),
                ],
            )
        })
        .collect();
    let alternatives = alternatives.join("; ");
    let field = l.field.label(lang);
    if l.entered {
        fill(
            s.lever_entered,
            &[
                ("field", &field),
                ("value", &value(p, l.field, lang)),
                ("alternatives", &alternatives),
            ],
        )
    } else {
        fill(
            s.lever_unknown,
            &[("field", &field), ("alternatives", &alternatives)],
        )
    }
}

/// A fact to settle: "Tumour burden: could change 4 verdicts (TAE, TACE, SIRT, debulking)".
/// What settles a fact, with its source tag ("Settled by: Echocardiography. [National
/// guideline, Norway]"), or the dataset's own wording marked as such; `None` where the
/// dataset says nothing.
pub fn settled_by(d: &Dataset, field: Field, lang: Lang) -> Option<String> {
    let (how, tag) = settled_by_parts(d, field, lang)?;
    Some(fill(
        catalogue(lang).say.settled_by,
        &[("how", &how), ("tag", &tag)],
    ))
}

/// What settles a fact and its source tag (or "the dataset's wording"), apart, for a
/// table; `None` where the dataset says nothing.
pub fn settled_by_parts(d: &Dataset, field: Field, lang: Lang) -> Option<(&str, String)> {
    let x = d.settled_by.iter().find(|x| x.field == field.name())?;
    let tag = match &x.cite {
        Some(c) => cite_tag(d, c, lang),
        None => catalogue(lang).say.dataset_wording.to_owned(),
    };
    Some((x.text.get(lang), tag))
}

pub fn settle(d: &Dataset, st: &Settle, lang: Lang) -> String {
    let s = &catalogue(lang).say;
    let names: Vec<&str> = st
        .treatments
        .iter()
        .filter_map(|&i| d.treatments.get(i).map(|t| t.short.get(lang)))
        .collect();
    let n = st.treatments.len();
    let template = if n == 1 {
        s.settles_one
    } else {
        s.settles_many
    };
    fill(
        template,
        &[
            ("field", &st.field.label(lang)),
            ("n", &n),
            ("treatments", &names.join(", ")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_and_their_complement() {
        let f = Freq::Range {
            low: 70,
            high: 90,
            average: None,
        };
        assert_eq!(freq_complement(f, Lang::Da), "10-30 af 100");
        let f = Freq::Range {
            low: 25,
            high: 80,
            average: Some(50),
        };
        assert_eq!(freq_complement(f, Lang::En), "20-75 of 100 (on average 50)");
        assert_eq!(
            freq_complement(Freq::MoreThan(90), Lang::Da),
            "færre end 10 af 100"
        );
        assert_eq!(
            freq_complement(Freq::About(20), Lang::En),
            "about 80 of 100"
        );
        assert_eq!(freq(Freq::MoreThan(90), Lang::En), "more than 90 of 100");
    }

    #[test]
    fn dates_numbers_and_ranges_in_words() {
        assert_eq!(date((2026, 11, 26), Lang::Da), "26. november 2026");
        assert_eq!(date((2026, 11, 26), Lang::En), "26 November 2026");
        assert_eq!(range(Field::LargestCm, Lang::Da), "0,1–30 cm");
        assert_eq!(range(Field::Lesions, Lang::En), "1–200");
        assert_eq!(number(2.5, Lang::Da), "2,5");
    }
}
