//! The terminal, taken over and given back: raw mode, the alternate screen and mouse
//! reporting on the way in; all of it undone on the way out, whatever the way out is (quit,
//! error, panic, SIGTERM, SIGHUP, SIGINT), and around a suspend (`Ctrl-z`, SIGTSTP).

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::Sender;

use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use super::app::{App, Effect};
use super::incoming::Incoming;
use super::ui;

/// The terminal while the reader has it.
pub struct Screen {
    terminal: DefaultTerminal,
    /// The controlling terminal, for questions to it (standard input may be a pipe).
    tty: Option<File>,
    /// Set when the terminal was given back, so it is not given back twice.
    restored: bool,
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screen")
            .field("restored", &self.restored)
            .finish_non_exhaustive()
    }
}

impl Screen {
    /// Takes the terminal over. ratatui's panic hook restores the screen; mouse capture is
    /// ours to undo, so the hook is wrapped.
    pub fn enter() -> anyhow::Result<Self> {
        let terminal = ratatui::init();
        let restore_screen = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            restore_screen(info);
        }));
        let tty = File::options().read(true).write(true).open("/dev/tty").ok();
        let screen = Self {
            terminal,
            tty,
            restored: false,
        };
        execute!(io::stdout(), EnableMouseCapture)?;
        Ok(screen)
    }

    /// The controlling terminal, to ask questions of.
    pub fn tty(&mut self) -> Option<&mut File> {
        self.tty.as_mut()
    }

    /// The terminal's size in columns and rows.
    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draws the app's state.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        self.terminal.draw(|frame| ui::render(app, frame))?;
        Ok(())
    }

    /// Clears the screen and makes the next draw redraw every cell (after the terminal was
    /// given back a while, or a question printed on it). Not ratatui's `clear`, which asks the
    /// terminal where its cursor is and would wait for an answer the input thread takes.
    pub fn clear(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }

    /// Puts `text` on the clipboard with OSC 52, which terminals (and tmux, with
    /// `set-clipboard on`) pass to the system clipboard, even over ssh.
    pub fn copy(&mut self, text: &str) -> io::Result<()> {
        let mut out = io::stdout();
        write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
        out.flush()
    }

    /// Gives the terminal back as it was.
    pub fn restore(&mut self) {
        if self.restored {
            return;
        }
        self.restored = true;
        // Nothing more can be done if the terminal refuses; keep restoring the rest.
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
        let _ = out.flush();
    }

    /// Takes the terminal over again after [`Self::restore`].
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        self.restored = false;
        self.terminal.hide_cursor()?;
        self.clear()
    }

    /// `Ctrl-z`: gives the terminal back, stops as the shell's job control expects, and takes
    /// the terminal again when continued (`fg`).
    pub fn suspend(&mut self) -> anyhow::Result<()> {
        self.restore();
        // Stops the process here, as the default SIGTSTP action would; returns on SIGCONT.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        self.resume()?;
        Ok(())
    }

    /// Carries out a signal: a stop suspends, a continue takes the terminal back (a SIGSTOP
    /// nobody could catch may have left it to the shell), any other ends the program.
    pub fn signal(&mut self, signal: i32) -> anyhow::Result<Effect> {
        match signal {
            SIGTSTP => Ok(Effect::Suspend),
            SIGCONT => {
                self.resume()?;
                Ok(Effect::None)
            }
            _ => {
                self.restore();
                // Ends the process the way the signal would have, so the parent sees it.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        }
    }
}

/// Whether a signal ends the program (rather than stopping or continuing it).
pub fn ends(signal: i32) -> bool {
    !matches!(signal, SIGTSTP | SIGCONT)
}

impl Drop for Screen {
    fn drop(&mut self) {
        self.restore();
    }
}

/// Sends the signals the reader handles to the event loop, from a thread of their own.
pub fn forward_signals(sender: Sender<Incoming>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if sender.send(Incoming::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Sends the terminal's events to the event loop, from a thread of their own, so that the
/// loop wakes for whichever comes first: a key, a file, a signal.
pub fn forward_input(sender: Sender<Incoming>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let message = match event::read() {
                    Ok(event) => Incoming::Terminal(event),
                    Err(error) => Incoming::InputFailed(error.to_string()),
                };
                let failed = matches!(message, Incoming::InputFailed(_));
                if sender.send(message).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Standard base64, for OSC 52; a dozen lines do not need a crate.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_as_the_rfc_says() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(plain.as_bytes()), encoded);
        }
    }
}
