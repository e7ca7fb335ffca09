//! Speech-to-text JSON: Podcasting 2.0, WhisperX, OpenAI Whisper, Amazon Transcribe,
//! AssemblyAI and Deepgram. Each maps onto segments (speaker, text, times) that are then joined
//! into turns the same way: consecutive segments of one speaker make one turn and one paragraph.
//!
//! Speaker names are kept as the service gives them (`SPEAKER_00`, `spk_0`, `A`, `0`). A source
//! without speakers (OpenAI Whisper) has one unnamed speaker, `""`, the same name the plain-text
//! parser gives unlabelled text; its one long turn is split into paragraphs at pauses of
//! [`PARAGRAPH_PAUSE`] seconds, which is where a person would start a new paragraph.

use serde_json::{Map, Value};

use super::common::append_piece;
use super::error::ParseError;
use crate::model::{Transcript, TranscriptBuilder};

/// A silence this long (seconds) starts a new paragraph in a source without speakers.
pub const PARAGRAPH_PAUSE: f64 = 2.0;

/// Parses a speech-to-text JSON file.
///
/// # Errors
/// [`ParseError::Json`] for invalid JSON, [`ParseError::UnknownSchema`] for JSON of no known
/// shape, [`ParseError::Schema`] for a known shape with a wrong field.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let value: Value = serde_json::from_str(text)?;
    match parse_stt(&value) {
        None => Err(ParseError::UnknownSchema),
        Some(result) => result.map_err(ParseError::Schema),
    }
}

/// Reads `value` if it has the shape of one of the services above; `None` when it has none of
/// them (so the caller can try another). `Some(Err(…))` names the wrong field and where:
/// `utterances[3].start: expected a number`.
pub fn parse_stt(value: &Value) -> Option<Result<Transcript, String>> {
    let segments = match value {
        Value::Array(items)
            if items.iter().all(|item| item.get("text").is_some()) && !items.is_empty() =>
        {
            whisper(items, "")
        }
        Value::Object(root) => {
            if let Some(Value::Array(items)) = root.get("segments") {
                if items.iter().any(|item| item.get("body").is_some()) {
                    podcasting(items)
                } else if items.is_empty() || items.iter().any(|item| item.get("text").is_some()) {
                    whisper(items, "segments")
                } else {
                    return None;
                }
            } else if root.contains_key("utterances") {
                assemblyai(root)
            } else if let Some(Value::Object(results)) = root.get("results") {
                if results.contains_key("speaker_labels") || results.contains_key("transcripts") {
                    amazon(results)
                } else if results.contains_key("utterances") || results.contains_key("channels") {
                    deepgram(results)
                } else {
                    return None;
                }
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(segments.map(|segments| assemble(&segments)))
}

/// One piece of speech: a word, a sentence or an utterance.
#[derive(Debug)]
struct Segment {
    /// `None` continues the current speaker.
    speaker: Option<String>,
    text: String,
    start: Option<f64>,
    end: Option<f64>,
}

fn assemble(segments: &[Segment]) -> Transcript {
    let any_speaker = segments.iter().any(|s| s.speaker.is_some());
    let mut builder = TranscriptBuilder::new();
    let mut current: Option<&str> = None;
    let mut last_end: Option<f64> = None;
    for segment in segments {
        if segment.text.trim().is_empty() {
            continue;
        }
        let name = segment.speaker.as_deref().or(current).unwrap_or("");
        if current != Some(name) {
            let id = builder.speaker(name);
            builder.start_turn(id, segment.start, segment.end, None);
            current = Some(name);
        } else {
            let paused = matches!((last_end, segment.start), (Some(end), Some(start)) if start - end >= PARAGRAPH_PAUSE);
            if !any_speaker && paused {
                builder.push_paragraph(segment.text.trim());
                builder.extend_end(segment.end);
                last_end = segment.end.or(last_end);
                continue;
            }
            builder.extend_end(segment.end);
        }
        append_piece(&mut builder, &segment.text);
        last_end = segment.end.or(last_end);
    }
    builder.finish()
}

/// Podcasting 2.0: `segments[]{speaker, startTime, endTime, body}`, often a word per segment.
fn podcasting(items: &[Value]) -> Result<Vec<Segment>, String> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("segments[{i}]");
            let item = object(item, &at)?;
            Ok(Segment {
                speaker: optional_speaker(item, "speaker", &at)?,
                text: string(item, "body", &at)?.to_owned(),
                start: optional_number(item, "startTime", &at)?,
                end: optional_number(item, "endTime", &at)?,
            })
        })
        .collect()
}

/// WhisperX (`speaker` on each segment) and OpenAI Whisper (none): `segments[]{text, start,
/// end}`; also a bare array of such segments.
fn whisper(items: &[Value], path: &str) -> Result<Vec<Segment>, String> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{path}[{i}]");
            let item = object(item, &at)?;
            Ok(Segment {
                speaker: optional_speaker(item, "speaker", &at)?,
                text: string(item, "text", &at)?.to_owned(),
                start: optional_number(item, "start", &at)?,
                end: optional_number(item, "end", &at)?,
            })
        })
        .collect()
}

/// AssemblyAI: `utterances[]{speaker, text, start, end}` with times in milliseconds. Without
/// speaker labels `utterances` is null and only the whole `text` is there.
fn assemblyai(root: &Map<String, Value>) -> Result<Vec<Segment>, String> {
    let Some(Value::Array(items)) = root.get("utterances") else {
        let text = string(root, "text", "")?;
        return Ok(vec![Segment {
            speaker: None,
            text: text.to_owned(),
            start: None,
            end: None,
        }]);
    };
    let ms = |value: Option<f64>| value.map(|ms| ms / 1000.0);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("utterances[{i}]");
            let item = object(item, &at)?;
            Ok(Segment {
                speaker: optional_speaker(item, "speaker", &at)?,
                text: string(item, "text", &at)?.to_owned(),
                start: ms(Some(number(item, "start", &at)?)),
                end: ms(Some(number(item, "end", &at)?)),
            })
        })
        .collect()
}

