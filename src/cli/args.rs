//! The command line's arguments: clap's types, the profile as one flag per field, and the
//! one-line usage errors.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Args, Parser, Subcommand, ValueEnum};

use crate::assessment::{Profile, Scope};
use crate::dataset::Lang;
use crate::dataset::fields::{Field, Kind};
use crate::i18n;

use super::{EXIT_USAGE, diff};

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

    /// How the window is drawn: `auto` (the default) picks glow where there is no GPU
    /// (Linux: no DRM render node), else wgpu; the other is the fallback. Also
    /// NETLIVER_RENDERER, read only when a window opens.
    #[arg(long, value_enum, allow_hyphen_values = true)]
    pub renderer: Option<RendererArg>,

    /// Walk through the views and print frame times when done (measurement).
    #[arg(long, hide = true)]
    pub frame_tour: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and report every error with file, line, column and a hint.
    Check {
        /// The dataset to check (a folder, or a dataset file); the built-in one (or --data)
        /// if omitted.
        file: Option<PathBuf>,
        /// List every place in the dataset that rests on this source (its id), with file,
        /// line and column.
        #[arg(long, value_name = "SOURCE")]
        cites: Option<String>,
    },
    /// List the treatments of the dataset.
    List {
        #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::DA)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Assess every treatment for a patient profile: verdict, reasons and sources.
    Assess(AssessArgs),
    /// Write a patient handout (PDF) on one or more treatments.
    Handout(HandoutArgs),
    /// Write the MDT case sheet (one A4 page, PDF): the facts entered, the seven verdicts
    /// with their decisive reasons and sources, what would change them, what to settle.
    Summary(SummaryArgs),
    /// Print a journal note (plain text, at most 25 lines) for the patient's record: the
    /// facts entered, each option's verdict and reason, what to settle, the handout given.
    Note(CaseArgs),
    /// Compare two datasets over the reference patients: every verdict, reason,
    /// preparation and check that changed, per patient.
    Diff(diff::DiffArgs),
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
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::DA)]
    pub lang: LangArg,
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = PaperArg::A4)]
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
    /// The PDF file to write (a new file; see --force).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE.pdf",
        required_unless_present = "print"
    )]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (only a regular file is ever replaced).
    #[arg(long)]
    pub force: bool,
    /// Print the handout on the default printer (CUPS `lp`, from memory; the print verb on
    /// Windows), besides or instead of writing -o FILE.
    #[arg(long)]
    pub print: bool,
    /// Which sources the handout's preparations and risks rest on.
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LayerArg::All)]
    pub layer: LayerArg,
}

/// The window's renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    /// glow without a GPU, else wgpu
    Auto,
    Wgpu,
    Glow,
}

impl Cli {
    /// What the window needs from the command line, or why the renderer setting cannot
    /// be used (`NETLIVER_RENDERER` is read here, only when a window opens).
    pub fn run_options(&self) -> Result<crate::ui::RunOptions, String> {
        let renderer = match self.renderer {
            Some(r) => r,
            None => match std::env::var("NETLIVER_RENDERER") {
                Err(_) => RendererArg::Auto,
                Ok(v) if v.trim().is_empty() => RendererArg::Auto,
                Ok(v) => RendererArg::from_str(v.trim(), true).map_err(|_| {
                    format!(
                        "NETLIVER_RENDERER=\"{}\" is not a renderer; allowed: auto, wgpu, glow",
                        crate::assessment::profile::echo(&v)
                    )
                })?,
            },
        };
        Ok(crate::ui::RunOptions {
            data: self.data.clone(),
            exit_after: self.exit_after_frames,
            renderer: match renderer {
                RendererArg::Auto => crate::ui::RendererChoice::Auto,
                RendererArg::Wgpu => crate::ui::RendererChoice::Wgpu,
                RendererArg::Glow => crate::ui::RendererChoice::Glow,
            },
            frame_tour: self.frame_tour,
        })
    }
}

/// Which sources the verdicts rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayerArg {
    /// The patient page alone
    Page,
    /// The patient page with national guidelines, consensus papers and studies
    All,
}

impl From<LayerArg> for Scope {
    fn from(l: LayerArg) -> Scope {
        match l {
            LayerArg::Page => Scope::PageOnly,
            LayerArg::All => Scope::WithGuidelines,
        }
    }
}

/// Output language: one of [`Lang::ALL`], by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangArg(pub Lang);

impl LangArg {
    pub const DA: LangArg = LangArg(Lang::Da);
    pub const EN: LangArg = LangArg(Lang::En);
}

