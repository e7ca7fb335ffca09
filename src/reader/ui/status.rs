//! The status bar: position, search, prompts, messages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::theme::{Drawn, Theme, draw_row, row_width};
use crate::layout;
use crate::reader::action::{Action, Scope};
use crate::reader::app::{App, Mode, Progress};
use crate::reader::keymap;

/// What the left of the bar shows.
#[derive(Debug)]
enum Left<'a> {
    /// A prompt being typed: its sigil, text, cursor (in characters), and what follows it
    /// (the search's toggles, an invalid regex).
    Prompt {
        sigil: String,
        value: &'a str,
        cursor: usize,
        after: String,
        error: bool,
    },
    /// A message for the user.
    Message(&'a str),
    /// What the keys do now (after `m`, while selecting).
    Notice(String),
    /// The search in force, or the file's name.
    Quiet(String),
}

/// The status bar.
#[derive(Debug)]
pub struct StatusBar<'a> {
    left: Left<'a>,
    /// Position and state, most important first; dropped from the end when there is no room.
    right: Vec<String>,
    theme: &'a Theme,
}

impl<'a> StatusBar<'a> {
    /// The bar for the app's state.
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        let search = &app.search;
        let mut right = Vec::new();
        if search.has_query() {
            let (index, count) = search.position();
            let running = if search.is_running() { "…" } else { "" };
            right.push(format!("{index}/{count}{running}"));
        }
        let more = if app.progress == Progress::Complete {
            ""
        } else {
            "…"
        };
        let turns = app.transcript.turns.len();
        if let Some(turn) = app.screen.turn {
            right.push(format!("turn {}/{turns}{more}", turn + 1));
            if let Some(start) = app.transcript.turns.get(turn).and_then(|t| t.start) {
                right.push(crate::conversation::format_time(start));
            }
        }
        // Nothing to be part of yet (standard input before its first line): no percentage.
        if !app.screen.rows.is_empty() {
            right.push(format!("{}%", app.screen.percent));
        }
        let files = app.options.names.len();
        if files > 1 {
            right.push(format!("file {}/{files}", app.file + 1));
        }
        let hidden = app.shown.iter().filter(|shown| !**shown).count();
        if hidden > 0 {
            right.push(format!("{hidden} hidden"));
        }
        if let Some(trouble) = app.memory.trouble() {
            right.push(trouble.to_owned());
        }
        if let Some(help) = keymap::hint(Scope::Reading, &Action::ToggleHelp) {
            right.push(format!("{help} help"));
        }
        let left = match app.mode {
            Mode::Search | Mode::Goto => {
                let searching = app.mode == Mode::Search;
                let mut after = String::new();
                if searching {
                    let options = search.options();
                    if options.regex {
                        after.push_str(" [regex]");
                    }
                    if options.pinyin {
                        after.push_str(" [pinyin]");
                    }
                    if options.same_script {
                        after.push_str(" [same script]");
                    }
                    if let Some(error) = search.error() {
                        after.push_str("  ");
                        after.push_str(error);
                    }
                }
                Left::Prompt {
                    sigil: if searching { "/" } else { ":" }.to_owned(),
                    value: app.prompt.value(),
                    cursor: app.prompt.cursor(),
                    after,
                    error: searching && search.error().is_some(),
                }
            }
            Mode::Name(_) => {
                let candidates = app.name_candidates();
                let after = if candidates.is_empty() {
                    String::new()
                } else {
                    let shown: Vec<&str> = candidates.iter().take(6).copied().collect();
                    let more = if candidates.len() > shown.len() {
                        " · …"
                    } else {
                        ""
                    };
                    format!("   Tab: {}{more}", shown.join(" · "))
                };
                Left::Prompt {
                    sigil: app.name_prompt_label().unwrap_or_default(),
                    value: app.prompt.value(),
                    cursor: app.prompt.cursor(),
                    after,
                    error: false,
                }
            }
            Mode::Mark(true) => Left::Notice("m: the letter to mark this place with".to_owned()),
            Mode::Mark(false) => Left::Notice(
                "': the letter of the mark to go to (' again: back where the last jump began)"
                    .to_owned(),
            ),
            Mode::Select => Left::Notice(
                "selecting lines: j k extend · y copies · * highlights · Esc stops".to_owned(),
            ),
            Mode::Reading | Mode::Help | Mode::Card => match &app.message {
                Some(message) => Left::Message(message),
                None if search.has_query() => Left::Quiet(format!("/{}", search.text())),
                None if app.progress == (Progress::Arriving { bytes: 0 }) => {
                    Left::Message("waiting for standard input…")
                }
                None => Left::Quiet(app.name_of(app.file)),
            },
        };
        Self { left, right, theme }
    }

    /// The right part that fits beside what the left must show in `width` columns.
    fn right_part(&self, width: usize) -> String {
        let measure = self.theme.measure;
        // While typing, the prompt keeps room for what is typed and the cursor after it; a
        // message keeps room for itself. Position goes first, the rest after.
        let (needed, keep_one) = match &self.left {
            Left::Prompt { sigil, value, .. } => (
                layout::display_width(sigil, measure) + layout::display_width(value, measure) + 1,
                false,
            ),
            Left::Message(message) => (layout::display_width(message, measure) + 1, false),
            Left::Notice(notice) => (layout::display_width(notice, measure) + 1, false),
            Left::Quiet(_) => (0, true),
        };
        let room = width.saturating_sub(needed);
        let mut right = self.right.clone();
        let fits =
            |parts: &[String]| layout::display_width(&parts.join(" · "), measure) + 2 <= room;
        while !right.is_empty() && !fits(&right) && (right.len() > 1 || !keep_one) {
            right.pop();
        }
        if right.is_empty() {
            String::new()
        } else {
            format!(" {} ", right.join(" · "))
        }
    }

    /// Where the cursor goes while a prompt is typed: its column in the bar.
    pub fn cursor(&self, width: u16) -> Option<u16> {
        let Left::Prompt {
            sigil,
            value,
            cursor,
            ..
        } = &self.left
        else {
            return None;
        };
        let width = usize::from(width);
        let left = width.saturating_sub(self.right_width(width));
        let (start, end) = self.prompt_window(sigil, value, *cursor, left);
        let measure = self.theme.measure;
        let x = layout::display_width(sigil, measure)
            + layout::display_width(&value[start..end], measure);
        u16::try_from(x.min(left.saturating_sub(1))).ok()
    }

    fn right_width(&self, width: usize) -> usize {
        layout::display_width(&self.right_part(width), self.theme.measure)
    }

    /// The byte range of `value` from the first character shown to the cursor: scrolled so
    /// that the cursor stays in view in `room` columns.
    fn prompt_window(
        &self,
        sigil: &str,
        value: &str,
        cursor: usize,
        room: usize,
    ) -> (usize, usize) {
        let measure = self.theme.measure;
        let end = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(at, _)| at);
        // The sigil and the cursor's own cell.
        let room = room.saturating_sub(layout::display_width(sigil, measure) + 1);
        let mut start = 0;
        while start < end && layout::display_width(&value[start..end], measure) > room {
            start += value[start..].chars().next().map_or(1, char::len_utf8);
        }
        (start, end)
    }
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(area.width);
        let right_text = self.right_part(width);
        let right: Vec<Drawn> = theme.cells(&right_text, theme.dim()).collect();
        let right_width = row_width(&right);
        let left_width = width.saturating_sub(right_width);
        let right_x = area
            .x
            .saturating_add(u16::try_from(left_width).unwrap_or(u16::MAX));
        draw_row(buffer, right_x, area.y, area.right(), &right);
        let short;
        let left: Vec<Drawn> = match &self.left {
            Left::Prompt {
                sigil,
                value,
                cursor,
                after,
                error,
            } => {
                let (start, _) = self.prompt_window(sigil, value, *cursor, left_width);
                let mut cells: Vec<Drawn> = theme.cells(sigil, Style::new()).collect();
                cells.extend(theme.cells(&value[start..], Style::new()));
                let style = if *error { theme.current() } else { theme.dim() };
                cells.extend(theme.cells(after, style));
                cells
            }
            Left::Message(message) => theme.cut(message, left_width, theme.focus(true)),
            Left::Notice(notice) => theme.cut(notice, left_width, theme.focus(true)),
            Left::Quiet(text) => {
                short = short_name(text, left_width, theme);
                theme.cut(&short, left_width, theme.dim())
            }
        };
        draw_row(buffer, area.x, area.y, right_x, &left);
    }
}

