//! The command line: a thin shell over the dataset and assessment layers.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::assessment::{self, MDT_NOTICE, Profile};
use crate::dataset::fields::{Field, Kind};
use crate::dataset::{self, Dataset, Lang};
use crate::handout;

/// Exit code for bad input on the command line.
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a dataset that does not validate.
pub const EXIT_DATASET: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "netliver",
    version,
    about = "Liver-directed treatments for NET liver metastases: which fit this patient, and why.",
    long_about = "netliver is an offline reference for oncologists treating neuroendocrine tumours (NET) \
that have spread to the liver. Without a subcommand it opens the desktop app; the subcommands \
below use the same dataset and assessment engine without a screen.\n\n\
Patient facts given here are used for this run only: never written to disk or logged."
)]
pub struct Cli {
    /// Use this dataset (RON) instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Render this many frames of the app, then exit (smoke tests and benchmarks).
    #[arg(long, hide = true, value_name = "N")]
    pub exit_after_frames: Option<u64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and report every error with file, line, column and a hint.
    Check {
        /// The dataset to check; the built-in one (or --data) if omitted.
        file: Option<PathBuf>,
    },
    /// List the treatments of the dataset.
    List {
        #[arg(long, value_enum, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Assess every treatment for a patient profile: verdict, reasons and sources.
    Assess(AssessArgs),
    /// Write a patient handout (PDF) on one or more treatments.
    Handout(HandoutArgs),
}

/// Paper size of a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// A4 (210 x 297 mm)
    A4,
    /// US Letter (8.5 x 11 in)
    Letter,
}

#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// A treatment to include (repeat for a comparison): resection, debulking, rfa, tae,
    /// tace, sirt, sbrt.
    #[arg(long = "treatment", value_name = "ID", required = true)]
    pub treatments: Vec<String>,
    #[arg(long, value_enum, default_value_t = LangArg::Da)]
    pub lang: LangArg,
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// The clinician's name, printed on the handout.
    #[arg(long, value_name = "TEXT")]
    pub clinician: Option<String>,
    /// The department, printed on the handout.
    #[arg(long, value_name = "TEXT")]
    pub department: Option<String>,
    /// The patient's name, printed on the handout (never stored).
    #[arg(long, value_name = "TEXT")]
    pub patient: Option<String>,
    /// The PDF file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Danish (the source language)
    Da,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Da => Lang::Da,
            LangArg::En => Lang::En,
        }
    }
}

/// The patient profile as flags, one per field of the field table
/// ([`crate::dataset::fields`]). Every flag is optional: what is not given is unknown.
#[derive(Debug, Clone, Default)]
pub struct ProfileArgs {
    /// The values given, as typed, in the table's order.
    pub values: Vec<(Field, String)>,
}

/// The command-line flag of one field, with its help from the table.
fn field_arg(field: Field) -> Arg {
    let spec = field.spec();
    let heading = format!("Patient: {}", spec.group.label().en.to_lowercase());
    let unit = spec
        .unit
        .map(|u| format!(" ({})", u.en))
        .unwrap_or_default();
    let help = format!(
        "{}{unit}: {} Allowed: {}.",
        spec.label.en,
        spec.help.en,
        field.allowed()
    );
    let arg = Arg::new(field.name())
        .long(field.name().replace('_', "-"))
        .help(help)
        .help_heading(heading)
        .action(ArgAction::Set)
        .allow_negative_numbers(true);
    match field.kind() {
        Kind::Int { .. } => arg.value_name("N").allow_hyphen_values(true),
        Kind::Float { .. } => arg.value_name("X").allow_hyphen_values(true),
        // `--hormonal-symptoms` alone means yes; `--hormonal-symptoms no` or `=no` says no.
        Kind::Bool => arg
            .value_name("yes|no")
            .num_args(0..=1)
            .default_missing_value("yes"),
        Kind::Choice(_) => arg.value_name("ID"),
    }
}

