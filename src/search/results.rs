//! The matches of one search as they arrive from the engine's worker, and the lookups the
//! reader makes on them each frame.

use std::ops::Range;

use super::engine::Batch;
use super::{Match, Query};

/// The matches of one search, as known so far, sorted by offset.
///
/// Indices shift while a search is running (matches before the origin arrive last), so the
/// reader should remember the current match by its offset and look its index up each frame;
/// every lookup is a binary search.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    generation: u64,
    pub(super) query: Option<Query>,
    /// Matches in turns before the origin, found after wrapping around.
    head: Vec<Match>,
    /// Matches in turns from the origin on, found first.
    tail: Vec<Match>,
    hits: Vec<usize>,
    pub(super) done: bool,
    /// Only the turns of the previous results were searched (checked by tests).
    pub(crate) refined: bool,
}

impl SearchResults {
    pub(super) fn empty(generation: u64, speakers: usize) -> Self {
        Self {
            generation,
            hits: vec![0; speakers],
            ..Self::default()
        }
    }

    /// Adds a batch of the current search; returns whether anything changed.
    pub(super) fn apply(&mut self, batch: Batch) -> bool {
        if batch.generation != self.generation {
            return false;
        }
        let target = if batch.wrapped {
            &mut self.head
        } else {
            &mut self.tail
        };
        target.extend_from_slice(&batch.matches);
        if self.hits.len() < batch.hits.len() {
            self.hits.resize(batch.hits.len(), 0);
        }
        for (total, count) in self.hits.iter_mut().zip(&batch.hits) {
            *total += count;
        }
        self.done |= batch.done;
        self.refined |= batch.refined;
        !batch.matches.is_empty() || batch.done
    }

    /// The query searched for, `None` before any search.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// Matches found so far.
    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    /// Whether no match has been found (yet).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the search is complete (`i/n` rather than `i/n…`).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The match at `index` in offset order.
    pub fn get(&self, index: usize) -> Option<Match> {
        match index.checked_sub(self.head.len()) {
            None => self.head.get(index).copied(),
            Some(index) => self.tail.get(index).copied(),
        }
    }

    /// All matches so far, in offset order; their `start`s are the scrollbar's marks.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Match> + '_ {
        self.head.iter().chain(&self.tail).copied()
    }

    /// The number of matches for which `before` holds, given that it holds for a prefix.
    fn partition(&self, before: impl Fn(&Match) -> bool) -> usize {
        if self.head.last().is_none_or(&before) {
            self.head.len() + self.tail.partition_point(before)
        } else {
            self.head.partition_point(before)
        }
    }

    /// Index of the first match starting at or after byte `offset` of the arena (for a turn:
    /// its [`turn_span`](crate::model::Transcript::turn_span)`.start`), or [`len`](Self::len)
    /// when there is none.
    pub fn index_at_or_after(&self, offset: usize) -> usize {
        self.partition(|found| (found.start as usize) < offset)
    }

    /// Index of the match the view jumps to when searching from `offset`: the first at or
    /// after it, else (wrapping) the first of all.
    pub fn first_from(&self, offset: usize) -> Option<usize> {
        let index = self.index_at_or_after(offset);
        if index < self.len() {
            Some(index)
        } else {
            (!self.is_empty()).then_some(0)
        }
    }

    /// Index of the next match after the one starting at `offset` (`n`), wrapping around.
    pub fn next_after(&self, offset: usize) -> Option<usize> {
        self.first_from(offset.saturating_add(1))
    }

    /// Index of the match before the one starting at `offset` (`N`), wrapping around.
    pub fn previous_before(&self, offset: usize) -> Option<usize> {
        let index = self.index_at_or_after(offset);
        match index.checked_sub(1) {
            Some(previous) => Some(previous),
            None => self.len().checked_sub(1),
        }
    }

    /// The matches overlapping byte `range` of the arena (the lines on screen), in order.
    pub fn in_range(&self, range: Range<usize>) -> impl Iterator<Item = Match> + '_ {
        // Matches never overlap, so their ends are sorted like their starts.
        let first = self.partition(|found| (found.end as usize) <= range.start);
        let end = self.partition(|found| (found.start as usize) < range.end);
        (first..end.max(first)).filter_map(|index| self.get(index))
    }

    /// How many matches start within byte `range` of the arena: a scrollbar row's marker.
    pub fn count_in(&self, range: Range<usize>) -> usize {
        let first = self.index_at_or_after(range.start);
        let end = self.index_at_or_after(range.end);
        end.saturating_sub(first)
    }

    /// Matches so far per speaker, indexed by speaker id.
    pub fn hits_per_speaker(&self) -> &[usize] {
        &self.hits
    }

    /// The turns with matches, in order, each once (matches in notes are in no turn).
    pub fn turns(&self) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.iter().filter_map(move |found| {
            let turn = found.turn()?;
            (last.replace(turn) != Some(turn)).then_some(turn)
        })
    }
}
