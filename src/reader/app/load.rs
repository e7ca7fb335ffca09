//! Files arriving: the first, another one (`:n`, `:p`), more of the one shown (a large file's
//! whole after its head, standard input as it arrives), or why one cannot be read.

use std::sync::Arc;

use tui_input::Input;

use super::{App, Effect, Focus, Mode};
use crate::model::{SpeakerStats, Transcript};
use crate::parse;
use crate::reader::action::Action;
use crate::reader::view::{self, View};
use crate::state::Key;

/// How much of a transcript has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// All of it.
    Complete,
    /// The head of a large file, for the first screen while the whole file loads; keys wait
    /// for the whole, so that `G` or a search acts on all of it.
    Head,
    /// What standard input has delivered so far (`bytes` of it); keys act on it at once.
    Arriving {
        /// Bytes read so far.
        bytes: usize,
    },
}

/// What the status bar says of a text in which no speaker labels were recognised.
pub const NO_LABELS: &str = "no speaker labels recognised (fangtan --explain; --labels REGEX)";

/// A transcript as the reader receives it, prepared off the UI thread (counting every
/// character of 100 MB is not for the UI thread). The one loading type: a small file, a large
/// file's head and then its whole, standard input as it arrives all come as this.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The transcript.
    pub transcript: Arc<Transcript>,
    /// Its per-speaker statistics.
    pub stats: Vec<SpeakerStats>,
    /// A warning about how it was decoded.
    pub warning: Option<String>,
    /// How much of it has arrived.
    pub progress: Progress,
    /// How the reading state knows it (its fingerprint and path), once all of it has arrived.
    pub key: Option<Key>,
}

impl Loaded {
    /// Prepares a parsed transcript for the reader. A text in which no speaker labels were
    /// recognised says so, with where to look.
    pub fn new(loaded: parse::Loaded, progress: Progress) -> Self {
        let inferred = matches!(loaded.format, parse::Format::Text | parse::Format::Markdown);
        let unlabelled =
            inferred && loaded.explanation.shapes.is_empty() && !loaded.transcript.turns.is_empty();
        let warning = match (loaded.warning, unlabelled) {
            (warning, false) => warning,
            (None, true) => Some(NO_LABELS.to_owned()),
            (Some(warning), true) => Some(format!("{warning}; {NO_LABELS}")),
        };
        Self {
            warning,
            ..Self::from_transcript(loaded.transcript, progress)
        }
    }

    /// Prepares a transcript that needs no warning.
    pub fn from_transcript(transcript: Transcript, progress: Progress) -> Self {
        let stats = transcript.speaker_stats();
        Self {
            transcript: Arc::new(transcript),
            stats,
            warning: None,
            progress,
            key: None,
        }
    }

    /// The same, known to the reading state by `key`.
    #[must_use]
    pub fn with_key(self, key: Key) -> Self {
        Self {
            key: Some(key),
            ..self
        }
    }

    /// Nothing yet: standard input before its first line.
    pub fn waiting() -> Self {
        Self::from_transcript(Transcript::default(), Progress::Arriving { bytes: 0 })
    }
}

