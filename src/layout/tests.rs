//! Whole-engine tests: SPEC §4's examples, the sample interview, and property tests.

use super::*;

fn show(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width, Measure::default())
        .into_iter()
        .map(|l| &text[l.range])
        .collect()
}

#[test]
fn spec_example_width_12() {
    assert_eq!(
        show(
            "举办了《新刑诉法》培训班，近三年，还对本年度通过国家司法考试的民警进行重奖。",
            12
        ),
        [
            "举办了《新刑",
            "诉法》培训",
            "班，近三年，",
            "还对本年度通",
            "过国家司法考",
            "试的民警进行",
            "重奖。"
        ]
    );
}

#[test]
fn spec_example_width_14() {
    assert_eq!(
        show(
            "宁安市农村火灾起数和财产损失均占全市总数的七成以上。90%的行政村距离公安消防部队达15公里以上,最远的达150公里",
            14
        ),
        [
            "宁安市农村火灾",
            "起数和财产损失",
            "均占全市总数的",
            "七成以上。90%",
            "的行政村距离公",
            "安消防部队达15",
            "公里以上,最远",
            "的达150公里"
        ]
    );
}

#[test]
fn spec_example_width_20() {
    assert_eq!(
        show(
            "We installed 8,511 cameras across villages—a “一村一泵” model.",
            20
        ),
        [
            "We installed 8,511",
            "cameras across",
            "villages—a “一村一",
            "泵” model."
        ]
    );
}

#[test]
fn width_zero_and_one_put_one_grapheme_per_line() {
    assert_eq!(show("中文，好", 1), ["中", "文", "，", "好"]);
    assert_eq!(show("中文，好", 0), ["中", "文", "，", "好"]);
    assert_eq!(show("ab", 0), ["a", "b"]);
    assert_eq!(show("中文，好", 2), ["中", "文", "，", "好"]);
    assert_eq!(show("中文，好", 4), ["中", "文，", "好"]);
    // A tab at column 0 is 4 cells: alone on its line below width 4.
    assert_eq!(show("\tab", 3), ["\t", "ab"]);
    let lines = wrap("中a", 1, Measure::default());
    assert_eq!(lines.iter().map(|l| l.width).collect::<Vec<_>>(), [2, 1]);
}

#[test]
fn newlines_are_mandatory_breaks_and_empty_pieces_empty_lines() {
    assert_eq!(show("ab\n\ncd\r\nef", 10), ["ab", "", "cd", "ef"]);
    assert_eq!(show("ab\n", 10), ["ab", ""]);
    assert!(wrap("", 10, Measure::default()).is_empty());
}

#[test]
fn spaces_at_a_break_belong_to_no_line() {
    let text = "one two   three";
    let lines = wrap(text, 7, Measure::default());
    assert_eq!(
        lines,
        [
            Line {
                range: 0..7,
                width: 7
            },
            Line {
                range: 10..15,
                width: 5
            }
        ]
    );
    // Spaces may hang past the width rather than force a break.
    assert_eq!(show("abc     ", 4), ["abc"]);
}

#[test]
fn long_words_are_cut_only_when_nothing_else_fits() {
    assert_eq!(
        show("a Donaudampfschiff b", 8),
        ["a", "Donaudam", "pfschiff", "b"]
    );
    // The cut steps back so that "," does not start a line.
    assert_eq!(show("abcdefgh, x", 8), ["abcdefg", "h, x"]);
    assert_eq!(show("好好好——好", 7), ["好好", "好——好"]);
}

#[test]
fn urls_stay_whole_when_they_fit() {
    let text = "详见 https://www.example.com/a/b/c 网站";
    assert_eq!(
        show(text, 31),
        ["详见", "https://www.example.com/a/b/c", "网站"]
    );
    // Too long for the line: UAX #14's breaks after `/` come back.
    assert_eq!(
        show(text, 16),
        ["详见 https://", "www.example.com/", "a/b/c 网站"]
    );
    assert_eq!(
        show("邮箱 jiang.bin@mdj.gov.cn。", 22),
        ["邮箱", "jiang.bin@mdj.gov.cn。"]
    );
}

#[test]
fn quotation_marks_between_han() {
    assert_eq!(
        show("荣获全省“平安城市”称号", 10),
        ["荣获全省", "“平安城市”", "称号"]
    );
    // "市" goes down with "”", which may not start a line.
    assert_eq!(
        show("荣获全省“平安城市”称号", 9),
        ["荣获全省", "“平安城", "市”称号"]
    );
}

