//! The virtualized view against a full layout, and its jumps, resizes and filters.

use super::*;

const SAMPLE: &str = include_str!("../../../assets/mudanjiang-police-interview.txt");

fn view(width: usize, height: usize) -> View {
    let transcript = Arc::new(crate::parse::text::parse(SAMPLE.to_owned()));
    View::new(transcript, Measure::default(), width, height)
}

/// Every row of the conversation at a width, laid out at once, for comparison.
fn all_rows(view: &View) -> Vec<Row> {
    view.blocks
        .iter()
        .flat_map(|&b| conversation::layout_block(&view.transcript, b, view.width, view.measure))
        .collect()
}

#[test]
fn scrolling_walks_the_same_rows_as_a_full_layout() {
    let mut view = view(40, 10);
    let all = all_rows(&view);
    let mut seen = Vec::new();
    while !view.at_end() {
        let at = view.anchor();
        let start: usize = (0..at.block).map(|b| view.rows(b).len()).sum::<usize>() + at.row;
        let mut visible: Vec<Row> = view.visible().into_iter().map(|v| v.row).collect();
        if at.row > 0 && matches!(visible.first(), Some(Row::Speaker(_))) {
            // The pinned speaker line, then the rows from the anchor.
            visible.remove(0);
        }
        let expected: Vec<Row> = all[start..].iter().take(visible.len()).cloned().collect();
        assert_eq!(visible, expected, "at {at:?}");
        assert!(visible.len() >= 9);
        seen.push(start);
        view.scroll(1);
    }
    // Every row was at the top but a turn's first text row, shown under its speaker line.
    assert!(seen.windows(2).all(|w| w[1] - w[0] <= 2));
    view.scroll(-(all.len() as isize));
    assert_eq!(view.anchor(), Anchor::default());
}

#[test]
fn scrolling_never_passes_the_end() {
    let mut view = view(60, 20);
    view.scroll(1_000_000);
    let rows = view.visible();
    assert_eq!(rows.len(), 20);
    assert!(matches!(
        rows.last().map(|r| r.block),
        Some(Block::Notes { .. })
    ));
    view.jump_to_end();
    assert_eq!(view.visible(), rows);
    assert!(view.current_turn().is_some_and(|turn| turn <= 24));
}

#[test]
fn resize_keeps_the_line_being_read() {
    let mut view = view(60, 20);
    view.jump_to_block(view.block_of_turn(17));
    view.scroll(3);
    let byte = view.anchor_byte().expect("a text row");
    view.resize(30, 20);
    let after = view.anchor_byte().expect("a text row");
    assert!(after <= byte, "{after} > {byte}");
    let rows = view.visible();
    assert_eq!(rows[0].row, Row::Speaker(17));
    assert!(matches!(&rows[1].row, Row::Text { range, .. } if range.contains(&byte)));
    assert_eq!(rows[0].block, Block::Turn(17));
}

#[test]
fn hiding_a_speaker_keeps_the_place() {
    let mut view = view(60, 10);
    view.jump_to_block(view.block_of_turn(4));
    view.set_shown(&[true, false]);
    assert!(view.blocks.iter().all(|b| match b {
        Block::Turn(t) => view.transcript.turns[*t].speaker == 0,
        _ => true,
    }));
    assert_eq!(view.blocks[view.anchor.block], Block::Turn(4));
    view.set_shown(&[false, true]);
    assert_eq!(view.blocks[view.anchor.block], Block::Turn(5));
}

#[test]
fn tiny_panes_work() {
    let mut view = view(1, 1);
    view.scroll(5);
    assert_eq!(view.visible().len(), 1);
    view.resize(1, 0);
    assert!(view.visible().is_empty());
    view.jump_to_end();
    view.scroll(-3);
}

#[test]
fn lines_are_stepped_through_across_turns_and_kept_in_view() {
    let mut view = view(40, 6);
    let first = view.line_at(0).expect("a first line");
    let mut at = first.start;
    let mut seen = vec![first];
    while let Some(next) = view.next_line(at, true) {
        assert!(next.start > at);
        at = next.start;
        seen.push(next);
    }
    let all: Vec<Range<usize>> = all_rows(&view)
        .into_iter()
        .filter_map(|row| match row {
            Row::Text { range, .. } => Some(range),
            _ => None,
        })
        .collect();
    assert_eq!(seen, all);
    assert_eq!(
        view.next_line(all[5].start, false).map(|l| l.start),
        Some(all[4].start)
    );
    assert_eq!(view.line_at(all[9].start + 1), Some(all[9].clone()));
    // A line far below comes into view at the bottom, one far above at the top.
    view.keep_in_view(all[30].start);
    let shows = |view: &mut View, line: &Range<usize>| {
        view.visible()
            .iter()
            .any(|v| matches!(&v.row, Row::Text { range, .. } if range == line))
    };
    assert!(shows(&mut view, &all[30]));
    view.keep_in_view(all[2].start);
    assert!(shows(&mut view, &all[2]));
}
