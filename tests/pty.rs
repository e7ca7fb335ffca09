//! End to end: the real binary in a pseudo-terminal, its screen read back with a terminal
//! parser. These check what only a real terminal shows: the alternate screen, the cursor,
//! mouse capture, resizing, and that quitting leaves the terminal as it was.

use std::time::Duration;

use portable_pty::CommandBuilder;

#[path = "support/terminal.rs"]
mod terminal;

use terminal::Session;

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
    session.wait_for_text("100%");
    session.wait_for_text("立即注册");
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
