//! A program running in a pseudo-terminal, its screen read back with the `vt100` terminal
//! parser: shared by the end-to-end tests (`tests/pty.rs`) and the side-by-side benchmark
//! (`benches/terminal.rs`), which each use the part they need.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A program in a pseudo-terminal.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    child: Box<dyn Child + Send + Sync>,
    /// How long to wait for the screen to show something before failing.
    patience: Duration,
}

impl Session {
    /// Starts `command` in a terminal of `cols` × `rows`.
    pub fn start(mut command: CommandBuilder, cols: u16, rows: u16, patience: Duration) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty");
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env("LC_ALL", "C.UTF-8");
        command.env_remove("NO_COLOR");
        let child = pair
            .slave
            .spawn_command(command)
            .expect("the program starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut buffer = [0; 1 << 16];
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
            patience,
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typed");
        self.writer.flush().expect("flushed");
    }

    /// Reads output until the program has been quiet for a moment. Call it before a resize:
    /// vt100 panics on a frame drawn for the old size that arrives after the new one.
    pub fn settle(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(150)) {
            self.parser.process(&bytes);
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
                self.parser.process(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.parser.process(&more);
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
        let deadline = Instant::now() + self.patience;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("status") {
                // Take in what it wrote last: the terminal restore.
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                }
                return status.exit_code();
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

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}
