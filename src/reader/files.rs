//! The files the reader was given, and opening one of them: a small file at once, a large one
//! from a preview of its head while the whole file loads on another thread, standard input as
//! it arrives. Whatever comes later is sent to the event loop as [`Msg::Loaded`].

use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::app::{Loaded, Msg, Progress};
use super::incoming::Incoming;
use crate::input::{self, Input};
use crate::parse::{self, ReadOptions};

/// How much of standard input shows whether it is text at all.
const HEAD_BYTES: usize = 64 << 10;
/// The least time between two parses of a growing standard input.
const REPARSE_EVERY: Duration = Duration::from_millis(50);
/// Past this much standard input, what arrives is parsed only at its end: parsing it again
/// and again would cost more than showing it early is worth.
const REPARSE_UP_TO: usize = 64 << 20;

/// The reader's files and how to read them.
#[derive(Debug, Clone)]
pub struct Files {
    inputs: Vec<Input>,
    read: ReadOptions,
    sender: Sender<Incoming>,
    /// Standard input as last delivered: it cannot be read again when `:p` comes back to it.
    stdin: Arc<Mutex<Option<Loaded>>>,
}

impl Files {
    /// The files to read (the sample when there are none), read as `--format`, `--encoding`
    /// and `--labels` say; what loads in the background is sent on `sender`.
    pub fn new(inputs: Vec<Input>, read: ReadOptions, sender: Sender<Incoming>) -> Self {
        let inputs = if inputs.is_empty() {
            vec![Input::Sample]
        } else {
            inputs
        };
        Self {
            inputs,
            read,
            sender,
            stdin: Arc::new(Mutex::new(None)),
        }
    }

    /// Every file's name, in order.
    pub fn names(&self) -> Vec<String> {
        self.inputs.iter().map(Input::name).collect()
    }

    /// Opens file `index`: returns what can be shown now; more follows as [`Msg::Loaded`].
    pub fn open(&self, index: usize) -> anyhow::Result<Loaded> {
        let input = self
            .inputs
            .get(index)
            .cloned()
            .with_context(|| format!("there is no file {}", index + 1))?;
        if input == Input::Stdin {
            return Ok(self.open_stdin(index));
        }
        if let Some(preview) = input::preview(&input, &self.read) {
            let sender = self.sender.clone();
            let read = self.read.clone();
            std::thread::spawn(move || {
                let result = input::load_keyed(&input, &read)
                    .with_context(|| input.name())
                    .map(|(loaded, key)| Loaded::new(loaded, Progress::Complete).with_key(key))
                    .map_err(|error| format!("{error:#}"));
                // The reader may have quit; then nobody needs the transcript.
                let _ = sender.send(Incoming::App(Msg::Loaded {
                    file: index,
                    result,
                }));
            });
            return Ok(Loaded::from_transcript(preview, Progress::Head));
        }
        let (loaded, key) = input::load_keyed(&input, &self.read).with_context(|| input.name())?;
        Ok(Loaded::new(loaded, Progress::Complete).with_key(key))
    }

    /// Standard input: what has arrived, and a reader for the rest the first time.
    fn open_stdin(&self, index: usize) -> Loaded {
        let mut kept = self.stdin.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(loaded) = kept.as_ref() {
            return loaded.clone();
        }
        let waiting = Loaded::waiting();
        *kept = Some(waiting.clone());
        let (chunks, arriving) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("stdin".into())
            .spawn(move || read_chunks(&mut io::stdin().lock(), &chunks));
        let stream = Stream {
            file: index,
            read: self.read.clone(),
            sender: self.sender.clone(),
            kept: Arc::clone(&self.stdin),
        };
        if spawned.is_ok() {
            let _ = std::thread::Builder::new()
                .name("stdin-parse".into())
                .spawn(move || stream.parse_as_it_arrives(&arriving));
        }
        waiting
    }
}

/// A chunk of standard input, or its end (or why it could not be read).
type Chunk = Result<Option<Vec<u8>>, String>;

/// Reads `source` in chunks as they come, sending each; an empty `Ok(None)` ends.
fn read_chunks(source: &mut impl Read, chunks: &Sender<Chunk>) {
    let mut buffer = vec![0; 64 << 10];
    loop {
        let chunk = match source.read(&mut buffer) {
            Ok(0) => Ok(None),
            Ok(n) => Ok(Some(buffer[..n].to_vec())),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => Err(error.to_string()),
        };
        let last = !matches!(chunk, Ok(Some(_)));
        if chunks.send(chunk).is_err() || last {
            return;
        }
    }
}

/// Standard input being parsed as it arrives.
struct Stream {
    file: usize,
    read: ReadOptions,
    sender: Sender<Incoming>,
    kept: Arc<Mutex<Option<Loaded>>>,
}

