//! Search: the matcher ([`Query`]) and the background engine ([`SearchEngine`]).
//!
//! A query compiles into one regular expression in which each character stands for a class
//! of its equivalents (full-width and half-width forms, both cases unless the query has an
//! uppercase letter, and optionally the Han characters its pinyin spells). The text is never
//! copied or lowercased, so match offsets are byte ranges of the transcript's arena and
//! highlights land on the original characters.
//!
//! The engine runs the regex over large slices of the arena spanning many paragraphs, on a
//! worker thread, chunk by chunk, and keeps only matches that lie within one paragraph (the
//! arena also holds labels and line ends, which must never match).

mod engine;
mod fold;
mod pinyin;
mod query;
mod results;
mod scan;

pub use engine::{SearchEngine, search_all};
pub use query::{Query, QueryError, QueryOptions};
pub use results::SearchResults;

use std::ops::Range;

/// One match: a byte range of the transcript's arena, within one paragraph of one turn, or of
/// one note.
///
/// Stored in 12 bytes, because a search for `的` over 100 MB finds millions: offsets and turn
/// indices are therefore limited to `u32` (turn indices to 31 bits, the top bit marks a note),
/// and text beyond the first 4 GiB of an arena is not searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Match {
    /// Index of the turn in [`crate::model::Transcript::turns`]; for a match in a note, the
    /// turn the note stands before (the number of turns after the last one) with [`NOTE`] set.
    pub turn: u32,
    /// First byte of the match in the arena.
    pub start: u32,
    /// One past the last byte of the match in the arena.
    pub end: u32,
}

/// The bit of [`Match::turn`] that marks a match in a note.
pub const NOTE: u32 = 1 << 31;

impl Match {
    /// The turn the match is in; `None` for a match in a note.
    pub fn turn(self) -> Option<usize> {
        (self.turn & NOTE == 0).then_some(self.turn as usize)
    }

    /// Whether the match is in a note.
    pub fn in_note(self) -> bool {
        self.turn & NOTE != 0
    }

    /// The unit of the search the match belongs to: its turn, or for a note the turn the
    /// note stands before (a unit is a turn with the notes before it).
    pub fn unit(self) -> usize {
        (self.turn & !NOTE) as usize
    }

    /// The byte range of the arena the match covers.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[cfg(test)]
mod tests;