impl clap::FromArgMatches for ProfileArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let values = Field::ALL
            .iter()
            .filter_map(|&f| m.get_one::<String>(f.name()).map(|v| (f, v.clone())))
            .collect();
        Ok(ProfileArgs { values })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for ProfileArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        Field::ALL
            .iter()
            .fold(cmd, |cmd, &field| cmd.arg(field_arg(field)))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl ProfileArgs {
    /// The profile, or a one-line message naming the flag, the value and what is allowed.
    pub fn profile(&self) -> Result<Profile, String> {
        let mut p = Profile::default();
        for (field, value) in &self.values {
            if value.trim().is_empty() {
                return Err(format!(
                    "{} was given an empty value; allowed: {}",
                    field.flag(),
                    field.allowed()
                ));
            }
            p.set(*field, value)
                .map_err(|e| format!("{} {e}", field.flag()))?;
        }
        Ok(p)
    }
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[arg(long, value_enum, default_value_t = LangArg::Da)]
    pub lang: LangArg,
    /// Print JSON (the stable shape documented in the README) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs a subcommand and returns the exit code. Without a subcommand it does nothing.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match &cli.command {
        None => Ok(0),
        Some(Command::Check { file }) => check(file.as_ref().or(cli.data.as_ref()), out, err),
        Some(Command::List { lang, json }) => {
            let Some(d) = load_or_report(cli, err)? else {
                return Ok(EXIT_DATASET);
            };
            list(&d, (*lang).into(), *json, out)?;
            Ok(0)
        }
        Some(Command::Assess(args)) => {
            let profile = match args.profile.profile() {
                Ok(p) => p,
                Err(msg) => {
                    writeln!(err, "error: {msg}")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(d) = load_or_report(cli, err)? else {
                return Ok(EXIT_DATASET);
            };
            let lang = args.lang.into();
            if args.json {
                let json = assess_json(&d, &profile, lang);
                serde_json::to_writer_pretty(&mut *out, &json).map_err(io::Error::other)?;
                writeln!(out)?;
            } else {
                assess_table(&d, &profile, lang, out)?;
            }
            Ok(0)
        }
        Some(Command::Handout(args)) => handout(cli, args, out, err),
    }
}

fn handout(
    cli: &Cli,
    args: &HandoutArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let profile = match args.profile.profile() {
        Ok(p) => p,
        Err(msg) => {
            writeln!(err, "error: {msg}")?;
            return Ok(EXIT_USAGE);
        }
    };
    if args.output.exists() && !args.force {
        writeln!(
            err,
            "error: {} exists already; give --force to overwrite it, or another -o FILE",
            args.output.display()
        )?;
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
    };
    let h = match handout::compose(&d, &request) {
        Ok(h) => h,
        Err(e) => {
            writeln!(err, "error: --treatment: {e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let doc = match handout::render::typeset(&h) {
        Ok(doc) => doc,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(1);
        }
    };
    let pdf = match handout::render::pdf_of(&doc) {
        Ok(pdf) => pdf,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(1);
        }
    };
    if let Err(e) = handout::output::save_atomic(&args.output, &pdf) {
        writeln!(err, "error: {e}")?;
        return Ok(1);
    }
    writeln!(
        out,
        "wrote {}: {} page{}, {} KB; readability {}",
        args.output.display(),
        doc.pages().len(),
        if doc.pages().len() == 1 { "" } else { "s" },
        pdf.len().div_ceil(1024),
        h.readability.summary()
    )?;
    Ok(0)
}

fn load_or_report(cli: &Cli, err: &mut dyn Write) -> io::Result<Option<Dataset>> {
    match dataset::load(cli.data.as_deref()) {
        Ok(d) => Ok(Some(d)),
        Err(report) => {
            writeln!(err, "{report}")?;
            Ok(None)
        }
    }
}

fn check(file: Option<&PathBuf>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match dataset::load(file.map(PathBuf::as_path)) {
        Ok(d) => {
            let s = d.stats();
            let name = file.map_or(dataset::EMBEDDED_NAME.to_owned(), |f| {
                f.display().to_string()
            });
            writeln!(
                out,
                "{name}: ok: {} {} (reviewed {}): {} treatments, {} grid questions, {} rules, {} cited claims, {} source{}",
                d.id,
                d.version,
                d.reviewed,
                s.treatments,
                s.questions,
                s.rules,
                s.claims,
                s.sources,
                if s.sources == 1 { "" } else { "s" }
            )?;
            Ok(0)
        }
        Err(report) => {
            writeln!(err, "{report}")?;
            Ok(EXIT_DATASET)
        }
    }
}

#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    aims: Vec<dataset::Aim>,
    summary: &'a str,
}

