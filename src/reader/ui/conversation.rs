//! The conversation pane: speaker lines, paragraphs with search highlights, notes.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::{Modifier, Style};

use super::{Areas, Drawn, Theme, draw_row, text_cells};
use crate::conversation::{self, Row};
use crate::layout;
use crate::reader::app::{App, Focus};

pub(super) fn render_conversation(app: &App, theme: &Theme, areas: &Areas, frame: &mut Frame) {
    if areas.bordered {
        let pane = areas.pane;
        let block = theme
            .block()
            .border_style(theme.focus(app.focus == Focus::Conversation));
        frame.render_widget(block, pane);
        // The title goes over the top border in fangtan's own measure, like the text.
        let title = app
            .transcript
            .title
            .clone()
            .unwrap_or_else(|| app.options.name.clone());
        let title = format!(" {title} ");
        let cells: Vec<Drawn> = text_cells(&title, Style::new(), app.options.measure).collect();
        let right = pane.right().saturating_sub(1);
        draw_row(
            frame.buffer_mut(),
            pane.left() + 1,
            pane.top(),
            right,
            &cells,
        );
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
                text_cells(&name, speaker, measure)
                    .chain(text_cells(&time, theme.dim(), measure))
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
            Row::Note { .. } | Row::Header(..) => styled_cells(text, &[], &[], theme, measure)
                .into_iter()
                .map(|cell| cell.patch(theme.dim()))
                .collect(),
            Row::Blank => Vec::new(),
        };
        draw_row(buffer, areas.text.left(), y, areas.text.right(), &cells);
    }
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
