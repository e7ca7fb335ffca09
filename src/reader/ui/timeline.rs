//! The speaker timeline strip beside the conversation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::reader::app::App;

/// The speaker timeline: one cell per slice of the transcript, in the colour of who speaks
/// there; the slices on screen drawn solid, slices with matches marked.
pub(super) fn render_timeline(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let transcript = &app.transcript;
    let length = transcript.text().len().max(1);
    let rows = usize::from(area.height).max(1);
    let searching = app.search.has_query();
    let lines: Vec<Line> = (0..rows)
        .map(|row| {
            let slice = row * length / rows..(row + 1) * length / rows;
            let middle = (slice.start + slice.end) / 2;
            let turn = transcript
                .turns
                .partition_point(|t| transcript.turn_span(t).end <= middle)
                .min(transcript.turns.len().saturating_sub(1));
            let speaker = transcript.turns.get(turn).map(|t| t.speaker);
            let on_screen = slice.start < app.screen.span.end
                && app.screen.span.start < slice.end.max(slice.start + 1);
            let hit = searching && app.search.results().count_in(slice.clone()) > 0;
            let symbol = match (hit, on_screen, theme.plain) {
                (true, true, false) => "◆",
                (true, false, false) => "•",
                (false, true, false) => "█",
                (false, false, false) => "▐",
                (true, true, true) => "@",
                (true, false, true) => "*",
                (false, true, true) => "#",
                (false, false, true) => "|",
            };
            let style = match speaker {
                Some(id) if app.shown[id] => theme.speaker(id).remove_modifier(Modifier::BOLD),
                _ => theme.dim(),
            };
            let style = if hit {
                style.patch(theme.matched())
            } else {
                style
            };
            Line::styled(symbol, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
