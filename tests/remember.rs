//! What fangtan remembers, end to end: the real binary in a pseudo-terminal, quit and started
//! again on the same state file, and the printing modes reading what the reader kept. Then the
//! store's faults: a damaged file, a place that cannot be written, two readers at once, a
//! `kill -9` right after a change, and `--no-state`, which leaves nothing behind.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use portable_pty::CommandBuilder;

#[path = "support/terminal.rs"]
mod terminal;

use terminal::Session;

const PATIENCE: Duration = Duration::from_secs(20);
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/mudanjiang-police-interview.txt"
);

/// A folder of this test's own, empty.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("remember-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    dir
}

/// fangtan on the sample with its state in `state`, in a 100×30 terminal.
fn reader(state: &Path, args: &[&str]) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_fangtan"));
    command.args(args);
    command.env("FANGTAN_STATE", state);
    Session::start(command, 100, 30, PATIENCE)
}

/// Quits and waits for the program to end.
fn quit(session: &mut Session) {
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// fangtan's printing modes with their state in `state`: stdout.
fn print(state: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(args)
        .env("FANGTAN_STATE", state)
        .env("XDG_CONFIG_HOME", folder("no-config"))
        .output()
        .expect("fangtan runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The last line of the screen: the status bar.
fn status(session: &Session) -> String {
    session.rows().lines().last().unwrap_or_default().to_owned()
}

#[test]
fn the_place_left_is_where_it_opens_again() {
    let state = folder("place").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("turn 1/25");
    session.send(":12\r");
    session.wait_for_text("turn 12/25");
    session.send("jj");
    session.settle();
    let screen = session.rows();
    quit(&mut session);
    let mut again = reader(&state, &[]);
    again.wait_for_text("turn 12/25");
    again.settle();
    assert_eq!(again.rows(), screen, "the same line at the top");
    quit(&mut again);
}

#[test]
fn marks_and_the_way_back_are_kept() {
    let state = folder("marks").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("turn 1/25");
    session.send(":5\r");
    session.wait_for_text("turn 5/25");
    session.send("ma");
    session.wait_for_text("mark a set");
    session.send("G");
    session.wait_for_text("100%");
    quit(&mut session);
    let mut again = reader(&state, &[]);
    again.wait_for_text("100%");
    again.send("'a");
    again.wait_for_text("turn 5/25");
    again.send("''");
    again.wait_for_text("100%");
    quit(&mut again);
}

#[test]
fn names_given_are_kept_and_shown_everywhere_and_undone() {
    let state = folder("names").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("1 主持人");
    // Rename the host: the prompt holds the name, Ctrl-u clears it.
    session.send("\tr");
    session.wait_for_text("rename 主持人 to: 主持人");
    session.send("\x15Host\r");
    session.wait_for_text("主持人 is now called Host");
    // The second turn to someone new.
    session.send("\t]a");
    session.wait_for_text("turn 2 is spoken by:");
    session.send("Producer\r");
    session.wait_for_text("turn 2 is now Producer's, a new speaker");
    quit(&mut session);

    let mut again = reader(&state, &[]);
    again.wait_for_text("1 Host");
    again.wait_for_text("2 Producer");
    // Merge Producer back into 江滨, completing the name with Tab.
    again.send("\tjM江\t");
    again.wait_for_text("merge Producer into: 江滨");
    again.send("\r");
    again.wait_for_text("Producer merged into 江滨");
    quit(&mut again);

    let printed = print(&state, &["-p", "-w", "60", SAMPLE]);
    assert!(printed.contains("\nHost\n"), "{printed}");
    assert!(!printed.contains("主持人\n"), "{printed}");
    let json = print(&state, &["--json", SAMPLE]);
    assert!(
        json.contains("\"name\": \"Host\",\n      \"label\": \"主持人\""),
        "{json}"
    );
    let stats = print(&state, &["--stats", SAMPLE]);
    assert!(
        stats
            .lines()
            .any(|l| l.starts_with("Host ") && l.contains(" 13 ")),
        "{stats}"
    );
    let only = print(&state, &["-p", "--speaker", "主持人", SAMPLE]);
    assert!(
        only.contains("\nHost\n") && !only.contains("\n江滨\n"),
        "{only}"
    );
    // Without the state, the raw labels.
    let raw = print(&state, &["--no-state", "-p", SAMPLE]);
    assert!(raw.contains("\n主持人\n"), "{raw}");

    // Undo, one edit after another, across runs.
    let mut third = reader(&state, &[]);
    third.wait_for_text("1 Host");
    third.send("u");
    third.wait_for_text("undone: merge of Producer into 江滨");
    third.wait_for_text("2 Producer");
    third.send("u");
    third.wait_for_text("undone: turn 2 given to Producer");
    third.send("u");
    third.wait_for_text("1 主持人");
    quit(&mut third);
    let printed = print(&state, &["-p", SAMPLE]);
    assert!(printed.contains("\n主持人\n"), "{printed}");
}

#[test]
fn a_speaker_card_shows_excerpts() {
    let state = folder("card").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("2 江滨");
    session.send("\tji");
    session.wait_for_text("12 turns · 84% of what was said");
    session.wait_for_text("first turn 2 · last turn 24");
    session.send("\x1b");
    session.wait_for("the card to close", |screen| {
        !screen.contents().contains("of what was said")
    });
    quit(&mut session);
}

/// The text of the last OSC 52 clipboard write in `written`.
fn clipboard(written: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(written);
    let start = text.rfind("\x1b]52;c;")? + 7;
    let end = start + text[start..].find('\x07')?;
    let encoded = text[start..end].as_bytes();
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut bytes = Vec::new();
    for chunk in encoded.chunks(4) {
        let digits: Vec<u8> = chunk.iter().filter_map(|&c| value(c)).collect();
        let joined = digits
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | u32::from(d) << (18 - 6 * i));
        let [_, a, b, c] = joined.to_be_bytes();
        bytes.extend_from_slice(&[a, b, c][..digits.len().saturating_sub(1)]);
    }
    String::from_utf8(bytes).ok()
}

#[test]
fn a_quote_is_copied_with_the_names_given() {
    let state = folder("quote").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("2 江滨");
    session.send("\tjr\x15Jiang Bin\r");
    session.wait_for_text("江滨 is now called Jiang Bin");
    quit(&mut session);
    let mut again = reader(&state, &[]);
    again.wait_for_text("2 Jiang Bin");
    again.send("]vjy");
    again.wait_for_text("copied 2 lines of turn 2 (Jiang Bin) to the clipboard");
    let copied = clipboard(again.written()).expect("an OSC 52 write");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines.len(), 2, "{copied}");
    assert!(
        lines[0].starts_with("> 主持人好!各位网友好!我是江滨"),
        "{copied}"
    );
    assert!(!lines[0].contains('\n'));
    assert_eq!(
        lines[1],
        "> — Jiang Bin · turn 2 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨"
    );
    quit(&mut again);
}

#[test]
fn highlights_are_kept_marked_and_printed() {
    let state = folder("highlights").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("turn 1/25");
    session.send(":3\r*");
    session.wait_for_text("highlighted turn 3");
    session.send(":6\rvj*");
    session.wait_for_text("highlighted 2 lines of turn 6");
    quit(&mut session);
    let mut again = reader(&state, &[]);
    again.wait_for_text("turn 6/25");
    again.send("g");
    again.wait_for_text("turn 1/25");
    again.settle();
    // The third turn's line carries the mark in the gutter, and the timeline shows one.
    let rows = again.rows();
    let marked = rows
        .lines()
        .find(|line| line.contains("据我所知"))
        .unwrap_or_default();
    assert!(marked.contains("││▌ 据我所知"), "{rows}");
    assert!(rows.contains('★'), "{rows}");
    quit(&mut again);

    let markdown = print(&state, &["--highlights", SAMPLE]);
    let blocks: Vec<&str> = markdown.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{markdown}");
    assert!(
        blocks[0].starts_with("> 据我所知,牡丹江是一座历史名城"),
        "{markdown}"
    );
    assert!(
        blocks[0]
            .ends_with("> — 主持人 · turn 3 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨")
    );
    assert!(blocks[1].starts_with("> 从2010年开始"), "{markdown}");
    let json = print(&state, &["--highlights", "--json", SAMPLE]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["highlights"][0]["turn"], 3);
    assert_eq!(value["highlights"][1]["speaker"], "江滨");
}

#[test]
fn the_search_history_comes_back() {
    let state = folder("history").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("turn 1/25");
    session.send("/消防\r");
    session.wait_for_text("1/16 ");
    quit(&mut session);
    let mut again = reader(&state, &[]);
    again.wait_for_text("Speakers");
    again.send("g/");
    again.send("\x1b[A");
    again.wait_for_text("/消防");
    again.send("\r");
    again.wait_for_text("1/16 ");
    quit(&mut again);
}

#[test]
fn a_damaged_state_file_is_moved_aside_and_reading_goes_on() {
    let dir = folder("damaged");
    let state = dir.join("state.sqlite3");
    std::fs::write(&state, b"not a database at all; ".repeat(200)).expect("written");
    let mut session = reader(&state, &[]);
    session.wait_for_text("the state file was damaged");
    session.send(":3\r");
    session.wait_for_text("turn 3/25");
    assert!(
        !status(&session).contains("not remembered"),
        "the new file keeps"
    );
    quit(&mut session);
    let aside = std::fs::read_dir(&dir)
        .expect("listed")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("state.sqlite3.corrupt-"))
        .count();
    assert_eq!(aside, 1);
    // The new file remembers.
    let mut again = reader(&state, &[]);
    again.wait_for_text("turn 3/25");
    quit(&mut again);
}