/// Deepgram: `results.utterances[]{speaker, transcript, start, end}`; without utterances, the
/// words of the first channel's first alternative (`punctuated_word`, else `word`).
fn deepgram(results: &Map<String, Value>) -> Result<Vec<Segment>, String> {
    if let Some(utterances) = results.get("utterances") {
        let items = array(utterances, "results.utterances")?;
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let at = format!("results.utterances[{i}]");
                let item = object(item, &at)?;
                Ok(Segment {
                    speaker: optional_speaker(item, "speaker", &at)?,
                    text: string(item, "transcript", &at)?.to_owned(),
                    start: Some(number(item, "start", &at)?),
                    end: Some(number(item, "end", &at)?),
                })
            })
            .collect();
    }
    let at = "results.channels[0].alternatives[0]";
    let alternative = results
        .get("channels")
        .and_then(|c| c.get(0))
        .and_then(|c| c.get("alternatives"))
        .and_then(|a| a.get(0))
        .ok_or_else(|| format!("{at}: missing"))?;
    let alternative = object(alternative, at)?;
    let words = array(
        alternative.get("words").unwrap_or(&Value::Null),
        &format!("{at}.words"),
    )?;
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let at = format!("{at}.words[{i}]");
            let word = object(word, &at)?;
            let text = match word.get("punctuated_word") {
                Some(_) => string(word, "punctuated_word", &at)?,
                None => string(word, "word", &at)?,
            };
            Ok(Segment {
                speaker: optional_speaker(word, "speaker", &at)?,
                text: text.to_owned(),
                start: optional_number(word, "start", &at)?,
                end: optional_number(word, "end", &at)?,
            })
        })
        .collect()
}

/// Amazon Transcribe: words in `results.items` (times as strings, punctuation without times),
/// speakers from each item's `speaker_label` or, in older outputs, by matching the word's
/// start time in `results.speaker_labels.segments[].items[]`.
fn amazon(results: &Map<String, Value>) -> Result<Vec<Segment>, String> {
    let mut by_start: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    if let Some(labels) = results.get("speaker_labels") {
        let labels = object(labels, "results.speaker_labels")?;
        let segments = array(
            labels.get("segments").unwrap_or(&Value::Null),
            "results.speaker_labels.segments",
        )?;
        for (i, segment) in segments.iter().enumerate() {
            let at = format!("results.speaker_labels.segments[{i}]");
            let segment = object(segment, &at)?;
            let speaker = string(segment, "speaker_label", &at)?;
            let items = array(
                segment.get("items").unwrap_or(&Value::Null),
                &format!("{at}.items"),
            )?;
            for (j, item) in items.iter().enumerate() {
                let at = format!("{at}.items[{j}]");
                by_start.insert(string(object(item, &at)?, "start_time", &at)?, speaker);
            }
        }
    }
    let items = array(
        results.get("items").unwrap_or(&Value::Null),
        "results.items",
    )?;
    let mut segments: Vec<Segment> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("results.items[{i}]");
        let item = object(item, &at)?;
        let content_at = format!("{at}.alternatives[0]");
        let alternative = item
            .get("alternatives")
            .and_then(|a| a.get(0))
            .ok_or_else(|| format!("{content_at}: missing"))?;
        let content = string(object(alternative, &content_at)?, "content", &content_at)?;
        let start = optional_string_number(item, "start_time", &at)?;
        let end = optional_string_number(item, "end_time", &at)?;
        let speaker = match item.get("speaker_label") {
            Some(_) => Some(string(item, "speaker_label", &at)?.to_owned()),
            None => item
                .get("start_time")
                .and_then(Value::as_str)
                .and_then(|s| by_start.get(s))
                .map(|&s| s.to_owned()),
        };
        segments.push(Segment {
            speaker,
            text: content.to_owned(),
            start,
            end,
        });
    }
    Ok(segments)
}

fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{at}: expected an object, found {}", kind(value)))
}

fn array<'a>(value: &'a Value, at: &str) -> Result<&'a Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("{at}: expected an array, found {}", kind(value)))
}

fn field(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

fn string<'a>(item: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a str, String> {
    match item.get(key) {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(format!(
            "{}: expected a string, found {}",
            field(at, key),
            kind(other)
        )),
        None => Err(format!("{}: missing", field(at, key))),
    }
}

fn number(item: &Map<String, Value>, key: &str, at: &str) -> Result<f64, String> {
    optional_number(item, key, at)?.ok_or_else(|| format!("{}: missing", field(at, key)))
}

fn optional_number(item: &Map<String, Value>, key: &str, at: &str) -> Result<Option<f64>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(format!(
            "{}: expected a number, found {}",
            field(at, key),
            kind(other)
        )),
    }
}

/// Amazon writes times as strings (`"1.84"`).
fn optional_string_number(
    item: &Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<f64>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        // `"NaN"` and `"inf"` parse as numbers but are no time: refused, like any other word.
        Some(Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{}: expected a time in seconds in a string, found {text:?}",
                    field(at, key)
                )
            }),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(format!(
            "{}: expected a number in a string, found {}",
            field(at, key),
            kind(other)
        )),
    }
}

/// A speaker as given: a string, or an integer (Deepgram) written in decimal.
fn optional_speaker(
    item: &Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<String>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(name)) => Ok(Some(name.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "{}: expected a string or a number, found {}",
            field(at, key),
            kind(other)
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
