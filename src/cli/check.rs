//! `check`: validates a dataset and reports every problem, or lists what rests on a source.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::dataset::{self, Dataset, Lang};
use crate::handout;

use super::{EXIT_DATASET, EXIT_USAGE};

pub(super) fn run(
    file: Option<&PathBuf>,
    cites: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let loaded = match file {
        Some(f) => dataset::load_path(f),
        None => dataset::load_folder(&dataset::embedded_folder()),
    };
    match loaded {
        Ok((d, layout)) => {
            if let Some(id) = cites {
                return cited_by(&d, &layout, id, out, err);
            }
            let s = d.stats();
            let name = file.map_or(dataset::EMBEDDED_NAME.to_owned(), |f| {
                f.display().to_string()
            });
            writeln!(
                out,
                "{name}: ok: {} {} (reviewed {}): {} treatments, {} grid questions, {} criteria and rules, {} source{}; {} citations checked word for word against the source's text, {} resting on a locator in literature",
                d.id,
                d.version,
                d.reviewed,
                s.treatments,
                s.questions,
                s.rules,
                s.sources,
                if s.sources == 1 { "" } else { "s" },
                s.quoted,
                s.located,
            )?;
            // How hard the patient-facing text is to read (reported, not enforced).
            let scores: Vec<String> = Lang::ALL
                .iter()
                .map(|&lang| {
                    let text = d.patient_texts(lang).join("\n\n");
                    let r = handout::Readability::of(&text, lang);
                    format!("{} {}", lang.code(), r.summary())
                })
                .collect();
            writeln!(
                out,
                "readability of the text patients read: {} (Danish aims at LIX 38 or less, English at Flesch 65 or more)",
                scores.join(", ")
            )?;
            Ok(0)
        }
        Err(report) => {
            let _ = writeln!(err, "{report}");
            Ok(EXIT_DATASET)
        }
    }
}

/// `check --cites ID`: every place that rests on source `id`, where it is written.
fn cited_by(
    d: &Dataset,
    layout: &dataset::Layout,
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(source) = d.source(id) else {
        let mut ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        let _ = writeln!(
            err,
            "error: --cites: \"{}\" is not a source of the dataset; the sources are: {}",
            echo_value(id),
            ids.join(", ")
        );
        return Ok(EXIT_USAGE);
    };
    let mut places = Vec::new();
    d.visit_cites(&mut |path, c| {
        if c.source == id {
            let (file, pos) = layout.find(path);
            let at = if c.locator.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.locator)
            };
            places.push(format!("{file}:{}:{}: {path}{at}", pos.line, pos.col));
        }
    });
    places.dedup();
    writeln!(
        out,
        "{id}: {} — {} place{}",
        crate::i18n::citation(source, crate::dataset::Lang::En),
        places.len(),
        if places.len() == 1 { "" } else { "s" }
    )?;
    for p in places {
        writeln!(out, "{p}")?;
    }
    Ok(0)
}

/// A value as typed, cut to a readable length with control characters escaped.
fn echo_value(v: &str) -> String {
    crate::assessment::profile::echo(v)
}
