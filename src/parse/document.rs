//! A document as the label inference reads it: an arena of text and its non-blank lines, each
//! with its source line number, the blank lines before it and, for Markdown, what kind of
//! line it was. Plain text is its own arena ([`Document::plain`]); Markdown is rendered into
//! one (see [`super::markdown`]).

use std::ops::Range;

use super::labels::LineKind;

/// One non-blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLine {
    /// Byte range in the arena, without the line end and trailing spaces.
    pub start: u32,
    /// End of the range.
    pub end: u32,
    /// 1-based line in the source file.
    pub number: u32,
    /// Blank lines between this line and the one before (saturating).
    pub blanks_before: u16,
    /// A thematic break (`---` in Markdown): no text.
    pub rule: bool,
    /// The line goes on with the line before it: Markdown's soft line break, or a hard-wrapped
    /// plain text. It still starts a turn if it holds a label.
    pub joins: bool,
    /// The line is quoted (a Markdown block quote).
    pub quote: bool,
    /// What the line is in Markdown.
    pub kind: LineKind,
}

impl DocLine {
    /// The byte range in the arena.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The arena and its lines.
#[derive(Debug, Default)]
pub struct Document {
    /// The text every line is a range of.
    pub text: String,
    /// Non-blank lines, in order.
    pub lines: Vec<DocLine>,
    /// A title found outside the lines (Markdown front matter).
    pub title: Option<String>,
    /// Header lines found outside the lines (Markdown front matter).
    pub header: Vec<String>,
}

impl Document {
    /// The text of a line.
    pub fn line(&self, line: &DocLine) -> &str {
        &self.text[line.range()]
    }

    /// A plain-text file as a document: the file is the arena, a BOM is dropped, `\r\n` and a
    /// lone `\r` (old Mac files) end lines.
    pub fn plain(mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.replace_range(..3, "");
        }
        let bytes = text.as_bytes();
        if memchr::memchr(b'\r', bytes).is_some() && memchr::memchr(b'\n', bytes).is_none() {
            // Old Mac line ends: the same length in bytes, so ranges stay ranges of the file.
            text = text.replace('\r', "\n");
        }
        // Room for lines of 32 bytes and more (up to four million), without a copy as the list
        // grows; what is reserved and never written costs no memory.
        let mut lines = Vec::with_capacity((text.len() / 32).min(1 << 22) + 16);
        let mut start = 0;
        let mut number: u32 = 0;
        let mut blanks: u16 = 0;
        let bytes = text.as_bytes();
        while start <= text.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
            number = number.saturating_add(1);
            let content = text[start..end].trim_end_matches(is_space);
            if content.trim_start_matches(is_space).is_empty() {
                blanks = blanks.saturating_add(1);
            } else {
                lines.push(DocLine {
                    start: offset(start),
                    end: offset(start + content.len()),
                    number,
                    blanks_before: blanks,
                    rule: false,
                    joins: false,
                    quote: false,
                    kind: LineKind::Text,
                });
                blanks = 0;
            }
            if end == text.len() {
                break;
            }
            start = end + 1;
        }
        let mut document = Self {
            text,
            lines,
            ..Self::default()
        };
        if let Some(measure) = document.wrap_measure() {
            // A line goes on from the one above when that one was filled to the measure, as a
            // reflowing editor decides; an indented line starts a paragraph.
            for index in 1..document.lines.len() {
                let above = document.width(index - 1);
                let line = document.lines[index];
                let indented = document.line(&line).starts_with(is_space);
                document.lines[index].joins =
                    line.blanks_before == 0 && !indented && above * 4 >= measure * 3;
            }
        }
        document
    }

    /// The columns of line `index`, its indentation left out.
    fn width(&self, index: usize) -> usize {
        columns(self.line(&self.lines[index]).trim_start_matches(is_space))
    }

    /// The width the text was wrapped to by hand (a hearing record, a text file from an
    /// e-mail), if it was: the lines of its paragraphs fill up to about the same column, and
    /// paragraphs run over several lines. Texts with a paragraph per line have none.
    fn wrap_measure(&self) -> Option<usize> {
        const SAMPLE: usize = 4000;
        let count = self.lines.len().min(SAMPLE);
        if count < 4 {
            return None;
        }
        let mut widths: Vec<usize> = (0..count).map(|index| self.width(index)).collect();
        widths.sort_unstable();
        let measure = widths[count * 9 / 10];
        let full = widths.iter().filter(|&&w| w * 4 >= measure * 3).count();
        let followed = (1..count)
            .filter(|&index| {
                self.lines[index].blanks_before == 0 && self.width(index - 1) * 4 >= measure * 3
            })
            .count();
        ((30..=100).contains(&measure) && full * 10 >= count * 3 && followed * 5 >= count)
            .then_some(measure)
    }
}

/// An offset as stored in a [`DocLine`]. Texts are under 4 GiB (the loader refuses larger
/// ones), so this never saturates in practice.
pub fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Spaces, including the ideographic space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Display columns, a non-ASCII character counting two (close enough for line lengths).
pub fn columns(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}
