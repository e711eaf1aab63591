//! `netliver diff OLD NEW`: two datasets run over the reference patients; every verdict,
//! reason, preparation and check that differs is printed, per patient.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_DATASET, EXIT_USAGE, LangArg, LayerArg};
use crate::assessment::panel::{Patient, REFERENCE_PANEL, parse_panel};
use crate::assessment::{self, Assessment, Profile, Scope};
use crate::dataset::{self, Dataset, Lang};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The dataset before the change: a folder, a dataset file, or `built-in`.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The dataset after the change: a folder, a dataset file, or `built-in`.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// The patients to run (RON, as data/reference-patients.ron); the built-in panel if omitted.
    #[arg(long, value_name = "FILE")]
    pub patients: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = LangArg::EN)]
    pub lang: LangArg,
    /// Which sources decide: the patient page alone, or the page with the guidelines.
    #[arg(long, value_enum, default_value_t = LayerArg::All)]
    pub layer: LayerArg,
}

/// What a clinician sees of one assessment, line by line, for comparing.
#[derive(Debug, Clone, PartialEq)]
struct Digest {
    label: String,
    lines: Vec<String>,
}

fn digest(d: &Dataset, a: &Assessment, lang: Lang) -> Digest {
    let mut label = crate::i18n::badge(a, lang);
    if let Some(page) = a.page_verdict_if_changed() {
        let page_label = crate::i18n::catalogue(lang).cli.page_alone_short;
        label.push_str(&format!(
            " ({page_label}: {})",
            crate::i18n::verdict(page, a.eligible_as, lang)
        ));
    }
    let mut lines = Vec::new();
    for r in &a.reasons {
        lines.push(format!(
            "{} {} [{}]",
            r.icon(),
            crate::i18n::reason(r, lang),
            crate::i18n::cite_tag(d, &r.cite, lang)
        ));
        if let Some(i) = &r.interpretation {
            lines.push(format!("  ≈ {}", i.get(lang)));
        }
    }
    for p in &a.preparations {
        lines.push(format!(
            "→ {} [{}]",
            crate::i18n::prep(p, lang),
            crate::i18n::cite_tag(d, &p.cite, lang)
        ));
    }
    for c in &a.checks {
        let what = crate::i18n::check_heading(c, lang);
        lines.push(format!(
            "□ {what}{} [{}]",
            c.why.get(lang),
            crate::i18n::cite_tag(d, &c.cite, lang)
        ));
    }
    Digest { label, lines }
}

/// Counts of what changed, for the summary line.
#[derive(Debug, Default)]
struct Tally {
    patients_changed: usize,
    verdicts_changed: usize,
    added: usize,
    removed: usize,
}

fn load(path: &std::path::Path) -> Result<Dataset, dataset::Report> {
    if path.as_os_str() == "built-in" {
        dataset::load_embedded()
    } else {
        dataset::load_file(path)
    }
}

pub fn run(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let panel = match &args.patients {
        None => parse_panel(REFERENCE_PANEL, "the built-in reference panel"),
        Some(path) => match dataset::read_text(path) {
            Ok(text) => parse_panel(&text, &path.display().to_string()),
            Err(e) => Err(format!("--patients {}: {e}", path.display())),
        },
    };
    let panel = match panel {
        Ok(p) => p,
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            return Ok(EXIT_USAGE);
        }
    };
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for r in [o.err(), n.err()].into_iter().flatten() {
                let _ = writeln!(err, "{r}");
            }
            return Ok(EXIT_DATASET);
        }
    };
    let lang: Lang = args.lang.into();
    let scope: Scope = args.layer.into();
    let mut tally = Tally::default();
    for (patient, profile) in &panel {
        let lines = patient_diff(&old, &new, profile, scope, lang, &mut tally);
        if !lines.is_empty() {
            tally.patients_changed += 1;
            writeln!(out, "── {}: {}", patient.id, patient.about)?;
            for l in lines {
                writeln!(out, "{l}")?;
            }
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", summary(&panel, &old, &new, &tally))?;
    Ok(0)
}

fn summary(panel: &[(Patient, Profile)], old: &Dataset, new: &Dataset, t: &Tally) -> String {
    format!(
        "{} {} → {} {}: {} patients, {} changed; {} verdicts changed; {} lines added, {} removed",
        old.id,
        old.version,
        new.id,
        new.version,
        panel.len(),
        t.patients_changed,
        t.verdicts_changed,
        t.added,
        t.removed
    )
}

/// The changes for one patient, as lines to print (none when nothing changed).
fn patient_diff(
    old: &Dataset,
    new: &Dataset,
    profile: &Profile,
    scope: Scope,
    lang: Lang,
    tally: &mut Tally,
) -> Vec<String> {
    let before = assessment::assess_with(old, profile, scope);
    let after = assessment::assess_with(new, profile, scope);
    let mut ids: Vec<&str> = before.iter().map(|a| a.treatment.as_str()).collect();
    for a in &after {
        if !ids.contains(&a.treatment.as_str()) {
            ids.push(&a.treatment);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let b = before
            .iter()
            .find(|a| a.treatment == id)
            .map(|a| digest(old, a, lang));
        let a = after
            .iter()
            .find(|a| a.treatment == id)
            .map(|a| digest(new, a, lang));
        if b == a {
            continue;
        }
        let none = || Digest {
            label: "—".to_owned(),
            lines: Vec::new(),
        };
        let (b, a) = (b.unwrap_or_else(none), a.unwrap_or_else(none));
        if b.label == a.label {
            out.push(format!("   {id}: {}", a.label));
        } else {
            tally.verdicts_changed += 1;
            out.push(format!("   {id}: {} → {}", b.label, a.label));
        }
        for l in b.lines.iter().filter(|l| !a.lines.contains(l)) {
            tally.removed += 1;
            out.push(format!("     - {l}"));
        }
        for l in a.lines.iter().filter(|l| !b.lines.contains(l)) {
            tally.added += 1;
            out.push(format!("     + {l}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_against_itself_changes_nothing() {
        let d = dataset::load_embedded().unwrap_or_default();
        let panel = parse_panel(REFERENCE_PANEL, "panel").unwrap_or_default();
        let mut t = Tally::default();
        for (_, p) in &panel {
            assert!(patient_diff(&d, &d, p, Scope::WithGuidelines, Lang::En, &mut t).is_empty());
        }
    }

    #[test]
    fn a_changed_rule_shows_in_the_patients_it_reaches() {
        let old = dataset::load_embedded().unwrap_or_default();
        let mut new = old.clone();
        let rfa = new.treatments.iter_mut().find(|t| t.id == "rfa");
        let Some(rfa) = rfa else { return };
        // RFA's count limit: fewer than 7-8 becomes at most 3.
        for r in &mut rfa.rules {
            if r.when.src == "lesions >= 8" {
                r.when = crate::dataset::rules::Cond::parse("lesions >= 4");
            }
        }
        let p = Profile::from_pairs(&[("lesions", "5"), ("largest_cm", "2")]).unwrap_or_default();
        let mut t = Tally::default();
        let lines = patient_diff(&old, &new, &p, Scope::WithGuidelines, Lang::En, &mut t);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("   rfa: ") && l.contains('→')),
            "{lines:?}"
        );
        assert_eq!(t.verdicts_changed, 1, "{lines:?}");
    }
}
