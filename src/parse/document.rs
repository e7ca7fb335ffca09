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
        if memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some() {
            // Old Mac line ends: the same length in bytes, so ranges stay ranges of the file.
            text = text.replace('\r', "\n");
        }
        let lines = split_lines(&text);
        let mut document = Self {
            text,
            lines,
            ..Self::default()
        };
        document.drop_line_numbers();
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

    /// A court transcript copied from its pages numbers every line (` 1   Q.  …`, ` 2   A.  …`,
    /// up to 25 or so a page, then 1 again): the numbers are the page's, not the text's. When
    /// most lines open so, the numbers are left out of the lines, and a line that holds only
    /// its number counts as blank.
    fn drop_line_numbers(&mut self) {
        const SAMPLE: usize = 2000;
        let count = self.lines.len().min(SAMPLE);
        let mut numbered = 0;
        let mut in_order = 0;
        let mut previous = 0;
        for line in &self.lines[..count] {
            if let Some((number, _)) = line_number(self.line(line)) {
                numbered += 1;
                in_order += usize::from(number == previous + 1 || number == 1);
                previous = number;
            }
        }
        if count < 5 || numbered * 5 < count * 4 || in_order * 5 < numbered * 4 {
            return;
        }
        let mut blanks = 0_u32;
        let mut kept = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            let text = self.line(line);
            let mut line = *line;
            if let Some((_, used)) = line_number(text) {
                if used >= text.len() {
                    blanks += 1 + u32::from(line.blanks_before);
                    continue;
                }
                line.start += offset(used);
            }
            line.blanks_before = saturate(u32::from(line.blanks_before) + blanks);
            blanks = 0;
            kept.push(line);
        }
        self.lines = kept;
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
        // Lines wrapped by hand stop at the measure; a page copied a paragraph to a line has
        // lines far wider than most.
        let widest = widths[(count * 49 / 50).min(count - 1)];
        if widest > measure + measure / 5 + 2 {
            return None;
        }
        let full = widths.iter().filter(|&&w| w * 4 >= measure * 3).count();
        let followed: Vec<usize> = (1..count)
            .filter(|&index| {
                self.lines[index].blanks_before == 0 && self.width(index - 1) * 4 >= measure * 3
            })
            .collect();
        // A line wrapped by hand mostly stops in the middle of a sentence; a paragraph copied
        // to a line of its own stops at its end.
        let open = followed
            .iter()
            .filter(|&&index| !ends_sentence(self.line(&self.lines[index - 1])))
            .count();
        ((30..=100).contains(&measure)
            && full * 10 >= count * 3
            && followed.len() * 5 >= count
            && open * 2 >= followed.len())
        .then_some(measure)
    }
}

