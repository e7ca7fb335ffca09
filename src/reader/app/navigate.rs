//! Moving through the conversation: turn and speaker jumps, the go-to prompt, the timeline.

use super::{App, Effect};
use crate::conversation::{self, Block};
use crate::parse::common::parse_clock;

impl App {
    /// `]` and `[`: the next turn, or the start of this one, then the one before.
    pub(super) fn step_turn(&mut self, forward: bool) {
        let anchor = self.view.anchor();
        let target = if forward {
            anchor.block + 1
        } else if anchor.row > 0 {
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
                let inside = anchor.row > 0 && turns.get(before) == Some(&here);
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

    /// `:12` goes to turn 12, `:12:30` (or `:1:02:03`) to the turn spoken at that time, `:n`
    /// and `:p` to the next and previous file.
    pub(super) fn go_to(&mut self, target: &str) -> Effect {
        let target = target.trim_start_matches(':');
        match target {
            "" => return Effect::None,
            "n" => return self.request_file(true),
            "p" => return self.request_file(false),
            _ => {}
        }
        let turns = &self.transcript.turns;
        let turn = if target.contains(':') {
            let Some(seconds) = parse_clock(target) else {
                self.message = Some(format!("not a time: {target}"));
                return Effect::None;
            };
            if !self.transcript.has_times() {
                self.message = Some("this transcript has no times".to_owned());
                return Effect::None;
            }
            let after = turns.partition_point(|t| t.start.is_none_or(|start| start <= seconds));
            after.saturating_sub(1)
        } else {
            match target.parse::<usize>() {
                Ok(number) if (1..=turns.len()).contains(&number) => number - 1,
                _ => {
                    self.message = Some(format!("no turn {target} (1–{})", turns.len()));
                    return Effect::None;
                }
            }
        };
        if !self.shown[turns[turn].speaker] {
            self.message = Some(format!("turn {} is hidden", turn + 1));
        }
        self.view.jump_to_block(self.view.block_of_turn(turn));
        Effect::None
    }
}
