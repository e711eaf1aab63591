//! `handout`: writes or prints a patient's handout.

use std::io::{self, Write};

use crate::handout;

use super::args::{Cli, HandoutArgs, PaperArg};
use super::{EXIT_DATASET, EXIT_USAGE, load_or_report, profile_or_report, target_or_report};

pub(super) fn run(
    cli: &Cli,
    args: &HandoutArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(profile) = profile_or_report(&args.profile, err) else {
        return Ok(EXIT_USAGE);
    };
    if !target_or_report(args.output.as_deref(), args.force, err) {
        return Ok(EXIT_USAGE);
    }
    let Some(d) = load_or_report(cli, err)? else {
        return Ok(EXIT_DATASET);
    };
    let request = handout::Request {
        treatments: args.treatments.clone(),
        lang: args.lang.into(),
        paper: match args.paper {
            PaperArg::A4 => handout::Paper::A4,
            PaperArg::Letter => handout::Paper::Letter,
        },
        profile,
        clinician: args.clinician.clone(),
        department: args.department.clone(),
        patient: args.patient.clone(),
        date: handout::today(),
        scope: args.layer.into(),
    };
    let unprintable = handout::unprintable_in(&request);
    if !unprintable.is_empty() {
        let chars: String = unprintable.iter().collect();
        let _ = writeln!(
            err,
            "warning: no embedded font has these characters, which print as empty boxes: {chars}"
        );
    }
    let built = match handout::build(&d, &request) {
        Ok(built) => built,
        Err(handout::BuildError::Compose(e)) => {
            let _ = writeln!(err, "error: --treatment: {e}");
            return Ok(EXIT_USAGE);
        }
        Err(handout::BuildError::Render(e)) => {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
    };
    let (h, pdf) = (&built.handout, &built.pdf);
    let pages = built.pages();
    let summary = format!(
        "{pages} page{}, {} KB; readability {}",
        if pages == 1 { "" } else { "s" },
        pdf.len().div_ceil(1024),
        h.readability.summary()
    );
    if let Some(path) = &args.output {
        if let Err(e) = handout::output::save(path, pdf, args.force) {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
        writeln!(out, "wrote {}: {summary}", path.display())?;
    }
    if args.print {
        // The printer or nothing: the command line cannot wait for a viewer to read a file,
        // so it never leaves one.
        let printed = handout::output::print_or_refuse(pdf);
        handout::output::clean_up();
        match printed {
            Ok(msg) => writeln!(out, "sent to the printer: {summary}; {msg}")?,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: --print: no printer took the handout ({e}); nothing was printed and no file was written; save it with -o FILE and print it from a PDF viewer"
                );
                return Ok(1);
            }
        }
    }
    Ok(0)
}
