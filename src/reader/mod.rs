//! The interactive reader (SPEC §5), in The Elm Architecture: [`keymap`] turns keys into
//! [`action::Action`]s, [`app::App::update`] carries them out, [`ui::render`] draws the state.
//!
//! - [`view`]: the virtualized conversation, anchored at (block, row), wrapping only what is on
//!   screen.
//! - [`search`]: the search bar's state over the background search engine.

pub mod action;
pub mod app;
pub mod keymap;
pub mod search;
pub mod ui;
pub mod view;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use self::action::Action;
pub use self::app::{App, Options};
use crate::model::Transcript;

/// How often the screen refreshes while a search is still counting.
const SEARCH_REFRESH: Duration = Duration::from_millis(16);

/// Opens the reader on a transcript and returns when the user quits. The terminal is restored
/// on quit, on error and on panic.
pub fn run(transcript: Transcript, options: Options) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    // ratatui's panic hook restores the screen; mouse capture is ours to undo.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore_screen(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture)
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, Arc::new(transcript), options));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    transcript: Arc<Transcript>,
    options: Options,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(
        transcript,
        options,
        Rect::new(0, 0, size.width, size.height),
    );
    while !app.should_quit() {
        terminal.draw(|frame| ui::render(&app, frame))?;
        let wait = if app.is_busy() {
            SEARCH_REFRESH
        } else {
            Duration::from_secs(3600)
        };
        if event::poll(wait)? {
            // Handle everything already queued before drawing again, so that a held key or a
            // fast wheel never queues up frames.
            loop {
                if let Some(action) = action_for(&app, event::read()?) {
                    app.update(action);
                }
                if app.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.update(Action::Tick);
    }
    Ok(())
}

/// The action for a terminal event in the app's current state.
fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(app.scope(), key)
        }
        Event::Mouse(mouse) => {
            let list = ui::areas(app.size(), app).list.map(|list| {
                let inner = ratatui::widgets::Block::bordered().inner(list);
                (inner.x, inner.right(), inner.y)
            });
            keymap::mouse_action(mouse, list)
        }
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}
