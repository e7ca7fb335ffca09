//! Reading the fields of one element, with errors that name the field and where it stands
//! (`results.items[3].start_time: expected a time in seconds in a string, found "zero"`).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde_json::value::RawValue;

use super::raw::{Document, Members, Picked, Stop, is_null, kind};
use crate::parse::error::ParseError;

/// Why a known shape could not be read.
#[derive(Debug)]
pub enum Failure {
    /// A field of the wrong type, named with its place.
    Schema(String),
    /// JSON that serde_json refuses where it is read (a number out of range).
    Json(ParseError),
    /// A speaker appeared after pauses had split paragraphs: read again knowing there are
    /// speakers.
    Restart,
}

impl From<ParseError> for Failure {
    fn from(error: ParseError) -> Self {
        Self::Json(error)
    }
}

impl From<Stop<Failure>> for Failure {
    fn from(stop: Stop<Failure>) -> Self {
        match stop {
            Stop::Caller(failure) => failure,
            Stop::Json(error) => Self::Json(error),
        }
    }
}

/// Where a value stands in the document (`results.items[3].start_time`), written out only when
/// an error names it.
#[derive(Debug, Clone, Copy)]
pub enum At<'p> {
    /// The document itself.
    Root,
    /// A member of an object.
    Key(&'p At<'p>, &'static str),
    /// An element of an array.
    Index(&'p At<'p>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Root => Ok(()),
            Self::Key(Self::Root, key) => f.write_str(key),
            Self::Key(parent, key) => write!(f, "{parent}.{key}"),
            Self::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

impl<'p> At<'p> {
    /// The member `key` of this value.
    pub fn key(&'p self, key: &'static str) -> Self {
        Self::Key(self, key)
    }
}

fn schema_error(message: String) -> Failure {
    Failure::Schema(message)
}

/// The members of an element that must be an object.
pub fn object<'a, const N: usize>(
    picked: Picked<'a, N>,
    at: &At,
) -> Result<Members<'a, N>, Failure> {
    picked.map_err(|found| schema_error(format!("{at}: expected an object, found {found}")))
}

/// An array's text; a missing one is reported as `null`, the value it stood for.
pub fn array<'a>(value: Option<&'a RawValue>, at: &At) -> Result<&'a str, Failure> {
    match value {
        Some(value) if kind(value) == "an array" => Ok(value.get()),
        Some(value) => Err(expected(at, "an array", value)),
        None => Err(schema_error(format!("{at}: expected an array, found null"))),
    }
}

/// `at` holds the wrong kind of value.
fn expected(at: &At, what: &str, found: &RawValue) -> Failure {
    schema_error(format!("{at}: expected {what}, found {}", kind(found)))
}

/// `at` is not there (or, where a value is required, `null`).
pub fn missing(at: &At) -> Failure {
    schema_error(format!("{at}: missing"))
}

/// A required string, borrowed from the document or decoded into `scratch`.
pub fn string<'s>(
    doc: Document<'_>,
    value: Option<&'s RawValue>,
    at: &At,
    scratch: &'s mut String,
) -> Result<&'s str, Failure> {
    match value {
        Some(value) if kind(value) == "a string" => Ok(doc.string(value, scratch)),
        Some(value) => Err(expected(at, "a string", value)),
        None => Err(missing(at)),
    }
}

/// A string kept beyond its segment: borrowed from the document unless it has escapes.
pub fn owned_string<'a>(
    doc: Document<'a>,
    value: Option<&'a RawValue>,
    at: &At,
) -> Result<Cow<'a, str>, Failure> {
    match value {
        Some(value) if kind(value) == "a string" => Ok(doc.owned_string(value)),
        Some(value) => Err(expected(at, "a string", value)),
        None => Err(missing(at)),
    }
}

/// A required number.
pub fn number(doc: Document<'_>, value: Option<&RawValue>, at: &At) -> Result<f64, Failure> {
    optional_number(doc, value, at)?.ok_or_else(|| missing(at))
}

/// A number, or `None` for a missing field or `null`.
pub fn optional_number(
    doc: Document<'_>,
    value: Option<&RawValue>,
    at: &At,
) -> Result<Option<f64>, Failure> {
    match value {
        None => Ok(None),
        Some(value) if is_null(value) => Ok(None),
        Some(value) if kind(value) == "a number" => Ok(Some(doc.number(value)?)),
        Some(value) => Err(expected(at, "a number", value)),
    }
}

/// A time in seconds in a string, as Amazon writes it (`"1.84"`), or a number; `None` for a
/// missing field or `null`.
pub fn optional_seconds(
    doc: Document<'_>,
    value: Option<&RawValue>,
    at: &At,
    scratch: &mut String,
) -> Result<Option<f64>, Failure> {
    let Some(value) = value.filter(|value| !is_null(value)) else {
        return Ok(None);
    };
    match kind(value) {
        "a string" => {
            let text = doc.string(value, scratch);
            // `"NaN"` and `"inf"` parse as numbers but are no time: refused, like any other word.
            text.trim()
                .parse::<f64>()
                .ok()
                .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
                .map(Some)
                .ok_or_else(|| {
                    schema_error(format!(
                        "{at}: expected a time in seconds in a string, found {text:?}"
                    ))
                })
        }
        "a number" => Ok(Some(doc.number(value)?)),
        _ => Err(expected(at, "a number in a string", value)),
    }
}

/// A speaker as given: a string, or an integer (Deepgram) written in decimal into `scratch`.
pub fn optional_speaker<'s>(
    doc: Document<'_>,
    value: Option<&'s RawValue>,
    at: &At,
    scratch: &'s mut String,
) -> Result<Option<&'s str>, Failure> {
    let Some(value) = value.filter(|value| !is_null(value)) else {
        return Ok(None);
    };
    match kind(value) {
        "a string" => Ok(Some(doc.string(value, scratch))),
        "a number" => {
            let number = doc.exact_number(value)?;
            scratch.clear();
            // Writing to a string cannot fail.
            let _ = write!(scratch, "{number}");
            Ok(Some(scratch))
        }
        _ => Err(expected(at, "a string or a number", value)),
    }
}
