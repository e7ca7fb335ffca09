//! Text layout, knowing nothing of ratatui: cell widths, line-break opportunities and wrapping.
//! STUB: replaced by the layout work; the signatures are the contract.

use std::ops::Range;

/// How cells are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Measure {
    /// Count East Asian Ambiguous characters as two cells.
    pub ambiguous_wide: bool,
}

/// One visual line of a wrapped paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the paragraph shown on this line.
    pub range: Range<usize>,
    /// Cells the line fills.
    pub width: usize,
}

/// One drawn grapheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// Byte range of the source text this cell shows.
    pub source: Range<usize>,
    /// What to draw.
    pub symbol: &'a str,
    /// Cells it fills.
    pub width: usize,
}

/// Wraps a paragraph into visual lines of at most `width` cells.
pub fn wrap(text: &str, width: usize, measure: Measure) -> Vec<Line> {
    let _ = measure;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (index, ch) in text.char_indices() {
        let w = if ch.is_ascii() { 1 } else { 2 };
        if used + w > width.max(2) && index > start {
            lines.push(Line {
                range: start..index,
                width: used,
            });
            start = index;
            used = 0;
        }
        used += w;
    }
    if start < text.len() {
        lines.push(Line {
            range: start..text.len(),
            width: used,
        });
    }
    lines
}

/// The cells that draw `text` (one visual line), tabs counted from column 0.
pub fn cells(text: &str, measure: Measure) -> impl Iterator<Item = Cell<'_>> {
    let _ = measure;
    text.char_indices().map(|(index, ch)| Cell {
        source: index..index + ch.len_utf8(),
        symbol: &text[index..index + ch.len_utf8()],
        width: if ch.is_ascii() { 1 } else { 2 },
    })
}

/// Cells `text` fills on one line.
pub fn display_width(text: &str, measure: Measure) -> usize {
    cells(text, measure).map(|cell| cell.width).sum()
}
