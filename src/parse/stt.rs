//! Speech-to-text JSON: Podcasting 2.0, WhisperX, OpenAI Whisper, Amazon Transcribe,
//! AssemblyAI and Deepgram. Each maps onto segments (speaker, text, times) that are then joined
//! into turns the same way: consecutive segments of one speaker make one turn and one paragraph.
//!
//! Speaker names are kept as the service gives them (`SPEAKER_00`, `spk_0`, `A`, `0`). A source
//! without speakers (OpenAI Whisper) has one unnamed speaker, `""`, the same name the plain-text
//! parser gives unlabelled text; its one long turn is split into paragraphs at pauses of
//! [`PARAGRAPH_PAUSE`] seconds, which is where a person would start a new paragraph.
//!
//! The JSON is read in place (see `raw`) and each segment goes straight into the transcript, so
//! memory follows the transcript, not the number of objects in the file.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::value::RawValue;

use self::fields::{
    At, Failure, array, missing, number, object, optional_number, optional_seconds,
    optional_speaker, owned_string, string,
};
use self::raw::{Document, Members, Root, Step, Stop, kind};
use super::common::append_piece;
use super::error::ParseError;
use super::native;
use crate::model::{Transcript, TranscriptBuilder};

mod fields;
mod raw;

/// A silence this long (seconds) starts a new paragraph in a source without speakers.
pub const PARAGRAPH_PAUSE: f64 = 2.0;

/// Parses a speech-to-text JSON file.
///
/// # Errors
/// [`ParseError::Json`] for invalid JSON, [`ParseError::UnknownSchema`] for JSON of no known
/// shape, [`ParseError::Schema`] for a known shape with a wrong field.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    read(text, false)
}

/// Parses any JSON transcript: fangtan's own (see [`native`]) or a speech-to-text service's.
///
/// # Errors
/// As [`parse`]; for fangtan's own JSON, [`ParseError::Schema`] from [`native::parse`].
pub fn parse_any(text: &str) -> Result<Transcript, ParseError> {
    read(text, true)
}

/// The top-level members that tell the shapes apart.
const ROOT: [&str; 6] = [
    "turns",
    "speakers",
    "segments",
    "utterances",
    "results",
    "text",
];

/// Where `results` is in [`ROOT`].
const RESULTS_AT: usize = 4;

/// The members of `results` that tell Amazon from Deepgram.
const RESULTS: [&str; 5] = [
    "speaker_labels",
    "transcripts",
    "utterances",
    "channels",
    "items",
];

fn read(text: &str, with_native: bool) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doc = Document::new(text);
    let root = doc.root(&ROOT, (RESULTS_AT, &RESULTS))?;
    if with_native
        && matches!(
            &root,
            Ok(Root {
                members: [Some(_), Some(_), ..],
                ..
            })
        )
    {
        return native::parse(text).map_err(ParseError::Schema);
    }
    let Some(shape) = recognise(doc, root)? else {
        return Err(ParseError::UnknownSchema);
    };
    let run = |any_speaker| {
        let mut out = Assembler::new(any_speaker);
        shape.read(doc, &mut out)?;
        Ok(out.builder.finish())
    };
    let result = match run(false) {
        Err(Failure::Restart) => run(true),
        other => other,
    };
    result.map_err(|failure| match failure {
        Failure::Schema(message) => ParseError::Schema(message),
        Failure::Json(error) => error,
        // Only a reading that assumed no speakers restarts, and the second one knows better.
        Failure::Restart => ParseError::UnknownSchema,
    })
}

