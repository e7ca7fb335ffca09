//! The speaker timeline strip beside the conversation.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::conversation;
use crate::model::Transcript;
use crate::search::SearchResults;

/// The speaker timeline: one cell per slice of the transcript, in the colour of who speaks
/// there; the slices on screen drawn solid, slices with matches marked.
#[derive(Debug)]
pub struct Timeline<'a> {
    /// The transcript.
    pub transcript: &'a Transcript,
    /// Whether each speaker is shown.
    pub shown: &'a [bool],
    /// The arena bytes on screen.
    pub on_screen: Range<usize>,
    /// The current search's results, while there is a search.
    pub results: Option<&'a SearchResults>,
    /// The highlighted arena ranges (`*`), sorted.
    pub marked: &'a [Range<usize>],
    /// How it looks.
    pub theme: &'a Theme,
}

impl Widget for Timeline<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let transcript = self.transcript;
        let theme = self.theme;
        let length = transcript.text().len().max(1);
        let rows = usize::from(area.height).max(1);
        for (row, y) in (0..rows).zip(area.top()..area.bottom()) {
            let slice = row * length / rows..(row + 1) * length / rows;
            let middle = (slice.start + slice.end) / 2;
            let turn = conversation::turn_at_byte(transcript, middle)
                .min(transcript.turns.len().saturating_sub(1));
            let speaker = transcript.turns.get(turn).map(|t| t.speaker);
            let on_screen = slice.start < self.on_screen.end
                && self.on_screen.start < slice.end.max(slice.start + 1);
            let hit = self
                .results
                .is_some_and(|results| results.count_in(slice.clone()) > 0);
            let first = self.marked.partition_point(|m| m.end <= slice.start);
            let marked = !hit
                && self
                    .marked
                    .get(first)
                    .is_some_and(|m| m.start < slice.end.max(slice.start + 1));
            let symbol = match (hit, on_screen, theme.plain) {
                _ if marked && theme.plain => "+",
                _ if marked => "★",
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
                Some(id) if self.shown.get(id).copied().unwrap_or(true) => {
                    theme.speaker(id).remove_modifier(Modifier::BOLD)
                }
                _ => theme.dim(),
            };
            let style = if hit {
                style.patch(theme.matched())
            } else if marked {
                theme.highlight()
            } else {
                style
            };
            buffer[(area.x, y)].set_symbol(symbol).set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_is_solid_and_the_rest_a_half_bar() {
        let transcript =
            crate::parse::text::parse("A: one\nB: two\nA: three\nB: four\n".to_owned());
        let theme = Theme::default();
        let length = transcript.text().len();
        let strip = Timeline {
            transcript: &transcript,
            shown: &[true, true],
            on_screen: 0..length / 2,
            results: None,
            marked: &[],
            theme: &theme,
        };
        let mut buffer = Buffer::empty(Rect::new(0, 0, 1, 4));
        strip.render(buffer.area, &mut buffer);
        assert_eq!(buffer, Buffer::with_lines(["█", "█", "▐", "▐"]));
    }
}
