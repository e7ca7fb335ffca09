//! The hot path of wrapping: graphemes and break opportunities for the characters most text is
//! made of (Han ideographs and kana, Hangul syllables, the letters of alphabetic scripts, emoji,
//! common punctuation and brackets, ASCII words), decided from small tables, with
//! `unicode-segmentation` and `icu_segmenter` called only for the stretches that need them; and
//! the restart points, where the analysis of a huge paragraph may be cut into windows.
//!
//! It must agree exactly with the segmenters: the property tests `fast_path_matches_reference`
//! (in `wrap/tests.rs`) and `fast_path_matches_reference_in_every_script` compare the two on
//! random mixed text, and `the_tables_agree_with_the_segmenters_for_every_character` (in
//! `wrap/restarts.rs`) tries every character of the tables in every context.

use unicode_segmentation::UnicodeSegmentation;

use super::Measure;
use super::breaks;
use super::width::{Glyph, glyph, simple};
use super::wrap::{Grapheme, Scratch};

/// What the tables know of a one-character grapheme, for UAX #14 and the Chinese, Japanese and
/// Korean rules of [`breaks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A CJK Unified Ideograph, or kana that may start a line: class ID, two cells in either
    /// measure. (Small kana, `ー` and the iteration marks are class CJ or NS: `Other`.)
    Han,
    /// An emoji pictograph of class ID or EB.
    Pict,
    /// A precomposed Hangul syllable: class H2 or H3, kept with the letters beside it.
    Hangul,
    /// `，。、；：？！` and ASCII `, ! ?`: classes CL, EX, IS, NS; never at a line start.
    Closing,
    /// A closing bracket, `)` `]` `}` `）` `】` `」` `》` and the like: class CL or CP.
    Close,
    /// An opening bracket, `(` `[` `{` `（` `【` `「` `《` and the like: class OP.
    Open,
    /// An ASCII digit: class NU.
    Digit,
    /// A letter of an alphabetic script: ASCII, Latin-1 and Latin Extended, Greek, Cyrillic,
    /// Armenian, Hebrew, Arabic, Georgian; class AL or HL.
    Letter,
    /// U+0020: class SP.
    Space,
    /// Anything else, or a grapheme of more than one character: ask the segmenter.
    Other,
}

/// The classes of the ASCII characters.
static ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = match c as u8 {
            b'0'..=b'9' => Class::Digit,
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b',' | b'!' | b'?' => Class::Closing,
            b')' | b']' | b'}' => Class::Close,
            b'(' | b'[' | b'{' => Class::Open,
            b' ' => Class::Space,
            _ => Class::Other,
        };
        c += 1;
    }
    table
};

/// The class of `c` as a grapheme of its own.
#[inline]
pub(super) fn class(c: char) -> Class {
    match c {
        '\0'..='\x7f' => ASCII[c as usize],
        '\u{4E00}'..='\u{9FFF}' => Class::Han,
        _ => class_beyond(c),
    }
}

/// [`class`] past ASCII and the unified ideographs.
fn class_beyond(c: char) -> Class {
    match c {
        '，' | '。' | '、' | '；' | '：' | '？' | '！' => Class::Closing,
        '）' | '］' | '｝' | '】' | '」' | '』' | '》' | '〉' | '〕' | '〗' | '〙' | '〛'
        | '｠' => Class::Close,
        '（' | '［' | '｛' | '【' | '「' | '『' | '《' | '〈' | '〔' | '〖' | '〘' | '〚'
        | '｟' => Class::Open,
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' if !breaks::no_line_start(c) => {
            Class::Han
        }
        '\u{3400}'..='\u{4DBF}' => Class::Han,
        '\u{AC00}'..='\u{D7A3}' => Class::Hangul,
        _ if letter(c) => Class::Letter,
        _ if pictograph(c) => Class::Pict,
        _ => Class::Other,
    }
}

/// The letters of the alphabetic scripts the tables know, none of them a combining mark:
/// Latin-1 and Latin Extended, Greek, Cyrillic, Armenian, Hebrew, Arabic and Georgian.
#[inline]
pub(super) fn letter(c: char) -> bool {
    matches!(c,
        '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{024F}'
        | '\u{0386}'
        | '\u{0388}'..='\u{038A}'
        | '\u{038C}'
        | '\u{038E}'..='\u{03A1}'
        | '\u{03A3}'..='\u{03F5}'
        | '\u{03F7}'..='\u{03FF}'
        | '\u{0400}'..='\u{0481}'
        | '\u{048A}'..='\u{052F}'
        | '\u{0531}'..='\u{0556}'
        | '\u{0561}'..='\u{0587}'
        | '\u{05D0}'..='\u{05EA}'
        | '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{10D0}'..='\u{10FA}')
}

