//! The status bar (position, search, prompts, messages) and the help screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
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
    let right_width =
        u16::try_from(layout::display_width(&right, app.options.measure)).unwrap_or(u16::MAX);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(right).style(theme.dim()), right_area);

    let left: Line = match app.mode {
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
            let value = app.prompt.value();
            let width = usize::from(left_area.width).saturating_sub(1 + flags.len() + 1);
            let scroll = app.prompt.visual_scroll(width);
            let shown: String = layout::sanitize(value).chars().skip(scroll).collect();
            let cursor_x = app.prompt.visual_cursor().saturating_sub(scroll) + 1;
            if let Ok(x) = u16::try_from(cursor_x) {
                let x = left_area
                    .x
                    .saturating_add(x)
                    .min(left_area.right().saturating_sub(1));
                frame.set_cursor_position(Position::new(x, left_area.y));
            }
            let mut spans = vec![
                Span::raw(sigil),
                Span::raw(shown),
                Span::styled(flags, theme.dim()),
            ];
            if let Some(error) = app.search.error().filter(|_| app.mode == Mode::Search) {
                spans.push(Span::styled(format!("  {error}"), theme.current()));
            }
            Line::from(spans)
        }
        Mode::Reading | Mode::Help => match &app.message {
            Some(message) => Line::styled(message.clone(), theme.focus(true)),
            None if app.search.has_query() => {
                Line::styled(format!("/{}", app.search.text()), theme.dim())
            }
            None => Line::styled(app.options.name.clone(), theme.dim()),
        },
    };
    frame.render_widget(Paragraph::new(left), left_area);
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
    let mut lines = Vec::new();
    for scope in [
        Scope::Reading,
        Scope::Conversation,
        Scope::SpeakerList,
        Scope::Search,
        Scope::Goto,
    ] {
        lines.push(Line::styled(
            scope.title(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for (keys, help) in keymap::help_rows(scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.focus(true)),
                Span::raw(help),
            ]));
        }
        lines.push(Line::default());
    }
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(" Help · Esc closes ");
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((app.help_scroll, 0)),
        popup,
    );
}
