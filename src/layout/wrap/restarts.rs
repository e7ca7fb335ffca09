//! Restart points and seams in every script: the tables of `fast` against the segmenters,
//! character by character, and the streamed layout against the whole one on mixed-script text.

use proptest::prelude::*;

use super::tests::analysed;
use super::*;
use crate::layout::fast::{self, Class};
use crate::layout::width::simple;

/// Characters of every class the tables know, and of those that change their context.
const NEIGHBOURS: &[&str] = &[
    "中",
    "あ",
    "カ",
    "한",
    "😀",
    "👍",
    "，",
    "。",
    "、",
    "：",
    "？",
    ",",
    "!",
    "?",
    ".",
    ";",
    ":",
    "）",
    "」",
    ")",
    "]",
    "}",
    "（",
    "「",
    "(",
    "[",
    "{",
    "1",
    "7",
    "a",
    "Z",
    "é",
    "ж",
    "Ω",
    "א",
    "ب",
    "ა",
    " ",
    "  ",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "—",
    "——",
    "…",
    "-",
    "/",
    "%",
    "$",
    "+",
    "#",
    "\u{301}",
    "\u{200b}",
    "\u{a0}",
    "ー",
    "っ",
    "ゝ",
    "々",
    "・",
    "\t",
    "\u{b}",
    "\u{1100}",
    "\u{1161}",
    "\u{11a8}",
    "\u{64b}",
    "\u{5b0}",
    "ก",
    "\u{e31}",
    "\u{fe0f}",
    "\u{200d}",
    "\u{1f3fd}",
    "🇨",
    "\u{600}",
    "١",
    "x.com/",
    "@",
    "www.",
    "://",
];

/// Every character the tables give a class or call simple (but for one in seven of the
/// ideographs and Hangul syllables, which share their line-break class), with whether to try
/// it in every context (else in a few that tell its line-break class): the ends of each
/// stretch of one class and one in eleven of the rest.
fn table_characters() -> Vec<(char, bool)> {
    let known = |c: char| simple(c) || fast::class(c) != Class::Other;
    (0..=0x1F_FFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| known(c))
        .filter_map(|c| {
            let code = u32::from(c);
            let edge = [code - 1, code + 1]
                .into_iter()
                .filter_map(char::from_u32)
                .any(|n| !known(n) || fast::class(n) != fast::class(c));
            let big = matches!(
                c,
                '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}'
            );
            (edge || !big || code % 7 == 0).then_some((c, edge || code % 11 == 0))
        })
        .collect()
}

/// `c` among characters of the classes that tell line-break classes apart.
fn probe(c: char) -> String {
    format!("中{c}中a{c}a1{c}1 {c} {c}{c}，{c}）({c}한{c}한“{c}”{c}%{c}$")
}

/// `c` between each of the neighbours, touching and across spaces.
fn contexts(c: char) -> String {
    let c = c.to_string();
    let mut piece = String::new();
    for &n in NEIGHBOURS {
        for part in [n, &c, n, " ", &c, " ", n, "  ", &c, &c] {
            piece.push_str(part);
        }
    }
    piece
}

/// The lines of `text` analysed in windows ending at every restart point.
fn windowed(text: &str, width: usize) -> Vec<Line> {
    Wrapper::new(text, 0, width, Measure::default(), Path::Fast)
        .with_window(1)
        .collect()
}

/// Where the fast analysis of `piece` differs from the reference one, shown.
fn disagreement(piece: &str, width: usize) -> Option<String> {
    let fast = analysed(piece, Path::Fast, width);
    let reference = analysed(piece, Path::Reference, width);
    if fast == reference {
        return None;
    }
    let at = fast
        .0
        .iter()
        .zip(&reference.0)
        .position(|(f, r)| f != r)
        .unwrap_or(0);
    let g = fast.0.get(at).map_or(0, |g| g.start);
    let before: String = piece[..g].chars().rev().take(4).collect();
    let after: String = piece[g..].chars().take(4).collect();
    Some(format!(
        "fast {:?}, reference {:?} at {:?}|{after:?}",
        fast.0.get(at),
        reference.0.get(at),
        before.chars().rev().collect::<String>(),
    ))
}

#[test]
fn the_tables_agree_with_the_segmenters_for_every_character() {
    for (c, everywhere) in table_characters() {
        let name = format!("U+{:04X}", u32::from(c));
        let piece = if everywhere { contexts(c) } else { probe(c) };
        if let Some(wrong) = disagreement(&piece, 9) {
            panic!("{name}: {wrong}");
        }
        let reference = wrap_with(&piece, 9, Measure::default(), Path::Reference);
        assert_eq!(windowed(&piece, 9), reference, "{name}");
    }
}