/// The emoji pictographs the tables know: Extended_Pictographic, neither a modifier nor a
/// component, line-break class ID or EB (the blocks of pictographs, without the symbols of
/// class AL among them).
#[inline]
pub(super) fn pictograph(c: char) -> bool {
    matches!(c,
        '\u{1F300}'..='\u{1F39B}'
        | '\u{1F39E}'..='\u{1F3B4}'
        | '\u{1F3B7}'..='\u{1F3BB}'
        | '\u{1F3BD}'..='\u{1F3FA}'
        | '\u{1F400}'..='\u{1F49F}'
        | '\u{1F4A1}'
        | '\u{1F4A3}'
        | '\u{1F4A5}'..='\u{1F4AE}'
        | '\u{1F4B0}'
        | '\u{1F4B3}'..='\u{1F4FF}'
        | '\u{1F507}'..='\u{1F516}'
        | '\u{1F525}'..='\u{1F531}'
        | '\u{1F54A}'..='\u{1F5D3}'
        | '\u{1F5DC}'..='\u{1F5F3}'
        | '\u{1F5FA}'..='\u{1F64F}'
        | '\u{1F680}'..='\u{1F6FF}'
        | '\u{1F90C}'..='\u{1F9FF}'
        | '\u{1FA70}'..='\u{1FAFF}')
}

/// What UAX #14 (strict, as `icu_segmenter` implements it) and the Chinese rules say about the
/// position between two graphemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A break, whatever surrounds the pair; the segmenter may start afresh here.
    Break,
    /// No break.
    Keep,
    /// Depends on more than the tables know.
    Ask,
}

/// The verdict between `before` and `after`; `solid` is the class of the last grapheme before
/// `after` that is not a space (`Other` at the start of the piece).
///
/// Every `Break` has a space, an ideograph, a pictograph or a Hangul syllable on one side, so
/// no URL (ASCII) reaches across it.
#[inline]
fn verdict(before: Class, after: Class, solid: Class) -> Verdict {
    use Class::{Close, Closing, Digit, Han, Hangul, Letter, Open, Pict, Space};
    match (before, after) {
        // LB31: no earlier rule applies to ID, EB, H2, H3, CL, CP, EX, IS, NS or NU before ID or
        // EB, to ID or EB before NU or OP, or to CL, CP, EX, IS, NS before H2 or H3 (LB30 keeps
        // only AL, HL, NU after CP; LB23a only PR before an ideograph), and none of the Chinese
        // rules forbids a break there. Korean words hold together with letters and digits.
        (Han | Pict | Closing | Close | Digit, Han | Pict)
        | (Han | Pict, Digit | Open)
        | (Hangul, Pict | Open)
        | (Pict | Closing | Close, Hangul) => Verdict::Break,
        (Hangul, Hangul | Han | Letter | Digit) | (Han | Letter | Digit, Hangul) => Verdict::Keep,
        // LB13 (× CL, CP, EX, IS) and LB21 (× NS), with nothing in between that LB4–LB8 cares
        // for; LB14 (OP SP* ×).
        (Han | Pict | Hangul | Closing | Close | Digit | Letter, Closing)
        | (Han | Pict | Hangul | Closing | Close | Digit | Letter | Open | Space, Close)
        | (Open, Han | Pict | Hangul | Closing | Open | Digit | Letter) => Verdict::Keep,
        // LB28 (AL × AL), LB23 (AL × NU, NU × AL), LB25 (NU × NU), for HL as for AL.
        (Letter | Digit, Letter | Digit) => Verdict::Keep,
        // LB7 (× SP).
        (Han | Pict | Hangul | Closing | Close | Open | Digit | Letter | Space, Space) => {
            Verdict::Keep
        }
        // LB18 (SP ÷), when what precedes the spaces is none of LB14–LB17's OP, QU, CL, CP,
        // B2 before what LB15–LB17 name (`after` is no NS, OP after QU or B2).
        (Space, Han | Pict | Hangul | Digit | Letter | Open)
            if matches!(
                solid,
                Han | Pict | Hangul | Closing | Close | Digit | Letter
            ) =>
        {
            Verdict::Break
        }
        _ => Verdict::Ask,
    }
}

