//! Files arriving: the first, another one (`:n`, `:p`), more of the one shown (a large file's
//! whole after its head, standard input as it arrives), or why one cannot be read.

use std::sync::Arc;

use tui_input::Input;

use super::{App, Effect, Focus, Loaded, Mode, Progress};
use crate::reader::action::Action;
use crate::reader::view::{self, View};

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
                if let Some((_, forward)) = requested {
                    if let Some(next) = self.neighbour(file, forward) {
                        self.requested = Some((next, forward));
                        return Effect::Open(next);
                    }
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
            self.reset(loaded, first);
            return Effect::None;
        }
        self.refresh(loaded)
    }

    /// Shows a newly opened file from its start.
    fn reset(&mut self, loaded: Loaded, first: bool) {
        let warning = loaded.warning.clone();
        self.install(loaded);
        self.selected = 0;
        self.focus = Focus::Conversation;
        self.mode = Mode::Reading;
        self.message = warning;
        self.search.begin(view::Anchor::default(), 0);
        self.show_only(&self.options.speakers.clone());
        if let Some(query) = self.options.search.clone().filter(|_| first) {
            // `-s … --regex`, `--pinyin`: the bar starts with the command line's toggles.
            self.search.set_options(self.options.search_options);
            self.act(Action::StartSearch);
            self.prompt = Input::new(query);
            self.search_changed();
            self.act(Action::Submit);
        }
    }

    /// Takes in more of the file shown, keeping the place being read.
    fn refresh(&mut self, loaded: Loaded) -> Effect {
        let byte = self.view.top_byte();
        let was_head = self.progress == Progress::Head;
        if let Some(warning) = &loaded.warning {
            self.message = Some(warning.clone());
        }
        let speakers_before = self.shown.clone();
        self.install(loaded);
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
            self.replay_deferred()
        } else {
            Effect::None
        }
    }

    /// Carries out the keys pressed while only a large file's head was there.
    fn replay_deferred(&mut self) -> Effect {
        let mut effect = Effect::None;
        for action in std::mem::take(&mut self.deferred) {
            let now = self.act(action);
            if now != Effect::None {
                effect = now;
            }
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
        let mut speaker_turns = vec![Vec::new(); transcript.speakers.len()];
        for (index, turn) in transcript.turns.iter().enumerate() {
            speaker_turns[turn.speaker].push(index);
        }
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
