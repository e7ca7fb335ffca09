//! SPEC §6 in a real terminal: fangtan and `less` side by side on the generated 100 MB
//! transcript, each run in a pseudo-terminal whose screen is read back with a terminal parser.
//!
//! ```text
//! cargo bench --bench terminal            # 5 runs of each measurement
//! FANGTAN_BENCH_RUNS=9 cargo bench --bench terminal
//! ```
//!
//! Every figure is the wall time from the moment the keys are written (or the program is
//! started, or the terminal resized) to the moment the screen shows the result, so it includes
//! the terminal round trip a user waits for. Peak memory is the process's `VmHWM`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

#[path = "../tests/support/terminal.rs"]
mod terminal;

use terminal::Session;

const COLS: u16 = 200;
const ROWS: u16 = 60;
const PATIENCE: Duration = Duration::from_secs(120);

/// `program` with `args` in a 200×60 terminal.
fn start(program: &str, args: &[&str]) -> Session {
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("LESSHISTFILE", "-");
    Session::start(command, COLS, ROWS, PATIENCE)
}

/// Sends the keys that quit, and waits for the program to go.
fn quit(mut session: Session, keys: &str) {
    session.send(keys);
    session.wait_exit();
}

/// Types `keys` that end by opening the search bar, and waits for the bar.
fn open_search(session: &mut Session, keys: &str) {
    session.send(keys);
    session.until(Instant::now(), "the search bar", |s| {
        last_line(s).starts_with('/')
    });
}

fn last_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// The figures of one run.
#[derive(Default)]
struct Run {
    first_screen: Duration,
    last_turn: Duration,
    absent_search: Duration,
    keystroke: Duration,
    resize: Duration,
    peak_kib: u64,
}

fn fangtan_run(binary: &str, corpus: &Path) -> Run {
    let mut run = Run::default();
    let started = Instant::now();
    let mut session = start(binary, &[corpus.to_str().expect("UTF-8 path")]);
    run.first_screen = session.until(started, "fangtan's first screen", |s| {
        last_line(s).contains("turn 1/") && s.contains("Speakers")
    });
    // Wait for the whole file, so that `G` measures the jump, not the rest of the load.
    session.until(Instant::now(), "the whole file", |s| {
        last_line(s).contains("turn 1/") && !last_line(s).contains('…')
    });
    let pressed = Instant::now();
    session.send("G");
    run.last_turn = session.until(pressed, "G", |s| last_line(s).contains("100%"));

    open_search(&mut session, "/");
    let typed = Instant::now();
    session.send("zyxwv");
    run.absent_search = session.until(typed, "the absent search", |s| {
        let bar = last_line(s);
        bar.contains("/zyxwv") && bar.contains("0/0 ")
    });
    session.send("\x1b");
    session.until(Instant::now(), "leaving the search", |s| {
        !last_line(s).contains("zyxwv")
    });
    open_search(&mut session, "g/");
    let typed = Instant::now();
    session.send("消");
    run.keystroke = session.until(typed, "the first match", |s| {
        let bar = last_line(s);
        bar.contains("/消") && bar.contains("1/")
    });
    session.send("\r");

    session.settle();
    let resized = Instant::now();
    session.resize(120, 40);
    run.resize = session.until(resized, "the re-wrap", |s| {
        s.lines().count() <= 40
            && last_line(s).contains("turn")
            && s.lines().all(|l| l.chars().count() <= 120)
            && s.lines().nth(39).is_some_and(|l| l.contains("turn"))
    });
    run.peak_kib = session.peak_kib().unwrap_or(0);
    quit(session, "q");
    run
}

