//! A passage of a transcript as a quote with who said it: what `y` copies and what
//! `--highlights` prints. The text is the source's, without the wrap's line breaks; each turn
//! the passage touches is quoted on its own, followed by its attribution, in Markdown:
//!
//! ```text
//! > 我们在全市推行了“一村一泵”的模式。
//! > — 江滨 · turn 12 · 00:12:03 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨
//! ```

use std::ops::Range;

use serde::Serialize;

use crate::conversation;
use crate::layout;
use crate::model::Transcript;

/// Characters of a title kept in an attribution line; a longer one ends in `…`.
const SOURCE_CHARS: usize = 40;

/// The part of a passage that lies in one turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The turn.
    pub turn: usize,
    /// The arena bytes of the passage in it.
    pub range: Range<usize>,
    /// Its paragraphs' text within the passage, cleaned (line breaks joined, controls shown).
    pub paragraphs: Vec<String>,
}

/// The parts of arena range `range` in each turn it touches, in order; text between turns
/// (notes, labels) is left out.
pub fn parts(transcript: &Transcript, range: &Range<usize>) -> Vec<Part> {
    let first = conversation::turn_at_byte(transcript, range.start);
    let ranges = transcript.paragraph_ranges();
    let mut found = Vec::new();
    for turn in first..transcript.turns.len() {
        let span = transcript.turn_span(&transcript.turns[turn]);
        if span.start >= range.end {
            break;
        }
        let paragraphs: Vec<String> = ranges[transcript.turns[turn].paragraphs.clone()]
            .iter()
            .filter_map(|paragraph| {
                let start = paragraph.start.max(range.start);
                let end = paragraph.end.min(range.end);
                (start < end).then(|| clean(transcript.text().get(start..end).unwrap_or_default()))
            })
            .filter(|text| !text.is_empty())
            .collect();
        if !paragraphs.is_empty() {
            found.push(Part {
                turn,
                range: span.start.max(range.start)..span.end.min(range.end),
                paragraphs,
            });
        }
    }
    found
}

/// Text as a quote shows it: line breaks in it joined with a space, tabs and control
/// characters made visible (a clipboard is pasted into terminals too), ends trimmed.
fn clean(text: &str) -> String {
    let joined: String = text
        .split(['\r', '\n'])
        .filter(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    layout::sanitize(&joined).trim().to_owned()
}

/// What a quote says it comes from: the transcript's title, else the file's name; a long one
/// is cut with `…`.
pub fn source(transcript: &Transcript, file: &str) -> String {
    let title = transcript
        .title
        .as_deref()
        .map(clean)
        .filter(|title| !title.is_empty());
    let name = title.unwrap_or_else(|| {
        let base = file.rsplit('/').next().unwrap_or(file);
        clean(base)
    });
    if name.chars().count() > SOURCE_CHARS {
        let cut: String = name.chars().take(SOURCE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        name
    }
}

/// The attribution of turn `turn`: `江滨 · turn 12 · 00:12:03 · 访谈录…` (no name for an
/// unnamed speaker, no time where the source has none).
pub fn attribution(transcript: &Transcript, turn: usize, source: &str) -> String {
    let (name, time) = conversation::speaker_label(transcript, turn);
    let mut pieces = Vec::new();
    if !name.is_empty() {
        pieces.push(name);
    }
    pieces.push(format!("turn {}", turn + 1));
    pieces.extend(time);
    if !source.is_empty() {
        pieces.push(source.to_owned());
    }
    pieces.join(" · ")
}

/// A passage as Markdown: each turn's part as a block quote (paragraphs apart), its last line
/// the attribution; parts apart by a blank line. Ends with a newline; empty for a passage of
/// no turn's text.
pub fn markdown(transcript: &Transcript, range: &Range<usize>, source: &str) -> String {
    let mut out = String::new();
    for part in parts(transcript, range) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&part_markdown(transcript, &part, source));
    }
    out
}

/// One part as a Markdown block quote with its attribution.
fn part_markdown(transcript: &Transcript, part: &Part, source: &str) -> String {
    let mut out = String::new();
    for (index, paragraph) in part.paragraphs.iter().enumerate() {
        if index > 0 {
            out.push_str(">\n");
        }
        out.push_str("> ");
        out.push_str(paragraph);
        out.push('\n');
    }
    out.push_str("> — ");
    out.push_str(&attribution(transcript, part.turn, source));
    out.push('\n');
    out
}

