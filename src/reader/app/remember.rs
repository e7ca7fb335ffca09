//! The reading state as the reader sees it: what is remembered of the file shown (asked of the
//! keeper when the file is there, answered as [`Msg::State`](super::Msg::State)), the edits
//! and the names they give, marks and `''`, the position. Every change is returned as an
//! [`Effect::Save`] for the event loop to hand to the keeper; nothing here writes.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::{App, Effect, Mode};
use crate::model::Transcript;
use crate::state::{Change, Edit, Key, Reply, overlay};

/// The mark that holds where the last jump started, for `''`.
const JUMP_MARK: char = '\'';

/// What the reading state remembers of the file shown.
#[derive(Debug)]
pub struct Remembering {
    /// The transcript as parsed; the one shown is this with the edits applied.
    pub(super) original: Arc<Transcript>,
    /// How the reading state knows the file shown; `None` while nothing is remembered of it
    /// (`--no-state`, or standard input still arriving).
    pub(super) key: Option<Key>,
    /// The keeper answered for this file.
    recalled: bool,
    /// The edits, in the order they were made.
    pub(super) edits: Vec<Edit>,
    /// The highlighted arena ranges the edits leave, sorted.
    highlights: Vec<Range<usize>>,
    /// Marks by letter: arena bytes.
    marks: BTreeMap<char, usize>,
    /// The position last handed to the keeper.
    saved_position: Option<usize>,
    /// Where the view was when the file was shown: a recalled position applies only while the
    /// view is still there (a key pressed first wins).
    opened_at: Option<usize>,
    /// Why changes are not being kept, for the status bar.
    trouble: Option<String>,
    /// The edits of the cast last applied to `original`: applying the same again is skipped
    /// (a highlight changes no name). `None` when `original` is new.
    applied: Option<Vec<Edit>>,
}

impl Remembering {
    /// Nothing remembered yet of `original`.
    pub fn new(original: Arc<Transcript>) -> Self {
        Self {
            original,
            key: None,
            recalled: false,
            edits: Vec::new(),
            highlights: Vec::new(),
            marks: BTreeMap::new(),
            saved_position: None,
            opened_at: None,
            trouble: None,
            applied: None,
        }
    }

    /// The highlighted arena ranges, sorted.
    pub fn highlights(&self) -> &[Range<usize>] {
        &self.highlights
    }

    /// Why changes are not being kept, if they are not.
    pub fn trouble(&self) -> Option<&str> {
        self.trouble.as_deref()
    }

    /// Whether the keeper has yet to say what it remembers of the file shown.
    pub fn is_waiting(&self) -> bool {
        self.key.is_some() && !self.recalled
    }
}

impl App {
    /// Starts remembering a file just shown: `Effect::Recall` asks the keeper about it.
    pub(super) fn remember(&mut self, original: Arc<Transcript>, key: Option<Key>) -> Effect {
        let trouble = self.memory.trouble.take();
        self.memory = Remembering::new(original);
        self.memory.trouble = trouble;
        self.memory.opened_at = Some(self.view.top_byte());
        self.memory.key = key.filter(|_| self.options.remember);
        match &self.memory.key {
            Some(key) => Effect::Recall(key.clone()),
            None => Effect::None,
        }
    }

    /// More of the file shown arrived, and with it, maybe, the whole and so its key.
    pub(super) fn remember_more(&mut self, original: Arc<Transcript>, key: Option<Key>) -> Effect {
        self.memory.original = original;
        self.memory.applied = None;
        self.apply_edits();
        if self.memory.key.is_some() || !self.options.remember {
            return Effect::None;
        }
        self.memory.key = key;
        match &self.memory.key {
            Some(key) => Effect::Recall(key.clone()),
            None => Effect::None,
        }
    }

    /// The keeper answered.
    pub(super) fn state_reply(&mut self, reply: Reply) -> Effect {
        match reply {
            Reply::Opened {
                history,
                warning,
                keeping,
                ..
            } => {
                self.search.remembered_history(history);
                if !keeping {
                    self.memory.trouble = Some("not remembered".to_owned());
                }
                if let Some(warning) = warning {
                    self.tell(warning);
                }
            }
            Reply::Failed(why) => {
                self.memory.trouble = Some("not remembered".to_owned());
                self.tell(why);
            }
            Reply::Recalled {
                fingerprint,
                memory,
            } => {
                let ours = self.memory.key.as_ref().map(|key| key.fingerprint);
                if ours != Some(fingerprint) || self.memory.recalled {
                    return Effect::None;
                }
                self.memory.recalled = true;
                // What was done before the answer came stays, after what was remembered.
                let mut marks: BTreeMap<char, usize> = memory.marks.into_iter().collect();
                marks.append(&mut self.memory.marks);
                self.memory.marks = marks;
                let mut edits = memory.edits;
                edits.append(&mut self.memory.edits);
                self.memory.edits = edits;
                self.apply_edits();
                let unmoved = self.memory.opened_at == Some(self.view.top_byte());
                if let Some(position) = memory.position.filter(|_| unmoved) {
                    self.view.jump_to_byte(position);
                }
                self.memory.saved_position = memory.position;
                self.show_only(&self.options.speakers.clone());
            }
        }
        Effect::None
    }

