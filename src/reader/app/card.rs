//! `i` in the speaker list: a speaker's card, to tell diarized speakers apart: their turns,
//! their share of what was said, when they first and last speak, and a few excerpts from
//! different parts of the transcript.

use super::{App, Mode};
use crate::model::Transcript;
use crate::quote;

/// Excerpts on a card, at most: one from each fifth of the speaker's turns.
const EXCERPTS: usize = 5;
/// Characters of an excerpt, at most.
const EXCERPT_CHARS: usize = 120;
/// Turns looked at in each fifth to find a long one (a speaker may have 100,000).
const LOOKED_AT: usize = 64;

/// What a speaker's card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The speaker.
    pub speaker: usize,
    /// Their name.
    pub name: String,
    /// Their original label, when the reading state renamed them.
    pub label: Option<String>,
    /// How many turns they speak.
    pub turns: usize,
    /// Their share of all characters spoken, 0–100.
    pub share: f64,
    /// Their first and last turn (index), with its start time where the source has times.
    pub first: Option<(usize, Option<f64>)>,
    /// Their last turn.
    pub last: Option<(usize, Option<f64>)>,
    /// Excerpts: the turn, and the start of what they say in it.
    pub excerpts: Vec<(usize, String)>,
}

impl App {
    /// `i`: the selected speaker's card.
    pub(super) fn open_card(&mut self) {
        if self.selected >= self.transcript.speakers.len() {
            self.message = Some("there is no speaker".to_owned());
            return;
        }
        let total: usize = self.stats.iter().map(|s| s.chars).sum();
        let chars = self.stats.get(self.selected).map_or(0, |s| s.chars);
        #[expect(
            clippy::cast_precision_loss,
            reason = "a share shown to a whole percent"
        )]
        let share = if total == 0 {
            0.0
        } else {
            chars as f64 * 100.0 / total as f64
        };
        let turns = self
            .speaker_turns
            .get(self.selected)
            .cloned()
            .unwrap_or_default();
        self.card = Some(card(&self.transcript, self.selected, &turns, share));
        self.mode = Mode::Card;
    }
}

/// The card of speaker `speaker`, whose turns are `turns`.
fn card(transcript: &Transcript, speaker: usize, turns: &[usize], share: f64) -> Card {
    let at = |turn: usize| (turn, transcript.turns[turn].start);
    Card {
        speaker,
        name: transcript.speakers[speaker].name.clone(),
        label: transcript.label(speaker).map(str::to_owned),
        turns: turns.len(),
        share,
        first: turns.first().copied().map(at),
        last: turns.last().copied().map(at),
        excerpts: excerpts(transcript, turns),
    }
}

/// One excerpt from each fifth of the turns: the longest turn among those looked at there,
/// so that a card shows what the speaker says rather than "嗯" or "Right.".
fn excerpts(transcript: &Transcript, turns: &[usize]) -> Vec<(usize, String)> {
    let parts = turns.len().min(EXCERPTS);
    (0..parts)
        .filter_map(|part| {
            let chunk = &turns[part * turns.len() / parts..(part + 1) * turns.len() / parts];
            let step = (chunk.len() / LOOKED_AT).max(1);
            let longest = chunk
                .iter()
                .step_by(step)
                .max_by_key(|&&turn| transcript.turn_span(&transcript.turns[turn]).len())?;
            let span = transcript.turn_span(&transcript.turns[*longest]);
            let end = span.start + span.len().min(EXCERPT_CHARS * 4);
            let end = (end..=span.end)
                .find(|&end| transcript.text().is_char_boundary(end))
                .unwrap_or(span.end);
            let text = quote::parts(transcript, &(span.start..end))
                .into_iter()
                .flat_map(|part| part.paragraphs)
                .collect::<Vec<_>>()
                .join(" ");
            let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
            if text.chars().count() > EXCERPT_CHARS || end < span.end {
                excerpt.push('…');
            }
            Some((*longest, excerpt))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_come_from_every_part() {
        let text: String = (0..40)
            .map(|n| {
                let long = if n % 3 == 0 {
                    " and more words here"
                } else {
                    ""
                };
                format!("A: turn {n}{long}\nB: reply {n}\n")
            })
            .collect();
        let transcript = crate::parse::text::parse(text);
        let turns: Vec<usize> = (0..transcript.turns.len()).step_by(2).collect();
        let card = card(&transcript, 0, &turns, 50.0);
        assert_eq!(card.turns, 40);
        assert_eq!(card.excerpts.len(), 5);
        let at: Vec<usize> = card.excerpts.iter().map(|(turn, _)| *turn).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
        assert!(
            card.excerpts
                .iter()
                .all(|(_, text)| text.contains("more words"))
        );
        assert_eq!(card.first, Some((0, None)));
        assert_eq!(card.last, Some((78, None)));
    }
}