impl Stream {
    /// Parses what has arrived, again as more arrives but at most once per
    /// [`REPARSE_EVERY`] (or four times the last parse took), and all of it at the end.
    fn parse_as_it_arrives(&self, arriving: &Receiver<Chunk>) {
        let mut bytes = Vec::new();
        let mut every = REPARSE_EVERY;
        let mut checked = false;
        loop {
            // Wait for something, then take in all that comes for a moment.
            let mut ended = match arriving.recv() {
                Ok(Ok(Some(chunk))) => {
                    bytes.extend_from_slice(&chunk);
                    false
                }
                Ok(Ok(None)) | Err(_) => true,
                Ok(Err(why)) => return self.deliver(Err(format!("standard input: {why}"))),
            };
            let until = Instant::now() + every;
            while !ended {
                match arriving.recv_timeout(until.saturating_duration_since(Instant::now())) {
                    Ok(Ok(Some(chunk))) => bytes.extend_from_slice(&chunk),
                    Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) => ended = true,
                    Ok(Err(why)) => return self.deliver(Err(format!("standard input: {why}"))),
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            if bytes.len() > parse::MAX_BYTES {
                return self.deliver(Err(
                    "standard input: too large (fangtan reads up to 4 GiB)".into()
                ));
            }
            // Binary input shows itself in its first block: stop there, not at 4 GiB.
            if !checked && (ended || bytes.len() >= HEAD_BYTES) {
                checked = true;
                let head = &bytes[..bytes.len().min(HEAD_BYTES)];
                if let Err(error) = parse::encoding::check_head(head) {
                    return self.deliver(Err(format!("standard input: {error}")));
                }
            }
            if ended {
                let key = crate::state::Key::of(&bytes, None);
                let result = parse::load_with(bytes, &self.read, None)
                    .map(|loaded| Loaded::new(loaded, Progress::Complete).with_key(key))
                    .map_err(|error| format!("standard input: {error}"));
                return self.deliver(result);
            }
            if bytes.len() <= REPARSE_UP_TO {
                let started = Instant::now();
                if let Some(loaded) = self.parse_head(&bytes) {
                    self.deliver(Ok(loaded));
                }
                every = REPARSE_EVERY.max(started.elapsed() * 4);
            }
        }
    }

    /// What has arrived, up to its last whole line, as a transcript; `None` when that cannot
    /// be read yet (the rest of a multi-byte character, a JSON document not yet closed).
    fn parse_head(&self, bytes: &[u8]) -> Option<Loaded> {
        let end = memchr::memrchr(b'\n', bytes)? + 1;
        let head = bytes[..end].to_vec();
        let loaded = parse::load_with(head, &self.read, None).ok()?;
        Some(Loaded::new(
            loaded,
            Progress::Arriving { bytes: bytes.len() },
        ))
    }

    fn deliver(&self, result: Result<Loaded, String>) {
        if let Ok(loaded) = &result {
            let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            *kept = Some(loaded.clone());
        }
        let _ = self.sender.send(Incoming::App(Msg::Loaded {
            file: self.file,
            result,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_with_none() {
        let (sender, receiver) = mpsc::channel();
        read_chunks(&mut &b"A: hi\nB: ho\n"[..], &sender);
        let got: Vec<Chunk> = receiver.try_iter().collect();
        assert_eq!(got, [Ok(Some(b"A: hi\nB: ho\n".to_vec())), Ok(None)]);
    }

    #[test]
    fn standard_input_arrives_in_pieces_and_ends_whole() {
        let (sender, receiver) = mpsc::channel();
        let stream = Stream {
            file: 0,
            read: ReadOptions::default(),
            sender,
            kept: Arc::new(Mutex::new(None)),
        };
        let (chunks, arriving) = mpsc::channel();
        chunks
            .send(Ok(Some(b"A: one\nB: tw".to_vec())))
            .expect("sent");
        let parser = std::thread::spawn(move || stream.parse_as_it_arrives(&arriving));
        let first = receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("a delivery");
        let Incoming::App(Msg::Loaded {
            result: Ok(loaded), ..
        }) = first
        else {
            panic!("{first:?}");
        };
        assert_eq!(loaded.progress, Progress::Arriving { bytes: 12 });
        assert_eq!(loaded.transcript.turns.len(), 1);
        chunks
            .send(Ok(Some(b"o\nA: three\n".to_vec())))
            .expect("sent");
        chunks.send(Ok(None)).expect("sent");
        parser.join().expect("parsed");
        let last = receiver.try_iter().last().expect("the whole");
        let Incoming::App(Msg::Loaded {
            result: Ok(loaded), ..
        }) = last
        else {
            panic!("{last:?}");
        };
        assert_eq!(loaded.progress, Progress::Complete);
        assert_eq!(loaded.transcript.turns.len(), 3);
    }
}
