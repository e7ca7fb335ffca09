//! The conversation pane: its border and title, and the rows the view put on screen, drawn by
//! the renderer `--print` uses too.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::theme::{Drawn, Theme, draw_row};
use crate::conversation::{self, Highlights, Row};
use crate::model::Transcript;
use crate::reader::geometry::Area;
use crate::reader::view::VisibleRow;

/// The conversation pane.
#[derive(Debug)]
pub struct Conversation<'a> {
    /// The transcript the rows show.
    pub transcript: &'a Transcript,
    /// The rows on screen.
    pub rows: &'a [VisibleRow],
    /// The search matches among them.
    pub highlights: Highlights<'a>,
    /// The highlighted arena ranges (`*`), sorted: their lines get a mark in the gutter.
    pub marked: &'a [Range<usize>],
    /// The lines selected (`v`): those that start from the first byte to the last.
    pub selected: Option<(usize, usize)>,
    /// The title on the top border.
    pub title: &'a str,
    /// The text column, in screen coordinates.
    pub text: Area,
    /// Whether the pane has a border.
    pub bordered: bool,
    /// Whether keys go to the conversation.
    pub focused: bool,
    /// How it looks.
    pub theme: &'a Theme,
}

impl Widget for Conversation<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let theme = self.theme;
        if self.bordered {
            let block = theme.block().border_style(theme.focus(self.focused));
            block.render(area, buffer);
            // The title goes over the top border in fangtan's measure, cut with `…`.
            let room = usize::from(area.width.saturating_sub(4));
            let mut cells = vec![Drawn::blank(Style::new())];
            cells.extend(theme.cut(self.title, room, Style::new()));
            cells.push(Drawn::blank(Style::new()));
            let right = area.right().saturating_sub(1);
            draw_row(buffer, area.left() + 1, area.top(), right, &cells);
        }
        let text = self.text;
        let width = usize::from(text.width);
        for (visible, y) in self.rows.iter().zip(text.y..text.bottom()) {
            let cells = conversation::row_cells(
                self.transcript,
                &visible.row,
                width,
                theme.measure,
                self.highlights,
            );
            let (indent, _) = conversation::text_columns(width);
            let line = match &visible.row {
                Row::Text { range, .. } => Some(range),
                _ => None,
            };
            let selected = line
                .zip(self.selected)
                .is_some_and(|(line, (first, last))| (first..=last).contains(&line.start));
            let drawn: Vec<Drawn> = cells
                .iter()
                .enumerate()
                .map(|(at, cell)| {
                    let style = theme.row_cell(cell);
                    Drawn {
                        symbol: &cell.symbol,
                        width: cell.width,
                        style: if selected && at >= indent {
                            style.patch(theme.selected())
                        } else {
                            style
                        },
                    }
                })
                .collect();
            draw_row(buffer, text.x, y, text.right(), &drawn);
            let marked = line.is_some_and(|line| {
                let first = self.marked.partition_point(|m| m.end <= line.start);
                self.marked
                    .get(first)
                    .is_some_and(|m| m.start < line.end.max(line.start + 1))
            });
            if marked && indent > 0 && text.width > 0 {
                buffer[(text.x, y)]
                    .set_symbol(theme.highlight_symbol())
                    .set_style(theme.highlight());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::reader::view::View;

    #[test]
    fn rows_are_drawn_with_indent_and_title() {
        let transcript = Arc::new(crate::parse::text::parse(
            "甲: 你好，今天天气很好。\n乙: 是的\n甲: 再见\n".to_owned(),
        ));
        let mut view = View::new(Arc::clone(&transcript), Default::default(), 12, 5);
        let rows = view.visible();
        let theme = Theme::default();
        let widget = Conversation {
            transcript: &transcript,
            rows: &rows,
            highlights: Highlights::default(),
            marked: &[],
            selected: None,
            title: "访谈录很长的标题",
            text: Area::new(1, 1, 12, 5),
            bordered: true,
            focused: true,
            theme: &theme,
        };
        let mut buffer = Buffer::empty(Rect::new(0, 0, 14, 7));
        widget.render(buffer.area, &mut buffer);
        let expected = Buffer::with_lines([
            "┌ 访谈录很… ─┐",
            "│甲          │",
            "│  你好，今天│",
            "│  天气很好。│",
            "│            │",
            "│乙          │",
            "└────────────┘",
        ]);
        assert_eq!(
            buffer
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect::<String>(),
            expected
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect::<String>()
        );
    }
}
