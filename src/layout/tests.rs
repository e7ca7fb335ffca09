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
        if line.width != display_width_within(shown, width, measure) {
            return Err(format!("{shown:?} claims width {}", line.width));
        }
        // Only a one-cell line may overflow, and only with one two-cell character.
        if line.width > width.max(1) && (width > 1 || shown.graphemes(true).count() != 1) {
            return Err(format!("{shown:?} wider than {width}"));
        }
        if let (false, Some(prev), Some(first)) = (piece_start, previous, shown.chars().next()) {
            check_boundary(text, prev, range.start, width, measure)?;
            let last = prev.chars().next_back().unwrap_or(' ');
            // `——` and `……` may start a line when nothing else fits (a secondary break).
            let secondary =
                matches!(first, '—' | '…') && last != first && !super::breaks::no_line_end(last);
            if (!super::breaks::allowed_between(last, first) || first == ' ') && !secondary {
                // Allowed only after an emergency cut that found no better place.
                let prev_start = prev.as_ptr() as usize - text.as_ptr() as usize;
                let better = prev.grapheme_indices(true).skip(1).any(|(at, g)| {
                    let before = prev[..at].trim_end_matches(' ').chars().next_back();
                    let after = g.chars().next();
                    let whole = !super::breaks::inside_unit(text, prev_start + at);
                    matches!((before, after), (Some(b), Some(a)) if a != ' ' && whole && super::breaks::allowed_between(b, a))
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

/// Checks the line boundary at byte `at` of `text` (the previous line is `prev`): `——`, `……`
/// and numbers are split only when wider than the line.
fn check_boundary(
    text: &str,
    prev: &str,
    at: usize,
    width: usize,
    measure: Measure,
) -> Result<(), String> {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    let (Some(before), Some(after)) = (before, after) else {
        return Ok(());
    };
    let wider = |unit: &str| display_width_within(unit, width, measure) > width.max(1);
    // The maximal run around `at` of characters `keep` accepts.
    let run = |keep: &dyn Fn(char) -> bool| {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| keep(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(text.len(), |(i, _)| at + i);
        // To the end of the last grapheme (`1️⃣`, `…𑘰`).
        let end = unicode_segmentation::UnicodeSegmentation::grapheme_indices(&text[start..], true)
            .map(|(i, g)| start + i + g.len())
            .find(|&boundary| boundary >= end)
            .unwrap_or(end);
        &text[start..end]
    };
    // A run of dashes is split only when it does not fit (an odd run always splits a pair).
    if super::breaks::splits_pair(before, after) && !wider(run(&|c: char| c == before)) {
        return Err(format!("{before}{after} split after {prev:?}"));
    }
    if super::breaks::inside_unit(text, at) && !super::breaks::splits_pair(before, after) {
        let number = run(&|c: char| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || ".,:/%％‰$¥￥€£＄．".contains(c)
        });
        // A space carrying a mark (` \u{301}`) after the number (and its spaces) may not start
        // a line either.
        let number_end = number.as_ptr() as usize - text.as_ptr() as usize + number.len();
        let marked_space =
            unicode_segmentation::UnicodeSegmentation::graphemes(&text[number_end..], true)
                .find(|g| *g != " ")
                .is_some_and(|g| g.starts_with(' '));
        if !wider(number) && !marked_space {
            return Err(format!("number {number:?} split after {prev:?}"));
        }
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
        "경찰이다",
        " 서울에서 ",
        "인터뷰는",
        "インタビュー",
        "ちょっと",
        "「はい」",
        "・",
        "ッ",
        "ょ",
        "ｯ",
        "々",
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

    /// A Korean word: syllables, maybe a letter or digit, maybe a closing mark.
    fn korean_word() -> impl Strategy<Value = String> {
        let syllable = prop_oneof![
            6 => proptest::char::range('\u{AC00}', '\u{D7A3}').prop_map(String::from),
            1 => proptest::sample::select(&["a", "7", "K"][..]).prop_map(str::to_owned),
        ];
        let mark = proptest::sample::select(&["", "", "", ".", ",", "?", "”"][..]);
        (proptest::collection::vec(syllable, 1..8), mark).prop_map(|(s, m)| s.concat() + m)
    }

    /// Japanese: kana, kanji, long vowels, small kana, brackets and punctuation.
    fn japanese() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => proptest::char::range('\u{3041}', '\u{3096}').prop_map(String::from),
            4 => proptest::char::range('\u{30A1}', '\u{30FA}').prop_map(String::from),
            2 => proptest::char::range('\u{4E00}', '\u{4FFF}').prop_map(String::from),
            3 => proptest::sample::select(
                &["ー", "っ", "ッ", "ゃ", "ょ", "ァ", "ｯ", "ｰ", "・", "々", "ゝ", "。", "、", "「", "」", "『", "』", "！", "？", "…", "……", "ｶﾞ", "１２", "2013"][..]
            ).prop_map(str::to_owned),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
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
        fn korean_words_break_only_when_longer_than_the_line(
            words in proptest::collection::vec(korean_word(), 1..30),
            width in 2..=30usize,
        ) {
            let text = words.join(" ");
            prop_assert_eq!(check(&text, width, Measure::default()), Ok(()));
            for line in wrap(&text, width, Measure::default()) {
                for edge in [line.range.start, line.range.end] {
                    let word_start = text[..edge].rfind(' ').map_or(0, |space| space + 1);
                    let word_end = text[edge..].find(' ').map_or(text.len(), |space| edge + space);
                    if word_start < edge && edge < word_end {
                        let word = &text[word_start..word_end];
                        prop_assert!(display_width(word, Measure::default()) > width, "{:?} cut at {}", word, width);
                    }
                }
            }
        }

        #[test]
        fn japanese_kinsoku_holds(text in japanese(), width in 4..=30usize) {
            prop_assert_eq!(check(&text, width, Measure::default()), Ok(()));
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
    // A word longer than a section is also cut where each cell of the grid starts: a forced
    // seam starts a line there.
    let cut: usize = (0..word.len())
        .step_by(SECTION)
        .map(|start| (word.len() - start).min(SECTION).div_ceil(7))
        .sum();
    assert_eq!(wrap(&word, 7, Measure::default()).len(), cut);
    let dashes = "—".repeat(100_000);
    let lines = wrap(&dashes, 80, Measure::default()).len();
    assert!(
        (1250..=1250 + dashes.len() / SECTION).contains(&lines),
        "{lines}"
    );
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

#[test]
fn dashes_and_ellipses_are_never_split_by_an_emergency_cut() {
    // "么?——" may not be broken under clreq's rules, and is wider than the line: the cut
    // falls before "——", which GB/T 15834 allows at the start of a line.
    assert_eq!(show("怎么?——这", 4), ["怎", "么?", "——这"]);
    assert_eq!(show("这件事——", 3), ["这", "件", "事", "——"]);
    assert_eq!(show("那么……好", 3), ["那", "么", "……", "好"]);
    // Ambiguous-wide, "——" is four cells: on a line of two it has to be split.
    let wide = Measure {
        ambiguous_wide: true,
    };
    let lines: Vec<&str> = wrap("事——", 4, wide)
        .into_iter()
        .map(|l| &"事——"[l.range])
        .collect();
    assert_eq!(lines, ["事", "——"]);
}

#[test]
fn numbers_are_never_split_by_an_emergency_cut() {
    // No legal break inside "“2013”" or "8.67%，": the cut keeps the number whole.
    assert_eq!(show("“2013”", 5), ["“2013", "”"]);
    assert_eq!(show("8.67%，，", 5), ["8.67%", "，，"]);
    // A number wider than the line has to be cut.
    assert_eq!(show("1234567", 4), ["1234", "567"]);
}

#[test]
fn dashes_start_a_line_only_when_nothing_else_fits() {
    // A line may end after "好" and the dash go down with it (push-out): preferred.
    assert_eq!(show("好好好——好", 7), ["好好", "好——好"]);
    assert_eq!(show("他说……是吗", 5), ["他", "说……", "是吗"]);
    // In English an em dash may start a line when the word before it cannot move.
    assert_eq!(show("Donaudampf—ship", 10), ["Donaudampf", "—ship"]);
}

#[test]
fn a_url_that_fits_moves_whole_or_breaks_after_a_slash() {
    let text = "https://example.org/hutong 。";
    for width in 26..29 {
        assert_eq!(
            show(text, width),
            ["https://example.org/", "hutong 。"],
            "width {width}"
        );
    }
    assert_eq!(show(text, 29), [text]);
    assert_eq!(
        show("见 https://example.org/hutong 。", 27),
        ["见", "https://example.org/", "hutong 。"]
    );
    // Without a slash to break after, a `.` or `-` serves.
    assert_eq!(
        show("www.example-site.org。", 20),
        ["www.example-site.", "org。"]
    );
}

#[test]
fn japanese_kinsoku() {
    // Small kana, the prolonged sound mark and the middle dot never start a line; 「 never
    // ends one.
    assert_eq!(show("ちょっと待って", 4), ["ちょ", "っと", "待っ", "て"]);
    assert_eq!(show("インタビュー", 6), ["インタ", "ビュー"]);
    assert_eq!(show("東京・大阪", 4), ["東", "京・", "大阪"]);
    assert_eq!(show("彼は「はい」と", 6), ["彼は", "「は", "い」と"]);
    // An emergency cut keeps off them too, pushing out the letter before "っ".
    assert_eq!(show("abcdっ", 5), ["abc", "dっ"]);
    assert_eq!(show("Tokyoー", 6), ["Toky", "oー"]);
}

#[test]
fn korean_is_wrapped_at_spaces() {
    let text = "경찰은 서울에서 인터뷰를 했습니다.";
    assert_eq!(show(text, 16), ["경찰은 서울에서", "인터뷰를", "했습니다."]);
    assert_eq!(
        show(text, 10),
        ["경찰은", "서울에서", "인터뷰를", "했습니다."]
    );
    // A word longer than the line is cut.
    assert_eq!(show("대한민국경찰청", 8), ["대한민국", "경찰청"]);
}

#[test]
fn no_line_is_wider_than_the_width_from_two_cells_on() {
    let m = Measure::default();
    // A tab stops at the end of a line narrower than a tab stop.
    for width in 2..=5 {
        for line in wrap("\t中\tab\t", width, m) {
            assert!(line.width <= width, "{line:?} at {width}");
        }
    }
    assert_eq!(wrap("\tab", 3, m)[0].width, 3);
    // A cluster wider than the line is drawn as a stand-in, and nothing of it is lost.
    let thumbs = "👍🏽🏽🏽🏽";
    let lines = wrap(thumbs, 4, m);
    assert_eq!(
        lines,
        [Line {
            range: 0..thumbs.len(),
            width: 1
        }]
    );
    let cells: Vec<Cell<'_>> = cells_within(thumbs, 4, m).collect();
    assert_eq!(
        cells,
        [Cell {
            source: 0..thumbs.len(),
            symbol: STAND_IN,
            width: 1
        }]
    );
    // Where it fits, it is drawn as it is.
    assert_eq!(wrap(thumbs, 8, m)[0].width, 8);
    let dakuten = "ｶﾞﾞﾞﾞ";
    assert_eq!(show(&format!("{dakuten}ab"), 2), [dakuten, "ab"]);
    assert_eq!(wrap(dakuten, 2, m)[0].width, 1);
}

#[test]
fn a_spaced_run_of_dashes_is_not_split_when_it_fits() {
    // `— —` holds together (UAX #14 LB17); the line breaks before it, not inside it.
    let wide = Measure {
        ambiguous_wide: true,
    };
    for (text, lines) in [
        ("’police— —", &["’pol", "ice", "— —"][..]),
        ("abcdefg— —x", &["abcde", "fg", "— —", "x"]),
        ("中文字— —", &["中文", "字", "— —"]),
    ] {
        let wrapped: Vec<&str> = wrap(text, 5, wide)
            .into_iter()
            .map(|line| &text[line.range])
            .collect();
        assert_eq!(wrapped, lines);
        assert_eq!(check(text, 5, wide), Ok(()));
    }
}

#[test]
fn a_url_glued_to_marks_that_may_not_start_a_line_is_cut_rather_than_them() {
    // `cn・・’，，` holds no legal break; cutting the URL keeps `，` off the start of a line.
    let text = "www.gov.cn・・’，，";
    assert_eq!(show(text, 10), ["www.gov.", "c", "n・・’，，"]);
    assert_eq!(check(text, 10, Measure::default()), Ok(()));
}

#[test]
fn a_number_before_a_space_carrying_a_mark_is_cut_rather_than_a_line_started_with_a_space() {
    // No line starts with a space, not even one with a mark on it: `90%` gives way instead.
    let text = "90% \u{301}";
    assert_eq!(show(text, 3), ["90", "% \u{301}"]);
    assert_eq!(check(text, 3, Measure::default()), Ok(()));
}
