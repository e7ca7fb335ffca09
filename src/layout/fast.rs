//! The hot path of wrapping: graphemes and break opportunities for the characters most text is
//! made of (Han ideographs, common punctuation, ASCII words), decided from small tables, with
//! `unicode-segmentation` and `icu_segmenter` called only for the stretches that need them.
//!
//! It must agree exactly with the segmenters; the property test `fast_path_matches_reference`
//! (in `wrap/tests.rs`) compares the two on random mixed text.

use unicode_segmentation::UnicodeSegmentation;

use super::Measure;
use super::breaks;
use super::width::{Glyph, glyph, simple};
use super::wrap::{Grapheme, Scratch};

/// What the tables know of a one-character grapheme, for UAX #14.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A CJK Unified Ideograph: class ID, two cells in either measure.
    Han,
    /// `，。、；：？！` and ASCII `, ! ?`: classes CL, EX, IS, NS; never at a line start.
    Closing,
    /// An ASCII digit: class NU.
    Digit,
    /// An ASCII letter: class AL.
    Letter,
    /// U+0020: class SP.
    Space,
    /// Anything else, or a grapheme of more than one character: ask the segmenter.
    Other,
}

pub(super) fn class(c: char) -> Class {
    match c {
        '\u{4E00}'..='\u{9FFF}' => Class::Han,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | ',' | '!' | '?' => Class::Closing,
        '0'..='9' => Class::Digit,
        'a'..='z' | 'A'..='Z' => Class::Letter,
        ' ' => Class::Space,
        _ => Class::Other,
    }
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
fn verdict(before: Class, after: Class, solid: Class) -> Verdict {
    use Class::{Closing, Digit, Han, Letter, Space};
    match (before, after) {
        // LB31, no earlier rule applies to ID ID, CL/EX/IS/NS ID, ID NU or NU ID.
        (Han | Closing | Digit, Han) | (Han, Digit) => Verdict::Break,
        // LB13 (× CL, EX, IS) and LB21 (× NS), with nothing in between that LB4–LB8 cares for.
        (Han | Closing | Digit | Letter, Closing) => Verdict::Keep,
        // LB28 (AL × AL), LB23 (AL × NU, NU × AL), LB25 (NU × NU).
        (Letter | Digit, Letter | Digit) => Verdict::Keep,
        // LB7 (× SP).
        (Han | Closing | Digit | Letter | Space, Space) => Verdict::Keep,
        // LB18 (SP ÷), when what precedes the spaces is none of LB14–LB17's OP, QU, CL, CP,
        // B2 (the closing marks here never meet LB16's NS after them: `after` is no NS).
        (Space, Han | Digit | Letter) if matches!(solid, Han | Closing | Digit | Letter) => {
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

/// The positions at or after `from` (in increasing order) where the analysis may start afresh
/// and give exactly what analysing the whole piece gives: between two graphemes of one
/// character each, where [`verdict`] finds a break whatever surrounds them (`中|文`, `。|中`,
/// `中|2`, `word |next`). Each comes with the character before it.
///
/// Both neighbours, and one character on either side of them, are [`simple`], so no grapheme
/// cluster spans the position; the break needs no context the tables do not see, so the
/// segmenter restarted there finds the same breaks; and no URL reaches across a Han character
/// or a space.
pub(super) fn restart_points(piece: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let first = from;
    let mut from = from.min(piece.len());
    while !piece.is_char_boundary(from) {
        from -= 1;
    }
    // Three characters of left context.
    let back = piece
        .get(..from)
        .and_then(|head| head.char_indices().rev().nth(2).map(|(at, _)| at))
        .unwrap_or(0);
    let mut chars = piece.get(back..).unwrap_or_default().char_indices();
    let mut window: [Option<(usize, char)>; 5] = [None; 5];
    std::iter::from_fn(move || {
        loop {
            let next = chars.next().map(|(at, c)| (back + at, c));
            window.rotate_left(1);
            window[4] = next;
            let [outer, left, before, Some((pos, after)), beyond] = window else {
                if window[3].is_none() && window[4].is_none() && next.is_none() {
                    return None;
                }
                continue;
            };
            let Some((_, c1)) = before else { continue };
            if pos < first || pos == 0 {
                continue;
            }
            let ok = |c: Option<(usize, char)>| c.is_none_or(|(_, c)| simple(c));
            if !(simple(c1) && simple(after) && ok(beyond) && ok(left) && ok(outer)) {
                continue;
            }
            let safe = match (class(c1), class(after)) {
                (Class::Han | Class::Closing | Class::Digit, Class::Han)
                | (Class::Han, Class::Digit) => true,
                (Class::Space, Class::Han | Class::Digit | Class::Letter) => {
                    left.is_some_and(|(_, c0)| {
                        matches!(
                            class(c0),
                            Class::Han | Class::Closing | Class::Digit | Class::Letter
                        )
                    })
                }
                _ => false,
            };
            if safe {
                return Some((pos, c1));
            }
        }
    })
}