#[test]
fn tabs_and_controls_count_as_drawn() {
    let text = "a\tb\x1bc";
    let lines = wrap(text, 80, Measure::default());
    assert_eq!(
        lines,
        [Line {
            range: 0..text.len(),
            width: 7
        }]
    );
    // A tab is UAX #14 class BA: a line may break after it, not before.
    assert_eq!(show("ab\tcd\tef", 6), ["ab\t", "cd\tef"]);
}

/// Checks the invariants of `wrap` on `text` at `width`; returns what is wrong.
pub(super) fn check(text: &str, width: usize, measure: Measure) -> Result<(), String> {
    use unicode_segmentation::UnicodeSegmentation;
    let lines = wrap(text, width, measure);
    let mut at = 0;
    let mut piece_start = true;
    let mut previous: Option<&str> = None;
    for line in &lines {
        let range = line.range.clone();
        if range.start < at || range.end < range.start || range.end > text.len() {
            return Err(format!("bad range {range:?} after {at}"));
        }
        let (Some(gap), Some(shown)) = (text.get(at..range.start), text.get(range.clone())) else {
            return Err(format!("{range:?} not on char boundaries"));
        };
        if !skippable(gap) {
            return Err(format!("{gap:?} dropped before {range:?}"));
        }
        if gap.contains('\n') || at == 0 {
            piece_start = true;
        }
        if shown.contains('\n') {
            return Err(format!("newline inside {shown:?}"));
        }
        if line.width != display_width(shown, measure) {
            return Err(format!("{shown:?} claims width {}", line.width));
        }
        if line.width > width.max(1) && shown.graphemes(true).count() != 1 {
            return Err(format!("{shown:?} wider than {width}"));
        }
        if let (false, Some(prev), Some(first)) = (piece_start, previous, shown.chars().next()) {
            let last = prev.chars().next_back().unwrap_or(' ');
            if !super::breaks::allowed_between(last, first) || first == ' ' {
                // Allowed only after an emergency cut that found no better place.
                let better = prev.grapheme_indices(true).skip(1).any(|(at, g)| {
                    let before = prev[..at].trim_end_matches(' ').chars().next_back();
                    let after = g.chars().next();
                    matches!((before, after), (Some(b), Some(a)) if a != ' ' && super::breaks::allowed_between(b, a))
                });
                if better {
                    return Err(format!("break between {prev:?} and {shown:?}"));
                }
            }
        }
        previous = Some(shown);
        piece_start = false;
        at = range.end;
    }
    let rest = text.get(at..).unwrap_or_default();
    if !skippable(rest) {
        return Err(format!("{rest:?} dropped at the end"));
    }
    if !text.is_empty() && lines.len() <= text.matches('\n').count() {
        return Err(format!(
            "{} lines for {} newlines",
            lines.len(),
            text.matches('\n').count()
        ));
    }
    Ok(())
}

/// Whether `gap` (between two lines' ranges) holds only what may vanish at a break: spaces,
/// newlines, and CRs before newlines.
fn skippable(gap: &str) -> bool {
    gap.replace("\r\n", "\n")
        .bytes()
        .all(|b| b == b' ' || b == b'\n')
}

#[test]
fn the_sample_interview_wraps_cleanly_at_every_width() {
    let sample = include_str!("../../assets/mudanjiang-police-interview.txt");
    let paragraphs: Vec<&str> = sample
        .lines()
        .map(|line| line.split_once([':', '：']).map_or(line, |(_, text)| text))
        .filter(|p| !p.is_empty())
        .collect();
    assert!(paragraphs.len() > 20);
    for width in 12..=120 {
        for paragraph in &paragraphs {
            for ambiguous_wide in [false, true] {
                let lines = wrap(paragraph, width, Measure { ambiguous_wide });
                for line in &lines {
                    let first = paragraph[line.range.clone()].chars().next();
                    assert!(
                        !first.is_some_and(super::breaks::no_line_start),
                        "width {width}: line starts with {first:?}"
                    );
                    let last = paragraph[line.range.clone()].chars().next_back();
                    assert!(
                        !last.is_some_and(super::breaks::no_line_end),
                        "width {width}: ends with {last:?}"
                    );
                }
                if let Err(e) = check(paragraph, width, Measure { ambiguous_wide }) {
                    panic!("width {width}: {e}\n{paragraph}");
                }
            }
        }
    }
}

