//! The command line: a thin shell over the dataset and assessment layers.

mod diff;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::assessment::{self, Profile, Scope};
use crate::dataset::fields::{Field, Kind};
use crate::dataset::{self, Dataset, Lang};
use crate::handout;
use crate::i18n;

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
        #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::Da)]
        lang: LangArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Assess every treatment for a patient profile: verdict, reasons and sources.
    Assess(AssessArgs),
    /// Write a patient handout (PDF) on one or more treatments.
    Handout(HandoutArgs),
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
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::Da)]
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
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LangArg::Da)]
    pub lang: LangArg,
    /// Which sources decide: the patient page alone, or the page with the guidelines.
    #[arg(long, value_enum, allow_hyphen_values = true, default_value_t = LayerArg::All)]
    pub layer: LayerArg,
    /// Print JSON (the stable shape documented in the README) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs a subcommand and returns the exit code. Without a subcommand it does nothing.
/// Messages to `err` that cannot be written (a closed or full stderr) are dropped: they
/// never change the exit code.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match &cli.command {
        None => Ok(0),
        Some(Command::Check { file, cites }) => check(
            file.as_ref().or(cli.data.as_ref()),
            cites.as_deref(),
            out,
            err,
        ),
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
            } else {
                assess_table(&d, &profile, lang, scope, out)?;
            }
            Ok(0)
        }
        Some(Command::Handout(args)) => handout(cli, args, out, err),
        Some(Command::Diff(args)) => diff::run(args, out, err),
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
            let _ = writeln!(err, "error: {msg}");
            return Ok(EXIT_USAGE);
        }
    };
    if let Some(path) = &args.output
        && let Err(e) = handout::output::check_target(path, args.force)
    {
        let hint = match e {
            handout::output::SaveError::Exists(_) => {
                "; give --force to replace it, or another -o FILE"
            }
            _ => "",
        };
        let _ = writeln!(err, "error: {e}{hint}");
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
    let h = match handout::compose(&d, &request) {
        Ok(h) => h,
        Err(e) => {
            let _ = writeln!(err, "error: --treatment: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let doc = match handout::render::typeset(&h) {
        Ok(doc) => doc,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
    };
    let pdf = match handout::render::pdf_of(&doc) {
        Ok(pdf) => pdf,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
    };
    let pages = doc.pages().len();
    let summary = format!(
        "{pages} page{}, {} KB; readability {}",
        if pages == 1 { "" } else { "s" },
        pdf.len().div_ceil(1024),
        h.readability.summary()
    );
    if let Some(path) = &args.output {
        if let Err(e) = handout::output::save(path, &pdf, args.force) {
            let _ = writeln!(err, "error: {e}");
            return Ok(1);
        }
        writeln!(out, "wrote {}: {summary}", path.display())?;
    }
    if args.print {
        // The printer or nothing: the command line cannot wait for a viewer to read a file,
        // so it never leaves one.
        let printed = handout::output::print_or_refuse(&pdf);
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

fn load_or_report(cli: &Cli, err: &mut dyn Write) -> io::Result<Option<Dataset>> {
    match dataset::load(cli.data.as_deref()) {
        Ok(d) => Ok(Some(d)),
        Err(report) => {
            let _ = writeln!(err, "{report}");
            Ok(None)
        }
    }
}

fn check(
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
        source.citation(),
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

fn citation(d: &Dataset, source: &str) -> String {
    d.source(source)
        .map_or_else(|| source.to_owned(), dataset::Source::citation)
}

/// Builds the `assess --json` document.
pub fn assess_json<'a>(
    d: &'a Dataset,
    profile: &'a Profile,
    lang: Lang,
    scope: Scope,
) -> AssessJson<'a> {
    let assessments = assessment::assess_with(d, profile, scope);
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
                        source: citation(d, &p.cite.source),
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
                        source: citation(d, &c.cite.source),
                        evidence: d.evidence_of(&c.cite).id(),
                        locator: c.cite.locator.clone(),
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
                        source: citation(d, &c.cite.source),
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
        source: citation(d, &r.cite.source),
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

fn assess_table(
    d: &Dataset,
    p: &Profile,
    lang: Lang,
    scope: Scope,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = &i18n::catalogue(lang).cli;
    writeln!(
        out,
        "{} ({} {}, {})",
        d.title.get(lang),
        d.id,
        d.version,
        i18n::fill(w.reviewed, &[("date", &d.reviewed)])
    )?;
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