/// A known shape, its big arrays not yet read.
enum Shape<'a> {
    /// WhisperX or OpenAI Whisper segments, at `segments` or the top level.
    Whisper { items: &'a str, at: At<'static> },
    /// Podcasting 2.0 `segments`.
    Podcasting(&'a str),
    /// AssemblyAI, from the top-level members.
    AssemblyAi(Members<'a, 6>),
    /// Amazon Transcribe, from the members of `results`.
    Amazon(Members<'a, 5>),
    /// Deepgram, from the members of `results`.
    Deepgram(Members<'a, 5>),
}

/// Which service wrote the document, from its top-level members and, for `segments`, the keys
/// of its elements; `None` for another shape (so the caller can try another).
fn recognise<'a>(
    doc: Document<'a>,
    root: Result<Root<'a, 6, 5>, &'static str>,
) -> Result<Option<Shape<'a>>, ParseError> {
    let root = match root {
        Ok(root) => root,
        Err("an array") => {
            let items = doc.whole();
            return Ok(all_have_text(doc, items)?.then_some(Shape::Whisper {
                items,
                at: At::Root,
            }));
        }
        Err(_) => return Ok(None),
    };
    let [_, _, segments, utterances, _, _] = root.members;
    if let Some(segments) = segments.filter(|s| kind(s) == "an array") {
        return segments_shape(doc, segments.get());
    }
    if utterances.is_some() {
        return Ok(Some(Shape::AssemblyAi(root.members)));
    }
    let Some(Ok(results)) = root.nested else {
        return Ok(None);
    };
    Ok(match results {
        [Some(_), ..] | [_, Some(_), ..] => Some(Shape::Amazon(results)),
        [_, _, Some(_), ..] | [_, _, _, Some(_), _] => Some(Shape::Deepgram(results)),
        _ => None,
    })
}

/// A top-level array is Whisper's when every element has a `text` and there is one.
fn all_have_text(doc: Document<'_>, items: &str) -> Result<bool, ParseError> {
    let mut any = false;
    let walked = doc.for_each(items, &["text"], |_, item| {
        any = true;
        match item {
            Ok([Some(_)]) => Ok(()),
            _ => Err(()),
        }
    });
    match walked {
        Ok(()) => Ok(any),
        Err(Stop::Caller(())) => Ok(false),
        Err(Stop::Json(error)) => Err(error),
    }
}

/// `segments[]` is Podcasting 2.0 when any element has a `body`, else Whisper when any has a
/// `text` (or there are none).
fn segments_shape<'a>(doc: Document<'a>, items: &'a str) -> Result<Option<Shape<'a>>, ParseError> {
    let (mut empty, mut any_text) = (true, false);
    let walked = doc.for_each(items, &["body", "text"], |_, item| {
        empty = false;
        if let Ok([body, text]) = item {
            if body.is_some() {
                // One `body` decides it: the rest need not be looked at.
                return Err(());
            }
            any_text |= text.is_some();
        }
        Ok(())
    });
    match walked {
        Err(Stop::Caller(())) => Ok(Some(Shape::Podcasting(items))),
        Err(Stop::Json(error)) => Err(error),
        Ok(()) => Ok((empty || any_text).then_some(Shape::Whisper {
            items,
            at: At::Key(&At::Root, "segments"),
        })),
    }
}

impl<'a> Shape<'a> {
    /// Reads every segment of the document into `out`.
    fn read(&self, doc: Document<'a>, out: &mut Assembler) -> Result<(), Failure> {
        match self {
            Self::Whisper { items, at } => whisper(doc, items, at, out),
            Self::Podcasting(items) => podcasting(doc, items, out),
            Self::AssemblyAi(root) => assemblyai(doc, root, out),
            Self::Amazon(results) => amazon(doc, results, out),
            Self::Deepgram(results) => deepgram(doc, results, out),
        }
    }
}

/// One piece of speech as it is read: a word, a sentence or an utterance, borrowed from the
/// document or a scratch buffer.
#[derive(Debug, Clone, Copy)]
struct Segment<'s> {
    /// `None` continues the current speaker.
    speaker: Option<&'s str>,
    text: &'s str,
    start: Option<f64>,
    end: Option<f64>,
}

