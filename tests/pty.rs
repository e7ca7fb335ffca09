//! End to end: the real binary in a pseudo-terminal, its screen read back with a terminal
//! parser. These check what only a real terminal shows: the alternate screen, the cursor,
//! mouse capture, resizing, and that quitting leaves the terminal as it was.

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// The reader running in a pseudo-terminal.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    child: Box<dyn Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_fangtan"));
        command.args(args);
        Self::start_command(command, cols, rows)
    }

    /// Runs a shell command line in the terminal, for pipes into fangtan.
    fn start_shell(script: &str, cols: u16, rows: u16) -> Self {
        let mut command = CommandBuilder::new("sh");
        command.args(["-c", script]);
        Self::start_command(command, cols, rows)
    }

    fn start_command(mut command: CommandBuilder, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("fangtan starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut buffer = [0; 65536];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            master: pair.master,
            writer,
            output,
            parser: vt100::Parser::new(rows, cols, 0),
            child,
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("typed");
        self.writer.flush().expect("flushed");
    }

    /// Reads output until the program has been quiet for a moment, so that no frame drawn for
    /// the old size arrives after the parser has been resized (vt100 panics on those).
    fn settle(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(150)) {
            self.parser.process(&bytes);
        }
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.settle();
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resized");
        self.parser.screen_mut().set_size(rows, cols);
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until the screen satisfies `ready`; panics with the screen if it never does.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !ready(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.parser.process(&bytes);
            }
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(text, |screen| screen.contents().contains(text));
    }

    /// Waits for the process to exit and returns its status code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("status") {
                // Drain what the child wrote last (the terminal restore).
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                }
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "fangtan did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn read_jump_resize_and_quit_to_an_intact_terminal() {
    let mut session = Session::start(&[], 100, 30);
    session.wait_for_text("turn 1/25");
    session.wait_for_text("各位网友,大家好");
    session.wait_for_text("Speakers");
    assert!(session.parser.screen().alternate_screen());

    session.send("G");
    session.wait_for_text("turn 25/25");
    session.wait_for_text("立即注册");

    session.send(":12\r");
    session.wait_for_text("turn 12/25");

    session.send("2");
    session.wait_for_text("turn 14/25");

    session.resize(20, 6);
    session.wait_for("the 20×6 layout", |screen| {
        screen
            .contents()
            .lines()
            .next()
            .is_some_and(|line| line.starts_with('┌'))
            && !screen.contents().contains("Speakers")
    });
    session.resize(100, 30);
    session.wait_for_text("Speakers");
    session.wait_for_text("turn 14/25");

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let screen = session.parser.screen();
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
    let mut session = Session::start(&[], 100, 30);
    session.wait_for_text("各位网友,大家好");
    session.send("/消");
    session.wait_for_text("/消");
    session.send("防");
    session.wait_for_text("1/16 ");
    // Every 消防 on screen is highlighted (a background colour), and one stands out.
    let highlighted = highlighted_matches(session.parser.screen(), "消防");
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
    assert!(!session.parser.screen().alternate_screen());
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
    let mut session = Session::start(&[path.to_str().expect("path")], 100, 30);
    session.wait_for_text("turn 1/");
    session.send("G");
    session.wait_for_text("100%");
    session.wait_for_text("立即注册");
    let screen = session.screen();
    let status = screen.lines().last().unwrap_or_default().to_owned();
    let (shown, total) = status
        .split("turn ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|turns| turns.split_once('/'))
        .expect("a turn counter");
    assert_eq!(shown, total, "{status}");
    assert!(!total.ends_with('…'), "{status}");
    assert!(
        total.parse::<usize>().expect("a number") > 40_000,
        "{status}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_search_option_opens_with_the_search_active() {
    let mut session = Session::start(&["-s", "宁安"], 100, 30);
    session.wait_for_text("1/5 ");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn several_files_are_read_one_after_another() {
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = format!("{root}/assets/mudanjiang-police-interview.txt");
    let srt = format!("{root}/tests/fixtures/podcasting20_example_speakers.srt");
    let mut session = Session::start(&[&sample, &srt], 100, 30);
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
    let mut session = Session::start_shell(&script, 100, 30);
    session.wait_for_text("Travis · 00:00:00");
    session.wait_for_text("standard input");
    session.send(":n\r");
    session.wait_for_text("各位网友,大家好");
    session.send(":p\r");
    session.wait_for_text("Travis · 00:00:00");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
