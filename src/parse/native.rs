//! fangtan's own JSON (SPEC §3): what `--json` prints and what a `.json` file may hold.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::model::{SpeakerId, Transcript, TranscriptBuilder};

/// The version of the JSON shape this build writes. Version 1 (no header; notes as bare
/// strings after the conversation) still loads.
pub const VERSION: u32 = 2;

/// The JSON document. Fields may be added in later versions, none removed.
///
/// The turns are only checked and counted here: they go into the transcript one at a time in
/// a second reading (see [`parse`]), so a million of them are never held as objects.
#[derive(Debug, Deserialize)]
struct Document<'a> {
    version: u32,
    title: Option<String>,
    #[serde(default)]
    header: Vec<String>,
    #[serde(borrow)]
    speakers: Vec<SpeakerJson<'a>>,
    turns: Checked,
    #[serde(default, borrow)]
    notes: Vec<NoteJson<'a>>,
}

/// A note: version 2's placed object, or version 1's bare string (placed after the last turn).
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "a note: a string, or {\"text\", \"line\", \"before_turn\"}"
)]
enum NoteJson<'a> {
    Placed {
        #[serde(borrow)]
        text: Text<'a>,
        line: Option<usize>,
        before_turn: usize,
    },
    Bare(#[serde(borrow)] Text<'a>),
}

#[derive(Debug, Deserialize)]
struct SpeakerJson<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    /// The original label of a speaker renamed in the reading state.
    #[serde(default)]
    label: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TurnJson<'a> {
    #[serde(borrow)]
    speaker: Text<'a>,
    #[serde(borrow)]
    paragraphs: Vec<Text<'a>>,
    start: Option<f64>,
    end: Option<f64>,
    line: Option<usize>,
}

/// A string, borrowed from the file unless it has escapes.
#[derive(Debug)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Visit<'a> {
            type Value = Text<'a>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
        }
        deserializer.deserialize_str(Visit(PhantomData))
    }
}

/// The number of elements of an array, each checked as a [`TurnJson`] and dropped.
#[derive(Debug)]
struct Checked(usize);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Checked;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
                let mut count = 0;
                while seq.next_element::<TurnJson<'de>>()?.is_some() {
                    count += 1;
                }
                Ok(Checked(count))
            }
        }
        deserializer.deserialize_seq(Visit)
    }
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
        builder.speaker(&speaker.name.0);
    }
    let Checked(turns) = document.turns;
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
    each_turn(text, |index, turn| {
        place_notes(&mut builder, index)?;
        let speaker = builder.speaker(&turn.speaker.0);
        if speaker >= known {
            return Err(format!(
                "turns[{index}].speaker: \"{}\" is not in speakers",
                turn.speaker.0
            ));
        }
        builder.start_turn(speaker, turn.start, turn.end, turn.line);
        for paragraph in &turn.paragraphs {
            builder.push_paragraph(&paragraph.0);
        }
        Ok(())
    })?;
    place_notes(&mut builder, turns)?;
    if let Some((index, note)) = notes.next() {
        return Err(format!(
            "notes[{index}].before_turn: {} is past the last turn ({turns})",
            note.before_turn(turns)
        ));
    }
    let mut transcript = builder.finish();
    // Speakers without turns are gone from the transcript: labels are found by name.
    let labelled: Vec<(Text, String)> = document
        .speakers
        .into_iter()
        .filter_map(|speaker| Some((speaker.name, speaker.label?)))
        .collect();
    if !labelled.is_empty() {
        let ids: HashMap<String, SpeakerId> = transcript
            .speakers
            .iter()
            .enumerate()
            .map(|(id, speaker)| (speaker.name.clone(), id))
            .collect();
        for (name, label) in labelled {
            if let Some(&id) = ids.get(name.0.as_ref()) {
                transcript.set_label(id, Some(label));
            }
        }
    }
    Ok(transcript)
}

/// Reads the turns of a checked document again, handing each to `each` in order and stopping
/// at the first error it returns.
fn each_turn<'a>(
    text: &'a str,
    each: impl FnMut(usize, TurnJson<'a>) -> Result<(), String>,
) -> Result<(), String> {
    let mut turns = Turns {
        each,
        stopped: None,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match deserializer.deserialize_map(&mut turns) {
        Ok(()) => Ok(()),
        // The closure's error travels through serde as a placeholder; the real one is kept.
        Err(error) => Err(turns.stopped.unwrap_or_else(|| error.to_string())),
    }
}

/// The `turns` of the top-level object, walked with a closure.
struct Turns<F> {
    each: F,
    stopped: Option<String>,
}

impl<'de, F> Visitor<'de> for &mut Turns<F>
where
    F: FnMut(usize, TurnJson<'de>) -> Result<(), String>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("fangtan's JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if key.0 == "turns" {
                map.next_value_seed(&mut *self)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(turn) = seq.next_element::<TurnJson<'de>>()? {
            if let Err(error) = (self.each)(index, turn) {
                self.stopped = Some(error);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

impl<'de, F> DeserializeSeed<'de> for &mut Turns<F>
where
    F: FnMut(usize, TurnJson<'de>) -> Result<(), String>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'a> NoteJson<'a> {
    /// The turn the note stands before; a bare note comes after all `turns`.
    fn before_turn(&self, turns: usize) -> usize {
        match self {
            Self::Placed { before_turn, .. } => *before_turn,
            Self::Bare(_) => turns,
        }
    }

    fn into_parts(self) -> (Cow<'a, str>, Option<usize>) {
        match self {
            Self::Placed { text, line, .. } => (text.0, line),
            Self::Bare(text) => (text.0, None),
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
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut *out,
        Escaping(serde_json::ser::PrettyFormatter::new()),
    );
    document.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

/// Writes any value as one line of JSON (JSON Lines), escaped as [`write_json`] escapes.
pub fn write_json_line(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut *out,
        Escaping(serde_json::ser::CompactFormatter),
    );
    value.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

/// A JSON formatter that also escapes DEL and the C1 controls (`\u0085`), which JSON allows raw
/// but a terminal showing the output would obey, and the bidi overrides and isolates, which
/// would reorder what is shown around them. Everything else is the inner formatter's.
struct Escaping<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(needs_escape) {
            self.0.write_string_fragment(writer, &rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_string_fragment(writer, rest)
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Characters JSON may carry raw that must not reach a terminal raw.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    fn fields_in_any_order_and_escaped_text_load() {
        // The turns are read in a second pass over the file, wherever they stand in it.
        let shuffled = r#"{"notes":[{"text":"[\u7b11]","line":null,"before_turn":1}],
            "turns":[{"speaker":"A\"1","paragraphs":["x \"y\"","z"],"start":1.5,"end":null,"line":2},
                     {"line":null,"end":null,"start":null,"paragraphs":["w"],"speaker":"B"}],
            "speakers":[{"name":"A\"1"},{"name":"B"}],"title":null,"version":2}"#;
        let loaded = parse(shuffled).expect("loads");
        assert_eq!(loaded.speakers[0].name, "A\"1");
        let first: Vec<&str> = loaded.turn_paragraphs(&loaded.turns[0]).collect();
        assert_eq!(first, ["x \"y\"", "z"]);
        assert_eq!(loaded.note_text(&loaded.notes[0]), "[笑]");
        assert_eq!(loaded.notes[0].before_turn, 1);
        assert_eq!(loaded.turns[1].start, None);
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
