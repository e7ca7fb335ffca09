//! The command line (SPEC §1): clap's flags, resolved once into a validated [`Config`], and
//! [`run`], which loads the transcripts and hands them to the printer or the reader.

use std::ffi::OsString;
use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::{Parser, ValueEnum};

use crate::conversation;
use crate::explain;
use crate::input::{self, Input};
use crate::layout::Measure;
use crate::model::Transcript;
use crate::palette::Palette;
use crate::parse;
use crate::print::{self, PrintOptions, Selection};
use crate::search::{self, Match, Query, QueryOptions};
use crate::state::Location;

mod environment;
mod read;
mod remembered;

pub use self::environment::Environment;

/// A terminal reader for interview transcripts.
#[derive(Debug, Parser)]
#[command(name = "fangtan", version, about, max_term_width = 100)]
struct Args {
    /// Transcripts to open; `-` is standard input. None: standard input when it is a pipe or
    /// a file, else the bundled sample interview.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the conversation, wrapped, to stdout instead of opening the reader
    /// (also what happens when stdout is not a terminal).
    #[arg(short, long)]
    print: bool,
    /// Total line width for --print [default: $COLUMNS, else the terminal's width, else 80];
    /// in the reader, the text column's width [default: 82, 80 columns of text]; 0: the whole
    /// terminal or pane.
    #[arg(short, long, value_name = "COLS")]
    width: Option<u16>,
    /// Print the parsed transcript as JSON (JSON Lines with a "file" field for several files).
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
    /// Find only the Chinese script typed (`队长` no longer finds 隊長), as the search bar's
    /// Ctrl-t does.
    #[arg(long, requires = "search")]
    same_script: bool,
    /// Limit print, search and stats to this speaker (repeatable).
    #[arg(long = "speaker", value_name = "NAME")]
    speakers: Vec<String>,
    /// Input format: auto, text, markdown, srt, vtt, json [default: auto].
    #[arg(long, value_name = "FMT")]
    format: Option<String>,
    /// Text encoding: auto, or a label such as utf-8, gbk, gb18030, big5, utf-16le
    /// [default: auto].
    #[arg(long, value_name = "ENC")]
    encoding: Option<String>,
    /// Count East Asian Ambiguous characters (“ ” ‘ ’ … — ·) as two cells.
    #[arg(long, conflicts_with = "ambiguous_narrow")]
    ambiguous_wide: bool,
    /// Count them as one cell. Without either, the reader asks the terminal.
    #[arg(long)]
    ambiguous_narrow: bool,
    /// When to use colour; NO_COLOR is honoured [default: auto].
    #[arg(long, value_name = "WHEN", value_enum)]
    color: Option<ColorWhen>,
    /// Colours for the terminal's background; auto asks the terminal [default: auto].
    #[arg(long, value_name = "THEME", value_enum)]
    theme: Option<ThemeChoice>,
    /// Print what the parser inferred: format, label shapes and counts, title source, header,
    /// notes, confidence.
    #[arg(long, conflicts_with_all = ["json", "stats", "print"])]
    explain: bool,
    /// Speaker labels by a regular expression matched at the start of each line, with a group
    /// `name` (and optionally `time`), instead of the inferred ones: '^(?<name>[A-Z]+)> '.
    #[arg(long, value_name = "REGEX")]
    labels: Option<String>,
    /// Print the highlights kept for the files, in transcript order, as Markdown quotes
    /// (with --json, as JSON).
    #[arg(long, conflicts_with_all = ["stats", "print", "explain", "no_state"])]
    highlights: bool,
    /// Keep the reading state (position, marks, names, highlights, searches) in this file
    /// [default: $FANGTAN_STATE, else $XDG_STATE_HOME/fangtan/state.sqlite3].
    #[arg(long, value_name = "PATH")]
    state: Option<PathBuf>,
    /// Read and write no reading state: raw speaker labels, no file left behind.
    #[arg(long, conflicts_with = "state")]
    no_state: bool,
    /// Print a man page or a shell completion script and exit.
    #[arg(long, value_name = "KIND", value_enum)]
    generate: Option<Generate>,
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

/// Which colours to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    /// Ask the terminal for its background (dark when it does not say).
    #[default]
    Auto,
    /// Colours for a light background.
    Light,
    /// Colours for a dark background.
    Dark,
}

