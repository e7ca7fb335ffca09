//! The interactive reader (SPEC §5), in The Elm Architecture: a pure core under a thin
//! terminal shell.
//!
//! - The core knows no terminal: [`keymap`] turns keys and mouse events into
//!   [`action::Action`]s, [`app::App::update`] takes a [`app::Msg`] (an action, a file loaded,
//!   a tick) and returns an [`app::Effect`]; [`geometry`] places the screen's parts, [`view`] is
//!   the virtualized conversation, [`search`] the search bar's state over the background engine.
//! - [`ui`] draws the state with small widgets and changes nothing.
//! - The shell, here: [`run`] takes over the terminal ([`terminal`]), asks it about itself
//!   ([`query`]), feeds the core messages from the keyboard, the loaders ([`files`]) and
//!   signals over one channel ([`incoming`]), and carries out the effects it returns.

pub mod action;
pub mod app;
pub mod files;
pub mod geometry;
pub mod incoming;
pub mod keymap;
pub mod query;
pub mod search;
pub mod terminal;
pub mod ui;
pub mod view;

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

pub use self::app::{App, Effect, Loaded, Msg, Options, Progress};
pub use self::files::Files;
pub use self::incoming::{Incoming, channel};
use self::terminal::Screen;

/// How often the screen refreshes while a search is counting.
const REFRESH: Duration = Duration::from_millis(16);

/// Opens the reader on file `first` of `files`, already `opened` (its first delivery: the whole
/// file, a large file's head, or what standard input has sent so far), and returns when the
/// user quits. The terminal is restored on quit, on error, on panic and on the signals that
/// end a program; `Ctrl-z` and SIGTSTP suspend it.
pub fn run(
    files: Files,
    options: Options,
    questions: query::Questions,
    first: usize,
    opened: Loaded,
    sender: Sender<Incoming>,
    incoming: Receiver<Incoming>,
) -> anyhow::Result<()> {
    let mut screen = Screen::enter()?;
    let answers = screen
        .tty()
        .map(|tty| query::ask(tty, questions))
        .unwrap_or_default();
    let options = answers.apply(options);
    screen.clear()?;
    terminal::forward_signals(sender.clone())?;
    terminal::forward_input(sender)?;
    let (width, height) = screen.size()?;
    let mut app = App::new(options, width, height);
    let mut effect = app.update(Msg::Loaded {
        file: first,
        result: Ok(opened),
    });
    loop {
        match std::mem::replace(&mut effect, Effect::None) {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            Effect::Open(file) => {
                let result = files.open(file).map_err(|error| format!("{error:#}"));
                effect = app.update(Msg::Loaded { file, result });
                continue;
            }
            Effect::Copy(text) => screen.copy(&text)?,
            Effect::Suspend => {
                screen.suspend()?;
                let (width, height) = screen.size()?;
                app.update(Msg::Action(action::Action::Resize(width, height)));
            }
        }
        screen.draw(&app)?;
        let wait = if app.is_busy() {
            REFRESH
        } else {
            Duration::from_secs(3600)
        };
        let first = match incoming.recv_timeout(wait) {
            Ok(first) => Some(first),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the terminal went away"),
        };
        effect = Effect::None;
        // Everything already queued is handled before drawing again, so that a held key or
        // a fast wheel never queues up frames.
        for message in first
            .into_iter()
            .chain(std::iter::from_fn(|| incoming.try_recv().ok()))
        {
            let now = match message {
                Incoming::Terminal(event) => {
                    match keymap::event_action(app.scope(), app.geometry(), &event) {
                        Some(action) => app.update(Msg::Action(action)),
                        None => Effect::None,
                    }
                }
                Incoming::App(msg) => app.update(msg),
                Incoming::Signal(signal) => {
                    let effect = screen.signal(signal)?;
                    let (width, height) = screen.size()?;
                    app.update(Msg::Action(action::Action::Resize(width, height)));
                    effect
                }
                Incoming::InputFailed(why) => anyhow::bail!("reading the terminal: {why}"),
            };
            if now != Effect::None {
                effect = now;
                break;
            }
        }
        app.update(Msg::Tick);
    }
}
