//! A speaker's card (`i`): who they are, how much they say and when, and excerpts from
//! different parts of the transcript, in a popup over the conversation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::theme::{Drawn, Theme, clear_popup, draw_row, popup_in};
use crate::conversation::format_time;
use crate::layout;
use crate::reader::app::Card;

/// The card popup, drawn in the middle of the area it is given.
#[derive(Debug)]
pub struct CardView<'a> {
    /// What it shows.
    pub card: &'a Card,
    /// How it looks.
    pub theme: &'a Theme,
}

/// `turn 12 · 00:12:03`.
fn when(turn: usize, start: Option<f64>) -> String {
    match start {
        Some(start) => format!("turn {} · {}", turn + 1, format_time(start)),
        None => format!("turn {}", turn + 1),
    }
}

impl CardView<'_> {
    /// The card's lines in `width` columns: the text and its style.
    fn lines(&self, width: usize) -> Vec<(String, Style)> {
        let card = self.card;
        let theme = self.theme;
        let plain = Style::new();
        let mut lines = vec![(
            format!(
                "{} turn{} · {:.0}% of what was said",
                card.turns,
                if card.turns == 1 { "" } else { "s" },
                card.share
            ),
            plain,
        )];
        if let (Some((first, start)), Some((last, end))) = (card.first, card.last) {
            lines.push((
                format!("first {} · last {}", when(first, start), when(last, end)),
                plain,
            ));
        }
        if let Some(label) = &card.label {
            lines.push((format!("labelled {label} in the source"), theme.dim()));
        }
        for (turn, excerpt) in &card.excerpts {
            lines.push((String::new(), plain));
            lines.push((when(*turn, None), theme.dim()));
            let text_width = width.saturating_sub(2).max(1);
            for line in layout::wrap(excerpt, text_width, theme.measure) {
                let text = excerpt.get(line.range).unwrap_or_default();
                lines.push((format!("  {text}"), plain));
            }
        }
        lines
    }
}

impl Widget for CardView<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let theme = self.theme;
        let width = area.width.min(72);
        let inner_width = usize::from(width.saturating_sub(2));
        let lines = self.lines(inner_width);
        let wanted = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let height = wanted
            .min(area.height.saturating_sub(2).max(1))
            .min(area.height);
        let popup = popup_in(area, width, height);
        clear_popup(buffer, popup);
        let name = layout::sanitize(&self.card.name).into_owned();
        let block = theme
            .block()
            .title(format!(" {name} "))
            .title_style(
                theme
                    .speaker(self.card.speaker)
                    .add_modifier(Modifier::BOLD),
            )
            .border_style(theme.focus(true));
        let inner = block.inner(popup);
        block.render(popup, buffer);
        for ((text, style), y) in lines.iter().zip(inner.top()..inner.bottom()) {
            let cells: Vec<Drawn> = theme.cells(text, *style).collect();
            draw_row(buffer, inner.left(), y, inner.right(), &cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_says_who_how_much_when_and_what() {
        let card = Card {
            speaker: 1,
            name: "江滨".to_owned(),
            label: Some("SPEAKER_01".to_owned()),
            turns: 12,
            share: 88.4,
            first: Some((1, Some(12.0))),
            last: Some((23, None)),
            excerpts: vec![(1, "主持人好!各位网友好!".to_owned())],
        };
        let theme = Theme::default();
        let mut buffer = Buffer::empty(Rect::new(0, 0, 50, 12));
        CardView {
            card: &card,
            theme: &theme,
        }
        .render(buffer.area, &mut buffer);
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        for expected in [
            "江滨",
            "12 turns · 88% of what was said",
            "first turn 2 · 00:00:12 · last turn 24",
            "labelled SPEAKER_01",
            "主持人好",
        ] {
            let squeezed: String = expected.chars().filter(|c| *c != ' ').collect();
            let have: String = text.chars().filter(|c| *c != ' ').collect();
            assert!(have.contains(&squeezed), "{expected}: {text}");
        }
    }
}