/// The number opening a court reporter's line (` 12   Q.  …`, or ` 12` alone), and the bytes
/// it takes with the gap after it.
fn line_number(text: &str) -> Option<(u32, usize)> {
    let rest = text.trim_start_matches(' ');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = &rest[digits..];
    let speech = after.trim_start_matches([' ', '\t']);
    let gap = after.len() - speech.len();
    if !(speech.is_empty() || gap >= 2 || after.starts_with('\t')) {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    Some((number, text.len() - speech.len()))
}

/// Bytes below which one thread splits the whole text into lines.
const BYTES_PER_THREAD: usize = 4 << 20;

/// The non-blank lines of a text, split on every core for a large text: each thread splits a
/// stretch that starts at a line's start, and the stretches are joined, their line numbers and
/// the blank lines at their seams carried over.
fn split_lines(text: &str) -> Vec<DocLine> {
    split_lines_on(text, super::parallel::threads(text.len(), BYTES_PER_THREAD))
}

/// [`split_lines`] on `threads` threads.
fn split_lines_on(text: &str, threads: usize) -> Vec<DocLine> {
    // Each stretch starts just after the first line end at or past its share of the text.
    let mut bounds = vec![0];
    let mut last = 0;
    for part in 1..threads {
        let from = (text.len() / threads * part).max(last);
        if let Some(newline) = memchr::memchr(b'\n', &text.as_bytes()[from..]) {
            last = from + newline + 1;
            bounds.push(last);
        }
    }
    bounds.push(text.len());
    bounds.dedup();
    let jobs: Vec<_> = bounds
        .windows(2)
        .map(|pair| {
            let (from, to) = (pair[0], pair[1]);
            move || Stretch::split(text, from, to, to == text.len())
        })
        .collect();
    let mut stretches = super::parallel::run_all(jobs).into_iter();
    let Some(first) = stretches.next() else {
        return Vec::new();
    };
    let mut lines = first.lines;
    let (mut numbered, mut blanks) = (first.numbered, first.blanks_after);
    for stretch in stretches {
        let mut added = stretch.lines.into_iter().map(|line| DocLine {
            number: line.number.saturating_add(numbered),
            ..line
        });
        if let Some(mut line) = added.next() {
            line.blanks_before = saturate(u32::from(line.blanks_before) + blanks);
            lines.push(line);
            lines.extend(added);
            blanks = stretch.blanks_after;
        } else {
            blanks += stretch.blanks_after;
        }
        numbered = numbered.saturating_add(stretch.numbered);
    }
    lines
}

/// A count of blank lines as a [`DocLine`] keeps it.
fn saturate(blanks: u32) -> u16 {
    u16::try_from(blanks).unwrap_or(u16::MAX)
}

/// The non-blank lines of a stretch of text.
struct Stretch {
    lines: Vec<DocLine>,
    /// How many lines (blank ones too) the stretch has.
    numbered: u32,
    /// Blank lines after its last non-blank one.
    blanks_after: u32,
}

impl Stretch {
    /// The lines that start in `from..to`: `from` is a line's start, `to` the start of the
    /// next stretch or, for the last stretch, the end of the text (where an empty last line
    /// starts after a final line end).
    fn split(text: &str, from: usize, to: usize, last: bool) -> Self {
        // Room for lines of 32 bytes and more (up to four million), without a copy as the
        // list grows; what is reserved and never written costs no memory.
        let room = if from == 0 { text.len() } else { to - from };
        let mut lines = Vec::with_capacity((room / 32).min(1 << 22) + 16);
        let bytes = text.as_bytes();
        let mut start = from;
        let mut number: u32 = 0;
        let mut blanks: u32 = 0;
        while start < to || (last && start == to) {
            let end = memchr::memchr(b'\n', &bytes[start..to]).map_or(to, |i| start + i);
            number = number.saturating_add(1);
            let content = text[start..end].trim_end_matches(is_space);
            if content.trim_start_matches(is_space).is_empty() {
                blanks += 1;
            } else {
                lines.push(DocLine {
                    start: offset(start),
                    end: offset(start + content.len()),
                    number,
                    blanks_before: saturate(blanks),
                    rule: false,
                    joins: false,
                    quote: false,
                    kind: LineKind::Text,
                });
                blanks = 0;
            }
            if end == to {
                break;
            }
            start = end + 1;
        }
        Self {
            lines,
            numbered: number,
            blanks_after: blanks,
        }
    }
}

/// Whether a line ends where a sentence does: on a full stop, a question or exclamation mark,
/// an ellipsis, or a closing quote or bracket after one.
fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')')
    });
    text.ends_with(['。', '！', '？', '.', '!', '?', '…', '；'])
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Split on several threads, a text has the same lines as on one: the same ranges,
        /// line numbers and blank lines before, wherever the stretches meet.
        #[test]
        fn lines_split_on_several_threads_are_the_lines_split_on_one(
            text in "[a \n\r\u{3000}。]{0,80}",
            threads in 2_usize..9,
        ) {
            prop_assert_eq!(split_lines_on(&text, threads), split_lines_on(&text, 1));
        }
    }

    /// A text wrapped by hand joins its lines into paragraphs; a page copied a paragraph to a
    /// line, with no blank line between, does not, however many of its lines are long.
    #[test]
    fn only_lines_wrapped_by_hand_join() {
        let wrapped = "The witness said that the records were kept in the office of the\n\
            clerk, and that nobody had looked at them since the spring of last\n\
            year, when the auditors came.\n\
            The chairman asked whether the auditors had been given the keys to\n\
            the cabinet, and the witness said that they had not been given any.\n";
        let joins = |text: &str| {
            Document::plain(text.to_owned())
                .lines
                .iter()
                .any(|l| l.joins)
        };
        assert!(joins(wrapped));
        let page = "导演：讲的是一个小镇家庭三代人的故事，很多细节来自我自己的家，我们在老家拍了三个月。\n\
            主持人：拍摄中最难忘的是什么？\n\
            导演：最难忘的是在老家拍最后一场戏，全村的人都来帮忙，连村口小卖部的老板都来了。\n\
            返回搜狐，查看更多\n\
            责任编辑：\n";
        assert!(!joins(page));
    }

    #[test]
    fn blank_lines_at_a_seam_are_counted_once() {
        let text = "a\n\n\n\nb\n\nc";
        let lines = split_lines_on(text, 4);
        let numbers: Vec<(u32, u16)> = lines.iter().map(|l| (l.number, l.blanks_before)).collect();
        assert_eq!(numbers, [(1, 0), (5, 3), (7, 1)]);
        assert_eq!(lines, split_lines_on(text, 1));
    }
}