fn less_run(corpus: &Path, first_line: &str, last_line_text: &str) -> Run {
    let mut run = Run::default();
    let started = Instant::now();
    let mut session = start("less", &[corpus.to_str().expect("UTF-8 path")]);
    run.first_screen = session.until(started, "less's first screen", |s| {
        s.starts_with(first_line) && !last_line(s).trim().is_empty()
    });
    let pressed = Instant::now();
    session.send("G");
    run.last_turn = session.until(pressed, "less G", |s| {
        s.contains(last_line_text) && last_line(s).contains("(END)")
    });
    session.send("g");
    session.until(Instant::now(), "less g", |s| s.starts_with(first_line));
    let typed = Instant::now();
    session.send("/zyxwv\r");
    run.absent_search = session.until(typed, "less's absent search", |s| {
        s.contains("Pattern not found")
    });
    session.send("\x1b");
    session.settle();
    let resized = Instant::now();
    session.resize(120, 40);
    // Until less redraws, the last of the 40 rows still holds a line of text; then its prompt.
    run.resize = session.until(resized, "less's redraw", |s| last_line(s).trim() == ":");
    run.peak_kib = session.peak_kib().unwrap_or(0);
    quit(session, "q");
    run
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn corpus_path() -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-100mb.txt");
    if !path.exists() {
        std::fs::write(&path, fangtan::corpus::generate(100_000_000, 1)).expect("corpus written");
    }
    path
}

fn main() {
    // `cargo test --benches` runs benchmarks once as tests; this one takes minutes: skip it.
    if std::env::args().any(|arg| arg == "--test") {
        return;
    }
    let runs: usize = std::env::var("FANGTAN_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let corpus = corpus_path();
    let text = std::fs::read_to_string(&corpus).expect("corpus");
    let first_line = text.lines().next().unwrap_or_default().to_owned();
    let last_line_text = text.lines().last().unwrap_or_default().to_owned();
    drop(text);
    let binary = env!("CARGO_BIN_EXE_fangtan");
    let has_less = std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_ok();

    let mut fangtan = Vec::new();
    let mut less = Vec::new();
    for _ in 0..runs {
        fangtan.push(fangtan_run(binary, &corpus));
        if has_less {
            less.push(less_run(&corpus, &first_line, &last_line_text));
        }
    }
    let size = std::fs::metadata(&corpus).map(|m| m.len()).unwrap_or(0);
    println!(
        "{} MB corpus, {COLS}×{ROWS} terminal, median of {runs} runs",
        size / 1_000_000
    );
    println!("| what | fangtan | less |");
    println!("|---|---|---|");
    let row = |name: &str, pick: fn(&Run) -> Duration, only_fangtan: bool| {
        let ours = median(fangtan.iter().map(pick).collect());
        let theirs = if less.is_empty() || only_fangtan {
            "—".to_owned()
        } else {
            format!(
                "{:.1} ms",
                median(less.iter().map(pick).collect()).as_secs_f64() * 1000.0
            )
        };
        println!(
            "| {name} | {:.1} ms | {theirs} |",
            ours.as_secs_f64() * 1000.0
        );
    };
    row("open to first full screen", |r| r.first_screen, false);
    row("jump to the last turn (G)", |r| r.last_turn, false);
    row("search for an absent string", |r| r.absent_search, false);
    row(
        "keystroke to highlighted screen (/消)",
        |r| r.keystroke,
        true,
    );
    row("resize 200×60 → 120×40, redrawn", |r| r.resize, false);
    let grep: Vec<Duration> = (0..runs)
        .filter_map(|_| {
            let started = Instant::now();
            let output = std::process::Command::new("grep")
                .args(["-c", "zyxwv"])
                .arg(&corpus)
                .output()
                .ok()?;
            (output.status.code() == Some(1)).then(|| started.elapsed())
        })
        .collect();
    if !grep.is_empty() {
        println!(
            "| (`grep -c` for the absent string, no terminal) | | {:.1} ms |",
            median(grep).as_secs_f64() * 1000.0
        );
    }
    let peak = |runs: &[Run]| runs.iter().map(|r| r.peak_kib).max().unwrap_or(0) / 1024;
    let less_peak = if less.is_empty() {
        "—".to_owned()
    } else {
        format!("{} MiB", peak(&less))
    };
    println!("| peak memory | {} MiB | {less_peak} |", peak(&fangtan));
}
