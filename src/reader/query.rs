//! Questions to the terminal at start-up, before the first frame: does it draw East Asian
//! Ambiguous characters (“ ” … — ·) one cell wide or two (a cursor position report after
//! printing one, as vim does), and is its background light or dark (OSC 11)?
//!
//! Every question is followed by a request for the primary device attributes, which every
//! terminal answers: once that answer is in, nothing more is coming, so a terminal that
//! ignores a question costs no wait. One that answers nothing at all costs [`PATIENCE`], and
//! the answers fall back to a narrow measure and a dark background.

use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::app::Options;
use crate::palette::Palette;

/// How long to wait for a terminal that does not answer.
pub const PATIENCE: Duration = Duration::from_millis(150);

/// The ambiguous-width character printed for the cursor position report.
const PROBE: &str = "\u{201c}";

/// What to ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Questions {
    /// Ask how wide ambiguous characters are (neither `--ambiguous-wide` nor
    /// `--ambiguous-narrow` was given).
    pub ambiguous: bool,
    /// Ask for the background colour (`--theme auto`).
    pub background: bool,
}

/// What the terminal said; `None` where it said nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    /// Whether it draws ambiguous characters two cells wide.
    pub ambiguous_wide: Option<bool>,
    /// Whether its background is dark.
    pub dark: Option<bool>,
}

impl Answers {
    /// The options with what the terminal said.
    pub fn apply(self, mut options: Options) -> Options {
        if let Some(wide) = self.ambiguous_wide {
            options.measure.ambiguous_wide = wide;
        }
        if let Some(dark) = self.dark {
            options.palette = if dark { Palette::Dark } else { Palette::Light };
        }
        options
    }
}

/// The bytes that ask `questions`, always ending with the device attributes request.
pub fn request(questions: Questions) -> String {
    let mut text = String::new();
    if questions.ambiguous {
        // Home, the probe, then "where is the cursor now?".
        text.push_str("\x1b[H");
        text.push_str(PROBE);
        text.push_str("\x1b[6n");
    }
    if questions.background {
        text.push_str("\x1b]11;?\x1b\\");
    }
    text.push_str("\x1b[c");
    text
}

/// What the replies read so far say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Replies {
    /// The cursor position report: row and column, 1-based.
    pub cursor: Option<(u16, u16)>,
    /// The background colour, 16 bits per channel.
    pub background: Option<[u16; 3]>,
    /// The device attributes arrived: every answer is in.
    pub done: bool,
}

impl Replies {
    /// The answers these replies give.
    pub fn answers(&self) -> Answers {
        let ambiguous_wide = match self.cursor {
            Some((1, 2)) => Some(false),
            Some((1, 3)) => Some(true),
            _ => None,
        };
        let dark = self.background.map(|[r, g, b]| {
            let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
            luma < 32768.0
        });
        Answers {
            ambiguous_wide,
            dark,
        }
    }
}

/// Reads the replies in `bytes`: `ESC [ row ; col R`, `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended
/// by BEL or ST, `ESC [ ? … c`. Anything else is skipped.
pub fn parse(bytes: &[u8]) -> Replies {
    let mut replies = Replies::default();
    let text = String::from_utf8_lossy(bytes);
    let mut rest: &str = &text;
    while let Some(at) = rest.find('\x1b') {
        rest = &rest[at + 1..];
        if let Some(csi) = rest.strip_prefix('[') {
            let end = csi.find(|c: char| c.is_ascii_alphabetic());
            let Some(end) = end else { break };
            let (body, kind) = (&csi[..end], &csi[end..=end]);
            match kind {
                "R" => {
                    let mut numbers = body.split(';').map(|n| n.parse::<u16>().ok());
                    if let (Some(Some(row)), Some(Some(col))) = (numbers.next(), numbers.next()) {
                        replies.cursor = Some((row, col));
                    }
                }
                "c" if body.starts_with('?') => replies.done = true,
                _ => {}
            }
            rest = &csi[end + 1..];
        } else if let Some(osc) = rest.strip_prefix("]11;") {
            let end = osc.find(['\x07', '\x1b']).unwrap_or(osc.len());
            replies.background = parse_rgb(&osc[..end]).or(replies.background);
            rest = &osc[end..];
        }
    }
    replies
}

/// `rgb:RRRR/GGGG/BBBB`, each channel 1 to 4 hex digits, scaled to 16 bits.
fn parse_rgb(text: &str) -> Option<[u16; 3]> {
    let channels = text.strip_prefix("rgb:")?;
    let mut out = [0; 3];
    let mut parts = channels.split('/');
    for slot in &mut out {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 {
            return None;
        }
        let value = u32::from_str_radix(part, 16).ok()?;
        let max = (1u32 << (4 * part.len())) - 1;
        *slot = u16::try_from(value * 0xffff / max).ok()?;
    }
    Some(out)
}

/// Asks the terminal `questions` on `tty` (in raw mode) and waits for the answers, at most
/// [`PATIENCE`].
pub fn ask<T: Read + Write + AsFd>(tty: &mut T, questions: Questions) -> Answers {
    if questions == Questions::default() {
        return Answers::default();
    }
    if tty.write_all(request(questions).as_bytes()).is_err() || tty.flush().is_err() {
        return Answers::default();
    }
    let deadline = Instant::now() + PATIENCE;
    let mut bytes = Vec::new();
    let mut buffer = [0; 256];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let timeout = Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(0),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let ready = {
            let mut fds = [PollFd::new(&*tty, PollFlags::IN)];
            poll(&mut fds, Some(&timeout)).unwrap_or(0)
        };
        if ready == 0 {
            continue;
        }
        match tty.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
        }
        if parse(&bytes).done {
            break;
        }
    }
    parse(&bytes).answers()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read() {
        let replies = parse(b"\x1b[1;3R\x1b]11;rgb:ffff/ffff/fafa\x1b\\\x1b[?62;22c");
        assert_eq!(replies.cursor, Some((1, 3)));
        assert!(replies.done);
        assert_eq!(
            replies.answers(),
            Answers {
                ambiguous_wide: Some(true),
                dark: Some(false)
            }
        );
        let narrow_dark = parse(b"\x1b[1;2R\x1b]11;rgb:00/00/00\x07\x1b[?1;2c");
        assert_eq!(
            narrow_dark.answers(),
            Answers {
                ambiguous_wide: Some(false),
                dark: Some(true)
            }
        );
        assert_eq!(parse(b"").answers(), Answers::default());
        assert!(!parse(b"\x1b[1;2R").done);
        assert_eq!(parse(b"\x1b[5;9R").answers().ambiguous_wide, None);
    }

    #[test]
    fn the_request_ends_with_the_attributes_question() {
        let both = request(Questions {
            ambiguous: true,
            background: true,
        });
        assert_eq!(both, "\x1b[H\u{201c}\x1b[6n\x1b]11;?\x1b\\\x1b[c");
        assert_eq!(request(Questions::default()), "\x1b[c");
    }
}