/// A file name that fits `width` columns: whole if it fits, else without its directory.
fn short_name(name: &str, width: usize, theme: &Theme) -> String {
    if layout::display_width(name, theme.measure) <= width {
        return name.to_owned();
    }
    match name.rsplit_once('/') {
        Some((_, file)) if !file.is_empty() => format!("…/{file}"),
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::reader::app::{Msg, Options};

    fn bar_text(app: &App, width: u16) -> String {
        let theme = Theme::default();
        let bar = StatusBar::new(app, &theme);
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
        bar.render(buffer.area, &mut buffer);
        let mut text = String::new();
        let mut skip = 0;
        for cell in buffer.content() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            text.push_str(cell.symbol());
        }
        text
    }

    fn app(names: &[&str]) -> App {
        let transcript = Arc::new(crate::parse::text::parse(
            "甲: 你好\n乙: 好\n甲: 再见\n".to_owned(),
        ));
        let options = Options {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            ..Options::default()
        };
        App::with_transcript(transcript, options, 60, 10)
    }

    #[test]
    fn position_name_and_help() {
        let app = app(&["talk.txt"]);
        assert_eq!(
            bar_text(&app, 50),
            "talk.txt                   turn 1/3 · 0% · ? help "
        );
    }

    #[test]
    fn a_long_file_name_loses_its_directory_first() {
        let app = app(&["/a/very/long/directory/name/that/goes/on/talk.txt"]);
        let text = bar_text(&app, 40);
        assert!(text.starts_with("…/talk.txt "), "{text}");
    }

    #[test]
    fn a_message_keeps_its_room() {
        let mut app = app(&["t"]);
        app.update(Msg::Action(Action::JumpToSpeaker(8)));
        let text = bar_text(&app, 30);
        assert!(text.starts_with("there is no speaker 9"), "{text}");
    }

    #[test]
    fn a_chinese_query_stays_visible_while_typed() {
        let mut app = app(&["t"]);
        app.update(Msg::Action(Action::StartSearch));
        for c in "消防工作很重要的事情".chars() {
            app.update(Msg::Action(Action::Edit(
                tui_input::InputRequest::InsertChar(c),
            )));
        }
        let text = bar_text(&app, 20);
        assert!(text.contains("的事情"), "{text:?}");
        let theme = Theme::default();
        let cursor = StatusBar::new(&app, &theme).cursor(20);
        assert!(cursor.is_some_and(|x| x < 20), "{cursor:?}");
    }
}
