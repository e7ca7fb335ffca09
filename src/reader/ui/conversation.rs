//! The conversation pane: speaker lines, paragraphs with search highlights, notes.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

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
    let lines: Vec<Line> = screen
        .rows
        .iter()
        .map(|visible| match &visible.row {
            Row::Title(_) => {
                let text = conversation::row_text(transcript, &visible.row);
                Line::from(styled_cells(text, &[], &[], theme, app.options.measure))
                    .style(Style::new().add_modifier(Modifier::BOLD))
            }
            &Row::Speaker(turn) => {
                let (name, time) = conversation::speaker_label(transcript, turn);
                let speaker = transcript.turns[turn].speaker;
                let mut spans = vec![Span::styled(name, theme.speaker(speaker))];
                if let Some(time) = time {
                    spans.push(Span::styled(format!(" · {time}"), theme.dim()));
                }
                Line::from(spans)
            }
            Row::Text { range, .. } => {
                let text = conversation::row_text(transcript, &visible.row);
                let lit = conversation::row_highlights(&matches, range);
                let now = current
                    .as_ref()
                    .map(|c| conversation::row_highlights(std::slice::from_ref(c), range))
                    .unwrap_or_default();
                let mut spans = vec![Span::raw(" ".repeat(indent))];
                spans.extend(styled_cells(text, &lit, &now, theme, app.options.measure));
                Line::from(spans)
            }
            Row::Note(..) => {
                // Through the cells like every source text, so controls are made visible.
                let text = conversation::row_text(transcript, &visible.row);
                Line::from(styled_cells(text, &[], &[], theme, app.options.measure))
                    .style(theme.dim())
            }
            Row::Blank => Line::default(),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), areas.text);
}

/// A row's text as spans, one per run of cells with the same highlight; controls were made
/// visible by the layout engine's cells.
fn styled_cells(
    text: &str,
    lit: &[Range<usize>],
    current: &[Range<usize>],
    theme: &Theme,
    measure: layout::Measure,
) -> Vec<Span<'static>> {
    let overlaps = |ranges: &[Range<usize>], cell: &Range<usize>| {
        ranges
            .iter()
            .any(|r| r.start < cell.end && cell.start < r.end)
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::new();
    for cell in layout::cells(text, measure) {
        let style = if overlaps(current, &cell.source) {
            theme.current()
        } else if overlaps(lit, &cell.source) {
            theme.matched()
        } else {
            Style::new()
        };
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push_str(cell.symbol);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    spans
}