/// Joins segments into turns as they are read: consecutive segments of one speaker make one
/// turn and one paragraph.
struct Assembler {
    builder: TranscriptBuilder,
    /// Whether a segment names a speaker; in a source without speakers, pauses start
    /// paragraphs.
    any_speaker: bool,
    /// Whether a pause has started a paragraph, which a speaker named later would undo.
    split: bool,
    /// The speaker of the current turn.
    current: Option<String>,
    last_end: Option<f64>,
}

impl Assembler {
    fn new(any_speaker: bool) -> Self {
        Self {
            builder: TranscriptBuilder::new(),
            any_speaker,
            split: false,
            current: None,
            last_end: None,
        }
    }

    fn push(&mut self, segment: Segment<'_>) -> Result<(), Failure> {
        if segment.speaker.is_some() && !self.any_speaker {
            self.any_speaker = true;
            if self.split {
                return Err(Failure::Restart);
            }
        }
        if segment.text.trim().is_empty() {
            return Ok(());
        }
        let continues = match (segment.speaker, &self.current) {
            (Some(name), Some(current)) => name == current,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if continues {
            let paused = matches!((self.last_end, segment.start), (Some(end), Some(start)) if start - end >= PARAGRAPH_PAUSE);
            if !self.any_speaker && paused {
                self.split = true;
                self.builder.push_paragraph(segment.text.trim());
                self.builder.extend_end(segment.end);
                self.last_end = segment.end.or(self.last_end);
                return Ok(());
            }
            self.builder.extend_end(segment.end);
        } else {
            let name = segment.speaker.unwrap_or("");
            let id = self.builder.speaker(name);
            self.builder
                .start_turn(id, segment.start, segment.end, None);
            // One buffer for the current name, so that a million segments allocate nothing.
            let current = self.current.get_or_insert_with(String::new);
            current.clear();
            current.push_str(name);
        }
        append_piece(&mut self.builder, segment.text);
        self.last_end = segment.end.or(self.last_end);
        Ok(())
    }
}

/// Reused buffers for the strings of one segment that have escapes.
#[derive(Default)]
struct Scratch {
    speaker: String,
    text: String,
    other: String,
}

/// Podcasting 2.0: `segments[]{speaker, startTime, endTime, body}`, often a word per segment.
fn podcasting(doc: Document<'_>, items: &str, out: &mut Assembler) -> Result<(), Failure> {
    let path = At::Key(&At::Root, "segments");
    let mut scratch = Scratch::default();
    let keys = ["speaker", "body", "startTime", "endTime"];
    doc.for_each(items, &keys, |i, item| {
        let at = At::Index(&path, i);
        let [speaker, body, start, end] = object(item, &at)?;
        out.push(Segment {
            speaker: optional_speaker(doc, speaker, &at.key("speaker"), &mut scratch.speaker)?,
            text: string(doc, body, &at.key("body"), &mut scratch.text)?,
            start: optional_number(doc, start, &at.key("startTime"))?,
            end: optional_number(doc, end, &at.key("endTime"))?,
        })
    })
    .map_err(Failure::from)
}

/// WhisperX (`speaker` on each segment) and OpenAI Whisper (none): `segments[]{text, start,
/// end}`; also a bare array of such segments.
fn whisper(doc: Document<'_>, items: &str, path: &At, out: &mut Assembler) -> Result<(), Failure> {
    let mut scratch = Scratch::default();
    let keys = ["speaker", "text", "start", "end"];
    doc.for_each(items, &keys, |i, item| {
        let at = At::Index(path, i);
        let [speaker, text, start, end] = object(item, &at)?;
        out.push(Segment {
            speaker: optional_speaker(doc, speaker, &at.key("speaker"), &mut scratch.speaker)?,
            text: string(doc, text, &at.key("text"), &mut scratch.text)?,
            start: optional_number(doc, start, &at.key("start"))?,
            end: optional_number(doc, end, &at.key("end"))?,
        })
    })
    .map_err(Failure::from)
}

/// AssemblyAI: `utterances[]{speaker, text, start, end}` with times in milliseconds. Without
/// speaker labels `utterances` is null and only the whole `text` is there.
fn assemblyai(
    doc: Document<'_>,
    root: &Members<'_, 6>,
    out: &mut Assembler,
) -> Result<(), Failure> {
    let [_, _, _, utterances, _, text] = *root;
    let mut scratch = Scratch::default();
    let Some(items) = utterances.filter(|u| kind(u) == "an array") else {
        let text = string(doc, text, &At::Root.key("text"), &mut scratch.text)?;
        return out.push(Segment {
            speaker: None,
            text,
            start: None,
            end: None,
        });
    };
    let path = At::Key(&At::Root, "utterances");
    let keys = ["speaker", "text", "start", "end"];
    doc.for_each(items.get(), &keys, |i, item| {
        let at = At::Index(&path, i);
        let [speaker, text, start, end] = object(item, &at)?;
        out.push(Segment {
            speaker: optional_speaker(doc, speaker, &at.key("speaker"), &mut scratch.speaker)?,
            text: string(doc, text, &at.key("text"), &mut scratch.text)?,
            start: Some(number(doc, start, &at.key("start"))? / 1000.0),
            end: Some(number(doc, end, &at.key("end"))? / 1000.0),
        })
    })
    .map_err(Failure::from)
}

/// Deepgram: `results.utterances[]{speaker, transcript, start, end}`; without utterances, the
/// words of the first channel's first alternative (`punctuated_word`, else `word`).
fn deepgram(
    doc: Document<'_>,
    results: &Members<'_, 5>,
    out: &mut Assembler,
) -> Result<(), Failure> {
    let [_, _, utterances, channels, _] = *results;
    let results_at = At::Root.key("results");
    let mut scratch = Scratch::default();
    if utterances.is_some() {
        let path = results_at.key("utterances");
        let items = array(utterances, &path)?;
        let keys = ["speaker", "transcript", "start", "end"];
        return doc
            .for_each(items, &keys, |i, item| {
                let at = At::Index(&path, i);
                let [speaker, text, start, end] = object(item, &at)?;
                out.push(Segment {
                    speaker: optional_speaker(
                        doc,
                        speaker,
                        &at.key("speaker"),
                        &mut scratch.speaker,
                    )?,
                    text: string(doc, text, &at.key("transcript"), &mut scratch.text)?,
                    start: Some(number(doc, start, &at.key("start"))?),
                    end: Some(number(doc, end, &at.key("end"))?),
                })
            })
            .map_err(Failure::from);
    }
    let channels_at = results_at.key("channels");
    let first_channel = At::Index(&channels_at, 0);
    let alternatives_at = first_channel.key("alternatives");
    let at = At::Index(&alternatives_at, 0);
    let steps = [Step::First, Step::Key("alternatives"), Step::First];
    let alternative = match channels {
        Some(channels) => doc.path(channels.get(), &steps, &["words"])?,
        None => None,
    };
    let alternative = alternative.ok_or_else(|| missing(&at))?;
    let [words] = object(alternative, &at)?;
    let path = at.key("words");
    let words = array(words, &path)?;
    let keys = ["punctuated_word", "word", "speaker", "start", "end"];
    doc.for_each(words, &keys, |i, item| {
        let at = At::Index(&path, i);
        let [punctuated, word, speaker, start, end] = object(item, &at)?;
        let text = match punctuated {
            Some(_) => string(
                doc,
                punctuated,
                &at.key("punctuated_word"),
                &mut scratch.text,
            )?,
            None => string(doc, word, &at.key("word"), &mut scratch.text)?,
        };
        out.push(Segment {
            speaker: optional_speaker(doc, speaker, &at.key("speaker"), &mut scratch.speaker)?,
            text,
            start: optional_number(doc, start, &at.key("start"))?,
            end: optional_number(doc, end, &at.key("end"))?,
        })
    })
    .map_err(Failure::from)
}

/// Amazon Transcribe: words in `results.items` (times as strings, punctuation without times),
/// speakers from each item's `speaker_label` or, in older outputs, by matching the word's
/// start time in `results.speaker_labels.segments[].items[]`.
fn amazon<'a>(
    doc: Document<'a>,
    results: &Members<'a, 5>,
    out: &mut Assembler,
) -> Result<(), Failure> {
    let [speaker_labels, _, _, _, items] = *results;
    let results_at = At::Root.key("results");
    let (labels, by_start) = match speaker_labels {
        Some(speaker_labels) => speakers_by_start(doc, speaker_labels, &results_at)?,
        None => (Vec::new(), HashMap::new()),
    };
    let path = results_at.key("items");
    let items = array(items, &path)?;
    let mut scratch = Scratch::default();
    let keys = ["alternatives", "start_time", "end_time", "speaker_label"];
    doc.for_each(items, &keys, |i, item| {
        let at = At::Index(&path, i);
        let [alternatives, start_time, end_time, speaker_label] = object(item, &at)?;
        let alternatives_at = at.key("alternatives");
        let content_at = At::Index(&alternatives_at, 0);
        let alternative = match alternatives {
            Some(alternatives) => doc.path(alternatives.get(), &[Step::First], &["content"])?,
            None => None,
        };
        let [content] = object(
            alternative.ok_or_else(|| missing(&content_at))?,
            &content_at,
        )?;
        let text = string(doc, content, &content_at.key("content"), &mut scratch.text)?;
        let start = optional_seconds(doc, start_time, &at.key("start_time"), &mut scratch.other)?;
        let end = optional_seconds(doc, end_time, &at.key("end_time"), &mut scratch.other)?;
        let speaker = match speaker_label {
            Some(_) => Some(string(
                doc,
                speaker_label,
                &at.key("speaker_label"),
                &mut scratch.speaker,
            )?),
            None => start_time
                .filter(|time| kind(time) == "a string")
                .and_then(|time| by_start.get(doc.string(time, &mut scratch.other)))
                .map(|&label| labels[label].as_ref()),
        };
        out.push(Segment {
            speaker,
            text,
            start,
            end,
        })
    })
    .map_err(Failure::from)
}

