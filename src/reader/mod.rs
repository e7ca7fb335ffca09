//! The interactive reader (SPEC §5), in The Elm Architecture: [`keymap`] turns keys into
//! [`action::Action`]s, [`app::App::update`] carries them out, [`ui::render`] draws the state.
//!
//! - [`view`]: the virtualized conversation, anchored at (block, row), wrapping only what is on
//!   screen.
//! - [`search`]: the search bar's state over the background search engine.

pub mod action;
pub mod app;
pub mod files;
pub mod keymap;
pub mod search;
pub mod ui;
pub mod view;

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use self::action::Action;
pub use self::app::{App, Options};
pub use self::files::{Files, Opened};
use crate::model::{SpeakerStats, Transcript};
use crate::parse;

/// How often the screen refreshes while a search is counting or the file is still loading.
const REFRESH: Duration = Duration::from_millis(16);

/// A whole transcript with what the reader needs to know of it up front, prepared off the UI
/// thread (counting every character of 100 MB is not for the UI thread).
#[derive(Debug)]
pub struct Loaded {
    /// The transcript.
    pub transcript: Arc<Transcript>,
    /// Its per-speaker statistics.
    pub stats: Vec<SpeakerStats>,
    /// A warning about how it was decoded.
    pub warning: Option<String>,
}

impl Loaded {
    /// Prepares a loaded transcript for the reader.
    pub fn new(loaded: parse::Loaded) -> Self {
        let stats = loaded.transcript.speaker_stats();
        Self {
            transcript: Arc::new(loaded.transcript),
            stats,
            warning: loaded.warning,
        }
    }

    /// Prepares a transcript that needs no warning.
    pub fn from_transcript(transcript: Transcript) -> Self {
        let stats = transcript.speaker_stats();
        Self {
            transcript: Arc::new(transcript),
            stats,
            warning: None,
        }
    }
}

/// What the background loader delivers: the whole transcript, or why it could not be read.
pub type Pending = Receiver<anyhow::Result<Loaded>>;

/// Opens the reader on the first of `files`, already `opened`, and returns when the user
/// quits. When the opened transcript is a preview of a large file's head, the whole file
/// arrives later; keys pressed before then wait for it. `:n` and `:p` open the other files.
/// The terminal is restored on quit, on error and on panic.
pub fn run(files: &Files, opened: Opened, options: Options) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    // ratatui's panic hook restores the screen; mouse capture is ours to undo.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore_screen(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture)
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, files, opened, options));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    files: &Files,
    opened: Opened,
    mut options: Options,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let size = Rect::new(0, 0, size.width, size.height);
    let mut pending = opened.pending;
    let first = Loaded {
        warning: opened.warning,
        ..Loaded::from_transcript(opened.transcript)
    };
    let mut app = App::with_loaded(first, options.clone(), size, pending.is_some());
    while !app.should_quit() {
        terminal.draw(|frame| ui::render(&app, frame))?;
        if let Some(receiver) = &pending {
            match receiver.try_recv() {
                Ok(loaded) => {
                    app = App::with_loaded(loaded?, options.clone(), app.size(), false);
                    pending = None;
                    continue;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => return Err(loader_gone()),
            }
        }
        let wait = if app.is_busy() || pending.is_some() {
            REFRESH
        } else {
            Duration::from_secs(3600)
        };
        if event::poll(wait)? {
            // Handle everything already queued before drawing again, so that a held key or a
            // fast wheel never queues up frames.
            loop {
                let event = event::read()?;
                if let Some(receiver) =
                    pending.take_if(|_| matches!(event, Event::Key(_) | Event::Mouse(_)))
                {
                    // The preview is only for looking: a key acts on the whole transcript.
                    let loaded = receiver.recv().map_err(|_| loader_gone())??;
                    app = App::with_loaded(loaded, options.clone(), app.size(), false);
                }
                if let Some(action) = action_for(&app, event) {
                    app.update(action);
                }
                if let Some(index) = app.file_request() {
                    // Another file: a new reader state, as if it had been opened first.
                    match files.open(index) {
                        Ok(opened) => {
                            options.name = files.name(index);
                            options.file = (index, files.len());
                            options.search = None;
                            pending = opened.pending;
                            let loaded = Loaded {
                                warning: opened.warning,
                                ..Loaded::from_transcript(opened.transcript)
                            };
                            app = App::with_loaded(
                                loaded,
                                options.clone(),
                                app.size(),
                                pending.is_some(),
                            );
                        }
                        Err(error) => app.update(Action::Notice(format!("{error:#}"))),
                    }
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

/// The loader thread ended without a word: only a panic there does that.
fn loader_gone() -> anyhow::Error {
    anyhow::anyhow!("loading stopped unexpectedly")
}

/// The action for a terminal event in the app's current state.
fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(app.scope(), key)
        }
        Event::Mouse(mouse) => {
            let areas = ui::areas(app.size(), app);
            let targets = keymap::ClickTargets {
                speakers: areas
                    .list
                    .map(|list| ratatui::widgets::Block::bordered().inner(list)),
                timeline: areas.timeline,
            };
            keymap::mouse_action(mouse, targets)
        }
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}
