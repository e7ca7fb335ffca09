//! Text layout, knowing nothing of ratatui: cell widths, line-break opportunities and wrapping.
//!
//! - `width`: the cell width of each grapheme cluster (`unicode-width`, as ratatui measures),
//!   visible pictures for control characters, tab stops.
//! - `breaks`: where a line may end: UAX #14 strict (`icu_segmenter`) narrowed by the Chinese
//!   prohibitions of W3C clreq and GB/T 15834, URLs and e-mail addresses kept whole.
//! - `fast`: the same graphemes and breaks for Han ideographs, common punctuation and ASCII
//!   words from small tables, calling the segmenters only for the rest (the hot path).
//! - `wrap`: greedy filling, push-out (推出) of a character with the mark that may not start a
//!   line, and emergency cuts at grapheme boundaries when nothing else fits; one line at a
//!   time, analysing the text in windows, so that memory does not grow with a paragraph.
//!
//! A wrapped line is a byte range of the paragraph; [`cells`] then turns the text of one line
//! into what a widget draws.

mod breaks;
mod fast;
mod width;
mod wrap;

use std::borrow::Cow;
use std::ops::Range;

pub use width::{Cells, STAND_IN, TAB_STOP};
pub use wrap::SECTION;

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

/// Wraps a paragraph into visual lines of at most `width` cells: [`lines`], collected.
///
/// Each `\n` is a mandatory break (a `\r` before it is dropped with it) and every piece between
/// newlines gives at least one line (an empty piece, an empty line); empty `text` gives no
/// lines. Spaces where a line breaks belong to neither line's range; nothing else is left out,
/// and the ranges increase.
///
/// Lines break at UAX #14 (strict) opportunities that the Chinese rules allow: no line starts
/// with `，。、；：？！）」』】》〉”’…—·～` and the like (ASCII `, . ; : ? ! )` too, and the
/// Japanese small kana, `ー`, `・`) or ends with `（「『【《〈“‘`, `——` and `……` stay together,
/// numbers, words and Korean words stay whole, and so do URLs and e-mail addresses that fit.
/// Lines are filled greedily; when a mark may not start a line, the character before it moves
/// down with it. When no such break fits, a line may break inside a URL (after `/`, `?`, `-`…)
/// or before `——` or `……`; when none of those fits either, the line is cut at a grapheme
/// boundary, where possible one that breaks no rule, else one that splits no `——`, `……`,
/// number or URL.
///
/// A paragraph piece longer than 64 KiB is laid out in sections, each starting a line at a
/// seam (see [`restart_point`]): that is what lets a reader lay out a screenful deep inside it.
/// A seam is a break the rules allow, but in 64 KiB without one the tables can vouch for (one
/// enormous word, base64, a long run of emoji clusters or of a script such as Thai), where it
/// is forced: the line before it ends short, or a word is cut there.
///
/// A line holds at least one grapheme, so width 0 behaves as 1. A tab fills up to the next
/// stop (every 4 columns, or every `width` on a narrower line); a grapheme cluster wider than
/// two cells that does not fit is drawn as [`STAND_IN`] (see [`cells_within`]). So no line is
/// wider than `width` unless `width` is 1 and the line holds one two-cell character: a width
/// of 1 cannot honour Chinese text.
#[must_use]
pub fn wrap(text: &str, width: usize, measure: Measure) -> Vec<Line> {
    wrap::wrap(text, width, measure)
}

/// The lines [`wrap`] gives, one at a time, in memory that does not grow with the paragraph:
/// the text is analysed in windows of a few kilobytes, each ending where the analysis may
/// restart without changing a thing (a break between two ideographs or kana, after a closing
/// bracket, or after a space between words of any script, that no rule can veto), and only
/// the graphemes of the line being filled are kept. Where the text has no such place, a window
/// ends at the next section (a forced seam, at most 64 KiB on).
pub fn lines(text: &str, width: usize, measure: Measure) -> Lines<'_> {
    Lines(wrap::Wrapper::new(
        text,
        0,
        width,
        measure,
        wrap::Path::Fast,
    ))
}

/// The lines of `text` from byte `start` on, which must be a restart point (see
/// [`restart_point`]): exactly the lines [`wrap`] gives from there.
pub fn lines_from(text: &str, start: usize, width: usize, measure: Measure) -> Lines<'_> {
    Lines(wrap::Wrapper::new(
        text,
        start,
        width,
        measure,
        wrap::Path::Fast,
    ))
}

/// A place at or before byte `offset` of `text` where a line starts in its layout at every
/// width and measure, as close to `offset` as the layout allows: the start of `text`, the
/// start of a piece after a newline, or a seam of a piece longer than 64 KiB.
///
/// Greedy filling makes where a line starts depend on everything before it, so a layout that
/// started anywhere else could drift from the whole one. Seams make the layout of a huge
/// paragraph restartable: the piece is cut into cells of 64 KiB, and in each cell the first
/// place after a sentence end (`。！？!?`) where the analysis can restart, else the first such
/// place at all, else a forced one (after a space where possible; spaces at a seam are left
/// out, the line starts after them), starts a section and a line. Every cell has its seam, so
/// the result is less than two cells before `offset`. The seams depend on the text alone, so
/// they stay put when the width changes. [`lines_from`] from the result gives exactly the lines
/// of [`wrap`] from there on; lay out a screenful at `offset` by taking lines until one reaches
/// past it.
#[must_use]
pub fn restart_point(text: &str, offset: usize) -> usize {
    wrap::restart_point(text, offset)
}

/// The lines of a paragraph one at a time; see [`lines`].
#[derive(Debug)]
pub struct Lines<'t>(wrap::Wrapper<'t>);

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        self.0.next()
    }
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

/// The cells that draw one line that [`wrap`] made at `width`: as [`cells`], but a tab stops
/// at the line's end when the line is narrower than a tab stop, and a grapheme cluster wider
/// than two cells that does not fit on the line is drawn as [`STAND_IN`] (its `source` is
/// still the whole cluster). Use it to draw wrapped lines, so that none is wider than `width`.
pub fn cells_within(text: &str, width: usize, measure: Measure) -> impl Iterator<Item = Cell<'_>> {
    Cells::within(text, width.max(1), measure)
}

/// Cells `text` fills on one line, as [`cells`] draws it.
#[must_use]
pub fn display_width(text: &str, measure: Measure) -> usize {
    width::display_width(text, measure)
}

/// Cells `text` fills as one line wrapped at `width`, as [`cells_within`] draws it.
#[must_use]
pub fn display_width_within(text: &str, width: usize, measure: Measure) -> usize {
    width::display_width_within(text, width.max(1), measure)
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
