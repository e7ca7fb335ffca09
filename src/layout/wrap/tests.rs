//! The fast path against the reference path.

use proptest::prelude::*;

use super::*;
use crate::layout::tests::properties::text;

pub(super) fn analysed(
    piece: &str,
    path: Path,
    width: usize,
) -> (Vec<Grapheme>, Vec<Range<usize>>) {
    let mut scratch = Scratch::default();
    let mut graphemes = Vec::new();
    match path {
        Path::Fast => {
            crate::layout::fast::analyse(piece, Measure::default(), &mut scratch, &mut graphemes);
        }
        Path::Reference => {
            analyse_reference(piece, Measure::default(), &mut scratch, &mut graphemes);
        }
    }
    mark_breaks(piece, &mut graphemes, &scratch, width);
    (graphemes, scratch.urls)
}

#[test]
fn han_runs_are_left_out_of_the_segmenter() {
    let mut scratch = Scratch::default();
    let piece = "公安局党委副书记、常务“副局长”江滨。OK";
    crate::layout::fast::analyse(piece, Measure::default(), &mut scratch, &mut Vec::new());
    let runs: Vec<&str> = scratch.runs.iter().map(|r| &piece[r.clone()]).collect();
    assert_eq!(runs, ["务“副", "长”江", "滨。OK"]);
    assert_eq!(
        analysed(piece, Path::Fast, 20),
        analysed(piece, Path::Reference, 20)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_matches_reference(text in text(), width in 1..=80usize, wide in any::<bool>()) {
        let measure = Measure { ambiguous_wide: wide };
        for piece in text.split('\n') {
            prop_assert_eq!(analysed(piece, Path::Fast, width), analysed(piece, Path::Reference, width));
        }
        prop_assert_eq!(
            wrap_with(&text, width, measure, Path::Fast),
            wrap_with(&text, width, measure, Path::Reference)
        );
    }
}

/// Dense mixes of the characters the fast path decides and of those that change their context
/// (spaces, brackets, quotes, ZWSP, VT, combining marks, signs around numbers).
fn dense() -> impl Strategy<Value = String> {
    const CHARS: &[char] = &[
        '中',
        '文',
        '〇',
        '，',
        '。',
        '、',
        '；',
        '：',
        '？',
        '！',
        ',',
        '!',
        '?',
        '.',
        ';',
        ':',
        ' ',
        ' ',
        'a',
        'Z',
        '1',
        '9',
        '(',
        ')',
        '（',
        '）',
        '“',
        '”',
        '‘',
        '’',
        '"',
        '\'',
        '%',
        '$',
        '¥',
        '-',
        '/',
        '@',
        '《',
        '》',
        '—',
        '…',
        '·',
        '\u{200b}',
        '\u{2060}',
        '\u{301}',
        '\u{b}',
        '\r',
        '\t',
        '\u{a0}',
        'ー',
        'ぁ',
        'カ',
        '한',
        '😀',
        '\u{1F3FD}',
        '\u{200d}',
        '\u{fe0f}',
        '+',
    ];
    proptest::collection::vec(proptest::sample::select(CHARS), 0..40)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_matches_reference_on_dense_mixes(text in dense(), width in 1..=30usize) {
        prop_assert_eq!(analysed(&text, Path::Fast, width), analysed(&text, Path::Reference, width));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Analysing in windows, however small, gives the lines of analysing each piece whole.
    #[test]
    fn windows_change_nothing(text in text(), width in 1..=40usize, window in 1..=64usize, wide in any::<bool>()) {
        let measure = Measure { ambiguous_wide: wide };
        let windowed: Vec<Line> = Wrapper::new(&text, 0, width, measure, Path::Fast)
            .with_window(window)
            .collect();
        prop_assert_eq!(windowed, wrap_with(&text, width, measure, Path::Reference));
    }
}

/// A paragraph of `bytes` bytes or more: the sample interview's speech, run together.
fn huge_paragraph(bytes: usize) -> String {
    let sample = include_str!("../../../assets/mudanjiang-police-interview.txt");
    let speech: String = sample
        .lines()
        .filter_map(|line| line.split_once(':').map(|(_, text)| text))
        .collect();
    speech.repeat(bytes / speech.len() + 1)
}

#[test]
fn restart_points_give_the_lines_of_the_whole_layout() {
    let text = huge_paragraph(300_000);
    for width in [7, 40, 78] {
        let whole = wrap(&text, width, Measure::default());
        for offset in [0, 1000, 70_000, 150_001, 299_000] {
            let start = crate::layout::restart_point(&text, offset);
            assert!(
                start <= offset && offset - start < 2 * SECTION,
                "{offset} → {start}"
            );
            let first = whole
                .iter()
                .position(|line| line.range.start == start)
                .unwrap_or_else(|| panic!("no line starts at {start} (width {width})"));
            let from: Vec<Line> = Wrapper::new(&text, start, width, Measure::default(), Path::Fast)
                .take(50)
                .collect();
            assert_eq!(
                from,
                whole[first..first + 50],
                "width {width}, offset {offset}"
            );
        }
    }
    // Seams fall after a sentence end where the text has one, and every section starts a line.
    let seam = seam(&text, 1).expect("a seam");
    assert!(
        text[..seam].ends_with(['。', '!', '?', '！', '？']),
        "{seam}"
    );
}

#[test]
fn memory_does_not_grow_with_the_paragraph() {
    let text = huge_paragraph(2_000_000);
    let mut wrapper = Wrapper::new(&text, 0, 78, Measure::default(), Path::Fast);
    let mut most = 0;
    let mut lines = 0;
    while wrapper.next().is_some() {
        most = most.max(wrapper.graphemes.capacity());
        lines += 1;
    }
    assert!(lines > 10_000);
    // One window of graphemes and one line's worth, not two million bytes' worth.
    assert!(most < 3 * WINDOW, "{most} graphemes held");
}

#[test]
fn newlines_and_sections_restart_exactly() {
    let text = format!(
        "{}\n\n短\r\n{}",
        huge_paragraph(140_000),
        huge_paragraph(70_000)
    );
    let whole = wrap(&text, 30, Measure::default());
    let reference = wrap_with(&text, 30, Measure::default(), Path::Reference);
    assert_eq!(whole, reference);
    let nl = text.find('\n').expect("a newline");
    assert_eq!(crate::layout::restart_point(&text, nl + 1), nl + 1);
    assert_eq!(crate::layout::restart_point(&text, nl + 2), nl + 2);
    assert_eq!(crate::layout::restart_point(&text, 10), 0);
}

#[test]
fn a_seam_never_falls_before_its_cell() {
    // Cells of 64 KiB start inside a three-byte character; the seam of a cell is at or after
    // its first byte, so every section is non-empty and the wrapper moves on.
    let text = "中国人".repeat(100_000);
    let lines = wrap(&text, 80, Measure::default());
    // 7,500 full lines, and one more for each seam that does not fall at a line end.
    assert_eq!(lines.len(), 7_512);
    for cell in 1..4 {
        let seam = seam(&text, cell).expect("a seam");
        assert!(
            seam >= cell * SECTION && seam < cell * SECTION + 6,
            "{seam}"
        );
        assert!(lines.iter().any(|line| line.range.start == seam));
    }
}
