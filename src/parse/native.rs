//! fangtan's own JSON (SPEC §3): what `--json` prints and what a `.json` file may hold.

use serde::{Deserialize, Serialize};

use crate::model::{Transcript, TranscriptBuilder};

/// The version of the JSON shape this build writes. Version 1 (no header; notes as bare
/// strings after the conversation) still loads.
pub const VERSION: u32 = 2;

/// The JSON document. Fields may be added in later versions, none removed.
#[derive(Debug, Deserialize)]
struct Document {
    version: u32,
    title: Option<String>,
    #[serde(default)]
    header: Vec<String>,
    speakers: Vec<SpeakerJson>,
    turns: Vec<TurnJson>,
    #[serde(default)]
    notes: Vec<NoteJson>,
}

/// A note: version 2's placed object, or version 1's bare string (placed after the last turn).
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "a note: a string, or {\"text\", \"line\", \"before_turn\"}"
)]
enum NoteJson {
    Placed {
        text: String,
        line: Option<usize>,
        before_turn: usize,
    },
    Bare(String),
}

#[derive(Debug, Deserialize)]
struct SpeakerJson {
    name: String,
    /// The original label of a speaker renamed in the reading state.
    #[serde(default)]
    label: Option<String>,
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
    if !(1..=VERSION).contains(&document.version) {
        return Err(format!(
            "version: {} is not supported (this fangtan reads versions 1 to {VERSION})",
            document.version
        ));
    }
    let mut builder = TranscriptBuilder::new();
    if let Some(title) = document.title {
        builder.title(title);
    }
    for line in document.header {
        builder.header(line);
    }
    for speaker in &document.speakers {
        builder.speaker(&speaker.name);
    }
    let turns = document.turns.len();
    let mut notes = document.notes.into_iter().enumerate().peekable();
    let mut placed_until = 0;
    let mut place_notes = |builder: &mut TranscriptBuilder, before: usize| -> Result<(), String> {
        while let Some((index, note)) = notes.next_if(|(_, note)| note.before_turn(turns) <= before)
        {
            let at = note.before_turn(turns);
            if at < placed_until {
                return Err(format!(
                    "notes[{index}].before_turn: {at} comes before the note above it ({placed_until})"
                ));
            }
            placed_until = at;
            let (text, line) = note.into_parts();
            builder.note(&text, line);
        }
        Ok(())
    };
    let known = document.speakers.len();
    for (index, turn) in document.turns.iter().enumerate() {
        place_notes(&mut builder, index)?;
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
    place_notes(&mut builder, turns)?;
    if let Some((index, note)) = notes.next() {
        return Err(format!(
            "notes[{index}].before_turn: {} is past the last turn ({turns})",
            note.before_turn(turns)
        ));
    }
    let mut transcript = builder.finish();
    for speaker in document.speakers {
        let id = transcript
            .speakers
            .iter()
            .position(|s| s.name == speaker.name);
        if let (Some(id), Some(label)) = (id, speaker.label) {
            transcript.set_label(id, Some(label));
        }
    }
    Ok(transcript)
}

impl NoteJson {
    /// The turn the note stands before; a bare note comes after all `turns`.
    fn before_turn(&self, turns: usize) -> usize {
        match self {
            Self::Placed { before_turn, .. } => *before_turn,
            Self::Bare(_) => turns,
        }
    }

