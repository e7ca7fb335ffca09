//! The status bar (position, search, prompts, messages) and the help screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Clear;

use super::{Drawn, Theme, draw_row, row_width, text_cells};
use crate::layout;
use crate::reader::action::Action;
use crate::reader::app::{App, Mode};
use crate::reader::keymap::{self, Scope};

pub(super) fn render_status(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let screen = &app.screen;
    let turns = app.transcript.turns.len();
    let mut right = Vec::new();
    if app.search.has_query() || app.mode == Mode::Search {
        let (index, count) = app.search.position();
        let running = if app.search.is_running() { "…" } else { "" };
        if app.search.has_query() {
            right.push(format!("{index}/{count}{running}"));
        }
    }
    if let Some(turn) = screen.turn {
        let more = if app.loading { "…" } else { "" };
        right.push(format!("turn {}/{turns}{more}", turn + 1));
        if let Some(start) = app.transcript.turns.get(turn).and_then(|t| t.start) {
            right.push(crate::conversation::format_time(start));
        }
    }
    right.push(format!("{}%", screen.percent));
    let (file, files) = app.options.file;
    if files > 1 {
        right.push(format!("file {}/{files}", file + 1));
    }
    let hidden = app.shown.iter().filter(|shown| !**shown).count();
    if hidden > 0 {
        right.push(format!("{hidden} hidden"));
    }
    if let Some(help) = keymap::hint(Scope::Reading, &Action::ToggleHelp) {
        right.push(format!("{help} help"));
    }
    // Drop the least important parts first when the bar is narrow. While typing, the prompt
    // keeps room for what is typed (and the cursor after it).
    let measure = app.options.measure;
    let typing = match app.mode {
        Mode::Search | Mode::Goto => layout::display_width(app.prompt.value(), measure) + 2,
        Mode::Reading | Mode::Help => 0,
    };
    let room = usize::from(area.width).saturating_sub(typing);
    let fits = |parts: &[String]| layout::display_width(&parts.join(" · "), measure) + 2 <= room;
    while !right.is_empty() && !fits(&right) && (right.len() > 1 || typing > 0) {
        right.pop();
    }
    let right = format!(" {} ", right.join(" · "));
    let right: Vec<Drawn> = text_cells(&right, theme.dim(), measure).collect();
    let right_width = u16::try_from(row_width(&right)).unwrap_or(u16::MAX);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let buffer = frame.buffer_mut();
    draw_row(
        buffer,
        right_area.left(),
        area.y,
        right_area.right(),
        &right,
    );

    let message;
    let shown;
    let left: Vec<Drawn> = match app.mode {
        Mode::Search | Mode::Goto => {
            let (sigil, flags) = if app.mode == Mode::Search {
                let options = app.search.options();
                let mut flags = String::new();
                if options.regex {
                    flags.push_str(" [regex]");
                }
                if options.pinyin {
                    flags.push_str(" [pinyin]");
                }
                ("/", flags)
            } else {
                (":", String::new())
            };
            // What is typed, scrolled so that the cursor stays in view.
            let value = app.prompt.value();
            let room = usize::from(left_area.width).saturating_sub(1 + flags.len() + 1);
            let cursor = value
                .char_indices()
                .nth(app.prompt.cursor())
                .map_or(value.len(), |(at, _)| at);
            let mut start = 0;
            while start < cursor && layout::display_width(&value[start..cursor], measure) >= room {
                start += value[start..].chars().next().map_or(1, char::len_utf8);
            }
            shown = &value[start..];
            let cursor_x = 1 + layout::display_width(&value[start..cursor], measure);
            if let Ok(x) = u16::try_from(cursor_x) {
                let x = left_area
                    .x
                    .saturating_add(x)
                    .min(left_area.right().saturating_sub(1));
                frame.set_cursor_position(Position::new(x, left_area.y));
            }
            message = match app.search.error().filter(|_| app.mode == Mode::Search) {
                Some(error) => format!("{flags}  {error}"),
                None => flags,
            };
            let mut cells: Vec<Drawn> = text_cells(sigil, Style::new(), measure).collect();
            cells.extend(text_cells(shown, Style::new(), measure));
            let style = if app.search.error().is_some() && app.mode == Mode::Search {
                theme.current()
            } else {
                theme.dim()
            };
            cells.extend(text_cells(&message, style, measure));
            cells
        }
        Mode::Reading | Mode::Help => {
            let (text, style) = match &app.message {
                Some(message) => (message.clone(), theme.focus(true)),
                None if app.search.has_query() => (format!("/{}", app.search.text()), theme.dim()),
                None => (app.options.name.clone(), theme.dim()),
            };
            message = text;
            text_cells(&message, style, measure).collect()
        }
    };
    let buffer = frame.buffer_mut();
    draw_row(buffer, left_area.left(), area.y, left_area.right(), &left);
}

/// The help screen, generated from the binding table.
pub(super) fn render_help(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = area.width.min(64);
    let height = area.height.saturating_sub(2).max(1).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, popup);
    let block = theme.block().title(" Help (Esc closes) ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let measure = app.options.measure;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Vec<Drawn>> = Vec::new();
    let mut texts: Vec<(String, &str)> = Vec::new();
    for scope in [
        Scope::Reading,
        Scope::Conversation,
        Scope::SpeakerList,
        Scope::Search,
        Scope::Goto,
    ] {
        texts.push((String::new(), scope.title()));
        for (keys, help) in keymap::help_rows(scope) {
            texts.push((format!("  {keys:<18}"), help));
        }
        texts.push((String::new(), ""));
    }
    for (keys, help) in &texts {
        let help_style = if keys.is_empty() { bold } else { Style::new() };
        let mut cells: Vec<Drawn> = text_cells(keys, theme.focus(true), measure).collect();
        cells.extend(text_cells(help, help_style, measure));
        lines.push(cells);
    }
    let rows = lines.iter().skip(usize::from(app.help_scroll));
    let buffer = frame.buffer_mut();
    for (cells, y) in rows.zip(inner.top()..inner.bottom()) {
        draw_row(buffer, inner.left(), y, inner.right(), cells);
    }
}