/// Pieces of text in many scripts, with what glues characters into clusters (combining marks,
/// jamo, ZWJ, modifiers, regional indicators) and what gives UAX #14 context (spaces, quotes,
/// brackets, signs around numbers, URLs).
const SCRIPTS: &[&str] = &[
    // Chinese and its punctuation.
    "中",
    "文",
    "说",
    "〇",
    "，",
    "。",
    "、",
    "：",
    "；",
    "？",
    "！",
    "“",
    "”",
    "‘",
    "’",
    "（",
    "）",
    "【",
    "】",
    "《",
    "》",
    "「",
    "」",
    "——",
    "……",
    "·",
    "%",
    "％",
    // Japanese: kana, small kana, marks, halfwidth.
    "あ",
    "か",
    "の",
    "っ",
    "ゃ",
    "ー",
    "カ",
    "タ",
    "ッ",
    "ァ",
    "ゝ",
    "々",
    "・",
    "\u{3099}",
    "ｶ",
    "ﾞ",
    // Korean: syllables, conjoining jamo, compatibility jamo.
    "한",
    "국",
    "어",
    "말",
    "\u{1100}",
    "\u{1161}",
    "\u{11a8}",
    "ㄱ",
    // Latin, with precomposed and combining accents.
    "a",
    "Z",
    "é",
    "ß",
    "ø",
    "e\u{301}",
    "ǀ",
    "ª",
    // Greek, Cyrillic, Armenian, Georgian.
    "α",
    "Ω",
    "ά",
    "ж",
    "Я",
    "ё",
    "ա",
    "ა",
    // Hebrew and Arabic, with their marks, digits and punctuation.
    "א",
    "ש",
    "\u{5b0}",
    "ب",
    "ع",
    "\u{64b}",
    "\u{651}",
    "ـ",
    "١",
    "؟",
    "،",
    "\u{600}",
    // Thai and Devanagari.
    "ก",
    "\u{e31}",
    "\u{e48}",
    "क",
    "\u{94d}",
    "ष",
    // Emoji: pictographs, modifiers, ZWJ, variation selectors, flags, one of class AL.
    "😀",
    "👍",
    "🚀",
    "\u{1f3fd}",
    "\u{200d}",
    "\u{fe0f}",
    "🇨",
    "🇳",
    "🎜",
    "❤",
    // Digits and ASCII punctuation.
    "1",
    "2013",
    "8.67%",
    "$",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "-",
    "/",
    "+",
    "«",
    "»",
    // Spaces and controls.
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\u{a0}",
    "\u{3000}",
    "\t",
    "\u{200b}",
    "\u{b}",
    "\r",
    // URLs, subtitle cues.
    "https://x.org/a",
    "a@b.cn",
    "www.",
    "[甲] ",
    "好。 ",
];

/// Text of the fragments above, newlines now and then.
fn scripts() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        30 => proptest::sample::select(SCRIPTS).prop_map(str::to_owned),
        1 => Just("\n".to_owned()),
    ];
    proptest::collection::vec(fragment, 0..60).prop_map(|v| v.concat())
}

