//! The reading state's edits, and what they make of a transcript: one pure function,
//! [`apply`], from the transcript as parsed and the edits in the order they were made to the
//! transcript as shown. The reader, `--print`, `--json`, `--stats`, `--speaker`, search, copy
//! and export all read what it returns, so a name given in the reader is the name everywhere.
//!
//! Edits name speakers as they were named when the edit was made. Replayed in order from the
//! parsed transcript, each finds its speaker under that name, so a rename, then a merge into
//! the renamed speaker, then an undo of the rename all mean what they meant. An edit that no
//! longer applies (the file was read with other `--labels`) is skipped.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::conversation;
use crate::model::{Speaker, Transcript};

/// A change the reader made to how a transcript is shown; kept in order, undone from the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// The speaker called `speaker` is called `name`; an empty name gives the original back.
    Rename {
        /// The speaker's name when the edit was made.
        speaker: String,
        /// The new name, or empty for the original label.
        name: String,
    },
    /// The speaker called `speaker` is the one called `into`: all their turns are `into`'s.
    Merge {
        /// The speaker merged away.
        speaker: String,
        /// The speaker who stays.
        into: String,
    },
    /// The turn that starts at arena byte `turn` is spoken by `speaker`, a new speaker when
    /// nobody is called so.
    Reassign {
        /// The first byte of the turn's text in the arena.
        turn: usize,
        /// Who speaks it.
        speaker: String,
    },
    /// Arena bytes `start..end` are highlighted.
    Highlight {
        /// The first byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// Highlights that overlap arena bytes `start..end` are removed.
    Unhighlight {
        /// The first byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
}

impl Edit {
    /// Whether the edit changes who speaks or what they are called (not a highlight).
    pub fn is_cast(&self) -> bool {
        matches!(
            self,
            Self::Rename { .. } | Self::Merge { .. } | Self::Reassign { .. }
        )
    }

    /// What the edit did, for the status bar: `rename of SPEAKER_00 to 江滨`.
    pub fn describe(&self, transcript: &Transcript) -> String {
        match self {
            Self::Rename { speaker, name } if name.is_empty() => {
                format!("the original name of {speaker}")
            }
            Self::Rename { speaker, name } => format!("rename of {speaker} to {name}"),
            Self::Merge { speaker, into } => format!("merge of {speaker} into {into}"),
            Self::Reassign { turn, speaker } => {
                let index = turn_starting_at(transcript, *turn).map_or(0, |t| t + 1);
                format!("turn {index} given to {speaker}")
            }
            Self::Highlight { start, .. } => {
                format!("highlight in turn {}", turn_number(transcript, *start))
            }
            Self::Unhighlight { start, .. } => {
                format!(
                    "highlight removed in turn {}",
                    turn_number(transcript, *start)
                )
            }
        }
    }
}

/// The 1-based number of the turn that holds arena byte `byte`.
fn turn_number(transcript: &Transcript, byte: usize) -> usize {
    conversation::turn_at_byte(transcript, byte).min(transcript.turns.len().saturating_sub(1)) + 1
}

/// The turn whose text starts at arena byte `byte`, else the one that holds it.
pub fn turn_starting_at(transcript: &Transcript, byte: usize) -> Option<usize> {
    let turn = conversation::turn_at_byte(transcript, byte);
    (turn < transcript.turns.len()).then_some(turn)
}

/// Whether any edit changes who speaks or what they are called.
pub fn has_cast(edits: &[Edit]) -> bool {
    edits.iter().any(Edit::is_cast)
}

/// Someone who speaks, while the edits are replayed.
struct Person {
    name: String,
    /// The label the source gave them; `None` for someone an edit brought in.
    origin: Option<String>,
    /// Merged into someone else: no longer there to be named.
    gone: bool,
}

/// The transcript as the edits show it: speakers renamed (each keeping their original label),
/// merged, turns given to others. Speakers are listed in order of first appearance, as the
/// parser lists them; a speaker left with no turn is left out. Highlights change nothing here.
pub fn apply(original: &Transcript, edits: &[Edit]) -> Transcript {
    let mut people: Vec<Person> = original
        .speakers
        .iter()
        .enumerate()
        .map(|(id, speaker)| Person {
            name: speaker.name.clone(),
            origin: Some(original.label(id).unwrap_or(&speaker.name).to_owned()),
            gone: false,
        })
        .collect();
    let mut owner: Vec<usize> = original.turns.iter().map(|turn| turn.speaker).collect();
    for edit in edits {
        let find =
            |people: &[Person], name: &str| people.iter().position(|p| !p.gone && p.name == name);
        match edit {
            Edit::Rename { speaker, name } => {
                let Some(who) = find(&people, speaker) else {
                    continue;
                };
                let name = name.trim();
                let new = if name.is_empty() {
                    match &people[who].origin {
                        Some(origin) => origin.clone(),
                        None => continue,
                    }
                } else {
                    name.to_owned()
                };
                if find(&people, &new).is_none() {
                    people[who].name = new;
                }
            }
            Edit::Merge { speaker, into } => {
                let (Some(from), Some(to)) = (find(&people, speaker), find(&people, into)) else {
                    continue;
                };
                if from != to {
                    owner
                        .iter_mut()
                        .filter(|o| **o == from)
                        .for_each(|o| *o = to);
                    people[from].gone = true;
                }
            }
            Edit::Reassign { turn, speaker } => {
                let Some(turn) = turn_starting_at(original, *turn) else {
                    continue;
                };
                let to = find(&people, speaker.trim()).unwrap_or_else(|| {
                    people.push(Person {
                        name: speaker.trim().to_owned(),
                        origin: None,
                        gone: false,
                    });
                    people.len() - 1
                });
                owner[turn] = to;
            }
            Edit::Highlight { .. } | Edit::Unhighlight { .. } => {}
        }
    }
    // In order of first appearance; speakers the source lists without a turn stay, after.
    let mut first_turn: Vec<Option<usize>> = vec![None; people.len()];
    for (turn, &who) in owner.iter().enumerate() {
        first_turn[who].get_or_insert(turn);
    }
    let mut had_turns = vec![false; people.len()];
    for turn in &original.turns {
        had_turns[turn.speaker] = true;
    }
    let mut order: Vec<usize> = (0..people.len())
        .filter(|&who| first_turn[who].is_some())
        .collect();
    order.sort_by_key(|&who| first_turn[who]);
    order.extend((0..people.len()).filter(|&who| {
        first_turn[who].is_none()
            && !people[who].gone
            && who < original.speakers.len()
            && !had_turns[who]
    }));
    let mut new_id = vec![0; people.len()];
    for (id, &who) in order.iter().enumerate() {
        new_id[who] = id;
    }
    let speakers = order
        .iter()
        .map(|&who| {
            let person = &people[who];
            let label = person
                .origin
                .clone()
                .filter(|origin| *origin != person.name);
            (
                Speaker {
                    name: person.name.clone(),
                },
                label,
            )
        })
        .collect();
    original.recast(speakers, |turn| new_id[owner[turn]])
}

/// The highlighted arena ranges the edits leave, sorted, overlapping ones joined.
pub fn highlights(edits: &[Edit]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for edit in edits {
        match *edit {
            Edit::Highlight { start, end } if start < end => ranges.push(start..end),
            Edit::Unhighlight { start, end } => {
                ranges.retain(|r| !(r.start < end.max(start + 1) && start < r.end));
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => joined.push(range),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../assets/mudanjiang-police-interview.txt");

    fn sample() -> Transcript {
        crate::parse::text::parse(SAMPLE.to_owned())
    }

    fn rename(speaker: &str, name: &str) -> Edit {
        Edit::Rename {
            speaker: speaker.into(),
            name: name.into(),
        }
    }

    fn names(transcript: &Transcript) -> Vec<(&str, Option<&str>)> {
        (0..transcript.speakers.len())
            .map(|id| (transcript.speakers[id].name.as_str(), transcript.label(id)))
            .collect()
    }

    #[test]
    fn no_edits_change_nothing() {
        let original = sample();
        assert_eq!(apply(&original, &[]), original);
    }

    #[test]
    fn a_rename_keeps_the_label_and_an_empty_name_gives_it_back() {
        let original = sample();
        let shown = apply(&original, &[rename("主持人", "Host")]);
        assert_eq!(names(&shown), [("Host", Some("主持人")), ("江滨", None)]);
        assert_eq!(shown.text(), original.text());
        assert_eq!(shown.turns, original.turns);
        // A name already taken is not given twice.
        let taken = apply(&original, &[rename("主持人", "江滨")]);
        assert_eq!(names(&taken), names(&original));
        let back = apply(&original, &[rename("主持人", "Host"), rename("Host", "")]);
        assert_eq!(names(&back), names(&original));
    }

    #[test]
    fn a_merge_gives_every_turn_to_the_speaker_who_stays() {
        let original = sample();
        let edits = [
            rename("江滨", "Jiang"),
            Edit::Merge {
                speaker: "主持人".into(),
                into: "Jiang".into(),
            },
        ];
        let shown = apply(&original, &edits);
        assert_eq!(names(&shown), [("Jiang", Some("江滨"))]);
        assert!(shown.turns.iter().all(|turn| turn.speaker == 0));
        assert_eq!(shown.turns.len(), 25);
    }

    #[test]
    fn a_turn_given_to_someone_new_brings_them_in_where_they_first_speak() {
        let original = sample();
        let second = original.turn_span(&original.turns[1]).start;
        let edits = [Edit::Reassign {
            turn: second,
            speaker: "Producer".into(),
        }];
        let shown = apply(&original, &edits);
        assert_eq!(
            names(&shown),
            [("主持人", None), ("Producer", None), ("江滨", None)]
        );
        assert_eq!(shown.speaker_of(&shown.turns[1]).name, "Producer");
        assert_eq!(shown.speaker_of(&shown.turns[3]).name, "江滨");
        // Given back, the new speaker is gone.
        let back = [
            edits[0].clone(),
            Edit::Reassign {
                turn: second,
                speaker: "江滨".into(),
            },
        ];
        assert_eq!(names(&apply(&original, &back)), names(&original));
    }

    #[test]
    fn edits_that_no_longer_apply_are_skipped() {
        let original = sample();
        let edits = [
            rename("SPEAKER_09", "Nobody"),
            Edit::Merge {
                speaker: "A".into(),
                into: "B".into(),
            },
            Edit::Reassign {
                turn: usize::MAX,
                speaker: "X".into(),
            },
        ];
        assert_eq!(apply(&original, &edits), original);
    }

    #[test]
    fn highlights_join_and_unhighlight() {
        let edits = [
            Edit::Highlight { start: 10, end: 20 },
            Edit::Highlight { start: 15, end: 30 },
            Edit::Highlight { start: 50, end: 60 },
            Edit::Highlight { start: 70, end: 80 },
            Edit::Unhighlight { start: 55, end: 56 },
        ];
        assert_eq!(highlights(&edits), [10..30, 70..80]);
    }

    #[test]
    fn edits_are_kept_as_json() {
        let edit = rename("SPEAKER_00", "江滨");
        let json = serde_json::to_string(&edit).expect("serializes");
        assert_eq!(
            json,
            r#"{"kind":"rename","speaker":"SPEAKER_00","name":"江滨"}"#
        );
        assert_eq!(serde_json::from_str::<Edit>(&json).ok(), Some(edit));
    }
}
