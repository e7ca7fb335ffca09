//! fangtan's own JSON (SPEC §3): what `--json` prints and what a `.json` file may hold.

use serde::{Deserialize, Serialize};

use crate::model::{Transcript, TranscriptBuilder};

/// The version of the JSON shape this build writes and reads.
pub const VERSION: u32 = 1;

/// The JSON document. Fields may be added in later versions, none removed.
#[derive(Debug, Deserialize)]
struct Document {
    version: u32,
    title: Option<String>,
    speakers: Vec<SpeakerJson>,
    turns: Vec<TurnJson>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SpeakerJson {
    name: String,
}

#[derive(Debug, Deserialize)]
struct TurnJson {
    speaker: String,
    paragraphs: Vec<String>,
    start: Option<f64>,
    end: Option<f64>,
    line: Option<usize>,
}

/// Whether a JSON value has the shape of fangtan's own document (rather than another tool's).
pub fn is_native(value: &serde_json::Value) -> bool {
    value.get("turns").is_some() && value.get("speakers").is_some()
}

/// Reads fangtan's JSON. The error names the field that is wrong and where, for example
/// `turns[3].start: invalid type: string "x", expected f64`.
pub fn parse(text: &str) -> Result<Transcript, String> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let document: Document = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        }
    })?;
    if document.version != VERSION {
        return Err(format!(
            "version: {} is not supported (this fangtan reads version {VERSION})",
            document.version
        ));
    }
    let mut builder = TranscriptBuilder::new();
    if let Some(title) = document.title {
        builder.title(title);
    }
    for speaker in &document.speakers {
        builder.speaker(&speaker.name);
    }
    let known = document.speakers.len();
    for (index, turn) in document.turns.iter().enumerate() {
        let speaker = builder.speaker(&turn.speaker);
        if speaker >= known {
            return Err(format!(
                "turns[{index}].speaker: \"{}\" is not in speakers",
                turn.speaker
            ));
        }
        builder.start_turn(speaker, turn.start, turn.end, turn.line);
        for paragraph in &turn.paragraphs {
            builder.push_paragraph(paragraph);
        }
    }
    for note in document.notes {
        builder.note(note);
    }
    Ok(builder.finish())
}

/// Writes a transcript as fangtan's JSON, pretty-printed, ending with a newline. The text is
/// borrowed from the transcript as it is written, never copied into a document first.
pub fn write_json(out: &mut impl std::io::Write, transcript: &Transcript) -> std::io::Result<()> {
    let document = DocumentOut {
        version: VERSION,
        title: transcript.title.as_deref(),
        speakers: Seq(|| {
            transcript.speakers.iter().map(|speaker| SpeakerOut {
                name: &speaker.name,
            })
        }),
        turns: Seq(|| {
            transcript.turns.iter().map(|turn| TurnOut {
                speaker: &transcript.speaker_of(turn).name,
                paragraphs: Seq(|| transcript.turn_paragraphs(turn)),
                start: turn.start,
                end: turn.end,
                line: turn.line,
            })
        }),
        notes: &transcript.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

/// fangtan's JSON of a transcript as a string.
pub fn to_json(transcript: &Transcript) -> String {
    let mut out = Vec::new();
    // Writing to a vector cannot fail.
    let _ = write_json(&mut out, transcript);
    String::from_utf8(out).unwrap_or_default()
}

/// The document as written: the same fields as [`Document`], borrowed.
#[derive(Serialize)]
struct DocumentOut<'a, S, T> {
    version: u32,
    title: Option<&'a str>,
    speakers: S,
    turns: T,
    notes: &'a [String],
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct TurnOut<'a, P> {
    speaker: &'a str,
    paragraphs: P,
    start: Option<f64>,
    end: Option<f64>,
    line: Option<usize>,
}

/// A sequence serialized straight from an iterator.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../assets/mudanjiang-police-interview.txt");

    #[test]
    fn round_trip_is_exact() {
        let transcript = crate::parse::text::parse(SAMPLE.to_owned());
        let json = to_json(&transcript);
        let loaded = parse(&json).expect("own JSON loads");
        assert_eq!(to_json(&loaded), json);
        assert_eq!(loaded.turns.len(), 25);
        assert_eq!(loaded.turns[0].line, Some(3));
    }

    #[test]
    fn errors_name_the_field() {
        let bad = r#"{"version":1,"title":null,"speakers":[{"name":"A"}],
            "turns":[{"speaker":"A","paragraphs":["x"],"start":"soon","end":null,"line":null}],"notes":[]}"#;
        let error = parse(bad).unwrap_err();
        assert!(
            error.starts_with("turns[0].start: invalid type: string \"soon\""),
            "{error}"
        );

        let missing = r#"{"version":1,"title":null,"speakers":[],"turns":[{"paragraphs":[]}]}"#;
        let error = parse(missing).unwrap_err();
        assert!(
            error.starts_with("turns[0]: missing field `speaker`"),
            "{error}"
        );

        let stranger = r#"{"version":1,"title":null,"speakers":[],
            "turns":[{"speaker":"B","paragraphs":["x"],"start":null,"end":null,"line":null}]}"#;
        assert_eq!(
            parse(stranger).unwrap_err(),
            "turns[0].speaker: \"B\" is not in speakers"
        );
    }

    #[test]
    fn unknown_versions_are_refused() {
        let future = r#"{"version":9,"title":null,"speakers":[],"turns":[]}"#;
        assert!(parse(future).unwrap_err().starts_with("version: 9"));
    }
}
