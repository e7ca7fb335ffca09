//! The conversation's layout (SPEC §4), shared by `--print` and the reader.
//!
//! A conversation is a sequence of blocks: the title, each turn, the notes. Each block lays out
//! into rows at a given width on its own, so the reader can lay out only the blocks on screen.
//! Rows refer to text by byte ranges (of the arena for paragraphs, of the title or a note for
//! those), never by copies, so search matches map straight onto them.

use std::ops::Range;

use crate::layout::{self, Measure};
use crate::model::Transcript;

/// Columns a paragraph is indented by.
pub const INDENT: usize = 2;

/// A block of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Block {
    /// The title and the blank line after it.
    Title,
    /// A turn: the speaker line, the paragraphs, a blank line.
    Turn(usize),
    /// The notes after the last turn.
    Notes,
}

/// One visual row of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of the title: a byte range of the title.
    Title(Range<usize>),
    /// A turn's speaker line.
    Speaker(usize),
    /// A line of a paragraph: a byte range of the arena, drawn after the indent.
    Text {
        /// The turn it belongs to.
        turn: usize,
        /// Byte range of the arena.
        range: Range<usize>,
    },
    /// A line of a note: which note, and a byte range of it.
    Note(usize, Range<usize>),
    /// An empty row between blocks.
    Blank,
}

/// The blocks of a transcript in reading order.
pub fn blocks(transcript: &Transcript) -> impl Iterator<Item = Block> + '_ {
    let title = transcript.title.is_some().then_some(Block::Title);
    let notes = (!transcript.notes.is_empty()).then_some(Block::Notes);
    title
        .into_iter()
        .chain((0..transcript.turns.len()).map(Block::Turn))
        .chain(notes)
}

/// The indent and the width paragraphs wrap to, in a pane `width` columns wide. The indent
/// shrinks before the text does, so that even a one-column pane shows text.
pub fn text_columns(width: usize) -> (usize, usize) {
    let indent = INDENT.min(width.saturating_sub(1));
    (indent, width.saturating_sub(indent).max(1))
}

/// Lays out one block at `width` columns.
pub fn layout_block(
    transcript: &Transcript,
    block: Block,
    width: usize,
    measure: Measure,
) -> Vec<Row> {
    let width = width.max(1);
    match block {
        Block::Title => {
            let title = transcript.title.as_deref().unwrap_or_default();
            let mut rows: Vec<Row> = layout::wrap(title, width, measure)
                .into_iter()
                .map(|line| Row::Title(line.range))
                .collect();
            rows.push(Row::Blank);
            rows
        }
        Block::Turn(turn) => {
            let (_, text_width) = text_columns(width);
            let mut rows = vec![Row::Speaker(turn)];
            let ranges = transcript.paragraph_ranges();
            for paragraph in transcript.turns[turn].paragraphs.clone() {
                let range = ranges[paragraph].clone();
                let text = &transcript.text()[range.clone()];
                rows.extend(
                    layout::wrap(text, text_width, measure)
                        .into_iter()
                        .map(|line| Row::Text {
                            turn,
                            range: range.start + line.range.start..range.start + line.range.end,
                        }),
                );
            }
            rows.push(Row::Blank);
            rows
        }
        Block::Notes => transcript
            .notes
            .iter()
            .enumerate()
            .flat_map(|(index, note)| {
                let lines = layout::wrap(note, width, measure);
                let rows: Vec<Row> = if lines.is_empty() {
                    vec![Row::Note(index, 0..0)]
                } else {
                    lines
                        .into_iter()
                        .map(|l| Row::Note(index, l.range))
                        .collect()
                };
                rows
            })
            .collect(),
    }
}

/// The text a row shows, for rows that show source text; the speaker line and blank rows have
/// none (the speaker line is drawn from [`speaker_label`]).
pub fn row_text<'a>(transcript: &'a Transcript, row: &Row) -> &'a str {
    match row {
        Row::Title(range) => &transcript.title.as_deref().unwrap_or_default()[range.clone()],
        Row::Text { range, .. } => &transcript.text()[range.clone()],
        Row::Note(index, range) => &transcript.notes[*index][range.clone()],
        Row::Speaker(_) | Row::Blank => "",
    }
}

/// A turn's speaker line: the name, and the start time where the source has one
/// (`江滨 · 00:12:03`). Control characters in the name are made visible.
pub fn speaker_label(transcript: &Transcript, turn: usize) -> (String, Option<String>) {
    let turn = &transcript.turns[turn];
    let name = layout::sanitize(&transcript.speaker_of(turn).name).into_owned();
    (name, turn.start.map(format_time))
}

/// Formats seconds as `HH:MM:SS`.
pub fn format_time(seconds: f64) -> String {
    // Times are finite and non-negative in every source; clamp what is not.
    let total = if seconds.is_finite() {
        seconds.max(0.0) as u64
    } else {
        0
    };
    format!(
        "{:02}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

/// The highlights that fall on a row's text: the parts of `matches` (sorted byte ranges of the
/// arena) inside `range`, shifted to be relative to the row.
pub fn row_highlights(matches: &[Range<usize>], range: &Range<usize>) -> Vec<Range<usize>> {
    let first = matches.partition_point(|m| m.end <= range.start);
    matches[first..]
        .iter()
        .take_while(|m| m.start < range.end)
        .map(|m| m.start.max(range.start) - range.start..m.end.min(range.end) - range.start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_format() {
        assert_eq!(format_time(0.0), "00:00:00");
        assert_eq!(format_time(723.9), "00:12:03");
        assert_eq!(format_time(3600.0 * 2.0 + 61.0), "02:01:01");
        assert_eq!(format_time(f64::NAN), "00:00:00");
    }

    #[test]
    fn highlights_are_clipped_to_the_row() {
        let matches = [2..5, 8..12, 20..22];
        assert_eq!(row_highlights(&matches, &(4..10)), [0..1, 4..6]);
        assert!(row_highlights(&matches, &(12..20)).is_empty());
    }

    #[test]
    fn indent_shrinks_before_the_text() {
        assert_eq!(text_columns(80), (2, 78));
        assert_eq!(text_columns(2), (1, 1));
        assert_eq!(text_columns(1), (0, 1));
        assert_eq!(text_columns(0), (0, 1));
    }
}