/// What `--generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Generate {
    /// A man page (roff).
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
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
    /// Print what the parser inferred.
    Explain,
    /// Print the highlights kept for the files.
    Highlights,
}

/// The reader's default text measure: 80 columns of text and the two-column indent.
pub const READER_MEASURE: u16 = 82;

/// The command line, validated and resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Transcripts to open, in order.
    pub inputs: Vec<Input>,
    /// What to do.
    pub mode: Mode,
    /// Total width for printing.
    pub width: usize,
    /// The reader's text measure; `None` for the whole pane.
    pub reader_width: Option<u16>,
    /// The search to print or to start the reader with.
    pub search: Option<String>,
    /// How to read the search (`--regex`, `--pinyin`).
    pub search_options: QueryOptions,
    /// Speakers to limit output to; empty means everyone.
    pub speakers: Vec<String>,
    /// How to read the inputs: `--format`, `--encoding`, `--labels`.
    pub read: parse::ReadOptions,
    /// How cells are counted when printing (and in the reader when `ambiguous` is set).
    pub measure: Measure,
    /// Whether ambiguous characters are wide, if the user said; else the reader asks.
    pub ambiguous: Option<bool>,
    /// Which colours.
    pub theme: ThemeChoice,
    /// Whether printed output carries colour.
    pub color: bool,
    /// Whether the reader uses colour (it draws on a terminal, so only `never` or `NO_COLOR`
    /// turn it off).
    pub reader_color: bool,
    /// Where the reading state is kept, if anywhere.
    pub state: Location,
    /// `--json`: with `--highlights`, JSON Lines instead of Markdown.
    pub json: bool,
    /// What to generate instead of reading.
    generate: Option<Generate>,
}