fn list(d: &Dataset, lang: Lang, json: bool, out: &mut dyn Write) -> io::Result<()> {
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
        serde_json::to_writer_pretty(&mut *out, &items).map_err(io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = d.treatments.iter().map(|t| t.id.len()).max().unwrap_or(0);
    for t in &d.treatments {
        let aims: Vec<&str> = t.aims.iter().map(|a| a.label(lang)).collect();
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
    pub profile: &'a Profile,
    pub assessments: Vec<AssessmentJson<'a>>,
    pub notices: Vec<NoticeJson<'a>>,
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
    /// The verdict as the badge says it, in the output language.
    pub label: &'static str,
    pub reasons: Vec<ReasonJson>,
    pub preparation: Vec<PrepJson>,
}

#[derive(Debug, Serialize)]
pub struct ReasonJson {
    pub text: String,
    pub source: String,
    pub quote: String,
    pub verdict: &'static str,
    pub interpretation: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PrepJson {
    pub id: String,
    pub text: String,
    pub source: String,
    pub quote: String,
    pub conditional: bool,
}

#[derive(Debug, Serialize)]
pub struct NoticeJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub source: String,
    pub quote: &'a str,
}

fn citation(d: &Dataset, source: &str) -> String {
    d.source(source)
        .map_or_else(|| source.to_owned(), dataset::Source::citation)
}

/// Builds the `assess --json` document.
pub fn assess_json<'a>(d: &'a Dataset, profile: &'a Profile, lang: Lang) -> AssessJson<'a> {
    let assessments = assessment::assess(d, profile);
    AssessJson {
        dataset: DatasetJson {
            id: &d.id,
            version: &d.version,
            reviewed: &d.reviewed,
        },
        profile,
        assessments: assessments
            .iter()
            .map(|a| AssessmentJson {
                treatment: &d.treatments[a.index].id,
                name: d.treatments[a.index].name.get(lang),
                verdict: a.verdict.id(),
                label: a.label(lang),
                reasons: a
                    .reasons
                    .iter()
                    .map(|r| ReasonJson {
                        // The reason text may be composed (missing fields), so it is owned.
                        text: r.text.get(lang).to_owned(),
                        source: citation(d, &r.cite.source),
                        quote: r.cite.quote.clone(),
                        verdict: r.verdict.id(),
                        interpretation: r.interpretation.as_ref().map(|i| i.get(lang).to_owned()),
                    })
                    .collect(),
                preparation: a
                    .preparations
                    .iter()
                    .map(|p| PrepJson {
                        id: p.id.clone(),
                        text: p.text.get(lang).to_owned(),
                        source: citation(d, &p.cite.source),
                        quote: p.cite.quote.clone(),
                        conditional: p.conditional,
                    })
                    .collect(),
            })
            .collect(),
        notices: assessment::notices(d, profile)
            .into_iter()
            .map(|n| NoticeJson {
                id: &n.id,
                text: n.text.get(lang),
                source: citation(d, &n.cite.source),
                quote: &n.cite.quote,
            })
            .collect(),
    }
}

fn describe_profile(p: &Profile, lang: Lang) -> String {
    let parts: Vec<String> = Field::ALL
        .iter()
        .filter(|f| p.is_set(**f))
        .map(|f| format!("{} {}", f.label_in_sentence(lang), p.display(*f, lang)))
        .collect();
    if parts.is_empty() {
        match lang {
            Lang::Da => "intet angivet".to_owned(),
            Lang::En => "nothing entered".to_owned(),
        }
    } else {
        parts.join("; ")
    }
}

fn assess_table(d: &Dataset, p: &Profile, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (profile_word, source_word, prep_word, reading_word) = match lang {
        Lang::Da => ("Profil", "Kilde", "Før behandlingen", "Fortolkning"),
        Lang::En => ("Profile", "Source", "Before treatment", "Interpretation"),
    };
    writeln!(
        out,
        "{} ({} {}, {})",
        d.title.get(lang),
        d.id,
        d.version,
        match lang {
            Lang::Da => format!("gennemgået {}", d.reviewed),
            Lang::En => format!("reviewed {}", d.reviewed),
        }
    )?;
    writeln!(out, "{}", MDT_NOTICE.get(lang))?;
    writeln!(out, "{profile_word}: {}", describe_profile(p, lang))?;
    for n in assessment::notices(d, p) {
        writeln!(out, "! {}", n.text.get(lang))?;
    }
    for a in assessment::assess(d, p) {
        let t = &d.treatments[a.index];
        writeln!(out)?;
        writeln!(
            out,
            "{} {:<27} {} [{}]",
            a.verdict.icon(),
            a.label(lang).to_uppercase(),
            t.name.get(lang),
            t.id
        )?;
        for r in &a.reasons {
            writeln!(out, "    {} {}", r.verdict.icon(), r.text.get(lang))?;
            if let Some(i) = &r.interpretation {
                writeln!(out, "      {reading_word}: {}", i.get(lang))?;
            }
            writeln!(
                out,
                "      {source_word}: {} «{}»",
                citation(d, &r.cite.source),
                r.cite.quote
            )?;
        }
        for prep in &a.preparations {
            writeln!(out, "    {prep_word}: {}", prep.describe(lang))?;
        }
    }
    Ok(())
}

/// Parses the command line. Help and version go to stdout with exit 0; a usage error
/// goes to stderr as one line that keeps all clap says (the flag, the allowed values, a
/// "did you mean"), with exit code 2.
pub fn parse_args() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    Err(ExitCode::SUCCESS)
                }
                _ => {
                    let _ = writeln!(io::stderr(), "{}", one_line_error(&e.render().to_string()));
                    Err(ExitCode::from(EXIT_USAGE))
                }
            }
        }
    }
}

/// clap's error on one line: every line of substance kept, the usage and the pointer to
/// `--help` replaced by a short one, over-long values cut.
pub fn one_line_error(rendered: &str) -> String {
    let parts: Vec<String> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(|l| {
            if l.chars().count() > 200 {
                format!("{}…", l.chars().take(200).collect::<String>())
            } else {
                l.to_owned()
            }
        })
        .collect();
    let line = if parts.is_empty() {
        "error: bad arguments".to_owned()
    } else {
        parts.join(" ")
    };
    format!("{line} (see `netliver --help`)")
}
