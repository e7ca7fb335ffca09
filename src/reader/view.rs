//! The virtualized conversation view.
//!
//! The view is anchored at (block, part of the block, row within the part), never at a global
//! line number, so only what comes on screen is ever wrapped, and a jump anywhere in a 100 MB
//! transcript lays out a screenful, not the file. A block is one part unless it is longer than
//! [`crate::layout::SECTION`]; a longer one (a turn of 20 MB, a file without labels) is laid
//! out a cell of a paragraph at a time (see [`conversation::parts`]). Laid-out parts are cached
//! for the current width; the cache is dropped when the width changes, and trimmed when it
//! grows past a bound.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::conversation::{self, Block, Part, Row};
use crate::layout::Measure;
use crate::model::Transcript;

/// How many laid-out parts the cache keeps before it starts over; a screen needs a few dozen.
const CACHE_LIMIT: usize = 4096;

/// The top row of the view: a block (index into the visible blocks), a part of it and a row
/// within that part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// Index into the visible blocks.
    pub block: usize,
    /// Part of that block (0 for a block laid out whole).
    pub part: usize,
    /// Row within that part.
    pub row: usize,
}

impl Anchor {
    /// The first row of visible block `block`.
    pub fn at_block(block: usize) -> Self {
        Self {
            block,
            ..Self::default()
        }
    }

    /// Whether the anchor is past its block's first row.
    pub fn inside_block(&self) -> bool {
        self.part > 0 || self.row > 0
    }
}

/// A row on screen, with the block it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleRow {
    /// The block.
    pub block: Block,
    /// The row.
    pub row: Row,
}

/// The conversation as a scrollable window of rows.
#[derive(Debug)]
pub struct View {
    transcript: Arc<Transcript>,
    measure: Measure,
    /// The blocks of the speakers shown, in reading order.
    blocks: Vec<Block>,
    anchor: Anchor,
    width: usize,
    height: usize,
    cache: HashMap<(Block, usize), Arc<[Row]>>,
    /// The parts of the long blocks met so far, and the spans of the parts laid out; neither
    /// depends on the width.
    parts: HashMap<Block, Arc<[Part]>>,
    spans: HashMap<(Block, usize), Range<usize>>,
    /// The last anchor the view may scroll to, once computed for this size and these blocks.
    end: Option<Anchor>,
}

impl View {
    /// A view of every block, at the top, for a pane of the given size.
    pub fn new(transcript: Arc<Transcript>, measure: Measure, width: usize, height: usize) -> Self {
        // The pane's border carries the title, so the reader's conversation starts with a turn.
        // Room for every block at once: a list that doubles as it grows leaves its old copies
        // resident (half a million blocks for 100 MB).
        let mut blocks = Vec::with_capacity(transcript.turns.len() + transcript.notes.len() + 1);
        blocks.extend(conversation::blocks(&transcript).filter(|&block| block != Block::Title));
        Self {
            transcript,
            measure,
            blocks,
            anchor: Anchor::default(),
            width: width.max(1),
            height,
            cache: HashMap::new(),
            parts: HashMap::new(),
            spans: HashMap::new(),
            end: None,
        }
    }

    /// The transcript shown.
    pub fn transcript(&self) -> &Arc<Transcript> {
        &self.transcript
    }

    /// Shows `transcript`, the same text with another cast of speakers (the reading state's
    /// names): turns and rows are the same, so the place and the laid-out rows are kept.
    pub fn set_transcript(&mut self, transcript: Arc<Transcript>) {
        self.transcript = transcript;
    }

    /// The line of paragraph text that holds arena byte `byte` (or the nearest one at or
    /// before it), as its byte range.
    pub fn line_at(&mut self, byte: usize) -> Option<Range<usize>> {
        let index = self.block_at_byte(byte)?;
        let place = self.place_of_byte(index, byte, false);
        let rows = self.rows(place);
        let lines = rows.iter().filter_map(|row| match row {
            Row::Text { range, .. } => Some(range.clone()),
            _ => None,
        });
        let mut found = None;
        for line in lines {
            if line.start > byte {
                break;
            }
            found = Some(line);
        }
        found.or_else(|| self.next_line(byte, true))
    }

