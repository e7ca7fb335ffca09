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

use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

pub use self::app::{App, Effect, Loaded, Msg, Options, Progress};
pub use self::files::Files;
pub use self::incoming::{Incoming, channel};
use self::terminal::Screen;
use crate::state::{self, Keeper, Memory, Reply, Request};

/// How often the screen refreshes while a search is counting.
const REFRESH: Duration = Duration::from_millis(16);
/// How long the first screen waits for the reading state's answer about the file, so that it
/// opens where it was left under the names it was given, rather than flashing its top first.
/// The store is opened on its own thread from the start, while the file is read and the
/// terminal asked about itself, so the answer is usually there; a store that is slower
/// (a new file being made, a lock, a slow disk) answers later and the view moves then. SPEC
/// §6 allows the store 5 ms of the first screen's time.
const FIRST_RECALL: Duration = Duration::from_millis(5);
/// How long quitting waits for the reading state to commit what it was sent.
const LAST_WRITES: Duration = Duration::from_secs(2);
/// How long an edit or a mark waits to be committed before the screen says it is made, so
/// that what the screen shows done survives a `kill -9` (a commit takes microseconds; only a
/// store still being made, or locked by another fangtan, takes longer).
const COMMIT: Duration = Duration::from_millis(500);

/// Opens the reader on file `first` of `files`, already `opened` (its first delivery: the whole
/// file, a large file's head, or what standard input has sent so far), and returns when the
/// user quits. `keeper` keeps the reading state (`None`: `--no-state`); its answers arrive on
/// `channel` with everything else. The terminal is restored on quit, on error, on panic and
/// on the signals that end a program; `Ctrl-z` and SIGTSTP suspend it.
pub fn run(
    files: Files,
    options: Options,
    questions: query::Questions,
    (first, opened): (usize, Loaded),
    channel: (Sender<Incoming>, Receiver<Incoming>),
    mut keeper: Option<Keeper>,
) -> anyhow::Result<()> {
    let (sender, incoming) = channel;
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
    let mut first_frame = true;
    // A message taken while waiting for the first answer, for the loop to handle.
    let mut early = None;
    loop {
        let waiting = std::mem::replace(&mut effect, Effect::None);
        if carry_out(waiting, &mut app, &mut screen, &files, keeper.as_ref())?.is_break() {
            if let Some(keeper) = keeper.as_mut() {
                keeper.finish(LAST_WRITES);
            }
            return Ok(());
        }
        if std::mem::take(&mut first_frame) && app.memory_is_waiting() {
            (effect, early) = first_answer(&mut app, &incoming);
            continue;
        }
        screen.draw(&app)?;
        let wait = if app.is_busy() {
            REFRESH
        } else {
            Duration::from_secs(3600)
        };
        let first = match early
            .take()
            .map(Ok)
            .unwrap_or_else(|| incoming.recv_timeout(wait))
        {
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
                    if terminal::ends(signal) {
                        // What was done is kept before the signal ends the program.
                        if let Some(keeper) = keeper.as_mut() {
                            keeper.finish(LAST_WRITES);
                        }
                    }
                    let effect = screen.signal(signal)?;
                    let (width, height) = screen.size()?;
                    app.update(Msg::Action(action::Action::Resize(width, height)));
                    effect
                }
                Incoming::InputFailed(why) => anyhow::bail!("reading the terminal: {why}"),
            };
            // Saves go to the keeper at once; anything else waits for the loop's top.
            let now = match now {
                Effect::Save(changes) => {
                    save(keeper.as_ref(), changes);
                    Effect::None
                }
                other => other,
            };
            if now != Effect::None {
                effect = now;
                break;
            }
        }
        app.update(Msg::Tick);
    }
}

/// Waits a moment for the reading state's first answers (the store opened, the first file
/// recalled) before the first screen is drawn. Returns what handling them asks, and a message
/// of another kind that came first (a key), for the loop.
fn first_answer(app: &mut App, incoming: &Receiver<Incoming>) -> (Effect, Option<Incoming>) {
    let deadline = Instant::now() + FIRST_RECALL;
    let mut effect = Effect::None;
    while app.memory_is_waiting() {
        let left = deadline.saturating_duration_since(Instant::now());
        match incoming.recv_timeout(left) {
            Ok(Incoming::App(msg)) => effect = effect.then(app.update(msg)),
            Ok(other) => return (effect, Some(other)),
            Err(_) => break,
        }
    }
    (effect, None)
}

/// Hands changes to the keeper (nobody keeps them with `--no-state`); an edit or a mark is
/// committed before the screen says it is made. Positions and searches are not waited for.
fn save(keeper: Option<&Keeper>, changes: Vec<state::Change>) {
    let Some(keeper) = keeper else {
        return;
    };
    let durable = changes.iter().any(|change| {
        !matches!(
            change,
            state::Change::Position { .. } | state::Change::Search { .. }
        )
    });
    for change in changes {
        keeper.send(Request::Write(change));
    }
    if durable {
        keeper.sync(COMMIT);
    }
}

/// Carries out an effect; `Break` to quit.
fn carry_out(
    effect: Effect,
    app: &mut App,
    screen: &mut Screen,
    files: &Files,
    keeper: Option<&Keeper>,
) -> anyhow::Result<ControlFlow<()>> {
    match effect {
        Effect::None => {}
        Effect::Quit => return Ok(ControlFlow::Break(())),
        Effect::Open(file) => {
            let result = files.open(file).map_err(|error| format!("{error:#}"));
            let next = app.update(Msg::Loaded { file, result });
            return carry_out(next, app, screen, files, keeper);
        }
        Effect::Copy(text) => screen.copy(&text)?,
        Effect::Suspend => {
            screen.suspend()?;
            let (width, height) = screen.size()?;
            app.update(Msg::Action(action::Action::Resize(width, height)));
        }
        Effect::Recall(key) => {
            let fingerprint = key.fingerprint;
            let sent = keeper.is_some_and(|keeper| keeper.send(Request::Recall(key)));
            if !sent {
                // Nobody to ask: nothing is remembered.
                let reply = Reply::Recalled {
                    fingerprint,
                    memory: Memory::default(),
                };
                let next = app.update(Msg::State(reply));
                return carry_out(next, app, screen, files, keeper);
            }
        }
        Effect::Save(changes) => save(keeper, changes),
        Effect::Many(effects) => {
            for effect in effects {
                if carry_out(effect, app, screen, files, keeper)?.is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
    }
    Ok(ControlFlow::Continue(()))
}
