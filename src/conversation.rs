//! The conversation's layout (SPEC §4), shared by `--print` and the reader.
//!
//! A conversation is a sequence of blocks: the title, the header, then each turn and the notes
//! between turns where they stand. Each block lays out into rows at a given width on its own,
//! so the reader can lay out only the blocks on screen. Rows refer to text by byte ranges (of
//! the arena for paragraphs and notes, of the title or a header line for those), never by
//! copies, so search matches map straight onto them.

use std::borrow::Cow;
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
    /// The header lines and the blank line after them.
    Header,
    /// A turn: the speaker line, the paragraphs, a blank line.
    Turn(usize),
    /// Notes that stand together between turns (or before the first or after the last): the
    /// indices `first..end` of [`Transcript::notes`], then a blank line.
    Notes {
        /// The first note.
        first: usize,
        /// One past the last note.
        end: usize,
    },
}

impl Block {
    /// The block's place in document order, comparable across filtered block lists: its first
    /// paragraph's index, after the title and the header.
    pub fn order(self, transcript: &Transcript) -> usize {
        match self {
            Self::Title => 0,
            Self::Header => 1,
            Self::Turn(turn) => 2 + transcript.turns[turn].paragraphs.start,
            Self::Notes { first, .. } => 2 + transcript.notes[first].paragraph,
        }
    }
}

/// One visual row of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of the title: a byte range of the title.
    Title(Range<usize>),
    /// A line of the header: which header line, and a byte range of it.
    Header(usize, Range<usize>),
    /// A turn's speaker line.
    Speaker(usize),
    /// A line of a paragraph: a byte range of the arena, drawn after the indent.
    Text {
        /// The turn it belongs to.
        turn: usize,
        /// Byte range of the arena.
        range: Range<usize>,
    },
    /// A line of a note: which note, and a byte range of the arena.
    Note {
        /// Index into [`Transcript::notes`].
        note: usize,
        /// Byte range of the arena.
        range: Range<usize>,
    },
    /// An empty row between blocks.
    Blank,
}

/// The blocks of a transcript in document order: the title, the header, then the turns with
/// the notes between them where they stand.
pub fn blocks(transcript: &Transcript) -> impl Iterator<Item = Block> + '_ {
    let title = transcript.title.is_some().then_some(Block::Title);
    let header = (!transcript.header.is_empty()).then_some(Block::Header);
    let notes = &transcript.notes;
    let mut next_note = 0;
    let mut next_turn = 0;
    let body = std::iter::from_fn(move || {
        let note_first = notes
            .get(next_note)
            .is_some_and(|note| note.before_turn <= next_turn);
        if note_first {
            let first = next_note;
            while notes
                .get(next_note)
                .is_some_and(|note| note.before_turn <= next_turn)
            {
                next_note += 1;
            }
            return Some(Block::Notes {
                first,
                end: next_note,
            });
        }
        (next_turn < transcript.turns.len()).then(|| {
            next_turn += 1;
            Block::Turn(next_turn - 1)
        })
    });
    title.into_iter().chain(header).chain(body)
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
    block_rows(transcript, block, width, measure).collect()
}

/// The rows of one block at `width` columns, laid out as they are taken: a paragraph of any
/// length holds one window of line-breaking analysis at a time, never all of its lines. The
/// last row is always [`Row::Blank`].
pub fn block_rows<'a>(
    transcript: &'a Transcript,
    block: Block,
    width: usize,
    measure: Measure,
) -> Box<dyn Iterator<Item = Row> + 'a> {
    let width = width.max(1);
    let arena = transcript.text();
    let ranges = transcript.paragraph_ranges();
    let rows: Box<dyn Iterator<Item = Row> + 'a> = match block {
        Block::Title => {
            let title = transcript.title.as_deref().unwrap_or_default();
            Box::new(layout::lines(title, width, measure).map(|line| Row::Title(line.range)))
        }
        Block::Header => Box::new(transcript.header.iter().enumerate().flat_map(
            move |(index, line)| {
                layout::lines(line, width, measure).map(move |l| Row::Header(index, l.range))
            },
        )),
        Block::Turn(turn) => {
            let (_, text_width) = text_columns(width);
            let paragraphs = transcript.turns[turn].paragraphs.clone();
            Box::new(
                std::iter::once(Row::Speaker(turn)).chain(paragraphs.flat_map(move |paragraph| {
                    wrapped(
                        arena,
                        ranges[paragraph].clone(),
                        text_width,
                        measure,
                        move |range| Row::Text { turn, range },
                    )
                })),
            )
        }
        Block::Notes { first, end } => Box::new((first..end).flat_map(move |note| {
            let range = ranges[transcript.notes[note].paragraph].clone();
            wrapped(arena, range, width, measure, move |range| Row::Note {
                note,
                range,
            })
        })),
    };
    Box::new(rows.chain(std::iter::once(Row::Blank)))
}

