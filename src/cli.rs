//! The command line (SPEC §1): clap's flags, resolved once into a validated [`Config`], and
//! [`run`], which loads the transcripts and hands them to the printer or the reader.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::{Parser, ValueEnum};

use crate::layout::Measure;
use crate::model::Transcript;
use crate::parse;
use crate::print::{self, PrintOptions, Selection};

/// The sample interview, compiled into the binary.
pub const SAMPLE: &[u8] = include_bytes!("../assets/mudanjiang-police-interview.txt");

/// A terminal reader for interview transcripts.
#[derive(Debug, Parser)]
#[command(name = "fangtan", version, about, max_term_width = 100)]
struct Args {
    /// Transcripts to open; `-` is standard input. None: the bundled sample interview.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the conversation, wrapped, to stdout instead of opening the reader
    /// (also what happens when stdout is not a terminal).
    #[arg(short, long)]
    print: bool,
    /// Total line width for --print [default: the terminal's width, else 80].
    #[arg(short, long, value_name = "COLS", value_parser = clap::value_parser!(u16).range(1..))]
    width: Option<u16>,
    /// Print the parsed transcript as JSON.
    #[arg(long, conflicts_with_all = ["stats", "print"])]
    json: bool,
    /// Print per-speaker statistics: turns, characters, share, first and last turn.
    #[arg(long, conflicts_with = "print")]
    stats: bool,
    /// With --print, only the turns that match (exit 1 when none); in the reader, start with
    /// this search active.
    #[arg(short, long, value_name = "PATTERN")]
    search: Option<String>,
    /// Limit print, search and stats to this speaker (repeatable).
    #[arg(long = "speaker", value_name = "NAME")]
    speakers: Vec<String>,
    /// Input format.
    #[arg(long, value_name = "FMT", default_value = "auto")]
    format: String,
    /// Text encoding: `auto` or a label such as utf-8, gbk, gb18030, big5, utf-16le.
    #[arg(long, value_name = "ENC", default_value = "auto")]
    encoding: String,
    /// Count East Asian Ambiguous characters (“ ” ‘ ’ … — ·) as two cells.
    #[arg(long)]
    ambiguous_wide: bool,
    /// When to use colour; NO_COLOR is honoured.
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Where a transcript comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The sample interview compiled into the binary.
    Sample,
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Input {
    /// How errors and the reader name this input.
    pub fn name(&self) -> String {
        match self {
            Self::Sample => "sample".to_owned(),
            Self::Stdin => "-".to_owned(),
            Self::Path(path) => path.display().to_string(),
        }
    }
}

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Open the interactive reader.
    Read,
    /// Print the wrapped conversation.
    Print,
    /// Print the transcript as JSON.
    Json,
    /// Print per-speaker statistics.
    Stats,
}

/// The command line, validated and resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Transcripts to open, in order.
    pub inputs: Vec<Input>,
    /// What to do with them.
    pub mode: Mode,
    /// Total width for printing.
    pub width: usize,
    /// The search to print or to start the reader with.
    pub search: Option<String>,
    /// Speakers to limit output to; empty means everyone.
    pub speakers: Vec<String>,
    /// The input format, `None` to detect.
    pub format: Option<parse::Format>,
    /// The encoding label, `None` to detect.
    pub encoding: Option<String>,
    /// How cells are counted.
    pub measure: Measure,
    /// Whether printed output carries colour.
    pub color: bool,
    /// What was asked of colour, for the reader (which draws on a terminal by definition).
    pub color_choice: ColorWhen,
}

impl Config {
    /// Parses and resolves a command line.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Self, clap::Error> {
        let args = Args::try_parse_from(args)?;
        let stdout_is_terminal = io::stdout().is_terminal();
        let mode = if args.json {
            Mode::Json
        } else if args.stats {
            Mode::Stats
        } else if args.print || !stdout_is_terminal {
            Mode::Print
        } else {
            Mode::Read
        };
        let terminal_width = stdout_is_terminal
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(columns, _)| usize::from(columns));
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let color = match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stdout_is_terminal && !no_color,
        };
        let inputs = if args.files.is_empty() {
            vec![Input::Sample]
        } else {
            args.files
                .into_iter()
                .map(|path| {
                    if path.as_os_str() == "-" {
                        Input::Stdin
                    } else {
                        Input::Path(path)
                    }
                })
                .collect()
        };
        Ok(Self {
            inputs,
            mode,
            width: args.width.map(usize::from).or(terminal_width).unwrap_or(80),
            search: args.search,
            speakers: args.speakers,
            format: resolve_format(&args.format)?,
            encoding: (!args.encoding.eq_ignore_ascii_case("auto")).then_some(args.encoding),
            measure: Measure {
                ambiguous_wide: args.ambiguous_wide,
            },
            color,
            color_choice: if no_color && args.color == ColorWhen::Auto {
                ColorWhen::Never
            } else {
                args.color
            },
        })
    }
}

