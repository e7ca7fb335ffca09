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
        let start: usize = (0..at.block)
            .map(|b| view.rows(Anchor::at_block(b)).len())
            .sum::<usize>()
            + at.row;
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

/// A turn of one paragraph of about `bytes` bytes between two short turns.
fn long_view(bytes: usize, width: usize, height: usize) -> View {
    let mut builder = crate::model::TranscriptBuilder::new();
    let (a, b) = (builder.speaker("甲"), builder.speaker("乙"));
    builder.start_turn(a, None, None, None);
    builder.push_paragraph("开头。");
    builder.start_turn(b, None, None, None);
    let sentence = "消防队员说：“一村一泵”，很好。Fire crews said so! 然后呢？";
    builder.push_paragraph(&sentence.repeat(bytes / sentence.len()));
    builder.start_turn(a, None, None, None);
    builder.push_paragraph("结尾。");
    let transcript = Arc::new(builder.finish());
    View::new(transcript, Measure::default(), width, height)
}

#[test]
fn a_long_paragraph_is_laid_out_a_part_at_a_time() {
    let mut view = long_view(4 << 20, 60, 20);
    let paragraph = view.transcript.paragraph_ranges()[1].clone();
    // Into the middle: only the part there is laid out.
    let middle = paragraph.start + paragraph.len() / 2;
    view.jump_to_byte(middle);
    assert!(view.cache.len() <= 4, "{} parts laid out", view.cache.len());
    let rows = view.visible();
    assert_eq!(rows[0].row, Row::Speaker(1), "the speaker line is pinned");
    let Row::Text { range, .. } = &rows[1].row else {
        panic!("{:?}", rows[1]);
    };
    assert!(range.contains(&middle) || range.start <= middle && middle < range.end + 4);
    // A resize keeps that line, and lays out only around it again.
    view.resize(33, 20);
    assert!(view.cache.len() <= 4);
    let top = view.anchor_byte().expect("a text row");
    assert!(top <= middle && middle - top < 200, "{top} for {middle}");
    // Scrolling across the parts walks the rows a whole layout has.
    let whole = conversation::layout_block(&view.transcript, Block::Turn(1), 33, view.measure);
    let first = whole
        .iter()
        .position(|row| matches!(row, Row::Text { range, .. } if range.start == top))
        .expect("the top row is a row of the whole layout");
    let mut walked = Vec::new();
    for _ in 0..3_000 {
        let rows = view.visible();
        walked.push(rows[1].row.clone());
        view.scroll(1);
    }
    assert!(walked == whole[first..first + walked.len()]);
    // The end is the last turn, whatever comes before it.
    view.jump_to_end();
    let rows = view.visible();
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().any(|visible| visible.row == Row::Speaker(2)));
    assert!(matches!(
        rows.last().map(|visible| &visible.row),
        Some(Row::Text { turn: 2, .. } | Row::Blank)
    ));
    view.scroll(-1_000_000);
    assert_eq!(view.anchor(), Anchor::default());
}