/// A restart point splits the analysis into two that give, side by side, the analysis of the
/// whole piece, with a break at the point.
fn split_at_restarts_changes_nothing(piece: &str) -> Result<(), TestCaseError> {
    let (whole, _) = analysed(piece, Path::Fast, 9);
    for (at, _) in fast::restart_points(piece, 0) {
        let (mut split, _) = analysed(&piece[..at], Path::Fast, 9);
        let (tail, _) = analysed(&piece[at..], Path::Fast, 9);
        let first = split.len();
        split.extend(tail.into_iter().map(|g| Grapheme {
            start: g.start + at,
            ..g
        }));
        if let Some(g) = split.get_mut(first) {
            prop_assert!(
                whole.get(first).is_some_and(|w| w.brk),
                "no break at {}",
                at
            );
            g.brk = true;
        }
        prop_assert_eq!(&split, &whole, "split at {}", at);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_matches_reference_in_every_script(text in scripts(), width in 1..=40usize, wide in any::<bool>()) {
        let measure = Measure { ambiguous_wide: wide };
        for piece in text.split('\n') {
            prop_assert_eq!(analysed(piece, Path::Fast, width), analysed(piece, Path::Reference, width));
            split_at_restarts_changes_nothing(piece)?;
        }
        let reference = wrap_with(&text, width, measure, Path::Reference);
        prop_assert_eq!(&wrap_with(&text, width, measure, Path::Fast), &reference);
        let windowed: Vec<Line> = Wrapper::new(&text, 0, width, measure, Path::Fast)
            .with_window(1)
            .collect();
        prop_assert_eq!(&windowed, &reference);
    }
}

/// `text` repeated to past `bytes`.
fn repeated(text: &str, bytes: usize) -> String {
    text.repeat(bytes / text.len().max(1) + 1)
}

/// The lines from `restart_point(text, offset)` on are the whole layout's, and the restart
/// point is within two cells of `offset`.
fn restarts_exactly(
    text: &str,
    whole: &[Line],
    offset: usize,
    width: usize,
) -> Result<(), TestCaseError> {
    let start = crate::layout::restart_point(text, offset);
    prop_assert!(
        start <= offset && offset - start < 2 * SECTION + 64,
        "{} → {}",
        offset,
        start
    );
    let from: Vec<Line> = crate::layout::lines_from(text, start, width, Measure::default())
        .take(40)
        .collect();
    let first = whole.partition_point(|line| line.range.start < start);
    let expected = &whole[first..whole.len().min(first + 40)];
    prop_assert_eq!(&from[..], expected, "from {} (offset {})", start, offset);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Mixed-script paragraphs of 150 KB or more: every section has a seam near its cell, and
    /// laying out from a restart point gives the lines of the whole layout.
    #[test]
    fn lines_from_a_restart_point_are_those_of_the_whole_layout(
        text in scripts(),
        width in prop_oneof![1..=12usize, 12..=100usize],
        offsets in proptest::collection::vec(0..1_000_000usize, 4),
    ) {
        prop_assume!(!text.is_empty());
        let text = repeated(&text.replace('\n', " "), 150_000);
        let whole = crate::layout::wrap(&text, width, Measure::default());
        let streamed: Vec<Line> = crate::layout::lines(&text, width, Measure::default()).collect();
        prop_assert_eq!(&streamed, &whole);
        for offset in offsets {
            let mut offset = offset % text.len();
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            restarts_exactly(&text, &whole, offset, width)?;
        }
    }
}

/// Paragraphs of `bytes` bytes or more with no restart point: text that only a forced seam
/// cuts into sections. (Thai would be one too, but its dictionary segmenter is too slow in a
/// debug build.)
fn unbreakable(bytes: usize) -> Vec<(&'static str, String)> {
    let mut state = 2013u64;
    let base64: String = std::iter::from_fn(|| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Some(char::from(
            alphabet[usize::try_from(state >> 58).unwrap_or(0)],
        ))
    })
    .take(bytes)
    .collect();
    vec![
        ("a word", "x".repeat(bytes)),
        ("base64", base64),
        ("Devanagari", repeated("क्षत्रिय ", bytes)),
        ("flags", repeated("🇨🇳", bytes)),
        ("skin tones", repeated("👍🏽", bytes)),
        ("one cluster", format!("e{}", "\u{301}".repeat(bytes / 2))),
        ("spaces", format!("a，{}结束了。", " ".repeat(bytes))),
        ("dashes", repeated("—", bytes)),
    ]
}

#[test]
fn forced_seams_cut_what_has_no_restart_point() {
    for (name, text) in unbreakable(150_000) {
        for width in [4, 13, 80] {
            let whole = crate::layout::wrap(&text, width, Measure::default());
            let streamed: Vec<Line> =
                crate::layout::lines(&text, width, Measure::default()).collect();
            assert_eq!(streamed, whole, "{name} at {width}");
            // (The check measures the run of dashes around every line end: quadratic here.)
            if name != "dashes"
                && let Err(wrong) = crate::layout::tests::check(&text, width, Measure::default())
            {
                panic!("{name} at {width}: {wrong}");
            }
            // No line is wider than the width, and only spaces are left out between lines.
            let mut at = 0;
            for line in whole.iter().chain([&Line {
                range: text.len()..text.len(),
                width: 0,
            }]) {
                assert!(line.width <= width, "{name} at {width}: {line:?}");
                let gap = &text.as_bytes()[at..line.range.start];
                assert!(gap.iter().all(|&b| b == b' '), "{name} at {width}: {at}");
                at = line.range.end;
            }
            for offset in [70_000, 140_000, text.len()] {
                let mut offset = offset.min(text.len());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                if let Err(wrong) = restarts_exactly(&text, &whole, offset, width) {
                    panic!("{name} at {width}: {wrong}");
                }
            }
        }
        for cell in 1..text.len().div_ceil(SECTION) {
            let at = seam(&text, cell).unwrap_or_else(|| panic!("{name}: no seam in {cell}"));
            assert!(
                (cell * SECTION..(cell + 1) * SECTION).contains(&at),
                "{name}: {at} for cell {cell}"
            );
        }
    }
}