impl ValueEnum for LangArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<LangArg>> =
            std::sync::LazyLock::new(|| Lang::ALL.into_iter().map(LangArg).collect());
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let l = self.0;
        let source = if l == Lang::Da {
            " (the source language)"
        } else {
            ""
        };
        Some(clap::builder::PossibleValue::new(l.code()).help(format!("{}{source}", l.name())))
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        l.0
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
    let heading = format!(
        "Patient: {}",
        i18n::group(spec.group, Lang::En).to_lowercase()
    );
    let help = format!(
        "{}: {} Allowed: {}.",
        field.label_with_unit(Lang::En),
        spec.help.en,
        field.allowed()
    );
    let arg = Arg::new(field.name())
        .long(field.long())
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
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::DA)]
    pub lang: LangArg,
    /// Which sources decide: the patient page alone, or the page with the guidelines.
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LayerArg::All)]
    pub layer: LayerArg,
    /// Print JSON (the stable shape documented in the README) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print every reason with its source, the preparations and the points to check, treatment
    /// by treatment (without it: one line each, the facts to settle and what would change).
    #[arg(long, conflicts_with = "json")]
    pub full: bool,
}

/// What the journal note and the case sheet take: the patient's facts, the handout given,
/// the language and the layer of sources.
#[derive(Debug, Args)]
pub struct CaseArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// A treatment of the handout given to the patient (repeat for several); the handout's
    /// document id is printed with it.
    #[arg(long = "treatment", value_name = "ID", allow_hyphen_values = true)]
    pub treatments: Vec<String>,
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::DA)]
    pub lang: LangArg,
    /// Which sources decide: the patient page alone, or the page with the guidelines.
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LayerArg::All)]
    pub layer: LayerArg,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub case: CaseArgs,
    /// The patient's name, printed on the sheet (never stored).
    #[arg(long, value_name = "TEXT")]
    pub patient: Option<String>,
    /// The PDF file to write (a new file; see --force).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE.pdf",
        required_unless_present = "json"
    )]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (only a regular file is ever replaced).
    #[arg(long)]
    pub force: bool,
    /// Print the sheet's content as JSON instead of writing a PDF.
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

/// Parses the command line. Help and version go to stdout with exit 0; a usage error
/// goes to stderr as one line that keeps all clap says (the flag, the allowed values, a
/// "did you mean"), with exit code 2.
pub fn parse_args() -> Result<Cli, ExitCode> {
    if let Some(msg) = not_utf8_argument(std::env::args_os()) {
        let _ = writeln!(io::stderr(), "error: {msg} (see `netliver --help`)");
        return Err(ExitCode::from(EXIT_USAGE));
    }
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
                    let mut line = one_line_error(&e.render().to_string());
                    if let Some(more) = allowed_for(&e) {
                        line = line.replacen(" (see `netliver --help`)", &more, 1);
                        line.push_str(" (see `netliver --help`)");
                    }
                    let _ = writeln!(io::stderr(), "{line}");
                    Err(ExitCode::from(EXIT_USAGE))
                }
            }
        }
    }
}

/// The first argument that is not UTF-8 text, said with the flag it belongs to.
fn not_utf8_argument(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    let mut previous: Option<String> = None;
    for (k, arg) in args.enumerate().skip(1) {
        match arg.into_string() {
            Ok(a) => previous = Some(a),
            Err(raw) => {
                let shown = crate::assessment::profile::echo(&raw.to_string_lossy());
                return Some(match previous.filter(|p| p.starts_with("--")) {
                    Some(flag) => format!(
                        "the value of {} is not UTF-8 text: \"{shown}\" (argument {k}); type it again, or set the terminal to UTF-8",
                        crate::assessment::profile::echo(&flag)
                    ),
                    None => format!(
                        "argument {k} is not UTF-8 text: \"{shown}\"; type it again, or set the terminal to UTF-8"
                    ),
                });
            }
        }
    }
    None
}

/// For a flag given without its value, what it allows: "; allowed: …".
fn allowed_for(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(e.kind(), ErrorKind::InvalidValue | ErrorKind::NoEquals) {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let long = arg.split_whitespace().next()?.trim_start_matches("--");
    let field = Field::ALL.iter().find(|f| f.long() == long)?;
    Some(format!("; allowed: {}", field.allowed()))
}

/// clap's error on one line: every line of substance kept, the usage and the pointer to
/// `--help` replaced by a short one; an over-long value is cut and control characters are
/// escaped, so the flag is always named and nothing typed can steer the terminal.
pub fn one_line_error(rendered: &str) -> String {
    let parts: Vec<String> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(shorten_quoted)
        .collect();
    let line = if parts.is_empty() {
        "error: bad arguments".to_owned()
    } else {
        parts.join(" ")
    };
    format!("{line} (see `netliver --help`)")
}

/// Each quoted value of a clap message ('…') cut to a readable length, with control and
/// bidirectional characters escaped.
fn shorten_quoted(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('\'') {
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        match after.find('\'') {
            Some(end) => {
                out.push_str(&crate::assessment::profile::echo(&after[..end]));
                out.push('\'');
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(&crate::assessment::profile::echo_unbounded(rest));
    out
}
