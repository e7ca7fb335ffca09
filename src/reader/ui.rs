//! Drawing: `render(&App, &mut Frame)` reads the state and changes nothing.
//!
//! The screen is a speaker list, the conversation pane with its speaker timeline strip, and a
//! status bar. On small terminals they collapse in this order: the speaker list goes first,
//! then the borders, then the timeline, then the status bar; the conversation stays.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Focus, Mode};
use super::keymap::{self, Scope};
use crate::conversation::{self, Row};
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
const BAR_WIDTH: usize = 5;

/// The speaker list's width: number, name, turns, bar and share, and the borders.
fn speaker_list_width(app: &App) -> u16 {
    let transcript = &app.transcript;
    if transcript.speakers.is_empty() {
        return 0;
    }
    let name = transcript
        .speakers
        .iter()
        .map(|s| layout::display_width(&s.name, app.options.measure))
        .max()
        .unwrap_or(0)
        .clamp(4, 20);
    let turns = app
        .stats
        .iter()
        .map(|s| s.turns)
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    // "n name turns bar share" with single spaces, inside a border.
    let width = 3 + name + 1 + turns + 1 + BAR_WIDTH + 1 + 4 + 2 + 1;
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// Styles, with and without colour.
struct Theme {
    color: bool,
}

impl Theme {
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

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = areas(frame.area(), app);
    let theme = Theme {
        color: app.options.color,
    };
    if let Some(list) = areas.list {
        render_speaker_list(app, &theme, list, frame);
    }
    render_conversation(app, &theme, &areas, frame);
    if let Some(strip) = areas.timeline {
        render_timeline(app, &theme, strip, frame);
    }
    if let Some(status) = areas.status {
        render_status(app, &theme, status, frame);
    }
    if app.mode == Mode::Help {
        render_help(app, &theme, frame);
    }
}

fn render_speaker_list(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = app.focus == Focus::SpeakerList;
    let block = Block::bordered()
        .title(" Speakers ")
        .border_style(theme.focus(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let total: usize = app.stats.iter().map(|s| s.chars).sum::<usize>().max(1);
    let hits = app
        .search
        .has_query()
        .then(|| app.search.results().hits_per_speaker());
    let count_width = app
        .stats
        .iter()
        .map(|s| s.turns)
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    let measure = app.options.measure;
    let longest = app
        .transcript
        .speakers
        .iter()
        .map(|s| layout::display_width(&s.name, measure))
        .max()
        .unwrap_or(0);
    // Number, name, turns, then the share as a bar and a percentage; when the list is narrow
    // the bar goes first, so that names stay readable.
    let room = usize::from(inner.width).saturating_sub(3 + 1 + count_width + 1);
    let full = BAR_WIDTH + 1 + 4;
    let extra = if room >= full + longest.min(6) {
        full
    } else {
        4
    };
    let name_width = room.saturating_sub(extra).max(1);
    let lines: Vec<Line> = app
        .transcript
        .speakers
        .iter()
        .enumerate()
        .map(|(id, speaker)| {
            let stats = &app.stats[id];
            let shown = app.shown[id];
            let number = if id < 9 {
                (id + 1).to_string()
            } else {
                " ".to_owned()
            };
            let name = fit(&layout::sanitize(&speaker.name), name_width, measure);
            let name_style = if shown {
                theme.speaker(id)
            } else {
                theme.dim()
            };
            let mut spans = vec![
                Span::styled(format!(" {number} "), theme.dim()),
                Span::styled(name, name_style),
                Span::raw(format!(" {:>count_width$} ", stats.turns)),
            ];
            let extra = match hits {
                Some(hits) => {
                    let n = hits.get(id).copied().unwrap_or(0);
                    let style = if n > 0 { theme.matched() } else { theme.dim() };
                    let text = match (extra == full, n) {
                        (true, 1) => "1 hit".to_owned(),
                        (true, n) => format!("{n} hits"),
                        (false, n) => n.to_string(),
                    };
                    Span::styled(format!("{text:>extra$}"), style)
                }
                None if !shown => {
                    let text = if extra == full { "hidden" } else { "off" };
                    Span::styled(format!("{text:>extra$}"), theme.dim())
                }
                None => {
                    let share = stats.chars as f64 / total as f64;
                    let percent = format!("{:>3.0}%", share * 100.0);
                    let text = if extra == full {
                        format!("{} {percent}", share_bar(share, BAR_WIDTH))
                    } else {
                        percent
                    };
                    Span::styled(text, name_style.remove_modifier(Modifier::BOLD))
                }
            };
            spans.push(extra);
            let mut line = Line::from(spans);
            if id == app.selected {
                let marker = if focused {
                    Modifier::REVERSED
                } else {
                    Modifier::UNDERLINED
                };
                line = line.patch_style(Style::new().add_modifier(marker));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A horizontal bar of `width` cells, filled in eighths.
fn share_bar(share: f64, width: usize) -> String {
    const EIGHTHS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    (0..width)
        .map(|cell| EIGHTHS[eighths.saturating_sub(cell * 8).min(8)])
        .collect()
}

/// `text` cut to `width` cells and padded to exactly that.
fn fit(text: &str, width: usize, measure: layout::Measure) -> String {
    let mut out = String::new();
    let mut used = 0;
    for cell in layout::cells(text, measure) {
        if used + cell.width > width {
            break;
        }
        used += cell.width;
        out.push_str(cell.symbol);
    }
    out.push_str(&" ".repeat(width - used));
    out
}

fn render_conversation(app: &App, theme: &Theme, areas: &Areas, frame: &mut Frame) {
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
            Row::Title(_) => Line::styled(
                conversation::row_text(transcript, &visible.row).to_owned(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
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
            Row::Note(..) => Line::styled(
                conversation::row_text(transcript, &visible.row).to_owned(),
                theme.dim(),
            ),
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

/// The speaker timeline: one cell per slice of the transcript, in the colour of who speaks
/// there; the slices on screen drawn solid, slices with matches marked.
fn render_timeline(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
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
            let symbol = match (hit, on_screen) {
                (true, true) => "◆",
                (true, false) => "•",
                (false, true) => "█",
                (false, false) => "▐",
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

fn render_status(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
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
    }
    right.push(format!("{}%", screen.percent));
    let hidden = app.shown.iter().filter(|shown| !**shown).count();
    if hidden > 0 {
        right.push(format!("{hidden} hidden"));
    }
    if let Some(help) = keymap::hint(Scope::Reading, super::action::Action::ToggleHelp) {
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
fn render_help(app: &App, theme: &Theme, frame: &mut Frame) {
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