    /// The line of paragraph text after (or before) the one that starts at arena byte `start`,
    /// across turns, past speaker lines, blank rows and notes.
    pub fn next_line(&mut self, start: usize, forward: bool) -> Option<Range<usize>> {
        let index = self.block_at_byte(start)?;
        let mut at = self.place_of_byte(index, start, false);
        loop {
            let rows = self.rows(at);
            let mut lines = rows.iter().filter_map(|row| match row {
                Row::Text { range, .. } => Some(range.clone()),
                _ => None,
            });
            let found = if forward {
                lines.find(|line| line.start > start)
            } else {
                lines.rfind(|line| line.start < start)
            };
            if found.is_some() {
                return found;
            }
            at = if forward {
                Some(self.next_part(at)).filter(|next| next.block < self.blocks.len())?
            } else if at.block == 0 && at.part == 0 {
                return None;
            } else {
                self.previous_part(at)
            };
        }
    }

    /// Scrolls as little as needed for the line that holds arena byte `byte` to be in view
    /// (below a pinned speaker line).
    pub fn keep_in_view(&mut self, byte: usize) {
        let Some(index) = self.block_at_byte(byte) else {
            return;
        };
        let target = self.place_of_byte(index, byte, false);
        if target <= self.anchor {
            self.anchor = Anchor {
                row: target.row.saturating_sub(1),
                ..target
            };
            self.clamp();
            return;
        }
        let shown = |view: &mut Self| {
            view.visible().iter().any(|visible| {
                matches!(&visible.row, Row::Text { range, .. }
                    if range.start <= byte && byte < range.end.max(range.start + 1))
            })
        };
        if shown(self) {
            return;
        }
        // Below the screen: the line at the bottom, a row or two more when a pinned speaker
        // line takes the top.
        self.anchor = target;
        self.clamp();
        let up = isize::try_from(self.height.saturating_sub(1)).unwrap_or(isize::MAX);
        self.scroll(-up);
        for _ in 0..3 {
            if shown(self) || self.at_end() {
                return;
            }
            self.scroll(1);
        }
    }

    /// The top row.
    pub fn anchor(&self) -> Anchor {
        self.anchor
    }

    /// The visible blocks.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The pane's height in rows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Shows only the turns of the speakers marked in `shown`, keeping the view at the turn it
    /// was reading, or the next one shown.
    pub fn set_shown(&mut self, shown: &[bool]) {
        let transcript = &self.transcript;
        let reading = self
            .blocks
            .get(self.anchor.block)
            .map_or(0, |&block| block.order(transcript));
        self.blocks = conversation::blocks(transcript)
            .filter(|block| match block {
                Block::Turn(turn) => shown[transcript.turns[*turn].speaker],
                Block::Title => false,
                Block::Header | Block::Notes { .. } => true,
            })
            .collect();
        let block = self
            .blocks
            .partition_point(|&b| b.order(transcript) < reading);
        self.anchor = Anchor::at_block(block);
        self.end = None;
        self.clamp();
    }

