//! Cell widths of grapheme clusters, and the visible stand-ins for what a terminal must never
//! receive raw (control characters) or would draw at a width we cannot predict (tabs).

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Cell, Measure};

/// Tab stops every this many columns (every `width` columns on a line narrower than that, so
/// that a tab always fits on its line).
pub const TAB_STOP: usize = 4;

/// Drawn instead of a grapheme cluster wider than two cells that does not fit on its line (an
/// emoji with a long run of skin-tone modifiers, stacked halfwidth dakuten): one cell in either
/// measure, and the look of a glyph a font lacks. The cluster's bytes stay in the line's range,
/// so nothing is lost from the text; only its drawing is replaced.
pub const STAND_IN: &str = "\u{25AF}";

/// Source of the spaces a tab is drawn with (a tab is at most [`TAB_STOP`] cells).
const SPACES: &str = "    ";

/// Control Pictures (U+2400 block) for the C0 controls, indexed by code point.
const C0_PICTURES: [&str; 32] = [
    "\u{2400}", "\u{2401}", "\u{2402}", "\u{2403}", "\u{2404}", "\u{2405}", "\u{2406}", "\u{2407}",
    "\u{2408}", "\u{2409}", "\u{240A}", "\u{240B}", "\u{240C}", "\u{240D}", "\u{240E}", "\u{240F}",
    "\u{2410}", "\u{2411}", "\u{2412}", "\u{2413}", "\u{2414}", "\u{2415}", "\u{2416}", "\u{2417}",
    "\u{2418}", "\u{2419}", "\u{241A}", "\u{241B}", "\u{241C}", "\u{241D}", "\u{241E}", "\u{241F}",
];

/// Stand-in for DEL.
const DEL_PICTURE: &str = "\u{2421}";

/// Stand-in for the C1 controls (U+0080–U+009F), which have no Control Picture of their own.
/// U+2426 (SYMBOL FOR SUBSTITUTE FORM TWO) is chosen over U+FFFD because U+FFFD is East Asian
/// Ambiguous: a terminal set up for wide ambiguous characters would draw it two cells wide.
const C1_PICTURE: &str = "\u{2426}";

/// How a grapheme is drawn, before its column is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Glyph {
    /// Drawn as itself (or as a fixed stand-in), this many cells wide.
    Fixed(usize),
    /// A tab: spaces up to the next tab stop.
    Tab,
}

impl Glyph {
    /// Cells this glyph fills when it starts at column `col` of a line at most `line` cells wide.
    #[inline]
    pub(crate) fn width_in(self, col: usize, line: usize) -> usize {
        match self {
            Glyph::Fixed(width) => fitted(width, line),
            Glyph::Tab => tab_width(col, line),
        }
    }
}

/// A grapheme's width on a line of `line` cells: a cluster wider than two cells that does not
/// fit is drawn as [`STAND_IN`]. Two-cell characters keep their width even on a one-cell line:
/// such a line cannot be honoured, and a stand-in for every Chinese character would not be text.
#[inline]
fn fitted(width: usize, line: usize) -> usize {
    if width > 2 && width > line { 1 } else { width }
}

/// Cells a tab fills at column `col` of a line of `line` cells: up to the next stop.
#[inline]
fn tab_width(col: usize, line: usize) -> usize {
    let stop = TAB_STOP.min(line.max(1));
    stop - col % stop
}

/// The stand-in for a control character, or `None` for anything a terminal may receive.
/// Tab and newline are not here: the caller handles them (tab stops, mandatory breaks).
#[inline]
pub(crate) fn control_picture(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' => None,
        '\0'..='\x1f' => C0_PICTURES.get(c as usize).copied(),
        '\x7f' => Some(DEL_PICTURE),
        // The bidi embeddings, overrides and isolates reorder what follows them: a name or a
        // line could be shown other than it reads. They are controls like the C1 ones.
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(C1_PICTURE),
        _ => None,
    }
}

/// How the grapheme `g` is drawn. A line handed to the terminal never holds a newline, so a
/// newline met here is a stray one and is pictured like the other controls.
#[inline]
pub(crate) fn glyph(g: &str, measure: Measure) -> Glyph {
    let bytes = g.as_bytes();
    if let [b] = bytes {
        // Single-byte graphemes are most of any Latin text: skip the width tables.
        // Printable ASCII is one cell, and so is the picture of an ASCII control.
        return if *b == b'\t' {
            Glyph::Tab
        } else {
            Glyph::Fixed(1)
        };
    }
    let Some(first) = g.chars().next() else {
        return Glyph::Fixed(0);
    };
    if control_picture(first).is_some() {
        // Controls are graphemes of their own (UAX #29 GB4/GB5) except CR LF, drawn as two.
        return Glyph::Fixed(g.chars().count());
    }
    Glyph::Fixed(str_width(g, measure))
}

