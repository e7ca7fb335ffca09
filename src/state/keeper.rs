//! The store on a thread of its own. The reader never waits for it: opening the file (and
//! recovering from a damaged one) happens while the first screen is drawn, recalls come back
//! as messages, and writes are sent and forgotten. Writes that queue up while one is being
//! committed are committed together, a burst of positions as the last of them.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::store::Store;
use super::{Change, Fingerprint, Key, Memory};

/// What the keeper is asked.
#[derive(Debug, Clone)]
pub enum Request {
    /// What is remembered of this transcript? (Answered with [`Reply::Recalled`].)
    Recall(Key),
    /// Keep this change.
    Write(Change),
    /// Say so on this channel once everything sent before is committed (or failed).
    Sync(Sender<()>),
}

/// What the keeper answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The store is open, or there is none.
    Opened {
        /// The search history, oldest first.
        history: Vec<String>,
        /// What the status bar should say about the store.
        warning: Option<String>,
        /// Whether changes are kept (not when there is no store, or one only to read).
        keeping: bool,
        /// How long opening it took.
        took: Duration,
    },
    /// What is remembered of a transcript (nothing, when there is no store).
    Recalled {
        /// Which transcript.
        fingerprint: Fingerprint,
        /// What is remembered.
        memory: Memory,
    },
    /// A change could not be kept (said once; later failures are not repeated).
    Failed(String),
}

/// The handle to the keeper's thread.
#[derive(Debug)]
pub struct Keeper {
    requests: Option<Sender<Request>>,
    /// Disconnected when the thread ends.
    done: Receiver<()>,
}

impl Keeper {
    /// Starts the keeper of the store at `path`; its answers go to `reply`.
    pub fn start(path: PathBuf, reply: impl Fn(Reply) + Send + 'static) -> Self {
        let (requests, incoming) = mpsc::channel();
        let (finished, done) = mpsc::channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("state".into())
            .spawn(move || {
                let _finished = finished;
                keep(&path, &incoming, &reply);
            });
        Self {
            // Without a thread (the system refused one) nothing is remembered, and the reader
            // reads on as with --no-state.
            requests: spawned.is_ok().then_some(requests),
            done,
        }
    }

    /// Asks the keeper something; nothing waits for the answer. False when there is no
    /// keeper to ask (its thread could not be started, or ended).
    pub fn send(&self, request: Request) -> bool {
        self.requests
            .as_ref()
            .is_some_and(|requests| requests.send(request).is_ok())
    }

    /// Waits until what was sent before is committed, at most `patience` (a store locked by
    /// another program must not hold the reader up for long).
    pub fn sync(&self, patience: Duration) {
        let (done, committed) = mpsc::channel();
        if self.send(Request::Sync(done)) {
            let _ = committed.recv_timeout(patience);
        }
    }

    /// Lets the keeper commit what it was sent, waiting at most `patience` (a store locked by
    /// another program must not keep the reader from quitting).
    pub fn finish(&mut self, patience: Duration) {
        self.requests = None;
        let deadline = Instant::now() + patience;
        while let Err(RecvTimeoutError::Timeout) = self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if Instant::now() >= deadline {
                break;
            }
        }
    }
}

/// The keeper's thread: opens the store, then answers requests until the reader is done.
fn keep(path: &std::path::Path, incoming: &Receiver<Request>, reply: &dyn Fn(Reply)) {
    let started = Instant::now();
    let opened = Store::open(path);
    let mut store = opened.store;
    let history = store
        .as_ref()
        .and_then(|store| store.history().ok())
        .unwrap_or_default();
    reply(Reply::Opened {
        history,
        warning: opened.warning,
        keeping: store.as_ref().is_some_and(|store| !store.is_read_only()),
        took: started.elapsed(),
    });
    let mut failed = false;
    while let Ok(first) = incoming.recv() {
        let mut writes = Vec::new();
        for request in std::iter::once(first).chain(incoming.try_iter()) {
            match request {
                Request::Write(change) => writes.push(change),
                Request::Sync(done) => {
                    commit(store.as_mut(), &mut writes, &mut failed, reply);
                    // Whoever asked may have stopped waiting.
                    let _ = done.send(());
                }
                Request::Recall(key) => {
                    // Writes sent before the recall are part of what it recalls.
                    commit(store.as_mut(), &mut writes, &mut failed, reply);
                    let memory = match store.as_mut().map(|store| store.recall(&key)) {
                        Some(Ok(memory)) => memory,
                        Some(Err(error)) => {
                            reply(Reply::Failed(format!(
                                "the state could not be read: {error}"
                            )));
                            Memory::default()
                        }
                        None => Memory::default(),
                    };
                    reply(Reply::Recalled {
                        fingerprint: key.fingerprint,
                        memory,
                    });
                }
            }
        }
        commit(store.as_mut(), &mut writes, &mut failed, reply);
    }
}

/// Commits the writes gathered, in one transaction; of several positions of one transcript,
/// only the last (the others were already left).
fn commit(
    store: Option<&mut Store>,
    writes: &mut Vec<Change>,
    failed: &mut bool,
    reply: &dyn Fn(Reply),
) {
    let Some(store) = store else {
        writes.clear();
        return;
    };
    let changes = std::mem::take(writes);
    let superseded = |index: usize, change: &Change| match change {
        Change::Position { fingerprint, .. } => changes[index + 1..].iter().any(
            |later| matches!(later, Change::Position { fingerprint: f, .. } if f == fingerprint),
        ),
        _ => false,
    };
    let kept: Vec<Change> = changes
        .iter()
        .enumerate()
        .filter(|(index, change)| !superseded(*index, change))
        .map(|(_, change)| change.clone())
        .collect();
    if let Err(error) = store.write(&kept)
        && !std::mem::replace(failed, true)
    {
        reply(Reply::Failed(format!(
            "a change could not be remembered: {error}"
        )));
    }
}