/// One part of a long block, which a view lays out on its own: a cell of [`layout::SECTION`]
/// bytes of one of the block's paragraphs (for a turn) or notes. See [`parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    /// The paragraph (for a turn) or note (for notes) it shows part of.
    pub item: usize,
    /// The cell of that text, from 0.
    pub cell: usize,
    /// How many cells that text has.
    pub cells: usize,
}

/// How a view may lay out `block` a part at a time: empty when the block is short enough to lay
/// out whole, else each paragraph or note of it in cells of [`layout::SECTION`] bytes. A part
/// runs from a restart point of the text (see [`layout::restart_point`]) to the next one, so its
/// rows are exactly the rows a whole layout has there, at every width; the parts' rows, in
/// order, are the block's rows. What cells there are depends on the text alone.
pub fn parts(transcript: &Transcript, block: Block) -> Vec<Part> {
    let ranges = transcript.paragraph_ranges();
    let items = match block {
        Block::Title | Block::Header => return Vec::new(),
        Block::Turn(turn) => transcript.turns[turn].paragraphs.clone(),
        Block::Notes { first, end } => first..end,
    };
    let range_of = |item: usize| match block {
        Block::Notes { .. } => ranges[transcript.notes[item].paragraph].clone(),
        _ => ranges[item].clone(),
    };
    let (Some(first), Some(last)) = (items.clone().next(), items.clone().next_back()) else {
        return Vec::new();
    };
    if range_of(last).end - range_of(first).start <= layout::SECTION {
        return Vec::new();
    }
    items
        .flat_map(|item| {
            let cells = range_of(item).len().div_ceil(layout::SECTION).max(1);
            (0..cells).map(move |cell| Part { item, cell, cells })
        })
        .collect()
}

/// The arena bytes part `index` of `block`'s `parts` shows.
pub fn part_span(
    transcript: &Transcript,
    block: Block,
    parts: &[Part],
    index: usize,
) -> Range<usize> {
    let part = parts[index];
    let range = part_text(transcript, block, part);
    let text = &transcript.text()[range.clone()];
    let cut = |cell: usize| match cell {
        0 => 0,
        _ if cell >= part.cells => text.len(),
        _ => layout::restart_point(text, ((cell + 1) * layout::SECTION).min(text.len())),
    };
    range.start + cut(part.cell)..range.start + cut(part.cell + 1)
}

/// The rows of part `index` of `block`'s `parts` (see [`parts`]), whose [`part_span`] is
/// `span`: the speaker line first in a turn's first part, the blank row last in the block's
/// last part.
pub fn part_rows(
    transcript: &Transcript,
    block: Block,
    parts: &[Part],
    index: usize,
    span: Range<usize>,
    width: usize,
    measure: Measure,
) -> Vec<Row> {
    let width = width.max(1);
    let part = parts[index];
    let range = part_text(transcript, block, part);
    let text = &transcript.text()[range.clone()];
    let row = |line: Range<usize>| match block {
        Block::Turn(turn) => Row::Text { turn, range: line },
        _ => Row::Note {
            note: part.item,
            range: line,
        },
    };
    let text_width = match block {
        Block::Turn(_) => text_columns(width).1,
        _ => width,
    };
    let mut rows = Vec::new();
    if let (Block::Turn(turn), 0) = (block, index) {
        rows.push(Row::Speaker(turn));
    }
    let local = |line: layout::Line| range.start + line.range.start..range.start + line.range.end;
    if part.cells == 1 {
        rows.extend(layout::lines(text, text_width, measure).map(|line| row(local(line))));
    } else if !span.is_empty() || part.cell + 1 == part.cells {
        let (start, end) = (span.start - range.start, span.end - range.start);
        // The last cell takes every line to the end (an empty last line too).
        let last = part.cell + 1 == part.cells;
        rows.extend(
            layout::lines_from(text, start, text_width, measure)
                .take_while(|line| last || line.range.start < end)
                .map(|line| row(local(line))),
        );
    }
    if index + 1 == parts.len() {
        rows.push(Row::Blank);
    }
    rows
}

