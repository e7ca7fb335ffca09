//! Non-interactive output: the wrapped conversation (`--print`) and per-speaker statistics
//! (`--stats`).

use std::io::{self, Write};
use std::ops::Range;

use crossterm::style::{Attribute, Color, Stylize};

use crate::conversation::{self, Block, Row};
use crate::layout::{self, Measure};
use crate::model::Transcript;
use crate::palette::speaker_color;

/// How to print.
#[derive(Debug, Clone)]
pub struct PrintOptions {
    /// Total line width.
    pub width: usize,
    /// How cells are counted.
    pub measure: Measure,
    /// Whether to write colour escapes.
    pub color: bool,
}

/// What to print of a transcript.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    /// The whole conversation of the speakers shown (indexed by speaker id).
    All {
        /// Whether each speaker is shown.
        shown: &'a [bool],
    },
    /// Only the turns with a match, matches marked (sorted byte ranges of the arena, each
    /// inside one turn's paragraph).
    Matches(&'a [Range<usize>]),
}

/// Prints the conversation as SPEC §4 lays it out.
pub fn print_conversation(
    out: &mut impl Write,
    transcript: &Transcript,
    selection: Selection,
    options: &PrintOptions,
) -> io::Result<()> {
    let (blocks, matches): (Vec<Block>, &[Range<usize>]) = match selection {
        Selection::All { shown } => (
            conversation::blocks(transcript)
                .filter(|block| match block {
                    Block::Turn(turn) => shown[transcript.turns[*turn].speaker],
                    Block::Title | Block::Notes => true,
                })
                .collect(),
            &[],
        ),
        Selection::Matches(matches) => (matching_turns(transcript, matches), matches),
    };
    // Block by block, so that printing 100 MB holds one turn's lines at a time, not all.
    let (indent, _) = conversation::text_columns(options.width);
    let mut pending_blank = false;
    for block in blocks {
        let mut rows =
            conversation::layout_block(transcript, block, options.width, options.measure);
        // The blank row that ends a block is written only if something follows it.
        let ends_blank = rows.last() == Some(&Row::Blank);
        if ends_blank {
            rows.pop();
        }
        if pending_blank && !rows.is_empty() {
            writeln!(out)?;
        }
        for row in &rows {
            write_row(out, transcript, row, matches, indent, options)?;
        }
        pending_blank = ends_blank || (pending_blank && rows.is_empty());
    }
    Ok(())
}

fn write_row(
    out: &mut impl Write,
    transcript: &Transcript,
    row: &Row,
    matches: &[Range<usize>],
    indent: usize,
    options: &PrintOptions,
) -> io::Result<()> {
    if let Row::Speaker(turn) = row {
        write_speaker(out, transcript, *turn, options)?;
    } else {
        let (highlights, width) = match row {
            Row::Text { range, .. } => {
                write!(out, "{:indent$}", "")?;
                let (_, text_width) = conversation::text_columns(options.width);
                (conversation::row_highlights(matches, range), text_width)
            }
            _ => (Vec::new(), options.width),
        };
        write_cells(
            out,
            conversation::row_text(transcript, row),
            width,
            &highlights,
            options,
        )?;
    }
    writeln!(out)
}

/// The turns that hold a match, as blocks, in order.
fn matching_turns(transcript: &Transcript, matches: &[Range<usize>]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut remaining = matches;
    for (index, turn) in transcript.turns.iter().enumerate() {
        let span = transcript.turn_span(turn);
        let skip = remaining.partition_point(|m| m.start < span.start);
        remaining = &remaining[skip..];
        if remaining.first().is_some_and(|m| m.start < span.end) {
            blocks.push(Block::Turn(index));
        }
    }
    blocks
}

fn write_speaker(
    out: &mut impl Write,
    transcript: &Transcript,
    turn: usize,
    options: &PrintOptions,
) -> io::Result<()> {
    let (name, time) = conversation::speaker_label(transcript, turn);
    let label = match &time {
        Some(time) if name.is_empty() => time.clone(),
        Some(time) => format!("{name} · {time}"),
        None => name,
    };
    // A speaker line never wraps; cut it at the width rather than overflow.
    let label = truncate(&label, options.width, options.measure);
    if options.color {
        let color = Color::AnsiValue(speaker_color(transcript.turns[turn].speaker));
        write!(out, "{}", label.with(color).attribute(Attribute::Bold))
    } else {
        write!(out, "{label}")
    }
}

