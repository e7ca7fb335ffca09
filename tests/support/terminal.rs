//! A program running in a pseudo-terminal, its screen read back with the `vt100` terminal
//! parser: shared by the end-to-end tests (`tests/pty.rs`) and the side-by-side benchmark
//! (`benches/terminal.rs`), which each use the part they need.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How the pretend terminal answers the questions a program asks it: the cursor position
/// after an ambiguous-width character (ESC [ 6 n), the background colour (OSC 11), the device
/// attributes (ESC [ c). vt100 answers none of them itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers {
    /// Draws ambiguous characters two cells wide (`None`: does not answer).
    pub ambiguous_wide: Option<bool>,
    /// Has a dark background (`None`: does not answer).
    pub dark: Option<bool>,
    /// Answers the device attributes request.
    pub attributes: bool,
}

impl Answers {
    /// Like xterm in its default set-up: narrow, dark, and answering everything.
    pub const XTERM: Self = Self {
        ambiguous_wide: Some(false),
        dark: Some(true),
        attributes: true,
    };
    /// A terminal that answers nothing at all.
    pub const SILENT: Self = Self {
        ambiguous_wide: None,
        dark: None,
        attributes: false,
    };

    /// The replies to the questions in `bytes` (and nothing for what is not a question).
    fn replies(self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let has = |question: &[u8]| bytes.windows(question.len()).any(|w| w == question);
        if let Some(wide) = self.ambiguous_wide.filter(|_| has(b"\x1b[6n")) {
            let column = if wide { 3 } else { 2 };
            out.extend_from_slice(format!("\x1b[1;{column}R").as_bytes());
        }
        if let Some(dark) = self.dark.filter(|_| has(b"\x1b]11;?")) {
            let level = if dark { "0000" } else { "ffff" };
            out.extend_from_slice(format!("\x1b]11;rgb:{level}/{level}/{level}\x1b\\").as_bytes());
        }
        if self.attributes && has(b"\x1b[c") {
            out.extend_from_slice(b"\x1b[?62;22c");
        }
        out
    }
}

/// A program in a pseudo-terminal.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Everything the program wrote, for what the screen does not keep (OSC 52).
    written: Vec<u8>,
    child: Box<dyn Child + Send + Sync>,
    /// How long to wait for the screen to show something before failing.
    patience: Duration,
}

impl Session {
    /// Starts `command` in a terminal of `cols` × `rows` that answers as xterm does.
    pub fn start(command: CommandBuilder, cols: u16, rows: u16, patience: Duration) -> Self {
        Self::start_answering(command, cols, rows, patience, Answers::XTERM)
    }

    /// Starts `command` in a terminal of `cols` × `rows` that answers questions so.
    pub fn start_answering(
        mut command: CommandBuilder,
        cols: u16,
        rows: u16,
        patience: Duration,
        answers: Answers,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty");
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env("LC_ALL", "C.UTF-8");
        command.env_remove("NO_COLOR");
        // Never the user's own reading state: a fresh one for each program, unless the test
        // keeps one across runs.
        if command.get_env("FANGTAN_STATE").is_none() {
            command.env("FANGTAN_STATE", fresh_state());
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("the program starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let answering = Arc::clone(&writer);
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut buffer = [0; 1 << 16];
            while let Ok(n) = reader.read(&mut buffer) {
                let replies = answers.replies(&buffer[..n]);
                if !replies.is_empty() {
                    let mut writer = answering.lock().unwrap_or_else(PoisonError::into_inner);
                    let _ = writer.write_all(&replies);
                    let _ = writer.flush();
                }
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
            written: Vec::new(),
            child,
            patience,
        }
    }

    /// Takes in what the program wrote.
    fn take(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.written.extend_from_slice(bytes);
    }

    /// Everything the program wrote so far.
    pub fn written(&self) -> &[u8] {
        &self.written
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.write_all(keys.as_bytes()).expect("typed");
        writer.flush().expect("flushed");
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Sends the program a signal by name (`TERM`, `TSTP`, `CONT`, …).
    pub fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal}");
    }

    /// Whether the program is stopped (job control), from `/proc`.
    pub fn is_stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The state follows the command name in parentheses.
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('T'))
    }

    /// Reads output until `ready` holds of the program (not of the screen).
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + self.patience;
        while !ready(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{}",
                self.rows()
            );
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(20)) {
                self.take(&bytes);
            }
        }
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(100)) {
            self.take(&bytes);
        }
    }

    /// Reads output until the program has been quiet for a moment. Call it before a resize:
    /// vt100 panics on a frame drawn for the old size that arrives after the new one.
    pub fn settle(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(150)) {
            self.take(&bytes);
        }
    }

    /// Resizes the terminal (and the parser reading it).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.screen_mut().set_size(rows, cols);
        self.master.resize(size(cols, rows)).expect("resized");
    }

    /// The screen as the parser sees it.
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// The screen's text, one line per row (a wrapped line stays on its rows).
    pub fn rows(&self) -> String {
        let screen = self.parser.screen();
        let rows: Vec<String> = screen.rows(0, screen.size().1).collect();
        rows.join("\n")
    }

    /// Reads output until the screen satisfies `ready`; panics with the screen if it never does.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + self.patience;
        while !ready(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                self.rows()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.take(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.take(&more);
                }
            }
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&mut self, text: &str) {
        self.wait_for(text, |screen| screen.contents().contains(text));
    }

    /// Waits until the screen's rows satisfy `ready` and returns the time since `since`.
    pub fn until(&mut self, since: Instant, what: &str, ready: impl Fn(&str) -> bool) -> Duration {
        self.wait_for(what, |screen| {
            let rows: Vec<String> = screen.rows(0, screen.size().1).collect();
            ready(&rows.join("\n"))
        });
        since.elapsed()
    }

    /// Waits for the program to exit and returns its status code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_status().exit_code()
    }

    /// Waits for the program to exit and returns its status.
    pub fn wait_exit_status(&mut self) -> ExitStatus {
        let deadline = Instant::now() + self.patience;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.take(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("status") {
                // Take in what it wrote last: the terminal restore.
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.take(&bytes);
                }
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit:\n{}",
                self.rows()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Peak resident memory of the program, in KiB.
    pub fn peak_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A path for a reading state of its own, in the build's temporary folder, not yet made.
pub fn fresh_state() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let base = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = base.join(format!("state-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("state-{n}.sqlite3"))
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}
