//! Names: `r` renames the selected speaker, `M` merges them into another, `a` gives the turn
//! at the top to another speaker; each in a prompt where `Tab` completes a speaker's name.
//! What the prompt says becomes an [`Edit`], shown at once and kept.

use tui_input::Input;

use super::{App, Effect, Mode};
use crate::layout;
use crate::state::Edit;

/// What a name typed in the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePrompt {
    /// A new name for the selected speaker.
    Rename,
    /// The speaker the selected one is merged into.
    Merge,
    /// Who speaks the turn at the top.
    Reassign,
}

impl App {
    /// Opens the prompt: a rename starts from the current name.
    pub(super) fn start_name(&mut self, prompt: NamePrompt) {
        let speakers = &self.transcript.speakers;
        let start = match prompt {
            NamePrompt::Rename | NamePrompt::Merge if speakers.is_empty() => {
                self.message = Some("there is no speaker".to_owned());
                return;
            }
            NamePrompt::Merge if speakers.len() < 2 => {
                self.message = Some("there is nobody else to merge into".to_owned());
                return;
            }
            NamePrompt::Rename => speakers
                .get(self.selected)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            NamePrompt::Merge => String::new(),
            NamePrompt::Reassign => {
                if self.screen.turn.is_none() {
                    self.message = Some("no turn at the top to give to someone".to_owned());
                    return;
                }
                String::new()
            }
        };
        self.prompt = Input::new(start);
        self.completion = None;
        self.mode = Mode::Name(prompt);
    }

    /// What the prompt says before the name: `rename 主持人 to`.
    pub fn name_prompt_label(&self) -> Option<String> {
        let Mode::Name(prompt) = self.mode else {
            return None;
        };
        let selected = self
            .transcript
            .speakers
            .get(self.selected)
            .map(|s| layout::sanitize(&s.name).into_owned())
            .unwrap_or_default();
        Some(match prompt {
            NamePrompt::Rename => format!("rename {selected} to: "),
            NamePrompt::Merge => format!("merge {selected} into: "),
            NamePrompt::Reassign => {
                format!(
                    "turn {} is spoken by: ",
                    self.screen.turn.map_or(0, |t| t + 1)
                )
            }
        })
    }

    /// The speakers' names the prompt's text could complete to, in the speaker list's order:
    /// those that start with it, then those that contain it (ignoring case).
    pub fn name_candidates(&self) -> Vec<&str> {
        let Mode::Name(prompt) = self.mode else {
            return Vec::new();
        };
        let typed = match &self.completion {
            Some((typed, _)) => typed.clone(),
            None => self.prompt.value().trim().to_lowercase(),
        };
        let excluded = match prompt {
            NamePrompt::Rename => return Vec::new(),
            NamePrompt::Merge => Some(self.selected),
            NamePrompt::Reassign => self
                .screen
                .turn
                .and_then(|turn| self.transcript.turns.get(turn))
                .map(|turn| turn.speaker),
        };
        // A speaker is found by their name or by the label the source gave them.
        let transcript = &self.transcript;
        let called = |id: usize| {
            let name = transcript.speakers[id].name.to_lowercase();
            let label = transcript.label(id).map(str::to_lowercase);
            (name, label)
        };
        let (mut starting, containing): (Vec<usize>, Vec<usize>) = (0..transcript.speakers.len())
            .filter(|&id| Some(id) != excluded)
            .filter(|&id| {
                let (name, label) = called(id);
                name.contains(&typed) || label.is_some_and(|label| label.contains(&typed))
            })
            .partition(|&id| {
                let (name, label) = called(id);
                name.starts_with(&typed) || label.is_some_and(|label| label.starts_with(&typed))
            });
        starting.extend(containing);
        starting
            .into_iter()
            .map(|id| transcript.speakers[id].name.as_str())
            .collect()
    }

