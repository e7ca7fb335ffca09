//! What reaches the event loop, from the threads that read the terminal, load files and
//! catch signals: one channel, so the loop wakes for whichever comes first.

use std::sync::mpsc::{self, Receiver, Sender};

use crossterm::event::Event;

use super::app::Msg;

/// What reaches the event loop, from whichever thread.
#[derive(Debug)]
pub enum Incoming {
    /// A terminal event (a key, the mouse, a resize).
    Terminal(Event),
    /// A message for the core (a file loaded or more of it arrived).
    App(Msg),
    /// A signal: to end, to stop, or to continue.
    Signal(i32),
    /// The terminal could not be read any more.
    InputFailed(String),
}

/// A channel for the event loop's messages.
pub fn channel() -> (Sender<Incoming>, Receiver<Incoming>) {
    mpsc::channel()
}