/// The arena range of the paragraph or note a part shows part of.
fn part_text(transcript: &Transcript, block: Block, part: Part) -> Range<usize> {
    let ranges = transcript.paragraph_ranges();
    match block {
        Block::Notes { .. } => ranges[transcript.notes[part.item].paragraph].clone(),
        _ => ranges[part.item].clone(),
    }
}

/// The rows of the arena's `range` wrapped at `width`, each made by `row` from its line's range.
fn wrapped<'a>(
    arena: &'a str,
    range: Range<usize>,
    width: usize,
    measure: Measure,
    row: impl Fn(Range<usize>) -> Row + 'a,
) -> impl Iterator<Item = Row> + 'a {
    layout::lines(&arena[range.clone()], width, measure)
        .map(move |line| row(range.start + line.range.start..range.start + line.range.end))
}

/// The text a row shows, for rows that show source text; the speaker line and blank rows have
/// none (the speaker line is drawn from [`speaker_label`]).
pub fn row_text<'a>(transcript: &'a Transcript, row: &Row) -> &'a str {
    match row {
        Row::Title(range) => &transcript.title.as_deref().unwrap_or_default()[range.clone()],
        Row::Header(index, range) => &transcript.header[*index][range.clone()],
        Row::Text { range, .. } | Row::Note { range, .. } => &transcript.text()[range.clone()],
        Row::Speaker(_) | Row::Blank => "",
    }
}

/// A turn's speaker line: the name, and the start time where the source has one. Control
/// characters in the name are made visible.
pub fn speaker_label(transcript: &Transcript, turn: usize) -> (String, Option<String>) {
    let turn = &transcript.turns[turn];
    let name = layout::sanitize(&transcript.speaker_of(turn).name).into_owned();
    (name, turn.start.map(format_time))
}

/// What a cell of a row shows, for the printer and the reader to style each in its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// A paragraph's text (or its indent).
    Text,
    /// The title.
    Title,
    /// A header line.
    Header,
    /// A note, drawn dimmed.
    Note,
    /// A speaker's name.
    Speaker(usize),
    /// A turn's time, after the name.
    Time,
}

/// Whether a cell lies in a search match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mark {
    /// Not in a match.
    #[default]
    None,
    /// In a match.
    Match,
    /// In the current match.
    Current,
}

/// One cell of a row: a grapheme (control characters already made visible), the columns it
/// fills by fangtan's measure, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCell<'a> {
    /// What to draw.
    pub symbol: Cow<'a, str>,
    /// Cells it fills.
    pub width: usize,
    /// What it shows.
    pub ink: Ink,
    /// Whether it is in a match.
    pub mark: Mark,
}

/// The search matches to mark: sorted byte ranges of the arena, and the current one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Highlights<'a> {
    /// Every match that may fall on the rows drawn.
    pub matches: &'a [Range<usize>],
    /// The current match.
    pub current: Option<&'a Range<usize>>,
}

