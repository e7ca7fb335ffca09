//! The reader's look and its cell drawing: styles with and without colour, for a light or a
//! dark background, and the one way a row of graphemes is put into the buffer (by fangtan's
//! measure, cut with `…`).

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use crate::conversation::{Ink, Mark, RowCell};
use crate::layout::{self, Measure};
use crate::palette::{self, Palette, speaker_color};
use crate::reader::geometry::Area;

/// Styles, and the symbols the chrome is drawn with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Theme {
    /// Whether to use colour at all.
    pub color: bool,
    /// The terminal draws East Asian Ambiguous characters two cells wide: box-drawing lines,
    /// block elements and bullets are all ambiguous, so the chrome is drawn in ASCII, which
    /// every terminal draws one cell wide.
    pub plain: bool,
    /// The speakers' colours.
    pub palette: Palette,
    /// How text is measured.
    pub measure: Measure,
}

impl Theme {
    /// A bordered block in the theme's lines.
    pub fn block(&self) -> Block<'static> {
        let lines = if self.plain {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::PLAIN
        };
        Block::bordered().border_set(lines)
    }

    /// A speaker's name.
    pub fn speaker(&self, id: usize) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.fg(Color::Indexed(speaker_color(id, self.palette)))
        } else {
            style
        }
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        match (self.color, self.palette) {
            (true, Palette::Dark) => Style::new().fg(Color::DarkGray),
            (true, Palette::Light) => Style::new().fg(Color::Indexed(244)),
            (false, _) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// Every search match.
    pub fn matched(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Indexed(palette::MATCH))
                .fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The current match.
    pub fn current(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.bg(Color::Indexed(palette::CURRENT)).fg(Color::Black)
        } else {
            style.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// The mark beside a highlighted line and on the timeline: bright yellow, a highlighter's.
    pub fn highlight(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.fg(Color::Indexed(palette::HIGHLIGHT))
        } else {
            style
        }
    }

    /// The gutter mark of a highlighted line.
    pub fn highlight_symbol(&self) -> &'static str {
        if self.plain { "*" } else { "▌" }
    }

    /// Lines selected with `v`.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A pane's border, and the keys on the help screen.
    pub fn focus(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    /// The style of a cell of the shared row renderer.
    pub fn row_cell(&self, cell: &RowCell<'_>) -> Style {
        let base = match cell.ink {
            Ink::Text => Style::new(),
            Ink::Title => Style::new().add_modifier(Modifier::BOLD),
            Ink::Header | Ink::Note | Ink::Time => self.dim(),
            Ink::Speaker(id) => self.speaker(id),
        };
        match cell.mark {
            Mark::None => base,
            Mark::Match => base.patch(self.matched()),
            Mark::Current => base.patch(self.current()),
        }
    }

    /// The cells of a text in one style, with controls made visible.
    pub fn cells<'a>(&self, text: &'a str, style: Style) -> impl Iterator<Item = Drawn<'a>> {
        layout::cells(text, self.measure).map(move |cell| Drawn {
            symbol: cell.symbol,
            width: cell.width,
            style,
        })
    }

    /// The cells of `text` cut to `width` columns with a `…` at the end when it is longer.
    pub fn cut<'a>(&self, text: &'a str, width: usize, style: Style) -> Vec<Drawn<'a>> {
        let cells: Vec<Drawn> = self.cells(text, style).collect();
        if row_width(&cells) <= width {
            return cells;
        }
        let ellipsis = layout::display_width("…", self.measure);
        let mut used = 0;
        let mut kept: Vec<Drawn> = cells
            .into_iter()
            .take_while(|cell| {
                used += cell.width;
                used + ellipsis <= width
            })
            .collect();
        if ellipsis <= width {
            kept.push(Drawn {
                symbol: "…",
                width: ellipsis,
                style,
            });
        }
        kept
    }
}