    /// Puts a message in the status bar, after one already there.
    fn tell(&mut self, message: String) {
        self.message = Some(match self.message.take() {
            Some(before) => format!("{before}; {message}"),
            None => message,
        });
    }

    /// The view's new position, when it moved since the keeper was last told. Before the
    /// keeper's answer, the place the file opened at is not a position to keep (the answer
    /// may yet move the view), but a place the reader went to is.
    pub(super) fn position_change(&mut self) -> Option<Change> {
        let fingerprint = self.memory.key.as_ref()?.fingerprint;
        let byte = self.view.top_byte();
        if !self.memory.recalled && self.memory.opened_at == Some(byte) {
            return None;
        }
        if self.memory.saved_position == Some(byte) {
            return None;
        }
        self.memory.saved_position = Some(byte);
        Some(Change::Position { fingerprint, byte })
    }

    /// `effect`, then `change` kept when the file is remembered.
    pub(super) fn save(&self, effect: Effect, change: Change) -> Effect {
        let remembered = self.memory.key.is_some() || matches!(change, Change::Search { .. });
        if remembered && self.options.remember {
            effect.then(Effect::Save(vec![change]))
        } else {
            effect
        }
    }

    /// After a jump from arena byte `from`: when the view moved, `''` comes back there.
    pub(super) fn jumped_from(&mut self, from: usize, effect: Effect) -> Effect {
        if self.view.top_byte() == from {
            return effect;
        }
        self.set_mark(JUMP_MARK, from, effect)
    }

    fn set_mark(&mut self, letter: char, byte: usize, effect: Effect) -> Effect {
        self.memory.marks.insert(letter, byte);
        match &self.memory.key {
            Some(key) => {
                let fingerprint = key.fingerprint;
                self.save(
                    effect,
                    Change::Mark {
                        fingerprint,
                        letter,
                        byte,
                    },
                )
            }
            None => effect,
        }
    }

    /// The letter after `m` (set that mark here) or `'` (go to it; `'` again: back to where
    /// the last jump started).
    pub(super) fn mark_letter(&mut self, letter: char) -> Effect {
        let setting = self.mode == Mode::Mark(true);
        self.mode = Mode::Reading;
        let here = self.view.top_byte();
        if setting {
            if !letter.is_alphanumeric() {
                self.message = Some(format!("a mark is a letter or a digit, not {letter}"));
                return Effect::None;
            }
            self.message = Some(format!("mark {letter} set ('{letter} comes back here)"));
            return self.set_mark(letter, here, Effect::None);
        }
        let Some(&target) = self.memory.marks.get(&letter) else {
            self.message = Some(if letter == JUMP_MARK {
                "no jump yet to go back from".to_owned()
            } else {
                format!("no mark {letter} (m{letter} sets it)")
            });
            return Effect::None;
        };
        self.view.jump_to_byte(target);
        if letter != JUMP_MARK {
            self.message = Some(format!("mark {letter}"));
        }
        self.jumped_from(here, Effect::None)
    }

    /// An edit was made: it is shown and kept.
    pub(super) fn edit_made(&mut self, edit: Edit) -> Effect {
        self.memory.edits.push(edit.clone());
        self.apply_edits();
        match &self.memory.key {
            Some(key) => {
                let fingerprint = key.fingerprint;
                self.save(Effect::None, Change::Edit { fingerprint, edit })
            }
            None => Effect::None,
        }
    }

    /// `u`: the last edit undone.
    pub(super) fn undo(&mut self) -> Effect {
        let Some(edit) = self.memory.edits.pop() else {
            self.message = Some("nothing to undo".to_owned());
            return Effect::None;
        };
        let what = edit.describe(&self.transcript);
        self.apply_edits();
        self.message = Some(format!("undone: {what}"));
        match &self.memory.key {
            Some(key) => {
                let fingerprint = key.fingerprint;
                self.save(Effect::None, Change::Undo { fingerprint, edit })
            }
            None => Effect::None,
        }
    }

    /// Shows the transcript as the edits make it, and their highlights.
    pub(super) fn apply_edits(&mut self) {
        self.memory.highlights = overlay::highlights(&self.memory.edits);
        let cast: Vec<Edit> = self
            .memory
            .edits
            .iter()
            .filter(|edit| edit.is_cast())
            .cloned()
            .collect();
        if self.memory.applied.as_ref() == Some(&cast) {
            return;
        }
        let original = &self.memory.original;
        let shown = if cast.is_empty() {
            Arc::clone(original)
        } else {
            Arc::new(overlay::apply(original, &cast))
        };
        self.memory.applied = Some(cast);
        if !Arc::ptr_eq(&shown, &self.transcript) {
            self.recast(shown);
        }
    }
}
