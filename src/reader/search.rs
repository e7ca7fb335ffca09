//! The reader's side of search: the query being typed, its options and history, where the
//! search began, and which match is current. The matching runs in [`crate::search`]'s
//! background engine; this only asks it and reads what it has found so far.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use super::view::Anchor;
use crate::conversation;
use crate::model::Transcript;
use crate::search::{Match, Query, QueryOptions, SearchEngine, SearchResults};

/// The search bar's state.
#[derive(Debug)]
pub struct SearchState {
    engine: SearchEngine,
    transcript: Arc<Transcript>,
    shown: Arc<Vec<bool>>,
    options: QueryOptions,
    text: String,
    error: Option<String>,
    /// Where the view was when `/` was pressed, and the arena byte there.
    origin: (Anchor, usize),
    /// The current match, remembered by value: indices shift while results arrive.
    current: Option<Match>,
    history: Vec<String>,
    recalled: Option<usize>,
    /// The search in force when `/` was pressed, for `Esc` to bring back.
    kept: Option<(String, QueryOptions, Option<Match>)>,
    /// Go to the current match as soon as it is found.
    following: bool,
    /// `n` and `N` pressed before the matches that answer them had arrived, in order, each
    /// with the top of the view when it was pressed: carried out as the matches arrive.
    queued: VecDeque<(bool, usize)>,
    /// The last queued step carried out (its direction, and where it went or `None` when
    /// nothing matched), for the reader to show.
    late: Option<(bool, Option<Step>)>,
}

/// Where `n` or `N` went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the next match in that direction.
    Moved,
    /// Past the end (or the start), round to the other end.
    Wrapped,
    /// Not yet: the search is still counting; the step is taken as the matches arrive.
    Queued,
}

/// A step that the matches found so far cannot decide.
struct Undecided;

impl SearchState {
    /// No search yet.
    pub fn new(transcript: Arc<Transcript>) -> Self {
        Self {
            engine: SearchEngine::new(Arc::clone(&transcript)),
            shown: Arc::new(vec![true; transcript.speakers.len()]),
            transcript,
            options: QueryOptions::default(),
            text: String::new(),
            error: None,
            origin: (Anchor::default(), 0),
            current: None,
            history: Vec::new(),
            recalled: None,
            kept: None,
            following: false,
            queued: VecDeque::new(),
            late: None,
        }
    }

    /// Searches another transcript (more of the same file arrived, or another file); the query
    /// is kept and searched for again by [`Self::restart`].
    pub fn set_transcript(&mut self, transcript: Arc<Transcript>) {
        self.engine = SearchEngine::new(Arc::clone(&transcript));
        self.shown = Arc::new(vec![true; transcript.speakers.len()]);
        self.transcript = transcript;
        self.current = None;
        self.queued.clear();
    }

    /// Opens the search bar at a view position.
    pub fn begin(&mut self, anchor: Anchor, byte: usize) {
        self.origin = (anchor, byte);
        self.recalled = None;
        self.kept = Some((self.text.clone(), self.options, self.current));
    }

    /// Where the search began.
    pub fn origin(&self) -> Anchor {
        self.origin.0
    }

    /// Where the search began, and the arena byte at the top of the view there.
    pub fn origin_byte(&self) -> (Anchor, usize) {
        self.origin
    }

    /// Puts the history of earlier runs (oldest first) before this run's queries.
    pub fn remembered_history(&mut self, earlier: Vec<String>) {
        let mut history = earlier;
        history.retain(|old| !self.history.contains(old));
        history.append(&mut self.history);
        self.history = history;
        self.recalled = None;
    }

    /// The query typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The options in force.
    pub fn options(&self) -> QueryOptions {
        self.options
    }

    /// Why the query cannot be searched for (an invalid regex), if so.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether there is a query with results to step through.
    pub fn has_query(&self) -> bool {
        !self.text.is_empty() && self.error.is_none()
    }