    /// Lays out again for a new pane size, keeping the text at the top of the view in view.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        if width != self.width {
            let kept = self.anchor_byte();
            self.width = width;
            self.cache.clear();
            let block = self.anchor.block;
            self.anchor = match kept {
                Some(byte) => self.place_of_byte(block, byte, false),
                None => Anchor {
                    row: 0,
                    ..self.anchor
                },
            };
        }
        self.height = height;
        self.end = None;
        self.clamp();
    }

    /// Scrolls by `delta` rows (negative: up).
    pub fn scroll(&mut self, delta: isize) {
        if delta >= 0 {
            let mut remaining = delta.unsigned_abs();
            let end = self.end();
            while remaining > 0 && self.anchor < end {
                let len = self.rows(self.anchor).len();
                let step = remaining.min(len.saturating_sub(self.anchor.row));
                self.anchor.row += step;
                remaining -= step;
                if self.anchor.row >= len {
                    self.anchor = self.next_part(self.anchor);
                }
            }
        } else {
            let mut remaining = delta.unsigned_abs();
            while remaining > 0 && self.anchor != Anchor::default() {
                if self.anchor.row == 0 {
                    self.anchor = self.previous_part(self.anchor);
                    self.anchor.row = self.rows(self.anchor).len();
                }
                let step = remaining.min(self.anchor.row);
                self.anchor.row -= step;
                remaining -= step;
            }
        }
        // Under a pinned speaker line, a turn's first line of text shows the same screen as
        // the turn's start: step over it, so that every key press moves the text.
        if self.anchor.part == 0 && self.anchor.row == 1 && self.sticky_at(self.anchor).is_some() {
            if delta > 0 {
                self.anchor.row = 2;
            } else {
                self.anchor.row = 0;
            }
        }
        self.clamp();
    }

    /// The turn whose speaker line is pinned at the top when the view starts at `anchor`: the
    /// anchor is on a line of the turn's text, below its speaker line. Panes of one or two rows
    /// pin nothing, they need every row for text.
    fn sticky_at(&mut self, anchor: Anchor) -> Option<usize> {
        if self.height < 3 || !anchor.inside_block() {
            return None;
        }
        let &Block::Turn(turn) = self.blocks.get(anchor.block)? else {
            return None;
        };
        let is_text = matches!(self.rows(anchor).get(anchor.row), Some(Row::Text { .. }));
        is_text.then_some(turn)
    }

    /// How many rows a page scrolls: the pane less the pinned speaker line, so that no line is
    /// skipped.
    pub fn page(&self) -> usize {
        if self.height >= 3 {
            self.height - 1
        } else {
            self.height.max(1)
        }
    }

    /// Puts block `index` at the top (or as near as the end of the conversation allows).
    pub fn jump_to_block(&mut self, index: usize) {
        self.anchor = Anchor::at_block(index.min(self.blocks.len().saturating_sub(1)));
        self.clamp();
    }

    /// Shows the row that holds arena byte `byte`, a few rows below the top when its block is
    /// long, so the line read is not the very first on screen; the view does not move when the
    /// row is already in view.
    pub fn reveal_byte(&mut self, byte: usize) {
        let Some(index) = self.block_at_byte(byte) else {
            return;
        };
        let place = self.place_of_byte(index, byte, true);
        let on_screen = self.visible();
        let shown = on_screen[..on_screen.len().saturating_sub(1)]
            .iter()
            .any(|visible| match &visible.row {
                Row::Text { range, .. } | Row::Note { range, .. } => {
                    range.start <= byte && byte < range.end.max(range.start + 1)
                }
                _ => false,
            });
        if shown {
            return;
        }
        // A third of the pane above it, from inside its block.
        self.anchor = place;
        let mut context = self.height / 3;
        while context > 0 && self.anchor.inside_block() {
            if self.anchor.row == 0 {
                self.anchor = self.previous_part(self.anchor);
                self.anchor.row = self.rows(self.anchor).len();
            }
            let step = context.min(self.anchor.row);
            self.anchor.row -= step;
            context -= step;
        }
        if self.anchor.part == 0 && self.anchor.row == 1 && self.sticky_at(self.anchor).is_some() {
            self.anchor.row = 0;
        }
        self.clamp();
    }

    /// Puts the row that holds arena byte `byte` at the top (as near as the end allows).
    pub fn jump_to_byte(&mut self, byte: usize) {
        let Some(index) = self.block_at_byte(byte) else {
            self.jump_to_block(0);
            return;
        };
        self.anchor = self.place_of_byte(index, byte, true);
        self.clamp();
    }

    /// The visible block that holds arena byte `byte` (or the last one before it).
    fn block_at_byte(&self, byte: usize) -> Option<usize> {
        let transcript = &self.transcript;
        let paragraph = transcript
            .paragraph_ranges()
            .partition_point(|range| range.end <= byte);
        let order = 2 + paragraph;
        let after = self
            .blocks
            .partition_point(|&b| b.order(transcript) <= order);
        if self.blocks.is_empty() {
            None
        } else {
            Some(after.saturating_sub(1))
        }
    }

    /// The part and row of block `index` that show arena byte `byte`. With `snap`, the
    /// block's first row (the speaker line) when that is the block's first line of text.
    fn place_of_byte(&mut self, index: usize, byte: usize, snap: bool) -> Anchor {
        let parts = self.parts(index);
        let mut part = 0;
        if !parts.is_empty() {
            // The part of the paragraph or note holding the byte, by its cell, then the
            // neighbour whose span holds it.
            let block = self.blocks[index];
            let transcript = Arc::clone(&self.transcript);
            let ranges = transcript.paragraph_ranges();
            let start_of = |part: &Part| match block {
                Block::Notes { .. } => ranges[transcript.notes[part.item].paragraph].start,
                _ => ranges[part.item].start,
            };
            let first = parts
                .partition_point(|p| start_of(p) <= byte)
                .saturating_sub(1);
            let cell = (byte.saturating_sub(start_of(&parts[first]))) / crate::layout::SECTION;
            part = (first + cell).min(parts.len() - 1);
            while part > 0 && byte < self.span(index, &parts, part).start {
                part -= 1;
            }
            while part + 1 < parts.len()
                && byte >= self.span(index, &parts, part).end
                && self.span(index, &parts, part + 1).start <= byte
            {
                part += 1;
            }
        }
        let at = Anchor {
            block: index,
            part,
            row: 0,
        };
        let rows = self.rows(at);
        let is_text = |row: &Row| matches!(row, Row::Text { .. } | Row::Note { .. });
        let found = rows.iter().position(|row| match row {
            Row::Text { range, .. } | Row::Note { range, .. } => range.end > byte,
            _ => false,
        });
        let row = match found {
            Some(row) if snap && part == 0 && !rows[..row].iter().any(is_text) => 0,
            Some(row) => row,
            None => 0,
        };
        Anchor { row, ..at }
    }

    /// Puts the view back at an anchor it had (where a search began).
    pub fn restore(&mut self, anchor: Anchor) {
        self.anchor = anchor;
        if self.anchor.block >= self.blocks.len() {
            self.anchor = Anchor::default();
        }
        if self.blocks.is_empty() {
            return;
        }
        let parts = self.parts_len(self.anchor.block);
        self.anchor.part = self.anchor.part.min(parts - 1);
        self.anchor.row = self.anchor.row.min(self.rows(self.anchor).len());
        self.clamp();
    }

    /// The arena byte at the top of the view: where a search from here starts.
    pub fn top_byte(&mut self) -> usize {
        let transcript = Arc::clone(&self.transcript);
        match self.blocks.get(self.anchor.block) {
            None | Some(Block::Title | Block::Header) => 0,
            Some(&Block::Notes { first, .. }) => {
                let note = transcript.notes[first].paragraph;
                transcript.paragraph_ranges()[note].start
            }
            Some(&Block::Turn(turn)) => self
                .anchor_byte()
                .unwrap_or_else(|| transcript.turn_span(&transcript.turns[turn]).start),
        }
    }

    /// Scrolls to the end of the conversation.
    pub fn jump_to_end(&mut self) {
        self.anchor = self.end();
    }

    /// Whether the view shows the end of the conversation.
    pub fn at_end(&mut self) -> bool {
        let end = self.end();
        self.anchor >= end
    }

    /// The index of the visible block holding the first row of a turn, or the nearest block
    /// after it.
    pub fn block_of_turn(&self, turn: usize) -> usize {
        let transcript = &self.transcript;
        if turn >= transcript.turns.len() {
            return self.blocks.len().saturating_sub(1);
        }
        let wanted = Block::Turn(turn).order(transcript);
        self.blocks
            .partition_point(|&b| b.order(transcript) < wanted)
    }

    /// The rows on screen, from the anchor down, at most the pane's height.
    pub fn visible(&mut self) -> Vec<VisibleRow> {
        let mut rows = Vec::with_capacity(self.height);
        let mut at = self.anchor;
        if let Some(turn) = self.sticky_at(at) {
            rows.push(VisibleRow {
                block: self.blocks[at.block],
                row: Row::Speaker(turn),
            });
        }
        while rows.len() < self.height && at.block < self.blocks.len() {
            let block = self.blocks[at.block];
            let laid = self.rows(at);
            rows.extend(
                laid[at.row.min(laid.len())..]
                    .iter()
                    .take(self.height - rows.len())
                    .map(|row| VisibleRow {
                        block,
                        row: row.clone(),
                    }),
            );
            at = self.next_part(at);
        }
        rows
    }

    /// The turn being read: the one at the top of the view; between turns (on notes), the
    /// last one above; never one below the top. `None` above the first turn.
    pub fn current_turn(&self) -> Option<usize> {
        let above = self.blocks.get(..=self.anchor.block)?;
        above.iter().rev().find_map(|block| match block {
            Block::Turn(turn) => Some(*turn),
            _ => None,
        })
    }

    /// Where the top of the view is, as an arena byte that never decreases as the view
    /// scrolls down: a text line's start, a speaker line's turn start, a blank row's block end.
    pub fn position(&mut self) -> usize {
        let Some(&block) = self.blocks.get(self.anchor.block) else {
            return self.transcript.text().len();
        };
        let rows = self.rows(self.anchor);
        let transcript = &self.transcript;
        let ranges = transcript.paragraph_ranges();
        let block_start = match block {
            Block::Title | Block::Header => 0,
            Block::Turn(turn) => transcript.turn_span(&transcript.turns[turn]).start,
            Block::Notes { first, .. } => ranges[transcript.notes[first].paragraph].start,
        };
        let last_end = rows.iter().rev().find_map(|row| match row {
            Row::Text { range, .. } | Row::Note { range, .. } => Some(range.end),
            _ => None,
        });
        match rows.get(self.anchor.row) {
            Some(Row::Text { range, .. } | Row::Note { range, .. }) => range.start,
            Some(Row::Blank) => last_end.unwrap_or(block_start),
            _ => block_start,
        }
    }

    /// The parts of visible block `index`: empty when it is laid out whole.
    fn parts(&mut self, index: usize) -> Arc<[Part]> {
        let block = self.blocks[index];
        if let Some(parts) = self.parts.get(&block) {
            return Arc::clone(parts);
        }
        let parts: Arc<[Part]> = conversation::parts(&self.transcript, block).into();
        if !parts.is_empty() {
            self.parts.insert(block, Arc::clone(&parts));
        }
        parts
    }

    /// The arena bytes part `part` of visible block `index` shows, one of its `parts`.
    fn span(&mut self, index: usize, parts: &[Part], part: usize) -> Range<usize> {
        let block = self.blocks[index];
        let transcript = &self.transcript;
        self.spans
            .entry((block, part))
            .or_insert_with(|| conversation::part_span(transcript, block, parts, part))
            .clone()
    }

    /// How many parts visible block `index` is laid out in.
    fn parts_len(&mut self, index: usize) -> usize {
        if index < self.blocks.len() {
            self.parts(index).len().max(1)
        } else {
            1
        }
    }

    /// The first row of the part after `at`'s.
    fn next_part(&mut self, at: Anchor) -> Anchor {
        if at.part + 1 < self.parts_len(at.block) {
            Anchor {
                part: at.part + 1,
                row: 0,
                ..at
            }
        } else {
            Anchor::at_block(at.block + 1)
        }
    }

    /// The first row of the part before `at`'s (which must not be the first part of all).
    fn previous_part(&mut self, at: Anchor) -> Anchor {
        if at.part > 0 {
            Anchor {
                part: at.part - 1,
                row: 0,
                ..at
            }
        } else {
            let block = at.block - 1;
            Anchor {
                block,
                part: self.parts_len(block) - 1,
                row: 0,
            }
        }
    }

    /// The rows of the part `at` is in, laid out now if they are not cached.
    fn rows(&mut self, at: Anchor) -> Arc<[Row]> {
        let block = self.blocks[at.block];
        if let Some(rows) = self.cache.get(&(block, at.part)) {
            return Arc::clone(rows);
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        let parts = self.parts(at.block);
        let rows: Arc<[Row]> = if parts.is_empty() {
            conversation::layout_block(&self.transcript, block, self.width, self.measure).into()
        } else {
            let span = self.span(at.block, &parts, at.part);
            let (transcript, width, measure) = (&self.transcript, self.width, self.measure);
            conversation::part_rows(transcript, block, &parts, at.part, span, width, measure).into()
        };
        self.cache.insert((block, at.part), Arc::clone(&rows));
        rows
    }

    /// The arena byte where the top row's text starts, if it is a paragraph line.
    fn anchor_byte(&mut self) -> Option<usize> {
        if self.anchor.block >= self.blocks.len() {
            return None;
        }
        match self.rows(self.anchor).get(self.anchor.row) {
            Some(Row::Text { range, .. }) => Some(range.start),
            _ => None,
        }
    }

    /// The last anchor: the one that puts the conversation's last row at the bottom.
    fn end(&mut self) -> Anchor {
        if let Some(end) = self.end {
            return end;
        }
        let mut needed = self.height.max(1);
        let mut end = Anchor::default();
        'blocks: for block in (0..self.blocks.len()).rev() {
            for part in (0..self.parts_len(block)).rev() {
                let at = Anchor {
                    block,
                    part,
                    row: 0,
                };
                let len = self.rows(at).len();
                if len >= needed {
                    end = Anchor {
                        row: len - needed,
                        ..at
                    };
                    break 'blocks;
                }
                needed -= len;
            }
        }
        // A pinned speaker line at the end costs only the conversation's closing blank row.
        self.end = Some(end);
        end
    }

    fn clamp(&mut self) {
        if self.blocks.is_empty() {
            self.anchor = Anchor::default();
            return;
        }
        let end = self.end();
        if self.anchor > end {
            self.anchor = end;
        }
    }
}

/// The arena bytes some rows show text of (paragraphs and notes), from the first such row to
/// the last.
pub fn text_span(rows: &[VisibleRow]) -> Range<usize> {
    let mut text = rows.iter().filter_map(|visible| match &visible.row {
        Row::Text { range, .. } | Row::Note { range, .. } => Some(range.clone()),
        _ => None,
    });
    let first = text.next();
    let last = text.next_back().or_else(|| first.clone());
    match (first, last) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests;