    fn into_parts(self) -> (String, Option<usize>) {
        match self {
            Self::Placed { text, line, .. } => (text, line),
            Self::Bare(text) => (text, None),
        }
    }
}

/// Writes a transcript as fangtan's JSON, pretty-printed, ending with a newline. The text is
/// borrowed from the transcript as it is written, never copied into a document first.
pub fn write_json(out: &mut impl std::io::Write, transcript: &Transcript) -> std::io::Result<()> {
    let document = DocumentOut {
        version: VERSION,
        title: transcript.title.as_deref(),
        header: &transcript.header,
        speakers: Seq(|| {
            transcript
                .speakers
                .iter()
                .enumerate()
                .map(|(id, speaker)| SpeakerOut {
                    name: &speaker.name,
                    label: transcript.label(id),
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
        notes: Seq(|| {
            transcript.notes.iter().map(|note| NoteOut {
                text: transcript.note_text(note),
                line: note.line,
                before_turn: note.before_turn,
            })
        }),
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
struct DocumentOut<'a, S, T, N> {
    version: u32,
    title: Option<&'a str>,
    header: &'a [String],
    speakers: S,
    turns: T,
    notes: N,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    text: &'a str,
    line: Option<usize>,
    before_turn: usize,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
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
    fn notes_keep_their_place_and_version_1_still_loads() {
        let v2 = r#"{"version":2,"title":"T","header":["Date: today"],
            "speakers":[{"name":"A"}],
            "turns":[{"speaker":"A","paragraphs":["x"],"start":null,"end":null,"line":3},
                     {"speaker":"A","paragraphs":["y"],"start":null,"end":null,"line":5}],
            "notes":[{"text":"[laughter]","line":4,"before_turn":1},
                     {"text":"The end","line":6,"before_turn":2}]}"#;
        let loaded = parse(v2).expect("version 2");
        assert_eq!(loaded.header, ["Date: today"]);
        let placed: Vec<(&str, usize)> = loaded
            .notes
            .iter()
            .map(|note| (loaded.note_text(note), note.before_turn))
            .collect();
        assert_eq!(placed, [("[laughter]", 1), ("The end", 2)]);
        assert_eq!(loaded.turns.len(), 2);
        assert_eq!(
            parse(&to_json(&loaded)).map(|t| to_json(&t)),
            Ok(to_json(&loaded))
        );

        let v1 = r#"{"version":1,"title":null,"speakers":[{"name":"A"}],
            "turns":[{"speaker":"A","paragraphs":["x"],"start":null,"end":null,"line":null}],
            "notes":["Footer"]}"#;
        let loaded = parse(v1).expect("version 1");
        assert_eq!(loaded.notes[0].before_turn, 1);
        assert_eq!(loaded.note_text(&loaded.notes[0]), "Footer");
    }

    #[test]
    fn misplaced_notes_are_refused() {
        let past = r#"{"version":2,"title":null,"speakers":[],"turns":[],
            "notes":[{"text":"x","line":null,"before_turn":3}]}"#;
        assert_eq!(
            parse(past).unwrap_err(),
            "notes[0].before_turn: 3 is past the last turn (0)"
        );
        let backwards = r#"{"version":2,"title":null,"speakers":[{"name":"A"}],
            "turns":[{"speaker":"A","paragraphs":["x"],"start":null,"end":null,"line":null}],
            "notes":[{"text":"x","line":null,"before_turn":1},{"text":"y","line":null,"before_turn":0}]}"#;
        assert!(
            parse(backwards)
                .unwrap_err()
                .starts_with("notes[1].before_turn: 0")
        );
    }

    #[test]
    fn renamed_speakers_keep_their_label_both_ways() {
        let json = r#"{"version":2,"title":null,"header":[],
            "speakers":[{"name":"江滨","label":"SPEAKER_01"},{"name":"主持人"}],
            "turns":[{"speaker":"江滨","paragraphs":["x"],"start":null,"end":null,"line":null}],
            "notes":[]}"#;
        let loaded = parse(json).expect("a v2 file with labels loads");
        assert_eq!(loaded.speakers[0].name, "江滨");
        assert_eq!(loaded.label(0), Some("SPEAKER_01"));
        assert_eq!(loaded.label(1), None);
        let written = to_json(&loaded);
        assert!(
            written.contains(
                r#""name": "江滨",
      "label": "SPEAKER_01""#
            ),
            "{written}"
        );
        assert_eq!(parse(&written).map(|t| to_json(&t)), Ok(written));
    }

    #[test]
    fn unknown_versions_are_refused() {
        let future = r#"{"version":9,"title":null,"speakers":[],"turns":[]}"#;
        assert!(parse(future).unwrap_err().starts_with("version: 9"));
    }
}
