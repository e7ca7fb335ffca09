//! Text layout, knowing nothing of ratatui: cell widths, line-break opportunities and wrapping.
//!
//! - `width`: the cell width of each grapheme cluster (`unicode-width`, as ratatui measures),
//!   visible pictures for control characters, tab stops.
//! - `breaks`: where a line may end: UAX #14 strict (`icu_segmenter`) narrowed by the Chinese
//!   prohibitions of W3C clreq and GB/T 15834, URLs and e-mail addresses kept whole.
//! - `fast`: the same graphemes and breaks for Han ideographs, common punctuation and ASCII
//!   words from small tables, calling the segmenters only for the rest (the hot path).
//! - `wrap`: greedy filling, push-out (推出) of a character with the mark that may not start a
//!   line, and emergency cuts at grapheme boundaries when nothing else fits.
//!
//! A wrapped line is a byte range of the paragraph; [`cells`] then turns the text of one line
//! into what a widget draws.

mod breaks;
mod fast;
mod width;
mod wrap;

use std::borrow::Cow;
use std::ops::Range;

pub use width::{Cells, TAB_STOP};

/// How cells are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Measure {
    /// Count East Asian Ambiguous characters (“ ” ‘ ’ … — ·) as two cells.
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
///
/// Each `\n` is a mandatory break (a `\r` before it is dropped with it) and every piece between
/// newlines gives at least one line (an empty piece, an empty line); empty `text` gives no
/// lines. Spaces where a line breaks belong to neither line's range; nothing else is left out,
/// and the ranges increase.
///
/// Lines break at UAX #14 (strict) opportunities that the Chinese rules allow: no line starts
/// with `，。、；：？！）」』】》〉”’…—·～` and the like (ASCII `, . ; : ? ! )` too) or ends with
/// `（「『【《〈“‘`, `——` and `……` stay together, numbers and words stay whole, and so do
/// URLs and e-mail addresses that fit. Lines are filled greedily; when a mark may not start a
/// line, the character before it moves down with it. When no allowed break fits, the line is
/// cut at a grapheme boundary, where possible not before a closing mark.
///
/// A line holds at least one grapheme, so width 0 behaves as 1, and a grapheme wider than
/// `width` (a CJK character at width 1, a tab at width 3) sits alone on a line wider than
/// `width`: the only case where [`Line::width`] exceeds `width`.
#[must_use]
pub fn wrap(text: &str, width: usize, measure: Measure) -> Vec<Line> {
    wrap::wrap(text, width, measure)
}

/// The cells that draw one visual line (a slice of the paragraph: `&text[line.range]`), tabs
/// counted from column 0 of that line.
///
/// Control characters come out as their Control Pictures (`␛` for ESC, `␡` for DEL, `␦` for
/// the C1 controls), one cell wide; a tab as spaces up to the next multiple of 4 columns. No
/// symbol holds anything a terminal would take for a control sequence.
pub fn cells(text: &str, measure: Measure) -> impl Iterator<Item = Cell<'_>> {
    Cells::new(text, measure)
}

/// Cells `text` fills on one line, as [`cells`] draws it.
#[must_use]
pub fn display_width(text: &str, measure: Measure) -> usize {
    width::display_width(text, measure)
}

/// `text` with control characters replaced by their pictures and tabs by spaces (to the next
/// multiple of 4 columns): for short strings drawn as they are, such as speaker names and
/// titles. Borrows when there is nothing to replace.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    width::sanitize(text)
}

#[cfg(test)]
pub(crate) mod tests;