/// The one renderer of rows, shared by `--print` and the reader: the cells of `row` in a
/// column `width` cells wide. A paragraph line gets its indent; a speaker line is the name and
/// ` · ` and the time (the time alone for an unnamed speaker), cut with `…` when it is wider
/// than the column, since it never wraps.
pub fn row_cells<'a>(
    transcript: &'a Transcript,
    row: &Row,
    width: usize,
    measure: Measure,
    highlights: Highlights<'_>,
) -> Vec<RowCell<'a>> {
    let plain = |text: &'a str, ink: Ink| {
        layout::cells_within(text, width, measure).map(move |cell| RowCell {
            symbol: Cow::Borrowed(cell.symbol),
            width: cell.width,
            ink,
            mark: Mark::None,
        })
    };
    match row {
        Row::Blank => Vec::new(),
        Row::Title(_) => plain(row_text(transcript, row), Ink::Title).collect(),
        Row::Header(..) => plain(row_text(transcript, row), Ink::Header).collect(),
        Row::Note { range, .. } => marked(transcript, range, Ink::Note, width, measure, highlights),
        Row::Text { range, .. } => {
            let (indent, text_width) = text_columns(width);
            let mut cells: Vec<RowCell> = (0..indent)
                .map(|_| RowCell {
                    symbol: Cow::Borrowed(" "),
                    width: 1,
                    ink: Ink::Text,
                    mark: Mark::None,
                })
                .collect();
            cells.extend(marked(
                transcript,
                range,
                Ink::Text,
                text_width,
                measure,
                highlights,
            ));
            cells
        }
        &Row::Speaker(turn) => {
            let (name, time) = speaker_label(transcript, turn);
            let speaker = Ink::Speaker(transcript.turns[turn].speaker);
            let mut parts = vec![(name.clone(), speaker)];
            if let Some(time) = time {
                let time = if name.is_empty() {
                    time
                } else {
                    format!(" · {time}")
                };
                parts.push((time, Ink::Time));
            }
            let mut cells = Vec::new();
            for (text, ink) in parts {
                cells.extend(layout::cells(&text, measure).map(|cell| RowCell {
                    symbol: Cow::Owned(cell.symbol.to_owned()),
                    width: cell.width,
                    ink,
                    mark: Mark::None,
                }));
            }
            fit_with_ellipsis(cells, width, measure)
        }
    }
}

/// The cells of an arena range wrapped at `width`, marked where they overlap a match.
fn marked<'a>(
    transcript: &'a Transcript,
    range: &Range<usize>,
    ink: Ink,
    width: usize,
    measure: Measure,
    highlights: Highlights<'_>,
) -> Vec<RowCell<'a>> {
    let lit = row_highlights(highlights.matches, range);
    let now = highlights
        .current
        .map(|current| row_highlights(std::slice::from_ref(current), range))
        .unwrap_or_default();
    let overlaps = |ranges: &[Range<usize>], cell: &Range<usize>| {
        ranges
            .iter()
            .any(|r| r.start < cell.end && cell.start < r.end)
    };
    layout::cells_within(&transcript.text()[range.clone()], width, measure)
        .map(|cell| {
            let mark = if overlaps(&now, &cell.source) {
                Mark::Current
            } else if overlaps(&lit, &cell.source) {
                Mark::Match
            } else {
                Mark::None
            };
            RowCell {
                symbol: Cow::Borrowed(cell.symbol),
                width: cell.width,
                ink,
                mark,
            }
        })
        .collect()
}

/// Cells cut to at most `width` columns; when something was cut, the last cells kept make room
/// for a `…` that says so.
pub fn fit_with_ellipsis(
    mut cells: Vec<RowCell<'_>>,
    width: usize,
    measure: Measure,
) -> Vec<RowCell<'_>> {
    let total: usize = cells.iter().map(|cell| cell.width).sum();
    if total <= width {
        return cells;
    }
    let ellipsis = layout::display_width("…", measure);
    let mut used = 0;
    let keep = cells
        .iter()
        .take_while(|cell| {
            used += cell.width;
            used + ellipsis <= width
        })
        .count();
    let ink = cells
        .get(keep)
        .or(cells.last())
        .map_or(Ink::Text, |c| c.ink);
    cells.truncate(keep);
    if ellipsis <= width {
        cells.push(RowCell {
            symbol: Cow::Borrowed("…"),
            width: ellipsis,
            ink,
            mark: Mark::None,
        });
    }
    cells
}

/// The turn that holds arena byte `byte`, or the next turn after it (the number of turns when
/// there is none): the one place that answers "which turn is this".
pub fn turn_at_byte(transcript: &Transcript, byte: usize) -> usize {
    transcript
        .turns
        .partition_point(|turn| transcript.turn_span(turn).end <= byte)
}