impl App {
    /// A file arrived (or more of it, or why it cannot be read).
    pub(super) fn loaded(&mut self, file: usize, result: Result<Loaded, String>) -> Effect {
        let requested = self
            .requested
            .filter(|&(wanted, _)| wanted == file)
            .or(self.first.then_some((file, true)));
        if requested.is_none() && file != self.file {
            // A file left behind with `:n` still delivering: not what is shown.
            return Effect::None;
        }
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(why) => {
                let name = self.name_of(file);
                self.message = Some(format!("{name}: {why}"));
                self.requested = None;
                // A file that cannot be read is skipped, in the direction the user was going.
                if let Some((_, forward)) = requested
                    && let Some(next) = self.neighbour(file, forward)
                {
                    self.requested = Some((next, forward));
                    return Effect::Open(next);
                }
                // The head shown is all there will be of this file: keys stop waiting.
                if requested.is_none() && self.progress == Progress::Head {
                    self.progress = Progress::Complete;
                    return self.replay_deferred();
                }
                return Effect::None;
            }
        };
        if requested.is_some() {
            let first = std::mem::take(&mut self.first);
            self.requested = None;
            self.file = file;
            return self.reset(loaded, first);
        }
        self.refresh(loaded)
    }

    /// Shows a newly opened file from its start (or where it was left, when the reading state
    /// answers), and asks the reading state about it.
    fn reset(&mut self, loaded: Loaded, first: bool) -> Effect {
        let warning = loaded.warning.clone();
        let key = loaded.key.clone();
        let original = Arc::clone(&loaded.transcript);
        self.install(loaded);
        self.selected = 0;
        self.focus = Focus::Conversation;
        self.mode = Mode::Reading;
        self.selection = None;
        self.card = None;
        self.message = warning;
        self.search.begin(view::Anchor::default(), 0);
        let recall = self.remember(original, key);
        self.show_only(&self.options.speakers.clone());
        if let Some(query) = self.options.search.clone().filter(|_| first) {
            // `-s … --regex`, `--pinyin`: the bar starts with the command line's toggles.
            self.search.set_options(self.options.search_options);
            self.act(Action::StartSearch);
            self.prompt = Input::new(query);
            self.search_changed();
            self.search.commit();
            self.mode = Mode::Reading;
        }
        recall
    }

    /// Takes in more of the file shown, keeping the place being read.
    fn refresh(&mut self, loaded: Loaded) -> Effect {
        let byte = self.view.top_byte();
        let was_head = self.progress == Progress::Head;
        if let Some(warning) = &loaded.warning {
            self.message = Some(warning.clone());
        }
        let speakers_before = self.shown.clone();
        let key = loaded.key.clone();
        let original = Arc::clone(&loaded.transcript);
        self.install(loaded);
        let recall = self.remember_more(original, key);
        for (shown, before) in self.shown.iter_mut().zip(speakers_before) {
            *shown = before;
        }
        if !self.options.speakers.is_empty() {
            self.show_only(&self.options.speakers.clone());
        } else if self.shown.iter().any(|shown| !shown) {
            self.shown_changed();
        } else {
            // Everyone is shown, as the new view already shows them: laying out the blocks a
            // second time would only cost memory (13 MB for 100 MB of transcript).
            self.search.restart();
        }
        self.view.jump_to_byte(byte);
        if was_head {
            recall.then(self.replay_deferred())
        } else {
            recall
        }
    }

    /// Carries out the keys pressed while only a large file's head was there.
    fn replay_deferred(&mut self) -> Effect {
        let mut effect = Effect::None;
        for action in std::mem::take(&mut self.deferred) {
            let now = self.act(action);
            effect = effect.then(now);
        }
        effect
    }

    /// Replaces the transcript and everything computed from it.
    fn install(&mut self, loaded: Loaded) {
        let Loaded {
            transcript,
            stats,
            progress,
            ..
        } = loaded;
        self.selection = None;
        let speaker_turns = super::speakers::speaker_turns(&transcript);
        self.shown = vec![true; transcript.speakers.len()];
        self.selected = self
            .selected
            .min(transcript.speakers.len().saturating_sub(1));
        self.search.set_transcript(Arc::clone(&transcript));
        self.view = View::new(Arc::clone(&transcript), self.options.measure, 1, 1);
        self.transcript = transcript;
        self.stats = stats;
        self.speaker_turns = speaker_turns;
        self.progress = progress;
        self.relayout();
    }

    /// The name of file `index`.
    pub(in crate::reader) fn name_of(&self, index: usize) -> String {
        self.options.names.get(index).cloned().unwrap_or_default()
    }

    /// The file after (or before) `file`, if there is one.
    fn neighbour(&self, file: usize, forward: bool) -> Option<usize> {
        let next = if forward {
            file.checked_add(1)?
        } else {
            file.checked_sub(1)?
        };
        (next < self.options.names.len()).then_some(next)
    }

    /// `:n` and `:p`: asks the loop for the next or previous file.
    pub(super) fn request_file(&mut self, forward: bool) -> Effect {
        match self.neighbour(self.file, forward) {
            Some(next) => {
                self.requested = Some((next, forward));
                Effect::Open(next)
            }
            None => {
                let which = if forward { "last" } else { "first" };
                let count = self.options.names.len().max(1);
                self.message = Some(format!(
                    "this is the {which} file ({}/{count})",
                    self.file + 1
                ));
                Effect::None
            }
        }
    }
}