/// The width of a grapheme exactly as ratatui 0.30 measures a cell's symbol
/// (`ratatui_core::buffer::CellWidth`): `unicode-width`'s, plus one for each halfwidth
/// (han)dakuten U+FF9E/U+FF9F. Following ratatui even there keeps a widget's cells and
/// ratatui's buffer in step: a symbol the buffer thinks wider would hide the next one.
#[inline]
fn str_width(g: &str, measure: Measure) -> usize {
    let width = if measure.ambiguous_wide {
        g.width_cjk()
    } else {
        g.width()
    };
    width
        + g.chars()
            .filter(|&c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
            .count()
}

/// Whether `c` forms a grapheme cluster on its own when followed by another such character:
/// none of these is a control, Prepend, Extend, `SpacingMark`, ZWJ, Hangul jamo or regional
/// indicator (UAX #29), so only GB999 (break) applies between two of them. Besides printable
/// ASCII, CJK punctuation, kana and ideographs: the letters of the alphabetic scripts without
/// combining marks among them (Latin-1 and Latin Extended, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic, Georgian), Hangul syllables (a syllable joins only the conjoining jamo after it,
/// which are not here) and the emoji of [`super::fast`]'s tables (pictographs join only a
/// modifier, a variation selector or a ZWJ after them).
#[inline]
pub(crate) fn simple(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' '..='~');
    }
    matches!(c,
        '\u{00A0}'..='\u{00AC}'
        | '\u{00AE}'..='\u{024F}'
        // The symbols among the letters of `fast::letter`'s scripts.
        | '\u{03F6}'
        | '\u{0482}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{FF01}'..='\u{FF60}'
    ) || super::fast::letter(c)
        || super::fast::pictograph(c)
}

/// The cells that draw one visual line; see [`super::cells`].
#[derive(Debug, Clone)]
pub struct Cells<'a> {
    text: &'a str,
    /// Byte offset of the next grapheme.
    at: usize,
    /// Take single-character graphemes without the segmenter where that is safe (always but
    /// in the test that compares both ways).
    fast: bool,
    measure: Measure,
    /// Width of the line being drawn (`usize::MAX` when unknown): tab stops and stand-ins.
    line: usize,
    col: usize,
    /// The LF of a CR LF grapheme, drawn as its own cell after the CR.
    pending: Option<Cell<'a>>,
}

impl<'a> Cells<'a> {
    pub(crate) fn new(text: &'a str, measure: Measure) -> Self {
        Self::within(text, usize::MAX, measure)
    }

    /// The cells of a line wrapped to `line` cells.
    pub(crate) fn within(text: &'a str, line: usize, measure: Measure) -> Self {
        Cells {
            text,
            at: 0,
            fast: true,
            measure,
            line,
            col: 0,
            pending: None,
        }
    }

    fn cell(&mut self, source: Range<usize>, symbol: &'a str, width: usize) -> Cell<'a> {
        self.col += width;
        Cell {
            source,
            symbol,
            width,
        }
    }
}

impl<'a> Iterator for Cells<'a> {
    type Item = Cell<'a>;

    fn next(&mut self) -> Option<Cell<'a>> {
        if let Some(cell) = self.pending.take() {
            self.col += cell.width;
            return Some(cell);
        }
        let start = self.at;
        let rest = self.text.get(start..)?;
        let mut chars = rest.chars();
        let first = chars.next()?;
        let g = if self.fast && simple(first) && chars.next().is_none_or(simple) {
            // Printable ASCII and Han need no width table either.
            let end = start + first.len_utf8();
            self.at = end;
            let width = match first {
                ' '..='~' => 1,
                '\u{4E00}'..='\u{9FFF}' => 2,
                _ => str_width(rest.get(..first.len_utf8())?, self.measure),
            };
            return Some(self.cell(start..end, rest.get(..first.len_utf8())?, width));
        } else {
            rest.graphemes(true).next()?
        };
        let end = start + g.len();
        self.at = end;
        if first == '\t' {
            let width = Glyph::Tab.width_in(self.col, self.line);
            return Some(self.cell(start..end, SPACES.get(..width).unwrap_or(SPACES), width));
        }
        if first == '\n' {
            return Some(self.cell(start..end, C0_PICTURES[0x0a], 1));
        }
        if let Some(picture) = control_picture(first) {
            if g.len() > first.len_utf8() {
                // CR LF: the only grapheme that holds a control and something more.
                self.pending = Some(Cell {
                    source: start + 1..end,
                    symbol: C0_PICTURES[0x0a],
                    width: 1,
                });
                return Some(self.cell(start..start + 1, picture, 1));
            }
            return Some(self.cell(start..end, picture, 1));
        }
        let width = str_width(g, self.measure);
        if fitted(width, self.line) != width {
            return Some(self.cell(start..end, STAND_IN, 1));
        }
        let symbol = self.text.get(start..end).unwrap_or_default();
        Some(self.cell(start..end, symbol, width))
    }
}