/// `--format`: `auto` detects, anything else must name a format.
fn resolve_format(name: &str) -> Result<Option<parse::Format>, clap::Error> {
    if name.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    name.parse()
        .map(Some)
        .map_err(|error: parse::detect::UnknownFormat| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("--format: {error}\n"),
            )
        })
}

/// Runs fangtan on a command line; returns the exit status. Errors are printed as one line,
/// `fangtan: <what>: <why>`, with status 2.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let config = match Config::from_args(args) {
        Ok(config) => config,
        Err(error) => return usage_error(&error),
    };
    match run(&config) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fangtan: {}", one_line(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

/// clap's help and version go to stdout as usual; its errors become one line.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // If even this cannot be written there is nobody to tell.
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    eprintln!("fangtan: {}", first.trim_start_matches("error: "));
    ExitCode::from(2)
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `fangtan -p FILE | head -1` ends quietly, as ripgrep does.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

/// Loads the inputs and does what the configuration says.
pub fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let mut transcripts: Vec<(String, Transcript)> = Vec::with_capacity(config.inputs.len());
    let mut warnings = Vec::new();
    for input in &config.inputs {
        let loaded = load(input, config).with_context(|| input.name())?;
        if let Some(warning) = loaded.warning {
            warnings.push(format!("{}: {warning}", input.name()));
        }
        transcripts.push((input.name(), loaded.transcript));
    }
    if config.mode != Mode::Read {
        for warning in &warnings {
            eprintln!("fangtan: {warning}");
        }
    }
    for (name, transcript) in &transcripts {
        speaker_filter(transcript, &config.speakers).with_context(|| name.clone())?;
    }
    if config.mode == Mode::Read {
        let (name, transcript) = transcripts.swap_remove(0);
        let options = crate::reader::Options {
            name,
            measure: config.measure,
            color: !matches!(config.color_choice, ColorWhen::Never),
            search: config.search.clone(),
            warning: warnings.into_iter().next().or_else(|| {
                (config.inputs.len() > 1)
                    .then(|| format!("reading the first of {} files", config.inputs.len()))
            }),
        };
        crate::reader::run(transcript, options)?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut matched = false;
    for (index, (name, transcript)) in transcripts.iter().enumerate() {
        let shown = speaker_filter(transcript, &config.speakers)?;
        match config.mode {
            Mode::Json => out.write_all(parse::native::to_json(transcript).as_bytes())?,
            Mode::Stats => {
                if transcripts.len() > 1 {
                    writeln!(out, "{}==> {name} <==", if index > 0 { "\n" } else { "" })?;
                }
                print::print_stats(&mut out, transcript, &shown, config.measure)?;
            }
            Mode::Print | Mode::Read => {
                if index > 0 {
                    writeln!(out)?;
                }
                let options = PrintOptions {
                    width: config.width,
                    measure: config.measure,
                    color: config.color,
                };
                let selection = Selection::All { shown: &shown };
                print::print_conversation(&mut out, transcript, selection, &options)?;
                matched = true;
            }
        }
    }
    out.flush()?;
    let _ = matched;
    Ok(ExitCode::SUCCESS)
}

/// Which speakers `--speaker` keeps, by speaker id; an unknown name is an error.
fn speaker_filter(transcript: &Transcript, names: &[String]) -> anyhow::Result<Vec<bool>> {
    if names.is_empty() {
        return Ok(vec![true; transcript.speakers.len()]);
    }
    let mut shown = vec![false; transcript.speakers.len()];
    for name in names {
        let id = transcript
            .speakers
            .iter()
            .position(|speaker| &speaker.name == name)
            .ok_or_else(|| {
                let known: Vec<&str> = transcript
                    .speakers
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect();
                anyhow!(
                    "--speaker: no speaker called \"{name}\" (speakers: {})",
                    known.join(", ")
                )
            })?;
        shown[id] = true;
    }
    Ok(shown)
}

/// Reads and parses one input.
fn load(input: &Input, config: &Config) -> anyhow::Result<parse::Loaded> {
    let bytes = match input {
        Input::Sample => SAMPLE.to_vec(),
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes)?;
            bytes
        }
        Input::Path(path) => {
            if path.is_dir() {
                bail!("is a directory");
            }
            std::fs::read(path).map_err(|error| anyhow!(describe_io(&error)))?
        }
    };
    let path = match input {
        Input::Path(path) => Some(path.as_path()),
        Input::Sample | Input::Stdin => None,
    };
    Ok(parse::load(
        bytes,
        config.format,
        config.encoding.as_deref(),
        path,
    )?)
}

/// An I/O error as a short phrase, without Rust's `(os error 2)`.
fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => error.to_string(),
    }
}