    /// What is known so far.
    pub fn results(&self) -> &SearchResults {
        self.engine.results()
    }

    /// Whether the engine is still counting.
    pub fn is_running(&self) -> bool {
        self.has_query() && !self.engine.results().is_done()
    }

    /// Searches for `text` afresh, from where the search began.
    pub fn set_query(&mut self, text: &str) {
        self.text = text.to_owned();
        self.current = None;
        self.queued.clear();
        self.error = None;
        if text.is_empty() {
            self.engine.clear();
            return;
        }
        match Query::new(text, self.options) {
            Ok(query) => {
                let origin_turn = self.turn_at(self.origin.1);
                self.engine
                    .start(query, origin_turn, Arc::clone(&self.shown));
                self.poll();
            }
            Err(error) => {
                self.engine.clear();
                self.error = Some(error.to_string());
            }
        }
    }

    /// Runs the same query again (after speakers were hidden or shown).
    pub fn restart(&mut self) {
        if self.has_query() {
            let text = self.text.clone();
            self.set_query(&text);
        }
    }

    /// Sets which speakers are searched.
    pub fn set_shown(&mut self, shown: &[bool]) {
        self.shown = Arc::new(shown.to_vec());
    }

    /// Sets the options in force (the command line's `--regex`, `--pinyin`).
    pub fn set_options(&mut self, options: QueryOptions) {
        self.options = options;
    }

    /// Switches regular expressions on or off.
    pub fn toggle_regex(&mut self) {
        self.options.regex = !self.options.regex;
    }

    /// Switches pinyin matching on or off.
    pub fn toggle_pinyin(&mut self) {
        self.options.pinyin = !self.options.pinyin;
    }

    /// Switches between finding both Chinese scripts (`队` finds `隊`) and only the one typed.
    pub fn toggle_same_script(&mut self) {
        self.options.same_script = !self.options.same_script;
    }

    /// Picks up what the engine found, and takes the steps queued for it; true when the
    /// current match was just found.
    pub fn poll(&mut self) -> bool {
        self.engine.poll();
        let found = self.find_current();
        self.take_queued_steps();
        found
    }

    /// The first match at or after where the search began, when there is no current one yet.
    fn find_current(&mut self) -> bool {
        if self.current.is_some() || !self.has_query() {
            return false;
        }
        let results = self.engine.results();
        // Until the search is done, a match before the origin may still arrive, so only a
        // match at or after the origin is taken as the first; wrapping waits for the end.
        let index = results.index_at_or_after(self.origin.1);
        let found = if index < results.len() {
            results.get(index)
        } else if results.is_done() {
            results.get(0)
        } else {
            None
        };
        self.current = found;
        found.is_some()
    }

    /// Takes the queued steps that the matches found so far decide.
    fn take_queued_steps(&mut self) {
        while let Some(&(forward, byte)) = self.queued.front() {
            let Ok(step) = self.try_step(forward, byte) else {
                break;
            };
            self.queued.pop_front();
            self.late = Some((forward, step));
        }
    }

    /// The current match's first byte in the arena.
    pub fn current(&self) -> Option<usize> {
        self.current.map(|found| found.start as usize)
    }

    /// The current match's byte range, for highlighting it apart from the rest.
    pub fn current_range(&self) -> Option<Range<usize>> {
        self.current.map(Match::range)
    }

    /// The current match's 1-based position and the count so far.
    pub fn position(&self) -> (usize, usize) {
        let results = self.engine.results();
        let index = self.current.map_or(0, |found| {
            results.index_at_or_after(found.start as usize) + 1
        });
        (index, results.len())
    }

    /// `n` / `N`: steps to the next or previous match, from the current one or, when there is
    /// none, from `byte` (the top of the view). `None` when there is no match at all;
    /// [`Step::Queued`] while the search is still counting and the matches that answer the
    /// step may yet arrive (it is taken then, see [`Self::take_late_step`]).
    pub fn step(&mut self, forward: bool, byte: usize) -> Option<Step> {
        if self.queued.is_empty()
            && let Ok(step) = self.try_step(forward, byte)
        {
            return step;
        }
        self.queued.push_back((forward, byte));
        Some(Step::Queued)
    }