/// `--speaker`: which speakers are shown, by speaker id, for the names given (everyone when
/// none is); a name is a speaker's name or the original label of a speaker the reading state
/// renamed. The names that match no speaker are returned as the error.
pub fn shown_speakers(transcript: &Transcript, names: &[String]) -> Result<Vec<bool>, Vec<String>> {
    if names.is_empty() {
        return Ok(vec![true; transcript.speakers.len()]);
    }
    let mut shown = vec![false; transcript.speakers.len()];
    let mut unknown = Vec::new();
    for name in names {
        let by_name = transcript.speakers.iter().position(|s| &s.name == name);
        let by_label =
            || (0..transcript.speakers.len()).find(|&id| transcript.label(id) == Some(name));
        match by_name.or_else(by_label) {
            Some(id) => shown[id] = true,
            None => unknown.push(name.clone()),
        }
    }
    if unknown.is_empty() {
        Ok(shown)
    } else {
        Err(unknown)
    }
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

    /// A transcript whose one turn holds a short paragraph, a paragraph of `long` bytes and
    /// another short one, followed by notes as long.
    fn long_transcript(long: &str) -> Transcript {
        let mut builder = crate::model::TranscriptBuilder::new();
        let speaker = builder.speaker("甲");
        builder.start_turn(speaker, None, None, None);
        builder.push_paragraph("开头。");
        builder.push_paragraph(long);
        builder.push_paragraph("结尾。");
        builder.note(long, None);
        builder.note("短的注。", None);
        builder.finish()
    }

    /// Long texts of several kinds: sentences, no sentence ends, one enormous word, newlines,
    /// subtitle cues run together, Korean, a long run of spaces.
    fn long_texts() -> Vec<String> {
        let sentences = "消防队员说：“一村一泵”，很好。Fire crews said so! 然后呢？".repeat(6_000);
        let clauses = "没有句号的一句话，还在继续，".repeat(12_000);
        let word = "a".repeat(200_000);
        let lines = "第一行。\n第二行很长很长。\n".repeat(9_000);
        let cues = "[甲] 好。 ".repeat(20_000);
        let korean = "경찰은 서울에서 인터뷰를 했습니다. ".repeat(5_000);
        let spaces = format!("开始，{}结束。", " ".repeat(150_000));
        vec![sentences, clauses, word, lines, cues, korean, spaces]
    }

    #[test]
    fn the_parts_of_a_long_block_are_its_rows() {
        for long in long_texts() {
            let transcript = long_transcript(&long);
            let blocks: Vec<Block> = blocks(&transcript).collect();
            for block in blocks {
                let parts = parts(&transcript, block);
                if matches!(block, Block::Turn(_) | Block::Notes { .. }) {
                    assert!(parts.len() > 3, "{block:?} is long");
                }
                for width in [7, 40, 80] {
                    let whole = layout_block(&transcript, block, width, Measure::default());
                    let pieced: Vec<Row> = (0..parts.len())
                        .flat_map(|index| {
                            let span = part_span(&transcript, block, &parts, index);
                            let measure = Measure::default();
                            part_rows(&transcript, block, &parts, index, span, width, measure)
                        })
                        .collect();
                    if parts.is_empty() {
                        continue;
                    }
                    if let Some(at) = (0..whole.len()).find(|&i| pieced.get(i) != whole.get(i)) {
                        let show = |r: Option<&Row>| match r {
                            Some(Row::Text { range, .. } | Row::Note { range, .. }) => {
                                format!("{range:?} {:?}", &transcript.text()[range.clone()])
                            }
                            other => format!("{other:?}"),
                        };
                        panic!(
                            "{block:?} at {width}, row {at}: {} vs {} (parts {:?})",
                            show(pieced.get(at)),
                            show(whole.get(at)),
                            (0..parts.len())
                                .map(|i| part_span(&transcript, block, &parts, i))
                                .collect::<Vec<_>>()
                        );
                    }
                    assert!(pieced == whole, "{block:?} at {width}");
                }
                // The spans of the parts tile the texts.
                let mut previous: Option<Range<usize>> = None;
                for index in 0..parts.len() {
                    let span = part_span(&transcript, block, &parts, index);
                    if let Some(previous) = previous.filter(|_| parts[index].cell > 0) {
                        assert_eq!(previous.end, span.start);
                    }
                    // Every cell has a seam, forced where the text has no restart point.
                    assert!(span.len() <= 2 * crate::layout::SECTION);
                    previous = Some(span);
                }
            }
        }
    }
}
