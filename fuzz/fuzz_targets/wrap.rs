//! Any text at any width: no line wider than the width (from 4 columns up), nothing lost.
#![no_main]

use fangtan::layout::{self, Measure};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, bool, &str)| {
    let (width, wide, text) = input;
    let width = usize::from(width % 120) + 1;
    let measure = Measure {
        ambiguous_wide: wide,
    };
    let lines = layout::wrap(text, width, measure);
    let mut previous = 0;
    for line in &lines {
        assert!(line.range.start >= previous && line.range.end <= text.len());
        previous = line.range.end;
        if width >= 4 {
            assert!(line.width <= width, "{} > {width}", line.width);
            // Drawn as the reader and --print draw it, the line fits too.
            let drawn = layout::display_width_within(&text[line.range.clone()], width, measure);
            assert!(drawn <= width, "drawn {drawn} > {width}");
        }
    }
    // Streaming gives the same lines as wrapping the whole paragraph.
    let streamed: Vec<_> = layout::lines(text, width, measure).map(|l| l.range).collect();
    let whole: Vec<_> = lines.iter().map(|l| l.range.clone()).collect();
    assert_eq!(streamed, whole);
    // Only spaces and line ends are left out between lines.
    let kept: usize = lines.iter().map(|l| l.range.len()).sum();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    let shown: usize = lines
        .iter()
        .map(|l| {
            text[l.range.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum();
    assert_eq!(shown, visible, "{kept}");
});
