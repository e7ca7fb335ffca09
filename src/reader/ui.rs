//! Drawing: `render(&App, &mut Frame)` reads the state and changes nothing.
//!
//! The screen is a speaker list, the conversation pane with its speaker timeline strip, and a
//! status bar. On small terminals they collapse in this order: the speaker list goes first,
//! then the borders, then the timeline, then the status bar; the conversation stays.

mod conversation;
mod speakers;
mod status;
mod timeline;

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Mode};
use crate::layout;
use crate::palette::speaker_color;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The speaker list, with its border, when there is room.
    pub list: Option<Rect>,
    /// The conversation pane, with its border when there is room.
    pub pane: Rect,
    /// The conversation's text inside the pane.
    pub text: Rect,
    /// The speaker timeline strip, when there is room.
    pub timeline: Option<Rect>,
    /// The status bar, when there is room.
    pub status: Option<Rect>,
    /// Whether the panes have borders.
    pub bordered: bool,
}

/// Lays out the screen for a terminal of `size`.
pub fn areas(size: Rect, app: &App) -> Areas {
    let (main, status) = if size.height >= 2 {
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(size);
        (main, Some(status))
    } else {
        (size, None)
    };
    let list_width = speaker_list_width(app);
    let (list, pane) = if main.width >= 60 && main.height >= 4 && list_width > 0 {
        let width = list_width.min(main.width / 3);
        let [list, pane] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(1)]).areas(main);
        (Some(list), pane)
    } else {
        (None, main)
    };
    let bordered = pane.width >= 12 && pane.height >= 4;
    let inner = if bordered {
        Block::bordered().inner(pane)
    } else {
        pane
    };
    let (text, timeline) = if inner.width >= 8 {
        let [text, strip] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        (text, Some(strip))
    } else {
        (inner, None)
    };
    Areas {
        list,
        pane,
        text,
        timeline,
        status,
        bordered,
    }
}

/// Whether the screen has room for the speaker list.
pub fn has_speaker_list(app: &App) -> bool {
    areas(app.size(), app).list.is_some()
}

/// Columns of the bar that shows a speaker's share.
pub(super) const BAR_WIDTH: usize = 5;

/// The speaker list's width: number, name, turns, bar and share, and the borders.
fn speaker_list_width(app: &App) -> u16 {
    if app.transcript.speakers.is_empty() {
        return 0;
    }
    let name = longest_name(app).clamp(4, 20);
    // "n name turns bar share" with single spaces, inside a border.
    let width = 3 + name + 1 + turns_width(app) + 1 + BAR_WIDTH + 1 + 4 + 2 + 1;
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// Cells the longest speaker name fills.
fn longest_name(app: &App) -> usize {
    let names = app.transcript.speakers.iter();
    let widths = names.map(|speaker| layout::display_width(&speaker.name, app.options.measure));
    widths.max().unwrap_or(0)
}

/// Digits in the largest turn count.
fn turns_width(app: &App) -> usize {
    let most = app.stats.iter().map(|stats| stats.turns).max().unwrap_or(0);
    most.to_string().len()
}

/// Styles, with and without colour, and the symbols the chrome is drawn with.
struct Theme {
    color: bool,
    /// The terminal draws East Asian Ambiguous characters two cells wide (`--ambiguous-wide`):
    /// box-drawing lines, block elements and bullets are all ambiguous, so the chrome is drawn
    /// in ASCII, which every terminal draws one cell wide.
    plain: bool,
}

impl Theme {
    /// A bordered block in the theme's lines.
    fn block(&self) -> Block<'static> {
        let lines = if self.plain {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::PLAIN
        };
        Block::bordered().border_set(lines)
    }

    fn speaker(&self, id: usize) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.fg(Color::Indexed(speaker_color(id)))
        } else {
            style
        }
    }

    fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    fn matched(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    fn current(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            style.bg(Color::LightRed).fg(Color::Black)
        } else {
            style.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    fn focus(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
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

/// The cells of a text in one style, with controls made visible.
fn text_cells(
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

/// Cells a row of drawn graphemes fills.
fn row_width(cells: &[Drawn]) -> usize {
    cells.iter().map(|cell| cell.width).sum()
}

/// Writes a row of cells into the buffer from `x`, cut at `right`.
///
/// The cells are placed by fangtan's own measure, the one the text was wrapped with, not by
/// ratatui's: with `--ambiguous-wide` a “ fills two cells of the terminal while ratatui counts
/// one, so its width is forced to two, or ratatui would draw a space over the quotation mark's
/// second half and place everything after it one cell off.
fn draw_row(buffer: &mut Buffer, x: u16, y: u16, right: u16, cells: &[Drawn]) {
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
        if usize::from(width) != cell.symbol.width() {
            if let Some(forced) = NonZeroU16::new(width) {
                target.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
        }
        x += width;
    }
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = areas(frame.area(), app);
    let theme = Theme {
        color: app.options.color,
        plain: app.options.measure.ambiguous_wide,
    };
    if let Some(list) = areas.list {
        speakers::render_speaker_list(app, &theme, list, frame);
    }
    conversation::render_conversation(app, &theme, &areas, frame);
    if let Some(strip) = areas.timeline {
        timeline::render_timeline(app, &theme, strip, frame);
    }
    if let Some(status) = areas.status {
        status::render_status(app, &theme, status, frame);
    }
    if app.mode == Mode::Help {
        status::render_help(app, &theme, frame);
    }
}