impl Config {
    /// Parses and resolves a command line in this process's environment.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Self, clap::Error> {
        Self::resolve(args, &Environment::read())
    }

    /// Parses a command line and resolves it in `env`.
    pub fn resolve(
        args: impl IntoIterator<Item = OsString>,
        env: &Environment,
    ) -> Result<Self, clap::Error> {
        let args = Args::try_parse_from(args)?;
        let file = match &env.config {
            Some((path, text)) => crate::config::parse(text)
                .map_err(|why| invalid(&format!("{}: {why}", path.display())))?,
            None => crate::config::FileConfig::default(),
        };
        let mode = if args.highlights {
            Mode::Highlights
        } else if args.explain {
            Mode::Explain
        } else if args.json {
            Mode::Json
        } else if args.stats {
            Mode::Stats
        } else if args.print || !env.stdout_is_terminal {
            Mode::Print
        } else {
            Mode::Read
        };
        let color_when = match args.color {
            Some(when) => when,
            None => match file.color.as_deref() {
                Some(text) => ColorWhen::from_str(text, true).map_err(|_| {
                    invalid(&format!(
                        "config: color: \"{text}\" is not auto, always or never"
                    ))
                })?,
                None => ColorWhen::Auto,
            },
        };
        let theme = match args.theme {
            Some(theme) => theme,
            None => match file.theme.as_deref() {
                Some(text) => ThemeChoice::from_str(text, true).map_err(|_| {
                    invalid(&format!(
                        "config: theme: \"{text}\" is not auto, light or dark"
                    ))
                })?,
                None => ThemeChoice::Auto,
            },
        };
        let ambiguous = if args.ambiguous_wide {
            Some(true)
        } else if args.ambiguous_narrow {
            Some(false)
        } else if file.ambiguous_wide == Some(true) {
            Some(true)
        } else if file.ambiguous_narrow == Some(true) {
            Some(false)
        } else {
            None
        };
        let width = args.width.or(file.width);
        let piped_width = env
            .columns
            .as_deref()
            .and_then(|columns| columns.trim().parse::<u16>().ok())
            .filter(|&columns| columns > 0)
            .or(env.terminal_width);
        let inputs = if args.files.is_empty() {
            vec![if env.stdin_is_readable {
                Input::Stdin
            } else {
                Input::Sample
            }]
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
        let format = args.format.or(file.format).unwrap_or_else(|| "auto".into());
        let encoding = args
            .encoding
            .or(file.encoding)
            .unwrap_or_else(|| "auto".into());
        let print_width = match width.map(usize::from) {
            Some(width) if mode == Mode::Print && (1..MIN_PRINT_WIDTH).contains(&width) => {
                return Err(clap::Error::raw(
                    clap::error::ErrorKind::ValueValidation,
                    format!(
                        "--width: {width} columns cannot hold a Chinese character after the \
                         indent; print at least {MIN_PRINT_WIDTH}\n"
                    ),
                ));
            }
            Some(width) if width > 0 => width,
            // A terminal narrower than that is printed for as if it were that wide.
            _ => piped_width.map_or(80, usize::from).max(MIN_PRINT_WIDTH),
        };
        // The command line, then the environment, then the config file, then XDG.
        let state = if args.no_state {
            Location::Off
        } else if let Some(path) = args.state.or_else(|| env.state.clone()) {
            Location::File(path)
        } else if file.no_state == Some(true) {
            Location::Off
        } else if let Some(path) = file.state {
            Location::File(path)
        } else {
            Location::default_for(env.xdg_state_home.as_deref(), env.home.as_deref())
        };
        Ok(Self {
            inputs,
            mode,
            width: print_width,
            reader_width: match width {
                Some(0) => None,
                Some(width) => Some(width),
                None => Some(READER_MEASURE),
            },
            search: args.search,
            search_options: QueryOptions {
                regex: args.regex,
                pinyin: args.pinyin,
                same_script: args.same_script,
            },
            speakers: args.speakers,
            read: parse::ReadOptions {
                format: resolve_format(&format)?,
                encoding: (!encoding.eq_ignore_ascii_case("auto")).then_some(encoding),
                labels: args.labels.as_deref().map(resolve_labels).transpose()?,
            },
            measure: Measure {
                ambiguous_wide: ambiguous == Some(true),
            },
            ambiguous,
            theme,
            color: match color_when {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => env.stdout_is_terminal && !env.no_color,
            },
            reader_color: match color_when {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => !env.no_color,
            },
            state,
            json: args.json,
            generate: args.generate,
        })
    }

    /// The speakers' palette for printing: the theme asked for, dark when it is `auto` (a
    /// pipe cannot be asked).
    fn print_palette(&self) -> Palette {
        match self.theme {
            ThemeChoice::Light => Palette::Light,
            ThemeChoice::Auto | ThemeChoice::Dark => Palette::Dark,
        }
    }
}

/// `--labels`: a regular expression with a `name` group.
fn resolve_labels(pattern: &str) -> Result<regex::Regex, clap::Error> {
    let regex = regex::Regex::new(pattern)
        .map_err(|error| invalid(&format!("--labels: {}", one_line(&error.to_string()))))?;
    if !regex.capture_names().any(|name| name == Some("name")) {
        return Err(invalid(
            "--labels: the expression needs a group named `name`, as in '^(?<name>[A-Z]+): '",
        ));
    }
    Ok(regex)
}

/// A usage error from a config file or an option's value.
fn invalid(message: &str) -> clap::Error {
    clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{message}\n"))
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
            report(&format!("{error:#}"));
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
    report(first.trim_start_matches("error: "));
    ExitCode::from(2)
}

