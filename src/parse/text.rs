//! Plain text, the common case (SPEC §2): the file's lines, labelled by the shapes the whole
//! document uses ([`super::infer`]), read into title, header, turns and notes
//! ([`super::assemble`]). The file's string becomes the transcript's arena as it is, so a
//! paragraph is a byte range of the file and nothing is copied.

use super::assemble::{self, Explanation, Labels};
use super::document::Document;
use crate::model::Transcript;

/// Parses plain text. Never fails: every line ends up as the title, a header line, a turn's
/// paragraph or a note.
pub fn parse(text: String) -> Transcript {
    read(text, Labels::default()).0
}

/// Parses plain text, with labels inferred or given, and says what was inferred.
pub fn read(text: String, labels: Labels<'_>) -> (Transcript, Explanation) {
    assemble::read(Document::plain(text), labels)
}

#[cfg(test)]
mod tests;