/// The speaker labels of `results.speaker_labels.segments[]` (each once after the other,
/// though a label may come back), and the label of each word's start time there, as given.
type SpeakersByStart<'a> = (Vec<Cow<'a, str>>, HashMap<Cow<'a, str>, usize>);

fn speakers_by_start<'a>(
    doc: Document<'a>,
    speaker_labels: &'a RawValue,
    results_at: &At,
) -> Result<SpeakersByStart<'a>, Failure> {
    let at = results_at.key("speaker_labels");
    let [segments] = object(doc.pick(speaker_labels.get(), &["segments"])?, &at)?;
    let path = at.key("segments");
    let segments = array(segments, &path)?;
    let mut labels: Vec<Cow<'a, str>> = Vec::new();
    // Keyed by the text of the time, as Amazon writes it in both places; a later segment's
    // label wins, as it did when this was a map filled in document order.
    let mut by_start: HashMap<Cow<'a, str>, usize> = HashMap::new();
    doc.for_each(segments, &["speaker_label", "items"], |i, segment| {
        let at = At::Index(&path, i);
        let [speaker, items] = object(segment, &at)?;
        let speaker = owned_string(doc, speaker, &at.key("speaker_label"))?;
        if labels.last() != Some(&speaker) {
            labels.push(speaker);
        }
        let label = labels.len() - 1;
        let path = at.key("items");
        let items = array(items, &path)?;
        doc.for_each(items, &["start_time"], |j, item| {
            let at = At::Index(&path, j);
            let [start] = object(item, &at)?;
            let start = owned_string(doc, start, &at.key("start_time"))?;
            by_start.insert(start, label);
            Ok(())
        })
        .map_err(Failure::from)
    })?;
    Ok((labels, by_start))
}

#[cfg(test)]
mod tests;