/// Writes a message to stderr as one line, `fangtan: <message>`. Every message goes through
/// here, and through the one sanitising function: file names, speaker names and text from a
/// file reach the terminal with their controls made visible, never obeyed.
pub fn report(message: &str) {
    eprintln!("fangtan: {}", crate::layout::sanitize(&one_line(message)));
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
    if let Some(kind) = config.generate {
        generate(kind, &mut io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Filters apply to every mode or are refused, never ignored.
    if config.mode == Mode::Json && (config.search.is_some() || !config.speakers.is_empty()) {
        bail!("--json writes whole transcripts: --search and --speaker do not apply to it");
    }
    if config.mode == Mode::Stats && config.search.is_some() {
        bail!("--stats counts whole turns: --search does not apply to it (--speaker does)");
    }
    if config.mode == Mode::Highlights {
        if config.search.is_some() || !config.speakers.is_empty() {
            bail!("--highlights prints every highlight: --search and --speaker do not apply to it");
        }
        if config.state == Location::Off {
            bail!("--highlights reads the reading state, and there is none (--no-state)");
        }
    }
    if config.mode == Mode::Read {
        return read::read(config);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // With several files, each one's output starts with its name, as `head` does it, and a
    // file that cannot be read is reported and skipped, as `cat` does.
    let several = config.inputs.len() > 1;
    let mut written = 0;
    let mut header = |out: &mut dyn Write, name: &str| -> io::Result<()> {
        if several {
            let gap = if written > 0 { "\n" } else { "" };
            writeln!(out, "{gap}==> {} <==", crate::layout::sanitize(name))?;
        } else if written > 0 {
            writeln!(out)?;
        }
        written += 1;
        Ok(())
    };
    let mut matched = false;
    let mut failed = false;
    let mut remembered = remembered::Remembered::new(&config.state);
    for input in &config.inputs {
        let name = input.name();
        let loaded = match input::load_keyed(input, &config.read) {
            Ok(loaded) => loaded,
            Err(error) if several => {
                out.flush()?;
                report(&format!("{name}: {error:#}"));
                failed = true;
                continue;
            }
            Err(error) => return Err(error.context(name)),
        };
        let (loaded, key) = loaded;
        if let Some(warning) = &loaded.warning {
            report(&format!("{name}: {warning}"));
        }
        // Every output but --explain (which tells what the parser read) shows the names.
        let memory = match config.mode {
            Mode::Explain => crate::state::Memory::default(),
            _ => remembered.memory(key.fingerprint),
        };
        let shown_transcript = remembered::shown(&loaded.transcript, &memory);
        let transcript = &*shown_transcript;
        let shown = speaker_filter(transcript, &config.speakers).with_context(|| name.clone())?;
        let options = PrintOptions {
            width: config.width,
            measure: config.measure,
            color: config.color,
            palette: config.print_palette(),
        };
        match (config.mode, &config.search) {
            (Mode::Json, _) if several => {
                let mut document = Vec::new();
                parse::native::write_json(&mut document, transcript)?;
                let mut value: serde_json::Value = serde_json::from_slice(&document)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert("file".into(), serde_json::Value::String(name.clone()));
                }
                parse::native::write_json_line(&mut out, &value)?;
            }
            (Mode::Json, _) => parse::native::write_json(&mut out, transcript)?,
            (Mode::Explain, _) => {
                header(&mut out, &name)?;
                explain::write(&mut out, &loaded, config.read.format.is_some())?;
            }
            (Mode::Highlights, _) => {
                let ranges = crate::state::overlay::highlights(&memory.edits);
                if ranges.is_empty() {
                    out.flush()?;
                    eprintln!("fangtan: {name}: no highlights (* in the reader highlights a turn)");
                    continue;
                }
                if config.json {
                    remembered::highlights_json(&mut out, transcript, &ranges, &name)?;
                } else {
                    header(&mut out, &name)?;
                    remembered::highlights_markdown(&mut out, transcript, &ranges, &name)?;
                }
            }
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
    // Like grep: a search that finds nothing exits 1; like cat, a file skipped exits 2.
    let nothing_found = config.search.is_some() && config.mode == Mode::Print && !matched;
    Ok(if failed {
        ExitCode::from(2)
    } else if nothing_found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--generate`: a man page or a completion script, from the same definition clap parses.
fn generate(kind: Generate, out: &mut impl Write) -> anyhow::Result<()> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let mut command = Args::command();
    let shell = match kind {
        Generate::Man => {
            clap_mangen::Man::new(command).render(out)?;
            return Ok(());
        }
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
    };
    clap_complete::generate(shell, &mut command, "fangtan", out);
    Ok(())
}

/// Which speakers `--speaker` keeps, by speaker id; an unknown name is an error.
fn speaker_filter(transcript: &Transcript, names: &[String]) -> anyhow::Result<Vec<bool>> {
    conversation::shown_speakers(transcript, names).map_err(|unknown| {
        let known: Vec<&str> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        anyhow!(
            "--speaker: no speaker called \"{}\" (speakers: {})",
            unknown.join("\", \""),
            known.join(", ")
        )
    })
}