pub(super) mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of text the generator strings together.
    const FRAGMENTS: &[&str] = &[
        // Chinese, Japanese (small kana, prolonged sound mark), Korean.
        "公安",
        "局长",
        "牡丹江",
        "犯罪",
        "の",
        "ぁ",
        "っ",
        "ゃ",
        "ァ",
        "ー",
        "カタカナ",
        "ひらがな",
        "한국어",
        "경찰",
        "ﾊﾝｶｸ",
        // Latin words, numbers.
        "police",
        "interview",
        "Donaudampfschiffahrt",
        "a",
        "I",
        "2013",
        "8.67%",
        "17.79%",
        "1.5",
        "$100",
        "8,511",
        "90%",
        "well-known",
        // Punctuation, CJK and ASCII.
        "，",
        "。",
        "、",
        "；",
        "：",
        "？",
        "！",
        "（",
        "）",
        "「",
        "」",
        "『",
        "』",
        "【",
        "】",
        "《",
        "》",
        "〈",
        "〉",
        "“",
        "”",
        "‘",
        "’",
        "…",
        "……",
        "—",
        "——",
        "·",
        "～",
        "％",
        "［",
        "］",
        ",",
        ".",
        ";",
        ":",
        "?",
        "!",
        "(",
        ")",
        "\"",
        "'",
        "-",
        "/",
        // Emoji: ZWJ sequences, skin tones, flags, keycaps.
        "👨‍👩‍👧‍👦",
        "👍🏽",
        "🇨🇳",
        "🇺🇸",
        "1️⃣",
        "❤️",
        "🏳️‍🌈",
        // Combining marks, alone and attached.
        "e\u{301}",
        "\u{301}",
        "a\u{20dd}",
        "\u{200d}",
        // Whitespace and controls.
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\x1b[31m",
        "\x7f",
        "\u{85}",
        "\u{9b}",
        "\0",
        "\u{3000}",
        // URLs and addresses.
        "https://www.example.com/path/to?q=1",
        "jiang.bin@mdj.gov.cn",
        "www.gov.cn",
    ];

    pub(crate) fn text() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => proptest::char::range('\u{4e00}', '\u{9fff}').prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(fragment, 0..80).prop_map(|v| v.concat())
    }

    fn width() -> impl Strategy<Value = usize> {
        prop_oneof![1..=16usize, 1..=200usize]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn wrapping_keeps_every_invariant(text in text(), width in width(), wide in any::<bool>()) {
            let measure = Measure { ambiguous_wide: wide };
            if let Err(e) = check(&text, width, measure) {
                prop_assert!(false, "width {}: {}\n{:?}", width, e, text);
            }
        }

        #[test]
        fn cells_never_carry_controls(text in text(), wide in any::<bool>()) {
            for cell in cells(&text, Measure { ambiguous_wide: wide }) {
                prop_assert!(!cell.symbol.chars().any(char::is_control), "{:?}", cell);
                prop_assert!(!cell.symbol.is_empty() || cell.width == 0);
            }
            prop_assert!(!sanitize(&text).chars().any(char::is_control));
        }
    }
}

#[test]
fn long_runs_wrap_in_linear_time() {
    // Spaces after an opening bracket, which may not end a line, force emergency cuts that
    // look back over the run; a long word forces one cut per line.
    let spaces = format!("（{}a", " ".repeat(200_000));
    assert_eq!(show(&spaces, 10), ["（", "a"]);
    let word = "x".repeat(1_000_000);
    assert_eq!(wrap(&word, 7, Measure::default()).len(), 142_858);
    let dashes = "—".repeat(100_000);
    assert_eq!(wrap(&dashes, 80, Measure::default()).len(), 1250);
}

/// Cases the property tests once found.
#[test]
fn emergency_cuts_look_past_spaces() {
    // "“" may not end a line, even with a space after it.
    assert_eq!(show("公安“ 公安", 4), ["公", "安", "“ 公", "安"]);
}

#[test]
fn no_line_starts_with_a_space() {
    // VT is a mandatory break in UAX #14; we picture it instead, and keep the space.
    for (text, width) in [
        ("——\u{b} ，", 3),
        ("Donaudampfschiffahrt \u{301}", 4),
        ("公安“ 公安", 4),
    ] {
        assert_eq!(check(text, width, Measure::default()), Ok(()));
        for line in wrap(text, width, Measure::default()) {
            assert!(!text[line.range].starts_with(' '), "{text:?} at {width}");
        }
    }
}
