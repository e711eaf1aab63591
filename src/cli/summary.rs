//! `summary`: writes the MDT case sheet (one A4 page), or prints its content as JSON.

use std::io::{self, Write};

use super::args::{Cli, SummaryArgs};
use super::{EXIT_USAGE, case_or_report, target_or_report};
use crate::handout::{self, render, sheet};

pub(super) fn run(
    cli: &Cli,
    args: &SummaryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    // The output folder is checked before the dataset is loaded and anything typeset.
    if !target_or_report(args.output.as_deref(), args.force, err) {
        return Ok(EXIT_USAGE);
    }
    let (d, req) = match case_or_report(cli, &args.case, err)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let s = sheet::compose_sheet(&d, &req, args.patient.as_deref());
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &s).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(0);
    }
    let pdf = match render::typeset_sheet(&s).and_then(|doc| {
        let pages = doc.pages().len();
        render::pdf_of(&doc).map(|pdf| (pdf, pages))
    }) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
    };
    let (pdf, pages) = pdf;
    if let Some(path) = &args.output {
        if let Err(e) = handout::output::save(path, &pdf, args.force) {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
        writeln!(
            out,
            "wrote {}: {pages} page{}, {} KB",
            path.display(),
            if pages == 1 { "" } else { "s" },
            pdf.len().div_ceil(1024)
        )?;
    }
    Ok(0)
}