/// Splits `piece` into graphemes, appended to `graphemes` with offsets in `piece`, and finds
/// its break opportunities; see the module doc.
pub(super) fn analyse(
    piece: &str,
    measure: Measure,
    scratch: &mut Scratch,
    graphemes: &mut Vec<Grapheme>,
) {
    let runs = &mut scratch.runs;
    runs.clear();
    // The stretch since the last context-free break, and whether any position in it needs
    // the segmenter.
    let mut run_start = 0;
    let mut run_asks = false;
    let mut before = Class::Other;
    let mut solid = Class::Other;
    let mut chars = piece.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let (glyph, class) = if simple(c) && next.is_none_or(simple) {
            let class = class(c);
            let glyph = match class {
                Class::Han => Glyph::Fixed(2),
                _ if c.is_ascii() => Glyph::Fixed(1),
                _ => glyph(
                    piece.get(start..start + c.len_utf8()).unwrap_or_default(),
                    measure,
                ),
            };
            (glyph, class)
        } else {
            // Starting at a boundary, the segmenter finds the same cluster it would find
            // running over the whole piece (UAX #29 never looks behind a boundary).
            let g = piece
                .get(start..)
                .and_then(|rest| rest.graphemes(true).next())
                .unwrap_or_default();
            let end = start + g.len().max(c.len_utf8());
            while chars.peek().is_some_and(|&(at, _)| at < end) {
                chars.next();
            }
            let class = if end == start + c.len_utf8() {
                class(c)
            } else {
                Class::Other
            };
            (glyph(g, measure), class)
        };
        let mut brk = false;
        if start > 0 {
            match verdict(before, class, solid) {
                Verdict::Break => {
                    if run_asks {
                        runs.push(run_start..start);
                    }
                    run_start = start;
                    run_asks = false;
                    brk = true;
                }
                Verdict::Keep => {}
                Verdict::Ask => run_asks = true,
            }
        }
        if class != Class::Space {
            solid = class;
        }
        before = class;
        graphemes.push(Grapheme {
            start,
            glyph,
            space: class == Class::Space,
            brk,
            soft: false,
            url: false,
        });
    }
    if run_asks {
        runs.push(run_start..piece.len());
    }
    breaks::opportunities(piece, runs, &mut scratch.breaks, &mut scratch.urls);
}

/// Spaces [`restart_points`] looks back over for the last character before them.
const SPACES_BACK: usize = 64;

/// The positions at or after `from` (in increasing order) where the analysis may start afresh
/// and give exactly what analysing the whole piece gives: between two graphemes of one
/// character each, where [`verdict`] finds a break whatever surrounds them (`中|文`, `。|中`,
/// `中|2`, `word |next`, `] |好`, `。 |[`, `한국 |사람`, `かな|カナ`). Each comes with the last
/// character before it that is not a space.
///
/// Both neighbours, the character after the second and the one before the first (or before
/// the last character ahead of the spaces, when the first is a space) are [`simple`], so no
/// grapheme cluster spans the position and the tables know the classes [`analyse`] would give
/// them; the break needs no context the tables do not see, so the segmenter restarted there
/// finds the same breaks; and a space, an ideograph, a pictograph or a Hangul syllable stands
/// on one side, so no URL reaches across it.
pub(super) fn restart_points(piece: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut from = from.min(piece.len());
    while !piece.is_char_boundary(from) {
        from += 1;
    }
    let head = &piece[..from];
    // What stands before `from`: the character just before it, whether its grapheme is that
    // character alone, and the same for the last character that is not a space.
    let mut back = head.chars().rev();
    let mut left = Left::default();
    if let Some(c1) = back.next() {
        let c0 = back.clone().next();
        left.before = Some((c1, simple(c1) && c0.is_none_or(simple)));
        if c1 == ' ' {
            let mut spaces = 1;
            let mut rest = back;
            while let Some(c) = rest.next() {
                if c != ' ' {
                    let ok = simple(c) && rest.next().is_none_or(simple);
                    left.solid = Some((c, ok));
                    break;
                }
                spaces += 1;
                if spaces > SPACES_BACK {
                    break;
                }
            }
            left.spaces = spaces;
        } else {
            left.solid = left.before;
        }
    }
    let mut chars = piece[from..].char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, after)) = chars.next() {
            let pos = from + at;
            let beyond = chars.peek().map(|&(_, c)| c);
            let found = left.restarts(after, beyond);
            let solid = left.solid;
            left.step(after);
            if let (true, Some((solid, _))) = (found, solid) {
                return Some((pos, solid));
            }
        }
        None
    })
}

/// What [`restart_points`] knows of the text before a position.
#[derive(Debug, Default, Clone, Copy)]
struct Left {
    /// The character just before, and whether it is a grapheme of its own.
    before: Option<(char, bool)>,
    /// The last character that is not a space, and whether it is a grapheme of its own;
    /// `None` also when more than [`SPACES_BACK`] spaces follow it.
    solid: Option<(char, bool)>,
    /// The spaces since `solid`.
    spaces: usize,
}

impl Left {
    /// Whether the position before `after` (followed by `beyond`) is a restart point.
    #[inline]
    fn restarts(&self, after: char, beyond: Option<char>) -> bool {
        let Some((before, true)) = self.before else {
            return false;
        };
        if !(simple(after) && beyond.is_none_or(simple)) {
            return false;
        }
        let solid = match self.solid {
            Some((c, true)) => class(c),
            _ => Class::Other,
        };
        verdict(class(before), class(after), solid) == Verdict::Break
    }

    /// Moves past `c`.
    #[inline]
    fn step(&mut self, c: char) {
        let alone = simple(c) && self.before.is_none_or(|(b, _)| simple(b));
        self.before = Some((c, alone));
        if c == ' ' {
            self.spaces += 1;
            if self.spaces > SPACES_BACK {
                self.solid = None;
            }
        } else {
            self.solid = self.before;
            self.spaces = 0;
        }
    }
}
