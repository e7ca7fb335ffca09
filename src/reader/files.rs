//! The files the reader was given, and opening one of them: a small file at once, a large one
//! from a preview of its head while the whole file loads on another thread.

use std::sync::{OnceLock, mpsc};

use anyhow::Context;

use super::{Loaded, Pending};
use crate::input::{self, Input};
use crate::model::Transcript;
use crate::parse::{self, Format};

/// The reader's files and how to read them.
#[derive(Debug, Clone)]
pub struct Files {
    inputs: Vec<Input>,
    format: Option<Format>,
    encoding: Option<String>,
    /// Standard input, kept once read: it cannot be read again when `:p` comes back to it.
    stdin: OnceLock<Vec<u8>>,
}

/// A file just opened.
#[derive(Debug)]
pub struct Opened {
    /// The transcript, or a preview of its head while `pending` loads the whole.
    pub transcript: Transcript,
    /// A warning about how it was decoded.
    pub warning: Option<String>,
    /// The whole transcript, when `transcript` is only a preview.
    pub pending: Option<Pending>,
}

impl Files {
    /// The files to read (the sample when there are none), with `--format` and `--encoding`.
    pub fn new(inputs: Vec<Input>, format: Option<Format>, encoding: Option<String>) -> Self {
        let inputs = if inputs.is_empty() {
            vec![Input::Sample]
        } else {
            inputs
        };
        Self {
            inputs,
            format,
            encoding,
            stdin: OnceLock::new(),
        }
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Whether there are none (never: the sample stands in).
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The name of file `index`.
    pub fn name(&self, index: usize) -> String {
        self.inputs.get(index).map(Input::name).unwrap_or_default()
    }

    /// Opens file `index`.
    pub fn open(&self, index: usize) -> anyhow::Result<Opened> {
        let input = self
            .inputs
            .get(index)
            .cloned()
            .with_context(|| format!("there is no file {}", index + 1))?;
        let format = self.format;
        if let Some(preview) = input::preview(&input, format, self.encoding.as_deref()) {
            let (sender, receiver) = mpsc::channel();
            let encoding = self.encoding.clone();
            std::thread::spawn(move || {
                let loaded = input::load(&input, format, encoding.as_deref())
                    .with_context(|| input.name())
                    .map(Loaded::new);
                // The reader may have quit or moved on; then nobody needs the transcript.
                let _ = sender.send(loaded);
            });
            return Ok(Opened {
                transcript: preview,
                warning: None,
                pending: Some(receiver),
            });
        }
        let loaded = if input == Input::Stdin {
            let bytes = match self.stdin.get() {
                Some(bytes) => bytes.clone(),
                None => {
                    let bytes = input::read(&input).context("standard input")?;
                    self.stdin.get_or_init(|| bytes).clone()
                }
            };
            parse::load(bytes, format, self.encoding.as_deref(), None).context("standard input")?
        } else {
            input::load(&input, format, self.encoding.as_deref()).with_context(|| input.name())?
        };
        Ok(Opened {
            transcript: loaded.transcript,
            warning: loaded.warning,
            pending: None,
        })
    }
}