/// Cells `text` fills as one line; see [`super::display_width`].
pub(crate) fn display_width(text: &str, measure: Measure) -> usize {
    display_width_within(text, usize::MAX, measure)
}

/// Cells `text` fills as one line wrapped to `line` cells.
pub(crate) fn display_width_within(text: &str, line: usize, measure: Measure) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    Cells::within(text, line, measure)
        .map(|cell| cell.width)
        .sum()
}

/// `text` with controls replaced by their pictures and tabs by spaces; see [`super::sanitize`].
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    let clean = text
        .chars()
        .all(|c| c != '\t' && c != '\n' && control_picture(c).is_none());
    if clean {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        Cells::new(text, Measure::default())
            .map(|cell| cell.symbol)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<(&str, usize)> {
        Cells::new(text, Measure::default())
            .map(|c| (c.symbol, c.width))
            .collect()
    }

    #[test]
    fn controls_become_pictures_of_width_one() {
        assert_eq!(
            symbols("a\x1b[31m"),
            [("a", 1), ("␛", 1), ("[", 1), ("3", 1), ("1", 1), ("m", 1)]
        );
        assert_eq!(
            symbols("\x7f\u{9b}\0"),
            [("␡", 1), ("\u{2426}", 1), ("␀", 1)]
        );
        assert_eq!(symbols("\r\n"), [("␍", 1), ("␊", 1)]);
    }

    #[test]
    fn pictures_are_one_cell_in_both_measures() {
        let wide = Measure {
            ambiguous_wide: true,
        };
        for picture in C0_PICTURES.iter().chain([&DEL_PICTURE, &C1_PICTURE]) {
            assert_eq!(str_width(picture, Measure::default()), 1, "{picture}");
            assert_eq!(str_width(picture, wide), 1, "{picture}");
        }
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(symbols("\tx"), [("    ", 4), ("x", 1)]);
        assert_eq!(symbols("ab\tx"), [("a", 1), ("b", 1), ("  ", 2), ("x", 1)]);
        assert_eq!(
            symbols("中国人\t"),
            [("中", 2), ("国", 2), ("人", 2), ("  ", 2)]
        );
        assert_eq!(display_width("abcd\t", Measure::default()), 8);
    }

    #[test]
    fn widths_follow_unicode_width_per_grapheme() {
        let m = Measure::default();
        assert_eq!(display_width("中文abc", m), 7);
        assert_eq!(display_width("👨‍👩‍👧", m), 2);
        assert_eq!(display_width("🇨🇳", m), 2);
        assert_eq!(display_width("e\u{301}", m), 1);
        assert_eq!(display_width("“”", m), 2);
        // Halfwidth (han)dakuten get ratatui's extra cell on top of unicode-width's count, so
        // that a widget's cells and ratatui's buffer agree.
        assert_eq!(display_width("ｶﾞ", m), "ｶﾞ".width() + 1);
        assert_eq!(
            display_width(
                "“”",
                Measure {
                    ambiguous_wide: true
                }
            ),
            4
        );
    }

    #[test]
    fn cells_cover_the_source_exactly() {
        let text = "a\t中\x1b👍🏽e\u{301}";
        let mut at = 0;
        for cell in Cells::new(text, Measure::default()) {
            assert_eq!(cell.source.start, at);
            at = cell.source.end;
        }
        assert_eq!(at, text.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        #[test]
        fn fast_cells_match_the_segmenter(
            text in crate::layout::tests::properties::text(),
            wide in proptest::prelude::any::<bool>(),
        ) {
            let measure = Measure { ambiguous_wide: wide };
            let fast: Vec<Cell<'_>> = Cells::new(&text, measure).collect();
            let reference: Vec<Cell<'_>> = Cells { fast: false, ..Cells::new(&text, measure) }.collect();
            proptest::prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn sanitize_borrows_clean_text() {
        assert!(matches!(sanitize("主持人"), Cow::Borrowed("主持人")));
        assert_eq!(sanitize("a\x1b[2Jb\tc"), "a␛[2Jb  c");
        assert_eq!(sanitize("x\u{85}y\n"), "x\u{2426}y␊");
    }
}
