//! Non-interactive output: the wrapped conversation (`--print`) and per-speaker statistics
//! (`--stats`).

use std::io::{self, Write};
use std::ops::Range;

use crossterm::style::{Attribute, Color, SetAttribute, Stylize};

use crate::conversation::{self, Block, Highlights, Ink, Mark, Row};
use crate::layout::{self, Measure};
use crate::model::Transcript;
use crate::palette::{Palette, speaker_color};

/// How to print.
#[derive(Debug, Clone)]
pub struct PrintOptions {
    /// Total line width.
    pub width: usize,
    /// How cells are counted.
    pub measure: Measure,
    /// Whether to write colour escapes.
    pub color: bool,
    /// The speakers' colours, for a light or a dark background.
    pub palette: Palette,
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
                    Block::Title | Block::Header | Block::Notes { .. } => true,
                })
                .collect(),
            &[],
        ),
        Selection::Matches(matches) => (matching_turns(transcript, matches), matches),
    };
    // Row by row as they are laid out, so that printing holds one window of a paragraph's
    // lines at a time, whatever the length of the file, a turn or a paragraph.
    let mut pending_blank = false;
    for block in blocks {
        let mut rows =
            conversation::block_rows(transcript, block, options.width, options.measure).peekable();
        let mut wrote = false;
        while let Some(row) = rows.next() {
            // The blank row that ends a block is written only if something follows it.
            if row == Row::Blank && rows.peek().is_none() {
                pending_blank = true;
                break;
            }
            if pending_blank && !wrote {
                writeln!(out)?;
            }
            wrote = true;
            pending_blank = false;
            write_row(out, transcript, &row, matches, options)?;
        }
    }
    Ok(())
}

/// Writes one row through the renderer the reader draws with, as text with colour escapes
/// when colour is on: speaker names (and their times) bold in their colour, matches in
/// reverse video.
fn write_row(
    out: &mut impl Write,
    transcript: &Transcript,
    row: &Row,
    matches: &[Range<usize>],
    options: &PrintOptions,
) -> io::Result<()> {
    let highlights = Highlights {
        matches,
        current: None,
    };
    let cells =
        conversation::row_cells(transcript, row, options.width, options.measure, highlights);
    let speaker = match row {
        Row::Speaker(turn) => transcript.turns.get(*turn).map(|turn| turn.speaker),
        _ => None,
    };
    // Runs of cells drawn alike, each written with its escapes.
    let mut run = String::new();
    let mut run_kind = None;
    for cell in &cells {
        let kind = match (options.color, cell.ink, cell.mark) {
            (false, ..) => Paint::Plain,
            (true, Ink::Speaker(_) | Ink::Time, _) => Paint::Speaker,
            (true, _, Mark::Match | Mark::Current) => Paint::Match,
            (true, ..) => Paint::Plain,
        };
        if run_kind.is_some_and(|k| k != kind) {
            write_run(
                out,
                &run,
                run_kind.unwrap_or(Paint::Plain),
                speaker,
                options,
            )?;
            run.clear();
        }
        run_kind = Some(kind);
        run.push_str(&cell.symbol);
    }
    if let Some(kind) = run_kind {
        write_run(out, &run, kind, speaker, options)?;
    }
    writeln!(out)
}

/// How a run of printed cells is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Speaker,
    Match,
}

fn write_run(
    out: &mut impl Write,
    run: &str,
    paint: Paint,
    speaker: Option<usize>,
    options: &PrintOptions,
) -> io::Result<()> {
    match paint {
        Paint::Plain => write!(out, "{run}"),
        Paint::Speaker => {
            let color = Color::AnsiValue(speaker_color(speaker.unwrap_or(0), options.palette));
            write!(out, "{}", run.with(color).attribute(Attribute::Bold))
        }
        Paint::Match => write!(
            out,
            "{}{run}{}",
            SetAttribute(Attribute::Reverse),
            SetAttribute(Attribute::NoReverse)
        ),
    }
}

/// The turns and the notes that hold a match, as blocks, in order.
fn matching_turns(transcript: &Transcript, matches: &[Range<usize>]) -> Vec<Block> {
    let ranges = transcript.paragraph_ranges();
    let mut remaining = matches;
    conversation::blocks(transcript)
        .filter(|block| {
            let span = match *block {
                Block::Title | Block::Header => return false,
                Block::Turn(turn) => transcript.turn_span(&transcript.turns[turn]),
                Block::Notes { first, end } => {
                    let notes = &transcript.notes[first..end];
                    match (notes.first(), notes.last()) {
                        (Some(first), Some(last)) => {
                            ranges[first.paragraph].start..ranges[last.paragraph].end
                        }
                        _ => return false,
                    }
                }
            };
            let skip = remaining.partition_point(|m| m.start < span.start);
            remaining = &remaining[skip..];
            remaining.first().is_some_and(|m| m.start < span.end)
        })
        .collect()
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
            palette: Palette::Dark,
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