/// Writes one row's text, wrapped at `width`, cell by cell (control characters already made
/// visible by the layout engine), with the highlighted byte ranges in reverse video when colour
/// is on.
fn write_cells(
    out: &mut impl Write,
    text: &str,
    width: usize,
    highlights: &[Range<usize>],
    options: &PrintOptions,
) -> io::Result<()> {
    let mut lit = false;
    // Drawn as wrapped: tabs and over-wide clusters fit the line.
    for cell in layout::cells_within(text, width, options.measure) {
        let in_match = options.color
            && highlights
                .iter()
                .any(|h| h.start < cell.source.end && cell.source.start < h.end);
        if in_match != lit {
            let attribute = if in_match {
                Attribute::Reverse
            } else {
                Attribute::NoReverse
            };
            write!(out, "{}", crossterm::style::SetAttribute(attribute))?;
            lit = in_match;
        }
        out.write_all(cell.symbol.as_bytes())?;
    }
    if lit {
        write!(
            out,
            "{}",
            crossterm::style::SetAttribute(Attribute::NoReverse)
        )?;
    }
    Ok(())
}

/// `text` cut to at most `width` cells, at a grapheme boundary.
fn truncate(text: &str, width: usize, measure: Measure) -> String {
    let mut used = 0;
    let mut kept = String::new();
    for cell in layout::cells(text, measure) {
        if used + cell.width > width {
            break;
        }
        used += cell.width;
        kept.push_str(cell.symbol);
    }
    kept
}

/// Prints per-speaker statistics: turns, characters, share of all characters, first and last
/// turn (with its time where the source has times).
pub fn print_stats(
    out: &mut impl Write,
    transcript: &Transcript,
    shown: &[bool],
    measure: Measure,
) -> io::Result<()> {
    let stats = transcript.speaker_stats();
    let total: usize = stats
        .iter()
        .zip(shown)
        .filter(|(_, shown)| **shown)
        .map(|(s, _)| s.chars)
        .sum();
    let turn_label = |turn: Option<usize>| {
        turn.map_or_else(String::new, |index| match transcript.turns[index].start {
            Some(start) => format!("{} ({})", index + 1, conversation::format_time(start)),
            None => (index + 1).to_string(),
        })
    };
    let mut table = vec![[
        "speaker".to_owned(),
        "turns".to_owned(),
        "chars".to_owned(),
        "share".to_owned(),
        "first".to_owned(),
        "last".to_owned(),
    ]];
    for (id, stat) in stats.iter().enumerate().filter(|(id, _)| shown[*id]) {
        let share = if total == 0 {
            0.0
        } else {
            stat.chars as f64 * 100.0 / total as f64
        };
        let name = layout::sanitize(&transcript.speakers[id].name).into_owned();
        table.push([
            if name.is_empty() {
                "(unnamed)".to_owned()
            } else {
                name
            },
            stat.turns.to_string(),
            stat.chars.to_string(),
            format!("{share:.1}%"),
            turn_label(stat.first_turn),
            turn_label(stat.last_turn),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|col| {
            table
                .iter()
                .map(|row| layout::display_width(&row[col], measure))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &table {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            let pad = widths[col] - layout::display_width(cell, measure);
            if col == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

    fn options(width: usize) -> PrintOptions {
        PrintOptions {
            width,
            measure: Measure::default(),
            color: false,
        }
    }

    fn printed(transcript: &Transcript, selection: Selection, width: usize) -> String {
        let mut out = Vec::new();
        print_conversation(&mut out, transcript, selection, &options(width)).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn layout_follows_spec_section_4() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let shown = vec![true; transcript.speakers.len()];
        let text = printed(&transcript, Selection::All { shown: &shown }, 40);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "访谈录:牡丹江市公安局党委副书记、常务副");
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], "主持人");
        assert!(lines[4].starts_with("  各位网友,大家好!"));
        assert_eq!(lines[lines.len() - 3], "用户登录");
        assert_eq!(lines[lines.len() - 1], "立即注册");
    }

    #[test]
    fn hidden_speakers_are_left_out() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let text = printed(
            &transcript,
            Selection::All {
                shown: &[false, true],
            },
            80,
        );
        assert!(!text.lines().any(|line| line == "主持人"));
        assert_eq!(text.lines().filter(|line| *line == "江滨").count(), 12);
    }

    #[test]
    fn search_selection_prints_only_matching_turns() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let at = transcript.text().find("宁安消防").expect("in sample");
        let matches = [std::ops::Range {
            start: at,
            end: at + 12,
        }];
        let text = printed(&transcript, Selection::Matches(&matches), 80);
        assert!(text.starts_with("主持人\n  能为广大网友介绍一下宁安消防的特点吗?"));
        assert_eq!(text.lines().count(), 2);
    }

    #[test]
    fn stats_table() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let mut out = Vec::new();
        print_stats(&mut out, &transcript, &[true, true], Measure::default()).expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("主持人") && lines[1].contains(" 13 "));
        assert!(lines[2].starts_with("江滨") && lines[2].contains(" 12 "));
        assert!(lines[2].contains("%  "));
    }
}