    /// `Tab`: the first name that fits what was typed; again: the next.
    pub(super) fn complete(&mut self) {
        if self.completion.is_none() {
            self.completion = Some((self.prompt.value().trim().to_lowercase(), usize::MAX));
        }
        let candidates: Vec<String> = self
            .name_candidates()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let Some((typed, index)) = self.completion.take() else {
            return;
        };
        if candidates.is_empty() {
            self.completion = Some((typed, index));
            return;
        }
        let next = index.wrapping_add(1) % candidates.len();
        self.prompt = Input::new(candidates[next].clone());
        self.completion = Some((typed, next));
    }

    /// `Enter` in the prompt: the edit it asks for, if it changes something.
    pub(super) fn submit_name(&mut self, prompt: NamePrompt) -> Effect {
        let typed = self.prompt.value().trim().to_owned();
        self.completion = None;
        let result = match prompt {
            NamePrompt::Rename => self.rename(&typed),
            NamePrompt::Merge => self.merge(&typed),
            NamePrompt::Reassign => self.reassign(&typed),
        };
        match result {
            Ok((edit, said)) => {
                self.message = Some(format!("{said} (u undoes)"));
                self.edit_made(edit)
            }
            Err(said) => {
                self.message = Some(said);
                Effect::None
            }
        }
    }

    /// The name of speaker `id`, if there is one.
    fn speaker_name(&self, id: usize) -> Option<String> {
        self.transcript.speakers.get(id).map(|s| s.name.clone())
    }

    /// Whether someone is called `name`.
    fn is_taken(&self, name: &str) -> bool {
        self.transcript.speakers.iter().any(|s| s.name == name)
    }

    fn rename(&self, typed: &str) -> Result<(Edit, String), String> {
        let speaker = self
            .speaker_name(self.selected)
            .ok_or("there is no speaker")?;
        let edit = Edit::Rename {
            speaker: speaker.clone(),
            name: typed.to_owned(),
        };
        if typed.is_empty() {
            let Some(label) = self.transcript.label(self.selected) else {
                return Err(format!("{speaker} has no other name to go back to"));
            };
            if self.is_taken(label) {
                return Err(format!("someone else is called {label} now"));
            }
            return Ok((edit, format!("{speaker} is {label} again")));
        }
        if typed == speaker {
            return Err(format!("{speaker} is called so already"));
        }
        if self.is_taken(typed) {
            return Err(format!(
                "there is already a speaker called {typed} (M in the speaker list merges two)"
            ));
        }
        Ok((edit, format!("{speaker} is now called {typed}")))
    }

    fn merge(&self, typed: &str) -> Result<(Edit, String), String> {
        let speaker = self
            .speaker_name(self.selected)
            .ok_or("there is no speaker")?;
        if typed.is_empty() {
            return Err("merge: no name given".to_owned());
        }
        if typed == speaker {
            return Err(format!("{speaker} cannot be merged into themselves"));
        }
        if !self.is_taken(typed) {
            return Err(format!("no speaker called {typed} (Tab completes a name)"));
        }
        let turns = self.stats.get(self.selected).map_or(0, |s| s.turns);
        let said = format!(
            "{speaker} merged into {typed}: {turns} turn{} more",
            if turns == 1 { "" } else { "s" }
        );
        let edit = Edit::Merge {
            speaker,
            into: typed.to_owned(),
        };
        Ok((edit, said))
    }

    fn reassign(&self, typed: &str) -> Result<(Edit, String), String> {
        let index = self.screen.turn.ok_or("no turn at the top")?;
        let turn = &self.transcript.turns[index];
        if typed.is_empty() {
            return Err("no name given".to_owned());
        }
        if self.transcript.speaker_of(turn).name == typed {
            return Err(format!("turn {} is {typed}'s already", index + 1));
        }
        let new = if self.is_taken(typed) {
            ""
        } else {
            ", a new speaker"
        };
        let edit = Edit::Reassign {
            turn: self.transcript.turn_span(turn).start,
            speaker: typed.to_owned(),
        };
        Ok((edit, format!("turn {} is now {typed}'s{new}", index + 1)))
    }
}
