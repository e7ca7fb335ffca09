//! The help screen, generated from the binding table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::theme::{Drawn, Theme, clear_popup, draw_row, popup_in};
use crate::reader::action::Scope;
use crate::reader::keymap;

/// The help popup, drawn in the middle of the area it is given.
#[derive(Debug)]
pub struct Help<'a> {
    /// Lines scrolled past.
    pub scroll: u16,
    /// How it looks.
    pub theme: &'a Theme,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let theme = self.theme;
        let width = area.width.min(64);
        let height = area.height.saturating_sub(2).max(1).min(area.height);
        let popup = popup_in(area, width, height);
        clear_popup(buffer, popup);
        let block = theme.block().title(" Help (Esc closes) ");
        let inner = block.inner(popup);
        block.render(popup, buffer);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut texts: Vec<(String, &str)> = Vec::new();
        for scope in [
            Scope::Reading,
            Scope::Conversation,
            Scope::SpeakerList,
            Scope::Search,
            Scope::Goto,
            Scope::Mouse,
            Scope::Mark,
            Scope::Select,
            Scope::Name,
            Scope::Card,
        ] {
            texts.push((String::new(), scope.title()));
            for (keys, help) in keymap::help_rows(scope) {
                texts.push((format!("  {keys:<20} "), help));
            }
            texts.push((String::new(), ""));
        }
        let rows = texts.iter().skip(usize::from(self.scroll));
        for ((keys, help), y) in rows.zip(inner.top()..inner.bottom()) {
            let help_style = if keys.is_empty() { bold } else { Style::new() };
            let mut cells: Vec<Drawn> = theme.cells(keys, theme.focus(true)).collect();
            cells.extend(theme.cells(help, help_style));
            draw_row(buffer, inner.left(), y, inner.right(), &cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_keys_and_mouse_inside_an_intact_border() {
        let theme = Theme::default();
        let mut buffer = Buffer::empty(Rect::new(0, 0, 67, 80));
        // Wide characters under the popup's left edge must not eat its border.
        let wide = "江".repeat(33);
        let cells: Vec<Drawn> = theme.cells(&wide, Style::new()).collect();
        for y in 0..80 {
            draw_row(&mut buffer, 0, y, 67, &cells);
        }
        let area = buffer.area;
        Help {
            scroll: 0,
            theme: &theme,
        }
        .render(area, &mut buffer);
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("quit"), "{text}");
        assert!(text.contains("wheel"), "{text}");
        for y in 2..78 {
            assert_eq!(buffer[(0, y)].symbol(), " ", "row {y}");
            assert_eq!(buffer[(1, y)].symbol(), "│", "row {y}");
        }
    }
}
