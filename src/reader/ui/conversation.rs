//! The conversation pane: speaker lines, paragraphs with search highlights, notes.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::{Areas, Theme};
use crate::conversation::{self, Row};
use crate::layout;
use crate::reader::app::{App, Focus};

pub(super) fn render_conversation(app: &App, theme: &Theme, areas: &Areas, frame: &mut Frame) {
    if areas.bordered {
        let title = app
            .transcript
            .title
            .clone()
            .unwrap_or_else(|| app.options.name.clone());
        let title = layout::sanitize(&title).into_owned();
        let block = Block::new()
            .borders(Borders::ALL)
            .title(format!(" {title} "))
            .border_style(theme.focus(app.focus == Focus::Conversation));
        frame.render_widget(block, areas.pane);
    }
    let screen = &app.screen;
    let matches: Vec<Range<usize>> = if app.search.has_query() {
        app.search
            .results()
            .in_range(screen.span.clone())
            .map(|found| found.range())
            .collect()
    } else {
        Vec::new()
    };
    let current = app.search.current_range();
    let (indent, _) = conversation::text_columns(usize::from(areas.text.width));
    let transcript = &app.transcript;
    let measure = app.options.measure;
    let buffer = frame.buffer_mut();
    for (visible, y) in screen
        .rows
        .iter()
        .zip(areas.text.top()..areas.text.bottom())
    {
        let text = conversation::row_text(transcript, &visible.row);
        // The speaker line's text is made here; it must outlive the cells that borrow it.
        let (name, time) = match visible.row {
            Row::Speaker(turn) => {
                let (name, time) = conversation::speaker_label(transcript, turn);
                (
                    name,
                    time.map(|time| format!(" · {time}")).unwrap_or_default(),
                )
            }
            _ => (String::new(), String::new()),
        };
        let cells: Vec<Drawn> = match &visible.row {
            Row::Title(_) => styled_cells(text, &[], &[], theme, measure)
                .into_iter()
                .map(|cell| cell.patch(Style::new().add_modifier(Modifier::BOLD)))
                .collect(),
            &Row::Speaker(turn) => {
                let speaker = theme.speaker(transcript.turns[turn].speaker);
                plain_cells(&name, speaker, measure)
                    .chain(plain_cells(&time, theme.dim(), measure))
                    .collect()
            }
            Row::Text { range, .. } => {
                let lit = conversation::row_highlights(&matches, range);
                let now = current
                    .as_ref()
                    .map(|c| conversation::row_highlights(std::slice::from_ref(c), range))
                    .unwrap_or_default();
                let indent = (0..indent).map(|_| Drawn::blank());
                indent
                    .chain(styled_cells(text, &lit, &now, theme, measure))
                    .collect()
            }
            Row::Note(..) => styled_cells(text, &[], &[], theme, measure)
                .into_iter()
                .map(|cell| cell.patch(theme.dim()))
                .collect(),
            Row::Blank => Vec::new(),
        };
        draw_row(buffer, areas.text, y, &cells);
    }
}

/// One drawn grapheme: what to draw, the cells it fills by fangtan's measure, its style.
#[derive(Debug, Clone)]
struct Drawn<'a> {
    symbol: &'a str,
    width: usize,
    style: Style,
}

impl Drawn<'_> {
    fn blank() -> Self {
        Self {
            symbol: " ",
            width: 1,
            style: Style::new(),
        }
    }

    fn patch(mut self, style: Style) -> Self {
        self.style = style.patch(self.style);
        self
    }
}

/// Writes a row of cells into the buffer, cut at the area's right edge.
///
/// The cells are placed by fangtan's own measure, the one the text was wrapped with, not by
/// ratatui's: with `--ambiguous-wide` a “ fills two cells of the terminal while ratatui counts
/// one, so its width is forced to two, or ratatui would draw a space over the quotation mark's
/// second half and place everything after it one cell off.
fn draw_row(buffer: &mut Buffer, area: Rect, y: u16, cells: &[Drawn]) {
    let mut x = area.left();
    for cell in cells {
        let Ok(width) = u16::try_from(cell.width) else {
            break;
        };
        if width == 0 {
            continue;
        }
        if x.saturating_add(width) > area.right() {
            break;
        }
        let target = &mut buffer[(x, y)];
        target.set_symbol(cell.symbol).set_style(cell.style);
        if usize::from(width) != cell.symbol.width() {
            if let Some(forced) = NonZeroU16::new(width) {
                target.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
        }
        x += width;
    }
}

/// The cells of a short plain text (a name, a time) in one style.
fn plain_cells(
    text: &str,
    style: Style,
    measure: layout::Measure,
) -> impl Iterator<Item = Drawn<'_>> {
    layout::cells(text, measure).map(move |cell| Drawn {
        symbol: cell.symbol,
        width: cell.width,
        style,
    })
}

/// A row's text as cells, highlighted where it overlaps a match; controls were made visible by
/// the layout engine's cells.
fn styled_cells<'t>(
    text: &'t str,
    lit: &[Range<usize>],
    current: &[Range<usize>],
    theme: &Theme,
    measure: layout::Measure,
) -> Vec<Drawn<'t>> {
    let overlaps = |ranges: &[Range<usize>], cell: &Range<usize>| {
        ranges
            .iter()
            .any(|r| r.start < cell.end && cell.start < r.end)
    };
    layout::cells(text, measure)
        .map(|cell| {
            let style = if overlaps(current, &cell.source) {
                theme.current()
            } else if overlaps(lit, &cell.source) {
                theme.matched()
            } else {
                Style::new()
            };
            Drawn {
                symbol: cell.symbol,
                width: cell.width,
                style,
            }
        })
        .collect()
}
