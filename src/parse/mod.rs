//! Reading transcripts: bytes to the model of SPEC §2.
//!
//! [`load`] decodes the bytes ([`encoding`]), picks the format by content ([`detect`]) and
//! hands the text to that format's reader: plain text ([`text`], or [`timed`] when its labels
//! carry times), [`markdown`], [`srt`], [`vtt`], or JSON — fangtan's own ([`native`]) or a
//! speech-to-text service's ([`stt`]).

pub mod assemble;
pub mod common;
pub mod detect;
pub mod document;
pub mod encoding;
pub mod error;
pub mod infer;
pub mod labels;
pub mod markdown;
pub mod native;
pub mod parallel;
pub mod srt;
pub mod stt;
pub mod text;
pub mod vtt;

use std::path::Path;

pub use self::assemble::{Explanation, Labels, TitleSource};
pub use self::detect::Format;
pub use self::encoding::EncodingError;
pub use self::error::ParseError;
use crate::model::Transcript;

/// The largest input fangtan reads: offsets into a transcript are kept in 32 bits.
pub const MAX_BYTES: usize = u32::MAX as usize;

/// A transcript, with what was guessed to read it.
#[derive(Debug)]
pub struct Loaded {
    /// The transcript.
    pub transcript: Transcript,
    /// The format it was read as.
    pub format: Format,
    /// The encoding it was decoded from.
    pub encoding: &'static encoding_rs::Encoding,
    /// Set when the decoding may be wrong; says how to choose another encoding.
    pub warning: Option<String>,
    /// What was inferred about the labels, title, header and notes (`--explain`).
    pub explanation: Explanation,
}

/// Why bytes could not be read as a transcript.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Not text, or an unknown encoding label.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
    /// Text in no shape the format allows.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// Larger than [`MAX_BYTES`].
    #[error("file too large ({0} bytes; fangtan reads up to 4 GiB)")]
    TooLarge(usize),
}

/// Reads a transcript from a file's bytes. `format` and `encoding` override detection;
/// `path` lends its extension when the content does not decide the format.
pub fn load(
    bytes: Vec<u8>,
    format: Option<Format>,
    encoding: Option<&str>,
    path: Option<&Path>,
) -> Result<Loaded, LoadError> {
    let options = ReadOptions {
        format,
        encoding: encoding.map(str::to_owned),
        labels: None,
    };
    load_with(bytes, &options, path)
}

/// How to read a file: what the command line says of its format, encoding and labels.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--format`; `None` detects.
    pub format: Option<Format>,
    /// `--encoding`; `None` detects.
    pub encoding: Option<String>,
    /// `--labels`; `None` infers the labels.
    pub labels: Option<regex::Regex>,
}

impl ReadOptions {
    /// The labels as the parsers take them.
    pub fn labels(&self) -> Labels<'_> {
        Labels {
            regex: self.labels.as_ref(),
        }
    }
}

/// [`load`], as the command line's options say.
pub fn load_with(
    bytes: Vec<u8>,
    options: &ReadOptions,
    path: Option<&Path>,
) -> Result<Loaded, LoadError> {
    let (format, encoding, labels) = (
        options.format,
        options.encoding.as_deref(),
        options.labels(),
    );
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::TooLarge(bytes.len()));
    }
    let decoded = encoding::decode(bytes, encoding)?;
    // Decoding UTF-16 or a legacy encoding can make the text longer than the bytes were.
    if decoded.text.len() > MAX_BYTES {
        return Err(LoadError::TooLarge(decoded.text.len()));
    }
    let format = format.unwrap_or_else(|| detect::detect(&decoded.text, path));
    let (transcript, explanation) = read_as(decoded.text, format, labels)?;
    Ok(Loaded {
        transcript,
        format,
        encoding: decoded.encoding,
        warning: decoded.warning,
        explanation,
    })
}

/// Parses text in a known format.
pub fn parse_as(text: String, format: Format) -> Result<Transcript, ParseError> {
    Ok(read_as(text, format, Labels::default())?.0)
}