/// Borders for terminals that draw box-drawing characters two cells wide.
const ASCII_BORDER: ratatui::symbols::border::Set = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// One drawn grapheme: what to draw, the cells it fills by fangtan's measure, its style.
#[derive(Debug, Clone)]
pub struct Drawn<'a> {
    /// What to draw.
    pub symbol: &'a str,
    /// Cells it fills.
    pub width: usize,
    /// Its style.
    pub style: Style,
}

impl Drawn<'_> {
    /// A space.
    pub fn blank(style: Style) -> Self {
        Self {
            symbol: " ",
            width: 1,
            style,
        }
    }

    /// The same grapheme with `style` laid under its own.
    #[must_use]
    pub fn patch(mut self, style: Style) -> Self {
        self.style = style.patch(self.style);
        self
    }
}

/// Cells a row of drawn graphemes fills.
pub fn row_width(cells: &[Drawn]) -> usize {
    cells.iter().map(|cell| cell.width).sum()
}

/// The drawing library's rectangle for one of the reader's areas.
pub fn rect(area: Area) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height)
}

/// Writes a row of cells into the buffer from `x`, cut at `right`.
///
/// The cells are placed by fangtan's own measure, the one the text was wrapped with, not by
/// ratatui's: with `--ambiguous-wide` a “ fills two cells of the terminal while ratatui counts
/// one, so its width is forced to two, or ratatui would draw a space over the quotation mark's
/// second half and place everything after it one cell off.
pub fn draw_row(buffer: &mut Buffer, x: u16, y: u16, right: u16, cells: &[Drawn]) {
    let mut x = x;
    for cell in cells {
        let Ok(width) = u16::try_from(cell.width) else {
            break;
        };
        if width == 0 {
            continue;
        }
        if x.saturating_add(width) > right {
            break;
        }
        let target = &mut buffer[(x, y)];
        target.set_symbol(cell.symbol).set_style(cell.style);
        if usize::from(width) != cell.symbol.width()
            && let Some(forced) = NonZeroU16::new(width)
        {
            target.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        // The cells a wide character covers hold nothing of their own (as ratatui's own
        // strings leave them), so no border or older text shows through in the buffer.
        for covered in x + 1..x + width {
            let hidden = &mut buffer[(covered, y)];
            if hidden.symbol() != " " {
                hidden.reset();
            }
        }
        x += width;
    }
}

/// A popup of `width` × `height` cells in the middle of `area` (both at most its size).
pub fn popup_in(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Clears `area` for a popup, and the wide characters outside it whose right half would
/// reach into it: the terminal draws a wide character over both its cells, so one left just
/// left of the popup would cover the popup's left border.
pub fn clear_popup(buffer: &mut Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buffer[(x, y)].reset();
        }
        if let Some(left) = area.left().checked_sub(1) {
            let cell = &buffer[(left, y)];
            let forced = matches!(cell.diff_option, CellDiffOption::ForcedWidth(w) if w.get() > 1);
            if cell.symbol().width() > 1 || forced {
                buffer[(left, y)].reset();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_marks_the_cut() {
        let theme = Theme::default();
        let text = |cells: Vec<Drawn>| cells.iter().map(|c| c.symbol).collect::<String>();
        assert_eq!(text(theme.cut("访谈录标题", 7, Style::new())), "访谈录…");
        assert_eq!(text(theme.cut("访谈录", 6, Style::new())), "访谈录");
        assert_eq!(text(theme.cut("abc", 0, Style::new())), "");
    }

    #[test]
    fn a_popup_clears_a_wide_character_under_its_edge() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        let cells: Vec<Drawn> = Theme::default().cells("江滨好", Style::new()).collect();
        draw_row(&mut buffer, 0, 0, 6, &cells);
        clear_popup(&mut buffer, Rect::new(3, 0, 3, 1));
        assert_eq!(buffer, Buffer::with_lines(["江    "]));
    }
}
