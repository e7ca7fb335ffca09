//! Drawing: [`render`] reads the state and changes nothing. Each part of the screen is a
//! small widget that borrows what it draws ([`SpeakerList`], [`Conversation`], [`Timeline`],
//! [`StatusBar`], [`Help`]), placed where the state's [`Geometry`] says.
//!
//! [`Geometry`]: super::geometry::Geometry

mod card;
mod conversation;
mod help;
mod speakers;
mod status;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::Position;

pub use self::card::CardView;
pub use self::conversation::Conversation;
pub use self::help::Help;
pub use self::speakers::SpeakerList;
pub use self::status::StatusBar;
pub use self::theme::Theme;
use self::theme::rect;
pub use self::timeline::Timeline;
use super::app::{App, Focus, Mode};
use crate::conversation::Highlights;

/// The theme the app's options ask for.
pub fn theme(app: &App) -> Theme {
    Theme {
        color: app.options.color,
        plain: app.options.measure.ambiguous_wide,
        palette: app.options.palette,
        measure: app.options.measure,
    }
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let geometry = app.geometry();
    let theme = theme(app);
    let searching = app.search.has_query();
    let results = searching.then(|| app.search.results());
    if let Some(list) = geometry.list {
        let widget = SpeakerList {
            speakers: &app.transcript.speakers,
            stats: &app.stats,
            shown: &app.shown,
            hits: results.map(|r| r.hits_per_speaker()),
            selected: app.selected,
            offset: app.list_offset(),
            focused: app.focus == Focus::SpeakerList,
            theme: &theme,
        };
        frame.render_widget(widget, rect(list));
    }
    let matches: Vec<std::ops::Range<usize>> = results
        .map(|r| {
            r.in_range(app.screen.span.clone())
                .map(|m| m.range())
                .collect()
        })
        .unwrap_or_default();
    let current = app.search.current_range();
    let title = app
        .transcript
        .title
        .clone()
        .unwrap_or_else(|| app.name_of(app.file));
    let conversation = Conversation {
        transcript: &app.transcript,
        rows: &app.screen.rows,
        highlights: Highlights {
            matches: &matches,
            current: current.as_ref(),
        },
        marked: app.memory.highlights(),
        selected: app
            .selection
            .map(|s| (s.anchor.min(s.cursor), s.anchor.max(s.cursor))),
        title: &title,
        text: geometry.text,
        bordered: geometry.bordered,
        focused: app.focus == Focus::Conversation,
        theme: &theme,
    };
    frame.render_widget(conversation, rect(geometry.pane));
    if let Some(strip) = geometry.timeline {
        let widget = Timeline {
            transcript: &app.transcript,
            shown: &app.shown,
            on_screen: app.screen.span.clone(),
            results,
            marked: app.memory.highlights(),
            theme: &theme,
        };
        frame.render_widget(widget, rect(strip));
    }
    if let Some(status) = geometry.status {
        let bar = StatusBar::new(app, &theme);
        if let Some(x) = bar.cursor(status.width) {
            frame.set_cursor_position(Position::new(status.x.saturating_add(x), status.y));
        }
        frame.render_widget(bar, rect(status));
    }
    if app.mode == Mode::Help {
        let help = Help {
            scroll: app.help_scroll,
            theme: &theme,
        };
        frame.render_widget(help, frame.area());
    }
    if let Some(card) = app.card.as_ref().filter(|_| app.mode == Mode::Card) {
        let widget = CardView {
            card,
            theme: &theme,
        };
        frame.render_widget(widget, frame.area());
    }
}
