//! Moving through the conversation: turn and speaker jumps, the go-to prompt, the timeline.

use std::sync::Arc;

use super::{App, Effect};
use crate::conversation::{self, Block};
use crate::parse::common::parse_clock;

impl App {
    /// `]` and `[`: the next turn, or the start of this one, then the one before.
    pub(super) fn step_turn(&mut self, forward: bool) {
        let anchor = self.view.anchor();
        let target = if forward {
            anchor.block + 1
        } else if anchor.inside_block() {
            anchor.block
        } else {
            anchor.block.saturating_sub(1)
        };
        self.view.jump_to_block(target);
    }

    /// Goes to a speaker's next (or previous) turn after (before) the one at the top.
    pub(super) fn speaker_turn(&mut self, speaker: usize, forward: bool) {
        let Some(turns) = self.speaker_turns.get(speaker) else {
            return;
        };
        if !self.shown[speaker] {
            let name = &self.transcript.speakers[speaker].name;
            self.message = Some(format!(
                "{name} is hidden (x in the speaker list shows them)"
            ));
            return;
        }
        let anchor = self.view.anchor();
        let here = match self.view.blocks().get(anchor.block) {
            Some(Block::Turn(turn)) => Some(*turn),
            Some(Block::Title | Block::Header) | None => None,
            // Between turns: as if at the start of the turn the notes stand before.
            Some(&Block::Notes { first, .. }) => {
                let before = self.transcript.notes[first].before_turn;
                let next = turns.partition_point(|&t| t < before);
                let target = if forward {
                    turns.get(next)
                } else {
                    turns.get(next.wrapping_sub(1))
                };
                return self.go_to_speaker_turn(target.copied(), speaker, forward);
            }
        };
        let target = match (here, forward) {
            (None, true) => turns.first().copied(),
            (Some(here), true) => turns.get(turns.partition_point(|&t| t <= here)).copied(),
            (None, false) => None,
            (Some(here), false) => {
                // From inside one of their turns, `{` goes to its start first.
                let before = turns.partition_point(|&t| t < here);
                let inside = anchor.inside_block() && turns.get(before) == Some(&here);
                if inside {
                    Some(here)
                } else {
                    turns.get(before.wrapping_sub(1)).copied()
                }
            }
        };
        self.go_to_speaker_turn(target, speaker, forward);
    }

    /// Jumps to a turn found by [`Self::speaker_turn`], or says there is none.
    fn go_to_speaker_turn(&mut self, target: Option<usize>, speaker: usize, forward: bool) {
        match target {
            Some(turn) => self.view.jump_to_block(self.view.block_of_turn(turn)),
            None => {
                let name = &self.transcript.speakers[speaker].name;
                let which = if forward { "later" } else { "earlier" };
                self.message = Some(format!("no {which} turn by {name}"));
            }
        }
    }

    /// A click on the timeline strip: the middle of the slice of the transcript that row
    /// stands for.
    pub(super) fn click_timeline(&mut self, row: u16) {
        let rows = self
            .geometry
            .timeline
            .map_or(1, |strip| strip.height.max(1));
        let length = self.transcript.text().len();
        let rows = usize::from(rows);
        let row = usize::from(row).min(rows - 1);
        let byte = (2 * row + 1) * length / (2 * rows);
        let last = self.transcript.turns.len().saturating_sub(1);
        let turn = conversation::turn_at_byte(&self.transcript, byte).min(last);
        let block = self.view.block_of_turn(turn);
        self.view.jump_to_block(block);
    }

    /// The go-to prompt: `:12` goes to turn 12, `:$` to the last, `:12:30` (or `:1:02:03`) to
    /// the moment spoken at that time, `:speaker NAME` to that speaker's next turn, `:n` and
    /// `:p` to the next and previous file, `:q` quits.
    pub(super) fn go_to(&mut self, target: &str) -> Effect {
        let target = target.trim_start_matches(':').trim();
        match target {
            "" => return Effect::None,
            "n" => return self.request_file(true),
            "p" => return self.request_file(false),
            "q" => return Effect::Quit,
            "$" => {
                self.view.jump_to_end();
                return Effect::None;
            }
            _ => {}
        }
        if let Some(name) = target.strip_prefix("speaker ") {
            self.go_to_speaker(name.trim());
            return Effect::None;
        }
        if target.contains(':') {
            self.go_to_time(target);
            return Effect::None;
        }
        let turns = &self.transcript.turns;
        match target.parse::<usize>() {
            Ok(number) if (1..=turns.len()).contains(&number) => self.go_to_turn(number - 1),
            _ => self.message = Some(format!("no turn {target} (1–{})", turns.len())),
        }
        Effect::None
    }

    fn go_to_turn(&mut self, turn: usize) {
        let speaker = self.transcript.turns[turn].speaker;
        if !self.shown[speaker] {
            self.message = Some(format!("turn {} is hidden", turn + 1));
        }
        self.view.jump_to_block(self.view.block_of_turn(turn));
    }

    /// `:speaker NAME`: the speaker with that name (else the only one whose name starts with
    /// it, ignoring case) is selected, and the view goes to their next turn: speakers after
    /// the ninth have no number key.
    fn go_to_speaker(&mut self, name: &str) {
        let speakers = &self.transcript.speakers;
        let exact = speakers.iter().position(|s| s.name == name);
        let lower = name.to_lowercase();
        let mut starting = speakers
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name.to_lowercase().starts_with(&lower));
        let found = exact.or_else(|| match (starting.next(), starting.next()) {
            (Some((id, _)), None) => Some(id),
            _ => None,
        });
        match found {
            Some(id) => {
                self.selected = id;
                self.speaker_turn(id, true);
            }
            None => self.message = Some(format!("no speaker called {name}")),
        }
    }

    /// `:0:53`: the turn spoken at that moment, to the precision typed (`0:53` is the whole
    /// second, so a turn that starts at 53.03 s is the one), and inside a long turn whose end
    /// is known, the line about that far into it.
    fn go_to_time(&mut self, target: &str) {
        let Some(seconds) = parse_clock(target) else {
            self.message = Some(format!("not a time: {target}"));
            return;
        };
        if !self.transcript.has_times() {
            self.message = Some("this transcript has no times".to_owned());
            return;
        }
        let decimals = target
            .rsplit_once(['.', ','])
            .map_or(0, |(_, fraction)| fraction.len());
        let precision = 10f64.powi(-i32::try_from(decimals).unwrap_or(9));
        let transcript = Arc::clone(&self.transcript);
        let turns = &transcript.turns;
        let starts_in_moment = turns.iter().position(|t| {
            t.start
                .is_some_and(|start| start >= seconds && start < seconds + precision)
        });
        let turn = starts_in_moment.unwrap_or_else(|| {
            turns
                .partition_point(|t| t.start.is_none_or(|start| start <= seconds))
                .saturating_sub(1)
        });
        self.go_to_turn(turn);
        // Inside a long turn: as far into its text as the time is into the turn.
        let entry = &turns[turn];
        let end = entry
            .end
            .or_else(|| turns.get(turn + 1).and_then(|next| next.start));
        if let (Some(start), Some(end)) = (entry.start, end)
            && seconds >= start + precision
            && end > start
        {
            let span = transcript.turn_span(entry);
            let fraction = ((seconds - start) / (end - start)).clamp(0.0, 1.0);
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "a fraction of a turn's length, which is far below 2^52"
            )]
            let offset = (span.len() as f64 * fraction) as usize;
            self.view.jump_to_byte(span.start + offset);
        }
    }
}
