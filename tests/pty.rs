//! End to end: the real binary in a pseudo-terminal, its screen read back with a terminal
//! parser. These check what only a real terminal shows: the alternate screen, the cursor,
//! mouse capture, resizing, and that quitting leaves the terminal as it was.

use std::time::Duration;

use portable_pty::CommandBuilder;

#[path = "support/terminal.rs"]
mod terminal;

use terminal::{Answers, Session};

/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// fangtan with `args` in a terminal of `cols` × `rows`.
fn fangtan(args: &[&str], cols: u16, rows: u16) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_fangtan"));
    command.args(args);
    Session::start(command, cols, rows, PATIENCE)
}

/// A shell command line in a terminal, for pipes into fangtan.
fn shell(script: &str, cols: u16, rows: u16) -> Session {
    let mut command = CommandBuilder::new("sh");
    command.args(["-c", script]);
    Session::start(command, cols, rows, PATIENCE)
}

#[test]
fn read_jump_resize_and_quit_to_an_intact_terminal() {
    let mut session = fangtan(&[], 100, 30);
    session.wait_for_text("turn 1/25");
    session.wait_for_text("各位网友,大家好");
    session.wait_for_text("Speakers");
    assert!(session.screen().alternate_screen());

    session.send("G");
    session.wait_for_text("100%");
    session.wait_for_text("立即注册");

    session.send(":12\r");
    session.wait_for_text("turn 12/25");

    session.send("2");
    session.wait_for_text("turn 14/25");

    session.settle();
    session.resize(20, 6);
    session.wait_for("the 20×6 layout", |screen| {
        screen
            .contents()
            .lines()
            .next()
            .is_some_and(|line| line.starts_with('┌'))
            && !screen.contents().contains("Speakers")
    });
    session.settle();
    session.resize(100, 30);
    session.wait_for_text("Speakers");
    session.wait_for_text("turn 14/25");

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let screen = session.screen();
    assert!(!screen.alternate_screen(), "alternate screen left");
    assert!(!screen.hide_cursor(), "cursor shown");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse released"
    );
}

#[test]
fn typing_a_search_counts_and_steps() {
    let mut session = fangtan(&[], 100, 30);
    session.wait_for_text("各位网友,大家好");
    session.send("/消");
    session.wait_for_text("/消");
    session.send("防");
    session.wait_for_text("1/16 ");
    // Every 消防 on screen is highlighted (a background colour), and one stands out.
    let highlighted = highlighted_matches(session.screen(), "消防");
    assert!(highlighted.len() >= 2, "{highlighted:?}");
    assert!(
        highlighted.iter().all(|bg| *bg != vt100::Color::Default),
        "{highlighted:?}"
    );
    assert!(
        highlighted.windows(2).any(|pair| pair[0] != pair[1]),
        "the current match stands out"
    );
    session.send("\r");
    // Every 消 in the sample is in 消防, so `1/16` may be the count for 消 with 防 still being
    // searched: `n` pressed now waits for the search and is taken when it has counted.
    session.send("n");
    session.wait_for_text("2/16 ");
    session.send("/2013");
    session.wait_for_text("1/4 ");
    session.send("\x1b");
    session.wait_for("the search to be dropped", |screen| {
        !screen.contents().contains("1/4 ")
    });
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    assert!(!session.screen().alternate_screen());
}

/// The background colour of the first cell of every occurrence of a two-character Chinese
/// `word` in the conversation (each character fills two cells).
fn highlighted_matches(screen: &vt100::Screen, word: &str) -> Vec<vt100::Color> {
    let (rows, cols) = screen.size();
    let mut chars = word.chars().map(String::from);
    let (first, second) = (
        chars.next().unwrap_or_default(),
        chars.next().unwrap_or_default(),
    );
    let mut found = Vec::new();
    for row in 0..rows.saturating_sub(1) {
        for col in 0..cols.saturating_sub(2) {
            let here = screen.cell(row, col);
            let next = screen.cell(row, col + 2);
            if here.is_some_and(|c| c.contents() == first)
                && next.is_some_and(|c| c.contents() == second)
            {
                found.push(here.map_or(vt100::Color::Default, vt100::Cell::bgcolor));
            }
        }
    }
    found
}

