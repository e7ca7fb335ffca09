//! The command line (SPEC §1): clap's flags, resolved once into a validated [`Config`], and
//! [`run`], which loads the transcripts and hands them to the printer or the reader.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{Parser, ValueEnum};

use crate::input::{self, Input};
use crate::layout::Measure;
use crate::model::Transcript;
use crate::parse;
use crate::print::{self, PrintOptions, Selection};
use crate::reader;
use crate::search::{self, Match, Query, QueryOptions};

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
    /// Read --search as a regular expression, as the search bar's Ctrl-r does.
    #[arg(long, requires = "search")]
    regex: bool,
    /// Read --search as pinyin (`xiao fang` finds 消防), as the search bar's Ctrl-p does.
    #[arg(long, requires = "search", conflicts_with = "regex")]
    pinyin: bool,
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
enum ColorWhen {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The narrowest `--print`: two columns of indent and a two-cell character. No printed line is
/// wider than `--width` from there on.
pub const MIN_PRINT_WIDTH: usize = 4;

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
    /// How to read the search (`--regex`, `--pinyin`).
    pub search_options: QueryOptions,
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
    /// Whether the reader uses colour (it draws on a terminal, so only `never` or `NO_COLOR`
    /// turn it off).
    pub reader_color: bool,
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
        let width = match args.width.map(usize::from) {
            Some(width) if mode == Mode::Print && width < MIN_PRINT_WIDTH => {
                return Err(clap::Error::raw(
                    clap::error::ErrorKind::ValueValidation,
                    format!(
                        "--width: {width} columns cannot hold a Chinese character after the \
                         indent; print at least {MIN_PRINT_WIDTH}\n"
                    ),
                ));
            }
            Some(width) => width,
            // A terminal narrower than that is printed for as if it were that wide.
            None => terminal_width.unwrap_or(80).max(MIN_PRINT_WIDTH),
        };
        Ok(Self {
            inputs,
            mode,
            width,
            search: args.search,
            search_options: QueryOptions {
                regex: args.regex,
                pinyin: args.pinyin,
                ..QueryOptions::default()
            },
            speakers: args.speakers,
            format: resolve_format(&args.format)?,
            encoding: (!args.encoding.eq_ignore_ascii_case("auto")).then_some(args.encoding),
            measure: Measure {
                ambiguous_wide: args.ambiguous_wide,
            },
            color,
            reader_color: match args.color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => !no_color,
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
    if config.mode == Mode::Read {
        return read(config);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // With several files, each one's output starts with its name, as `head` does it.
    let several = config.inputs.len() > 1;
    let mut written = 0;
    let mut header = |out: &mut dyn Write, name: &str| -> io::Result<()> {
        if several {
            let gap = if written > 0 { "\n" } else { "" };
            writeln!(out, "{gap}==> {name} <==")?;
        } else if written > 0 {
            writeln!(out)?;
        }
        written += 1;
        Ok(())
    };
    let mut matched = false;
    for input in &config.inputs {
        let name = input.name();
        let loaded = input::load(input, config.format, config.encoding.as_deref())
            .with_context(|| name.clone())?;
        if let Some(warning) = &loaded.warning {
            eprintln!("fangtan: {name}: {warning}");
        }
        let transcript = &loaded.transcript;
        let shown = speaker_filter(transcript, &config.speakers).with_context(|| name.clone())?;
        let options = PrintOptions {
            width: config.width,
            measure: config.measure,
            color: config.color,
        };
        match (config.mode, &config.search) {
            (Mode::Json, _) => parse::native::write_json(&mut out, transcript)?,
            (Mode::Stats, _) => {
                header(&mut out, &name)?;
                print::print_stats(&mut out, transcript, &shown, config.measure)?;
            }
            (Mode::Print | Mode::Read, Some(pattern)) => {
                let query = Query::new(pattern, config.search_options)
                    .map_err(|error| anyhow!("--search: {error}"))?;
                let matches: Vec<Range<usize>> = search::search_all(transcript, &query, &shown)
                    .into_iter()
                    .map(Match::range)
                    .collect();
                if !matches.is_empty() {
                    matched = true;
                    header(&mut out, &name)?;
                    let selection = Selection::Matches(&matches);
                    print::print_conversation(&mut out, transcript, selection, &options)?;
                }
            }
            (Mode::Print | Mode::Read, None) => {
                header(&mut out, &name)?;
                let selection = Selection::All { shown: &shown };
                print::print_conversation(&mut out, transcript, selection, &options)?;
            }
        }
    }
    out.flush()?;
    // Like grep: a search that finds nothing exits 1.
    let nothing_found = config.search.is_some() && config.mode == Mode::Print && !matched;
    Ok(if nothing_found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens the reader on the first input. A large file shows its head at once while the rest
/// loads in the background; anything else is loaded first.
fn read(config: &Config) -> anyhow::Result<ExitCode> {
    let files = reader::Files::new(
        config.inputs.clone(),
        config.format,
        config.encoding.clone(),
    );
    // The first file is opened before the terminal is taken over, so that an error in it is a
    // plain one-line error.
    let first = files.open(0)?;
    if first.pending.is_none() {
        speaker_filter(&first.transcript, &config.speakers).with_context(|| files.name(0))?;
    }
    let options = reader::Options {
        name: files.name(0),
        measure: config.measure,
        color: config.reader_color,
        search: config.search.clone(),
        search_options: config.search_options,
        speakers: config.speakers.clone(),
        warning: None,
        file: (0, files.len()),
    };
    reader::run(&files, first, options)?;
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