#[test]
fn an_unwritable_place_means_reading_without_remembering() {
    let dir = folder("unwritable");
    // A file where a folder should be: nothing can be made below it, even by root.
    std::fs::write(dir.join("file"), b"").expect("written");
    let state = dir.join("file/fangtan/state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("not remembering");
    session.send(":4\r");
    session.wait_for_text("turn 4/25");
    session.wait_for_text("not remembered");
    session.send("\tr\x15Host\r");
    session.wait_for_text("1 Host");
    assert!(
        status(&session).contains("not remembered"),
        "{}",
        status(&session)
    );
    quit(&mut session);
    assert!(!state.exists());
}

#[test]
fn two_readers_at_once_both_keep_their_changes() {
    let state = folder("two").join("state.sqlite3");
    let mut first = reader(&state, &[]);
    let mut second = reader(&state, &[]);
    first.wait_for_text("1 主持人");
    second.wait_for_text("1 主持人");
    first.send("\tr\x15Host\r");
    first.wait_for_text("1 Host");
    second.send(":7\r*");
    second.wait_for_text("highlighted turn 7");
    quit(&mut first);
    quit(&mut second);
    let printed = print(&state, &["-p", SAMPLE]);
    assert!(printed.contains("\nHost\n"), "{printed}");
    let highlights = print(&state, &["--highlights", SAMPLE]);
    assert!(highlights.contains("> — Host · turn 7"), "{highlights}");
}

#[test]
fn a_change_is_kept_through_kill_9() {
    let state = folder("kill").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("1 主持人");
    session.send("\tr\x15Host\r");
    session.wait_for_text("主持人 is now called Host");
    session.kill("KILL");
    let status = session.wait_exit_status();
    assert!(!status.success());
    let printed = print(&state, &["-p", SAMPLE]);
    assert!(printed.contains("\nHost\n"), "{printed}");
}

#[test]
fn no_state_reads_and_writes_nothing() {
    let dir = folder("none");
    let state = dir.join("state.sqlite3");
    // Something remembered, which --no-state must not show.
    let mut session = reader(&state, &[]);
    session.wait_for_text("1 主持人");
    session.send("\tr\x15Host\r");
    session.wait_for_text("1 Host");
    quit(&mut session);

    let untouched = dir.join("never.sqlite3");
    let mut session = reader(&untouched, &["--no-state"]);
    session.wait_for_text("1 主持人");
    session.send(":9\rma*\tr\x15Someone\r");
    session.wait_for_text("1 Someone");
    quit(&mut session);
    let mut session = reader(&state, &["--no-state"]);
    session.wait_for_text("1 主持人");
    quit(&mut session);
    // The printing modes make no file either.
    print(&untouched, &["-p", SAMPLE]);
    print(&untouched, &["--json", SAMPLE]);
    print(&untouched, &["--stats", SAMPLE]);
    let left: Vec<String> = std::fs::read_dir(&dir)
        .expect("listed")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("never"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_state_file_is_chosen_by_option_then_environment_then_config_then_xdg() {
    use fangtan::cli::{Config, Environment};
    use fangtan::state::Location;
    let resolve = |args: &[&str], env: &Environment| {
        let args = std::iter::once("fangtan")
            .chain(args.iter().copied())
            .map(Into::into);
        Config::resolve(args, env).expect("resolves").state
    };
    let file = |path: &str| Location::File(PathBuf::from(path));
    let bare = Environment {
        home: Some("/home/u".into()),
        ..Environment::default()
    };
    assert_eq!(
        resolve(&[], &bare),
        file("/home/u/.local/state/fangtan/state.sqlite3")
    );
    let xdg = Environment {
        xdg_state_home: Some("/xdg".into()),
        ..bare.clone()
    };
    assert_eq!(resolve(&[], &xdg), file("/xdg/fangtan/state.sqlite3"));
    let configured = Environment {
        config: Some(("c.toml".into(), "state = \"/c.sqlite3\"\n".into())),
        ..xdg.clone()
    };
    assert_eq!(resolve(&[], &configured), file("/c.sqlite3"));
    let env = Environment {
        state: Some("/env.sqlite3".into()),
        ..configured
    };
    assert_eq!(resolve(&[], &env), file("/env.sqlite3"));
    assert_eq!(
        resolve(&["--state", "/o.sqlite3"], &env),
        file("/o.sqlite3")
    );
    assert_eq!(resolve(&["--no-state"], &env), Location::Off);
    let off = Environment {
        config: Some(("c.toml".into(), "no-state = true\n".into())),
        ..xdg
    };
    assert_eq!(resolve(&[], &off), Location::Off);
}

#[test]
fn highlights_say_when_there_are_none_and_need_a_state() {
    let state = folder("no-highlights").join("state.sqlite3");
    let output = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(["--highlights", SAMPLE])
        .env("FANGTAN_STATE", &state)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no highlights"), "{stderr}");
    assert!(!state.exists(), "printing makes no state file");
    let refused = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(["--highlights", "--no-state", SAMPLE])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn json_with_renamed_speakers_loads_and_prints_the_same() {
    let state = folder("json-names").join("state.sqlite3");
    let mut session = reader(&state, &[]);
    session.wait_for_text("2 江滨");
    session.send("\tjr\x15Jiang Bin\r");
    session.wait_for_text("2 Jiang Bin");
    quit(&mut session);
    let json = print(&state, &["--json", SAMPLE]);
    let file = folder("json-names-file").join("talk.json");
    std::fs::write(&file, &json).expect("written");
    let again = print(&state, &["--json", file.to_str().expect("a path")]);
    assert_eq!(again, json);
    assert!(json.contains("\"name\": \"Jiang Bin\",\n      \"label\": \"江滨\""));
}