#[test]
fn a_large_file_shows_its_head_first_and_then_all_of_it() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pty-large.txt");
    std::fs::write(&path, fangtan::corpus::generate(8_000_000, 3)).expect("written");
    let mut session = fangtan(&[path.to_str().expect("path")], 100, 30);
    session.wait_for_text("turn 1/");
    session.send("G");
    // `G` pressed before the whole file is read waits for it: the status line then counts every
    // turn (no `…`) and stands at the end. (The text on screen may say `100%` before that.)
    let status_line =
        |session: &Session| session.rows().lines().last().unwrap_or_default().to_owned();
    session.wait_until("the last turn of the whole file", |session| {
        let status = status_line(session);
        status.contains("100%") && !status.contains('…')
    });
    let screen = session.rows();
    let status = screen.lines().last().unwrap_or_default().to_owned();
    let (shown, total) = status
        .split("turn ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|turns| turns.split_once('/'))
        .expect("a turn counter");
    assert!(!total.ends_with('…'), "{status}");
    let (shown, total): (usize, usize) = (
        shown.parse().expect("a number"),
        total.parse().expect("a number"),
    );
    // The turn at the top of the last screen: one of the last few.
    assert!(shown <= total && shown + 10 >= total, "{status}");
    assert!(total > 40_000, "{status}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_search_option_opens_with_the_search_active() {
    let mut session = fangtan(&["-s", "宁安"], 100, 30);
    session.wait_for_text("1/5 ");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn several_files_are_read_one_after_another() {
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = format!("{root}/assets/mudanjiang-police-interview.txt");
    let srt = format!("{root}/tests/fixtures/podcasting20_example_speakers.srt");
    let mut session = fangtan(&[&sample, &srt], 100, 30);
    session.wait_for_text("file 1/2");
    session.wait_for_text("各位网友,大家好");
    session.send(":n\r");
    session.wait_for_text("file 2/2");
    session.wait_for_text("Travis · 00:00:00");
    session.send(":n\r");
    session.wait_for_text("this is the last file (2/2)");
    session.send(":p\r");
    session.wait_for_text("file 1/2");
    session.wait_for_text("各位网友,大家好");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn standard_input_can_be_read_again_after_another_file() {
    let root = env!("CARGO_MANIFEST_DIR");
    let script = format!(
        "cat '{root}/tests/fixtures/podcasting20_example_speakers.srt' | '{}' - '{root}/assets/mudanjiang-police-interview.txt'",
        env!("CARGO_BIN_EXE_fangtan")
    );
    let mut session = shell(&script, 100, 30);
    session.wait_for_text("Travis · 00:00:00");
    session.wait_for_text("standard input");
    session.send(":n\r");
    session.wait_for_text("各位网友,大家好");
    session.send(":p\r");
    session.wait_for_text("Travis · 00:00:00");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// fangtan with `args` in a terminal that answers questions as `answers` says.
fn fangtan_answering(args: &[&str], answers: Answers) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_fangtan"));
    command.args(args);
    Session::start_answering(command, 100, 30, PATIENCE, answers)
}

/// The first row of the screen, where the borders show which measure was chosen.
fn top_row(session: &Session) -> String {
    session.rows().lines().next().unwrap_or_default().to_owned()
}

#[test]
fn ambiguous_width_is_asked_of_the_terminal() {
    let wide = Answers {
        ambiguous_wide: Some(true),
        ..Answers::XTERM
    };
    let cases: [(&[&str], Answers, char); 5] = [
        (&[], wide, '+'),
        (&[], Answers::XTERM, '┌'),
        // No answer at all: a safe narrow measure after a short wait.
        (&[], Answers::SILENT, '┌'),
        (&["--ambiguous-narrow"], wide, '┌'),
        (&["--ambiguous-wide"], Answers::XTERM, '+'),
    ];
    for (args, answers, corner) in cases {
        let mut session = fangtan_answering(args, answers);
        session.wait_for_text("各位网友,大家好");
        session.settle();
        assert!(
            top_row(&session).starts_with(corner),
            "{args:?} {answers:?}:\n{}",
            session.rows()
        );
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

#[test]
fn the_colours_follow_the_terminals_background() {
    for (dark, theme, host) in [
        (Some(false), None, 25),
        (Some(true), None, 6),
        (None, None, 6),
        (Some(true), Some("light"), 25),
    ] {
        let answers = Answers {
            dark,
            ..Answers::XTERM
        };
        let args: Vec<&str> = theme.map(|t| vec!["--theme", t]).unwrap_or_default();
        let mut session = fangtan_answering(&args, answers);
        session.wait_for_text("各位网友,大家好");
        session.settle();
        let screen = session.screen();
        let (_, cols) = screen.size();
        let color = (0..cols)
            .find_map(|col| {
                let cell = screen.cell(1, col)?;
                (cell.contents() == "主").then(|| cell.fgcolor())
            })
            .expect("the host's name");
        assert_eq!(color, vt100::Color::Idx(host), "{dark:?} {theme:?}");
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

#[test]
fn standard_input_shows_as_it_arrives_and_q_quits_while_the_pipe_is_open() {
    let fifo = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("pty-fifo-{}", std::process::id()));
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let script = format!(
        "exec '{}' < '{}'",
        env!("CARGO_BIN_EXE_fangtan"),
        fifo.display()
    );
    let mut session = shell(&script, 100, 30);
    // Opening the pipe for writing waits for fangtan to open it for reading.
    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("the pipe opens");
    session.wait_for_text("waiting for standard input…");
    use std::io::Write;
    writer
        .write_all(
            "主持人: 第一句话。\n江滨: 第二句话。\n主持人: 再问。\n江滨: 再答。\n".as_bytes(),
        )
        .expect("written");
    writer.flush().expect("flushed");
    session.wait_for_text("第二句话");
    session.wait_for_text("turn 1/4…");
    writer
        .write_all("主持人: 第三句话。\n江滨: 第四句话。\n".as_bytes())
        .expect("written");
    writer.flush().expect("flushed");
    session.wait_for_text("turn 1/6…");
    // The pipe is still open: q quits all the same.
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(!session.screen().alternate_screen());
    drop(writer);
    let _ = std::fs::remove_file(&fifo);
}

#[test]
fn signals_that_end_the_reader_give_the_terminal_back() {
    for signal in ["TERM", "HUP", "INT"] {
        let mut session = fangtan(&[], 100, 30);
        session.wait_for_text("各位网友,大家好");
        session.settle();
        session.kill(signal);
        let status = session.wait_exit_status();
        assert!(!status.success(), "{signal}: {status:?}");
        let screen = session.screen();
        assert!(
            !screen.alternate_screen(),
            "{signal}: alternate screen left"
        );
        assert!(!screen.hide_cursor(), "{signal}: cursor shown");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{signal}: mouse released"
        );
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_continuing_redraws() {
    let mut session = fangtan(&[], 100, 30);
    session.wait_for_text("各位网友,大家好");
    session.settle();
    for stop in ["ctrl-z", "TSTP"] {
        if stop == "ctrl-z" {
            session.send("\x1a");
        } else {
            session.kill(stop);
        }
        session.wait_until("the reader to stop", Session::is_stopped);
        let screen = session.screen();
        assert!(
            !screen.alternate_screen(),
            "{stop}: the shell's screen is back"
        );
        assert!(!screen.hide_cursor(), "{stop}: cursor shown");
        session.kill("CONT");
        session.wait_for("the reader to come back", |screen| {
            screen.alternate_screen() && screen.contents().contains("各位网友,大家好")
        });
        session.send("j");
        session.wait_for("a line down", |screen| {
            !screen.contents().contains("各位网友,大家好")
        });
        session.send("g");
        session.wait_for_text("各位网友,大家好");
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_width_option_sets_the_readers_measure() {
    let mut session = fangtan(&["-w", "30"], 100, 30);
    session.wait_for_text("各位网友,大家好");
    session.settle();
    let rows = session.rows();
    let line = rows
        .lines()
        .find(|line| line.contains("各位网友"))
        .expect("the first line");
    // The pane's border, then two columns of indent and 28 of text.
    let text = line
        .split('│')
        .nth(3)
        .unwrap_or_default()
        .trim_end_matches(['█', '▐', ' ']);
    assert!(
        unicode_width::UnicodeWidthStr::width(text) <= 30,
        "{text:?}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
