//! The command line: a thin shell over the dataset and assessment layers, one module per
//! command.

pub mod args;
mod assess;
mod check;
mod compact;
mod diff;
mod handout;
mod summary;

use std::io::{self, Write};

use crate::dataset::{self, Dataset};

pub use args::{
    AssessArgs, CaseArgs, Cli, Command, HandoutArgs, LangArg, LayerArg, PaperArg, ProfileArgs,
    RendererArg, SummaryArgs, one_line_error, parse_args,
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
            let Some(profile) = profile_or_report(&args.profile, err) else {
                return Ok(EXIT_USAGE);
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
        Some(Command::Summary(args)) => summary::run(cli, args, out, err),
        Some(Command::Note(args)) => {
            let (d, req) = match case_or_report(cli, args, err)? {
                Ok(x) => x,
                Err(code) => return Ok(code),
            };
            write!(out, "{}", crate::handout::note::journal_note(&d, &req))?;
            Ok(0)
        }
        Some(Command::Diff(args)) => diff::run(args, out, err),
    }
}

/// The profile the flags give, or `None` after saying why on one line.
fn profile_or_report(
    args: &args::ProfileArgs,
    err: &mut dyn Write,
) -> Option<crate::assessment::Profile> {
    match args.profile() {
        Ok(p) => Some(p),
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            None
        }
    }
}

/// Whether `-o FILE` may be written (checked before any typesetting); says why not.
fn target_or_report(path: Option<&std::path::Path>, force: bool, err: &mut dyn Write) -> bool {
    let Some(path) = path else { return true };
    match crate::handout::output::check_target(path, force) {
        Ok(()) => true,
        Err(e) => {
            let hint = match e {
                crate::handout::output::SaveError::Exists(_) => {
                    "; give --force to replace it, or another -o FILE"
                }
                _ => "",
            };
            let _ = writeln!(err, "error: {e}{hint}");
            false
        }
    }
}

/// Whether every `--treatment` names one of the dataset; says which does not.
fn treatments_or_report(d: &Dataset, ids: &[String], err: &mut dyn Write) -> bool {
    let Some(bad) = ids.iter().find(|t| d.treatment(t).is_none()) else {
        return true;
    };
    let known: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
    let _ = writeln!(
        err,
        "error: --treatment: unknown treatment \"{}\"; the treatments are: {}",
        crate::assessment::profile::echo(bad),
        known.join(", ")
    );
    false
}

/// The dataset and what a note or case sheet is about, or, after saying why, the exit
/// code: a usage error, or a dataset that does not load.
fn case_or_report(
    cli: &Cli,
    args: &args::CaseArgs,
    err: &mut dyn Write,
) -> io::Result<Result<(Dataset, crate::handout::note::CaseRequest), u8>> {
    let Some(profile) = profile_or_report(&args.profile, err) else {
        return Ok(Err(EXIT_USAGE));
    };
    let Some(d) = load_or_report(cli, err)? else {
        return Ok(Err(EXIT_DATASET));
    };
    if !treatments_or_report(&d, &args.treatments, err) {
        return Ok(Err(EXIT_USAGE));
    }
    let lang = args.lang.into();
    let req = crate::handout::note::CaseRequest {
        profile,
        scope: args.layer.into(),
        lang,
        handout: args.treatments.clone(),
        handout_lang: lang,
        date: crate::handout::today(),
    };
    Ok(Ok((d, req)))
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
