//! The command line: a thin shell over the dataset and assessment layers, one module per
//! command.

pub mod args;
mod assess;
mod check;
mod compact;
mod diff;
mod handout;

use std::io::{self, Write};

use crate::dataset::{self, Dataset};

pub use args::{
    AssessArgs, Cli, Command, HandoutArgs, LangArg, LayerArg, NoteArgs, PaperArg, ProfileArgs,
    RendererArg, one_line_error, parse_args,
};
pub use assess::{
    AssessJson, AssessmentJson, CheckJson, DatasetJson, DisagreementJson, NoticeJson, PositionJson,
    PrepJson, ReasonJson, assess_json, assess_table,
};
pub use compact::assess_compact;

/// Exit code for bad input on the command line.
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a dataset that does not validate.
pub const EXIT_DATASET: u8 = 1;

/// Runs a subcommand and returns the exit code. Without a subcommand it does nothing.
/// Messages to `err` that cannot be written (a closed or full stderr) are dropped: they
/// never change the exit code.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match &cli.command {
        None => Ok(0),
        Some(Command::Check { file, cites }) => check::run(
            file.as_ref().or(cli.data.as_ref()),
            cites.as_deref(),
            out,
            err,
        ),
        Some(Command::List { lang, json }) => {
            let Some(d) = load_or_report(cli, err)? else {
                return Ok(EXIT_DATASET);
            };
            assess::list(&d, (*lang).into(), *json, out)?;
            Ok(0)
        }
        Some(Command::Assess(args)) => {
            let profile = match args.profile.profile() {
                Ok(p) => p,
                Err(msg) => {
                    let _ = writeln!(err, "error: {msg}");
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(d) = load_or_report(cli, err)? else {
                return Ok(EXIT_DATASET);
            };
            let lang = args.lang.into();
            let scope = args.layer.into();
            if args.json {
                let json = assess_json(&d, &profile, lang, scope);
                serde_json::to_writer_pretty(&mut *out, &json).map_err(io::Error::from)?;
                writeln!(out)?;
            } else if args.full {
                assess_table(&d, &profile, lang, scope, out)?;
            } else {
                assess_compact(&d, &profile, lang, scope, out)?;
            }
            Ok(0)
        }
        Some(Command::Handout(args)) => handout::run(cli, args, out, err),
        Some(Command::Note(args)) => {
            let profile = match args.profile.profile() {
                Ok(p) => p,
                Err(msg) => {
                    let _ = writeln!(err, "error: {msg}");
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(d) = load_or_report(cli, err)? else {
                return Ok(EXIT_DATASET);
            };
            if let Some(bad) = args.treatments.iter().find(|t| d.treatment(t).is_none()) {
                let ids: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
                let _ = writeln!(
                    err,
                    "error: --treatment: unknown treatment \"{}\"; the treatments are: {}",
                    crate::assessment::profile::echo(bad),
                    ids.join(", ")
                );
                return Ok(EXIT_USAGE);
            }
            let lang = args.lang.into();
            let req = crate::handout::note::NoteRequest {
                profile,
                scope: args.layer.into(),
                lang,
                handout: args.treatments.clone(),
                handout_lang: lang,
                date: crate::handout::today(),
            };
            write!(out, "{}", crate::handout::note::journal_note(&d, &req))?;
            Ok(0)
        }
        Some(Command::Diff(args)) => diff::run(args, out, err),
    }
}

fn load_or_report(cli: &Cli, err: &mut dyn Write) -> io::Result<Option<Dataset>> {
    match dataset::load(cli.data.as_deref()) {
        Ok(d) => Ok(Some(d)),
        Err(report) => {
            let _ = writeln!(err, "{report}");
            Ok(None)
        }
    }
}