    /// A step as the matches found so far decide it. Wrapping round and finding nothing are
    /// sure only once the search is done: a match past the current one may still arrive.
    fn try_step(&mut self, forward: bool, byte: usize) -> Result<Option<Step>, Undecided> {
        let results = self.engine.results();
        let from = self.current.map_or(byte, |found| found.start as usize);
        let index = match (self.current, forward) {
            (Some(_), true) => results.next_after(from),
            (Some(_), false) => results.previous_before(from),
            (None, true) => results.first_from(from),
            (None, false) => results.previous_before(from),
        };
        let found = index.and_then(|index| results.get(index));
        let step = found.map(|found| {
            let now = found.start as usize;
            let wrapped = if forward {
                now < from || (now == from && results.len() == 1)
            } else {
                now > from || (now == from && results.len() == 1)
            };
            if wrapped { Step::Wrapped } else { Step::Moved }
        });
        if !results.is_done() && step != Some(Step::Moved) {
            return Err(Undecided);
        }
        if found.is_some() {
            self.current = found;
        }
        Ok(step)
    }

    /// The last queued step taken since asked: its direction, and where it went (`None`: the
    /// search ended with no match).
    pub fn take_late_step(&mut self) -> Option<(bool, Option<Step>)> {
        self.late.take()
    }

    /// `Enter`: keeps the search and remembers the query. When the first match has not been
    /// found yet (a large file, `-s` at start-up), the view goes to it when it is.
    pub fn commit(&mut self) {
        self.remember(&self.text.clone());
        self.following = self.current.is_none() && self.has_query();
    }

    /// Puts a query into the history (once, as the latest).
    fn remember(&mut self, text: &str) {
        if !text.is_empty() {
            self.history.retain(|old| old != text);
            self.history.push(text.to_owned());
        }
    }

    /// Whether the view should go to the match just found (after [`Self::commit`]); asked
    /// once.
    pub fn take_following(&mut self) -> bool {
        std::mem::take(&mut self.following)
    }

    /// Forgets the search and its highlights (the query stays in the history).
    pub fn clear(&mut self) {
        self.commit();
        self.text.clear();
        self.error = None;
        self.current = None;
        self.queued.clear();
        self.engine.clear();
    }

    /// `Esc` in the search bar: the search in force before `/` is back (as in less and vim),
    /// what was `typed` goes into the history; returns where the view was when `/` was pressed.
    pub fn abandon(&mut self, typed: &str) -> Anchor {
        self.remember(typed);
        let (text, options, current) = self.kept.take().unwrap_or_default();
        if text != self.text || options != self.options {
            self.options = options;
            self.set_query(&text);
        }
        self.current = current;
        self.origin.0
    }

    /// `↑` / `↓` in the search bar: an earlier or later query of this session.
    pub fn recall(&mut self, older: bool) -> Option<String> {
        if self.history.is_empty() {
            return None;
        }
        let last = self.history.len() - 1;
        let next = match (self.recalled, older) {
            (None, true) => last,
            (None, false) => return None,
            (Some(at), true) => at.saturating_sub(1),
            (Some(at), false) if at < last => at + 1,
            (Some(_), false) => return None,
        };
        self.recalled = Some(next);
        self.history.get(next).cloned()
    }

    /// The message for `n` when nothing matches.
    pub fn describe_empty(&self) -> String {
        match &self.error {
            Some(error) => error.clone(),
            None if self.is_running() => format!("still searching for {}…", self.text),
            None => format!("no match for {}", self.text),
        }
    }

    /// The turn holding arena byte `byte`, or the next one.
    fn turn_at(&self, byte: usize) -> usize {
        conversation::turn_at_byte(&self.transcript, byte)
    }
}