/// Parses text in a known format, and says what was inferred.
pub fn read_as(
    text: String,
    format: Format,
    labels: Labels<'_>,
) -> Result<(Transcript, Explanation), ParseError> {
    let plain = |transcript| (transcript, Explanation::default());
    match format {
        Format::Text => Ok(text::read(text, labels)),
        Format::Markdown => Ok(markdown::read(&text, labels)),
        Format::Srt => srt::parse(&text).map(plain),
        Format::Vtt => vtt::parse(&text).map(plain),
        Format::Json => json(&text).map(plain),
    }
}

/// fangtan's own JSON, else a speech-to-text service's.
fn json(text: &str) -> Result<Transcript, ParseError> {
    stt::parse_any(text)
}

/// What parser tests compare: every turn as plain values.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::model::Transcript;

    /// A turn as (speaker, paragraphs, start, end, line).
    pub type TurnRow = (String, Vec<String>, Option<f64>, Option<f64>, Option<usize>);

    /// Every turn of `transcript`, in order.
    pub fn rows(transcript: &Transcript) -> Vec<TurnRow> {
        transcript
            .turns
            .iter()
            .map(|turn| {
                let paragraphs = transcript
                    .turn_paragraphs(turn)
                    .map(str::to_owned)
                    .collect();
                let speaker = transcript.speaker_of(turn).name.clone();
                (speaker, paragraphs, turn.start, turn.end, turn.line)
            })
            .collect()
    }

    /// A turn with its paragraphs joined by `|`, for subtitle tests.
    pub type JoinedRow = (String, String, Option<f64>, Option<f64>, Option<usize>);

    /// Every turn of `transcript`, paragraphs joined by `|`.
    pub fn joined_rows(transcript: &Transcript) -> Vec<JoinedRow> {
        let rows = rows(transcript).into_iter();
        rows.map(|(name, text, start, end, line)| (name, text.join("|"), start, end, line))
            .collect()
    }

    /// An owned string, for writing expected values briefly.
    pub fn s(text: &str) -> String {
        text.to_owned()
    }

    /// `count` random texts of fewer than `max_pieces` pieces of `alphabet` each, the same on
    /// every run (xorshift: the crate has no random-number dependency).
    pub fn random_texts<'a>(
        alphabet: &'a [&'a str],
        seed: u64,
        count: usize,
        max_pieces: u64,
    ) -> impl Iterator<Item = String> + 'a {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count).map(move |_| {
            let pieces = next() % max_pieces;
            (0..pieces)
                .map(|_| {
                    let index = usize::try_from(next() % alphabet.len() as u64).unwrap_or(0);
                    alphabet[index]
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_loads_as_text() {
        let loaded = load(crate::input::SAMPLE.to_vec(), None, None, None).expect("loads");
        assert_eq!(loaded.format, Format::Text);
        assert_eq!(loaded.transcript.turns.len(), 25);
        assert_eq!(loaded.warning, None);
    }

    #[test]
    fn json_of_no_known_shape_is_an_error() {
        let error = load(br#"{"hello": [1, 2]}"#.to_vec(), None, None, None).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("JSON matches no known transcript schema")
        );
    }

    #[test]
    fn own_json_is_recognised() {
        let transcript = text::parse(String::from_utf8_lossy(crate::input::SAMPLE).into_owned());
        let json = native::to_json(&transcript);
        let loaded = load(json.into_bytes(), None, None, None).expect("loads");
        assert_eq!(loaded.format, Format::Json);
        assert_eq!(
            loaded.transcript,
            transcript_without_arena_gaps(&transcript)
        );
    }

    /// The transcript as JSON carries it: the same content in a compact arena.
    fn transcript_without_arena_gaps(transcript: &Transcript) -> Transcript {
        native::parse(&native::to_json(transcript)).expect("own JSON")
    }

    #[test]
    fn timed_text_is_sniffed_from_the_top() {
        let text = "[00:00:01] Host: Hello.\n[00:00:05] Guest: Hi.\n[00:00:09] Host: Bye.\n";
        let transcript = parse_as(text.to_owned(), Format::Text).expect("parses");
        assert_eq!(transcript.turns[1].start, Some(5.0));
    }
}
