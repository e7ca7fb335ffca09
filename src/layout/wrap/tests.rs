//! The fast path against the reference path.

use proptest::prelude::*;

use super::*;
use crate::layout::tests::properties::text;

fn analysed(piece: &str, path: Path, width: usize) -> (Vec<Grapheme>, Vec<Range<usize>>) {
    let mut scratch = Scratch::default();
    match path {
        Path::Fast => analyse_fast(piece, Measure::default(), &mut scratch),
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
    analyse_fast(piece, Measure::default(), &mut scratch);
    let runs: Vec<&str> = scratch.runs.iter().map(|r| &piece[r.clone()]).collect();
    assert_eq!(runs, ["记、常", "务“副", "长”江", "滨。OK"]);
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
