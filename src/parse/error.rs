//! The error every format parser returns.

use thiserror::Error;

/// Why a transcript could not be parsed. Each message is one line, ready to follow
/// `fangtan: <file>: `.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// A subtitle cue's timing line has `-->` but times that cannot be read.
    #[error("line {line}: invalid cue timing {found:?}")]
    BadTiming {
        /// 1-based line of the timing.
        line: usize,
        /// The offending line, as found.
        found: String,
    },
    /// The file is not valid JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// Valid JSON, but in no transcript shape fangtan knows.
    #[error(
        "JSON matches no known transcript schema (expected fangtan, Podcasting 2.0, WhisperX, \
         Whisper, Amazon Transcribe, AssemblyAI or Deepgram)"
    )]
    UnknownSchema,
    /// A known JSON shape with a field of the wrong type, e.g.
    /// `utterances[3].start: expected a number`.
    #[error("{0}")]
    Schema(String),
}

impl From<serde_json::Error> for ParseError {
    fn from(error: serde_json::Error) -> Self {
        // serde_json's Display repeats the position; keep only the reason.
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        Self::Json {
            line: error.line(),
            column: error.column(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_names_the_position_once() {
        let error: ParseError = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }")
            .map(|_| ())
            .map_err(ParseError::from)
            .err()
            .unwrap_or(ParseError::UnknownSchema);
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 2, column 8: expected value"
        );
    }

    #[test]
    fn messages_are_one_line() {
        let errors = [
            ParseError::BadTiming {
                line: 3,
                found: "00:00:xx --> 1".into(),
            },
            ParseError::UnknownSchema,
            ParseError::Schema("utterances[3].start: expected a number".into()),
        ];
        for error in errors {
            assert!(!error.to_string().contains('\n'), "{error}");
        }
    }
}