/// `--highlights`: each highlighted part, in transcript order, as Markdown.
pub fn highlights_markdown(
    out: &mut impl std::io::Write,
    transcript: &Transcript,
    highlights: &[Range<usize>],
    source: &str,
) -> std::io::Result<()> {
    let mut first = true;
    for range in highlights {
        for part in parts(transcript, range) {
            if !std::mem::take(&mut first) {
                writeln!(out)?;
            }
            out.write_all(part_markdown(transcript, &part, source).as_bytes())?;
        }
    }
    Ok(())
}

/// `--highlights --json`: one document for a file, its highlights in transcript order.
#[derive(Debug, Serialize)]
pub struct HighlightsJson<'a> {
    /// The shape's version.
    pub version: u32,
    /// The file's name.
    pub file: &'a str,
    /// The transcript's title.
    pub title: Option<&'a str>,
    /// The highlights.
    pub highlights: Vec<HighlightJson>,
}

/// One highlighted part of a turn.
#[derive(Debug, Serialize)]
pub struct HighlightJson {
    /// The turn's number, from 1.
    pub turn: usize,
    /// Who speaks it, by the name the reading state gives.
    pub speaker: String,
    /// The speaker's original label, when the reading state renamed them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The turn's start time in seconds, where the source has times.
    pub start: Option<f64>,
    /// The 1-based source line where the turn begins, for sources with lines.
    pub line: Option<usize>,
    /// The highlighted text, paragraphs apart by a blank line.
    pub text: String,
    /// The highlighted arena bytes.
    pub bytes: [usize; 2],
}

impl<'a> HighlightsJson<'a> {
    /// The document for a transcript's highlights.
    pub fn new(transcript: &'a Transcript, highlights: &[Range<usize>], file: &'a str) -> Self {
        let highlights = highlights
            .iter()
            .flat_map(|range| parts(transcript, range))
            .map(|part| {
                let turn = &transcript.turns[part.turn];
                HighlightJson {
                    turn: part.turn + 1,
                    speaker: transcript.speaker_of(turn).name.clone(),
                    label: transcript.label(turn.speaker).map(str::to_owned),
                    start: turn.start,
                    line: turn.line,
                    text: part.paragraphs.join("\n\n"),
                    bytes: [part.range.start, part.range.end],
                }
            })
            .collect();
        Self {
            version: 1,
            file,
            title: transcript.title.as_deref(),
            highlights,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

    #[test]
    fn a_turn_quoted_with_who_said_it() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let span = transcript.turn_span(&transcript.turns[1]);
        let source = source(&transcript, "x.txt");
        let quote = markdown(&transcript, &span, &source);
        assert!(
            quote.starts_with("> 主持人好!各位网友好!我是江滨"),
            "{quote}"
        );
        assert!(
            quote.ends_with(
                "\n> — 江滨 · turn 2 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨\n"
            ),
            "{quote}"
        );
        assert_eq!(quote.lines().count(), 2);
    }

    #[test]
    fn a_passage_across_turns_is_quoted_turn_by_turn() {
        let transcript =
            crate::parse::text::parse("A: one two three\n\nB: four\nfive\nA: six\n".to_owned());
        let start = transcript.text().find("two").unwrap_or(0);
        let end = transcript.text().find("five").unwrap_or(0) + 2;
        let quote = markdown(&transcript, &(start..end), "talk.txt");
        assert_eq!(
            quote,
            "> two three\n> — A · turn 1 · talk.txt\n\n> four\n>\n> fi\n> — B · turn 2 · talk.txt\n"
        );
    }

    #[test]
    fn long_titles_are_cut_and_files_lose_their_directory() {
        let mut transcript = crate::parse::text::parse("A: x\nA: y\n".to_owned());
        assert_eq!(source(&transcript, "/tmp/dir/talk.txt"), "talk.txt");
        transcript.title = Some("很".repeat(50));
        let cut = source(&transcript, "t");
        assert_eq!(cut.chars().count(), SOURCE_CHARS);
        assert!(cut.ends_with('…'));
    }
}
