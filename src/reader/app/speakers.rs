//! Which speakers are shown (`x`, `o`, `--speaker`), and taking in another cast of speakers
//! when the reading state's edits change who speaks.

use std::sync::Arc;

use super::{App, Progress};
use crate::conversation;
use crate::model::Transcript;

impl App {
    /// `--speaker`: shows only the speakers named (by name or original label); names that
    /// match nobody are reported once the whole file and its names are there.
    pub(super) fn show_only(&mut self, names: &[String]) {
        if names.is_empty() {
            return;
        }
        match conversation::shown_speakers(&self.transcript, names) {
            Ok(shown) => self.shown = shown,
            // The name may be one the reading state gives: wait for its answer.
            Err(_) if self.memory.is_waiting() => return,
            Err(unknown) => {
                for (shown, speaker) in self.shown.iter_mut().zip(&self.transcript.speakers) {
                    *shown = names.contains(&speaker.name);
                }
                if self.progress == Progress::Complete {
                    self.message = Some(format!("no speaker called {}", unknown.join(", ")));
                }
            }
        }
        self.shown_changed();
    }

    pub(super) fn toggle_hidden(&mut self) {
        let Some(shown) = self.shown.get_mut(self.selected) else {
            return;
        };
        *shown = !*shown;
        self.shown_changed();
    }

    /// `o`: show only the selected speaker; when they already are the only one, everyone.
    pub(super) fn solo(&mut self) {
        let only = (0..self.shown.len()).all(|id| self.shown[id] == (id == self.selected));
        for (id, shown) in self.shown.iter_mut().enumerate() {
            *shown = only || id == self.selected;
        }
        self.shown_changed();
    }

    pub(super) fn shown_changed(&mut self) {
        self.view.set_shown(&self.shown);
        let hidden = self.shown.iter().filter(|shown| !**shown).count();
        if hidden > 0 {
            self.message = Some(format!("{hidden} of {} speakers hidden", self.shown.len()));
        }
        self.search.set_shown(&self.shown);
        self.search.restart();
    }

    /// Shows `transcript`, the same text with another cast: the view keeps its place (turns
    /// and text are the same), hidden and selected speakers are kept by name, the search runs
    /// again for its counts per speaker.
    pub(super) fn recast(&mut self, transcript: Arc<Transcript>) {
        let name_of = |id: usize| self.transcript.speakers.get(id).map(|s| s.name.clone());
        let hidden: Vec<String> = (0..self.shown.len())
            .filter(|&id| !self.shown[id])
            .filter_map(name_of)
            .collect();
        let selected = name_of(self.selected);
        self.stats = transcript.speaker_stats();
        self.speaker_turns = speaker_turns(&transcript);
        self.shown = transcript
            .speakers
            .iter()
            .map(|speaker| !hidden.contains(&speaker.name))
            .collect();
        self.selected = selected
            .and_then(|name| transcript.speakers.iter().position(|s| s.name == name))
            .unwrap_or(self.selected)
            .min(transcript.speakers.len().saturating_sub(1));
        self.view.set_transcript(Arc::clone(&transcript));
        if self.shown.iter().any(|shown| !shown) || !hidden.is_empty() {
            self.view.set_shown(&self.shown);
        }
        self.search.set_transcript(Arc::clone(&transcript));
        self.search.set_shown(&self.shown);
        self.transcript = transcript;
        self.search.restart();
        self.relayout();
    }
}

/// Each speaker's turns, in order, for speaker jumps.
pub(super) fn speaker_turns(transcript: &Transcript) -> Vec<Vec<usize>> {
    let mut counts = vec![0; transcript.speakers.len()];
    for turn in &transcript.turns {
        counts[turn.speaker] += 1;
    }
    // Each list at its size at once, not doubling (and leaving copies resident) as it grows.
    let mut turns: Vec<Vec<usize>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (index, turn) in transcript.turns.iter().enumerate() {
        turns[turn.speaker].push(index);
    }
    turns
}
