//! The reading state for the printing modes: read (never written) once per run, it gives
//! `-p`, `--json`, `--stats` and `--highlights` the names and highlights given in the reader.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use crate::model::Transcript;
use crate::quote;
use crate::state::{self, Location, Memory, overlay};

/// The store, opened to read when it is first needed; a fault is said once, on stderr, and
/// printing goes on without it.
#[derive(Debug)]
pub(super) struct Remembered<'a> {
    location: &'a Location,
    opened: Option<state::Remembered>,
}

impl<'a> Remembered<'a> {
    /// The store at `location`, not opened yet.
    pub(super) fn new(location: &'a Location) -> Self {
        Self {
            location,
            opened: None,
        }
    }

    /// What is remembered of the transcript with this fingerprint.
    pub(super) fn memory(&mut self, fingerprint: state::Fingerprint) -> Memory {
        let location = self.location;
        let opened = self.opened.get_or_insert_with(|| {
            let opened = state::Remembered::open(location);
            if let Some(warning) = &opened.warning {
                eprintln!("fangtan: state: {warning}");
            }
            opened
        });
        opened.memory(fingerprint).unwrap_or_else(|why| {
            eprintln!("fangtan: state: {why}; going on without it");
            Memory::default()
        })
    }
}

/// The transcript as the remembered edits show it.
pub(super) fn shown<'t>(transcript: &'t Transcript, memory: &Memory) -> Cow<'t, Transcript> {
    if overlay::has_cast(&memory.edits) {
        Cow::Owned(overlay::apply(transcript, &memory.edits))
    } else {
        Cow::Borrowed(transcript)
    }
}

/// `--highlights`: the highlights as Markdown quotes.
pub(super) fn highlights_markdown(
    out: &mut impl Write,
    transcript: &Transcript,
    ranges: &[Range<usize>],
    name: &str,
) -> io::Result<()> {
    let source = quote::source(transcript, name);
    quote::highlights_markdown(out, transcript, ranges, &source)
}

/// `--highlights --json`: one JSON document per file, on one line.
pub(super) fn highlights_json(
    out: &mut impl Write,
    transcript: &Transcript,
    ranges: &[Range<usize>],
    name: &str,
) -> io::Result<()> {
    let document = quote::HighlightsJson::new(transcript, ranges, name);
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}
