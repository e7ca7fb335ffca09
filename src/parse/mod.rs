//! Reading transcripts: bytes to the model of SPEC §2.

pub mod native;
pub mod text;

use crate::model::Transcript;

/// Why a file could not be read as a transcript.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not text.
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    /// The bytes are not valid UTF-8.
    #[error("not valid UTF-8")]
    Encoding,
    /// A JSON file that matches no known schema.
    #[error("{0}")]
    Json(String),
}

/// Reads a transcript from a file's bytes.
pub fn load(bytes: Vec<u8>) -> Result<Transcript, LoadError> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary(at));
    }
    let text = String::from_utf8(bytes).map_err(|_| LoadError::Encoding)?;
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return native::parse(&text).map_err(LoadError::Json);
    }
    Ok(text::parse(text))
}
