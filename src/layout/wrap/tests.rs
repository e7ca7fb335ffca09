//! The fast path against the reference path.

use proptest::prelude::*;

use super::*;
use crate::layout::tests::properties::text;

fn analysed(piece: &str, path: Path, width: usize) -> (Vec<Grapheme>, Vec<Range<usize>>) {
    let mut scratch = Scratch::default();
    match path {
        Path::Fast => crate::layout::fast::analyse(piece, Measure::default(), &mut scratch),
        Path::Reference => analyse_reference(piece, Measure::default(), &mut scratch),
    }
    mark_breaks(
        &mut scratch.graphemes,
        &scratch.breaks,
        &scratch.urls,
        width,
    );
    (scratch.graphemes, scratch.urls)
}

#[test]
fn han_runs_are_left_out_of_the_segmenter() {
    let mut scratch = Scratch::default();
    let piece = "公安局党委副书记、常务“副局长”江滨。OK";
    crate::layout::fast::analyse(piece, Measure::default(), &mut scratch);
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
