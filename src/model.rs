//! The transcript model of SPEC §2: a title and header, speakers, turns of paragraphs, and
//! notes in their place between the turns.
//!
//! All paragraph text lives in one arena string, and a paragraph is a byte range of it; a note
//! is a paragraph too, one that belongs to no turn. For a UTF-8 plain-text file the arena *is*
//! the file, so loading 100 MB copies nothing, and a search match or a wrapped line is just a
//! byte range of the same string. Paragraphs appear in the arena in document order (turns and
//! notes as they come), but the arena may hold other bytes between them (speaker labels, line
//! ends), so only paragraph ranges are ever shown or searched.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Index of a speaker in [`Transcript::speakers`].
pub type SpeakerId = usize;

/// Someone who speaks in the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name as the source gives it (`主持人`, `SPEAKER_00`, `A`).
    pub name: String,
}

/// Text that belongs to no speaker, kept where it stands in the document: a stage direction,
/// a section heading, page chrome, `Transcribed by …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Index into the transcript's paragraph list.
    pub paragraph: usize,
    /// 1-based source line, for sources with lines.
    pub line: Option<usize>,
    /// The index of the turn the note stands before; the number of turns when it comes after
    /// the last one.
    pub before_turn: usize,
}

/// One speaker's uninterrupted speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// Who speaks.
    pub speaker: SpeakerId,
    /// Indices into the transcript's paragraph list.
    pub paragraphs: Range<usize>,
    /// Start time in seconds, where the source has times.
    pub start: Option<f64>,
    /// End time in seconds, where the source has times.
    pub end: Option<f64>,
    /// 1-based source line where the turn begins, for sources with lines.
    pub line: Option<usize>,
}

/// A parsed transcript.
///
/// The arena and the paragraph ranges are shared between clones: the reading state's names
/// overlay ([`crate::state::overlay`]) makes a transcript that differs only in its speakers
/// without copying 100 MB of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transcript {
    text: Arc<String>,
    paragraphs: Arc<Vec<Range<usize>>>,
    /// Each speaker's original label where the reading state gave them another name (by
    /// [`SpeakerId`]; shorter than `speakers` when the last have none).
    labels: Vec<Option<String>>,
    /// The title, if the source has one.
    pub title: Option<String>,
    /// Lines kept at the top: metadata such as `时间:` or `Date:`, bylines.
    pub header: Vec<String>,
    /// Speakers in order of first appearance.
    pub speakers: Vec<Speaker>,
    /// Turns in reading order.
    pub turns: Vec<Turn>,
    /// Text that belongs to no speaker, in document order.
    pub notes: Vec<Note>,
}

impl Transcript {
    /// Assembles a transcript from an arena and paragraph ranges into it.
    ///
    /// The caller guarantees that every range lies on character boundaries of `text`, that
    /// ranges are in increasing order, that every turn's and note's paragraph indices are in
    /// bounds, and that turns and notes take their paragraphs in document order.
    pub(crate) fn from_parts(text: String, paragraphs: Vec<Range<usize>>, parts: Parts) -> Self {
        debug_assert!(paragraphs.windows(2).all(|w| w[0].end <= w[1].start));
        debug_assert!(
            parts
                .turns
                .iter()
                .all(|t| t.paragraphs.end <= paragraphs.len())
        );
        debug_assert!(parts.notes.iter().all(|n| n.paragraph < paragraphs.len()));
        let Parts {
            title,
            header,
            speakers,
            turns,
            notes,
        } = parts;
        Self {
            text: Arc::new(text),
            paragraphs: Arc::new(paragraphs),
            labels: Vec::new(),
            title,
            header,
            speakers,
            turns,
            notes,
        }
    }

    /// The arena all paragraphs are ranges of.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of every paragraph in the arena, in reading order.
    pub fn paragraph_ranges(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The text of paragraph `index`.
    pub fn paragraph(&self, index: usize) -> &str {
        &self.text[self.paragraphs[index].clone()]
    }

    /// The text of a note.
    pub fn note_text(&self, note: &Note) -> &str {
        self.paragraph(note.paragraph)
    }

    /// The texts of every note, in document order.
    pub fn note_texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.notes.iter().map(|note| self.note_text(note))
    }

    /// The paragraphs of a turn.
    pub fn turn_paragraphs(&self, turn: &Turn) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.paragraphs[turn.paragraphs.clone()]
            .iter()
            .map(|range| &self.text[range.clone()])
    }

    /// The arena bytes a turn spans: from its first paragraph's start to its last's end.
    pub fn turn_span(&self, turn: &Turn) -> Range<usize> {
        let ranges = &self.paragraphs[turn.paragraphs.clone()];
        match (ranges.first(), ranges.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    /// The speaker of a turn.
    pub fn speaker_of(&self, turn: &Turn) -> &Speaker {
        &self.speakers[turn.speaker]
    }

    /// The original label of a speaker whom the reading state renamed (`SPEAKER_01` for a
    /// speaker now called `江滨`); `None` for a speaker shown under their label.
    pub fn label(&self, speaker: SpeakerId) -> Option<&str> {
        self.labels.get(speaker).and_then(Option::as_deref)
    }

    /// Sets a speaker's original label (a JSON file written with renamed speakers keeps them).
    pub fn set_label(&mut self, speaker: SpeakerId, label: Option<String>) {
        if speaker >= self.speakers.len() {
            return;
        }
        if self.labels.len() <= speaker {
            self.labels.resize(speaker + 1, None);
        }
        self.labels[speaker] = label;
        trim_labels(&mut self.labels);
    }

    /// The same transcript with another cast: `speakers` (each with its original label) and
    /// each turn's speaker from `speaker_of_turn`. The text is shared, not copied.
    pub(crate) fn recast(
        &self,
        speakers: Vec<(Speaker, Option<String>)>,
        speaker_of_turn: impl Fn(usize) -> SpeakerId,
    ) -> Self {
        let (speakers, mut labels): (Vec<Speaker>, Vec<Option<String>>) =
            speakers.into_iter().unzip();
        trim_labels(&mut labels);
        let turns = self
            .turns
            .iter()
            .enumerate()
            .map(|(index, turn)| Turn {
                speaker: speaker_of_turn(index),
                ..turn.clone()
            })
            .collect();
        Self {
            text: Arc::clone(&self.text),
            paragraphs: Arc::clone(&self.paragraphs),
            labels,
            title: self.title.clone(),
            header: self.header.clone(),
            speakers,
            turns,
            notes: self.notes.clone(),
        }
    }

    /// Whether any turn has a start time.
    pub fn has_times(&self) -> bool {
        self.turns.iter().any(|turn| turn.start.is_some())
    }

    /// Per-speaker totals, indexed by [`SpeakerId`].
    pub fn speaker_stats(&self) -> Vec<SpeakerStats> {
        let mut stats = vec![SpeakerStats::default(); self.speakers.len()];
        for (index, turn) in self.turns.iter().enumerate() {
            let entry = &mut stats[turn.speaker];
            entry.turns += 1;
            entry.first_turn.get_or_insert(index);
            entry.last_turn = Some(index);
            entry.chars += self.turn_paragraphs(turn).map(count_chars).sum::<usize>();
        }
        stats
    }
}

/// Drops the labels at the end that are none, so that a transcript without labels compares
/// equal however it came to have none.
fn trim_labels(labels: &mut Vec<Option<String>>) {
    while labels.last().is_some_and(Option::is_none) {
        labels.pop();
    }
}

/// Counts the characters of a string quickly: every byte that does not continue a UTF-8
/// sequence starts a character (this loop vectorizes, unlike `chars().count()`).
fn count_chars(text: &str) -> usize {
    text.bytes().filter(|&byte| (byte as i8) >= -0x40).count()
}

/// Everything of a transcript but its arena, for [`Transcript::from_parts`].
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub title: Option<String>,
    pub header: Vec<String>,
    pub speakers: Vec<Speaker>,
    pub turns: Vec<Turn>,
    pub notes: Vec<Note>,
}

impl Parts {
    /// Drops turns that ended up with no paragraphs and speakers left with no turn, keeping
    /// every note before the first of the kept turns it stood before.
    pub fn prune(&mut self) {
        let mut kept_before = Vec::with_capacity(self.turns.len() + 1);
        let mut kept = 0;
        for turn in &self.turns {
            kept_before.push(kept);
            kept += usize::from(!turn.paragraphs.is_empty());
        }
        kept_before.push(kept);
        for note in &mut self.notes {
            note.before_turn = kept_before.get(note.before_turn).copied().unwrap_or(kept);
        }
        self.turns.retain(|turn| !turn.paragraphs.is_empty());
        // Speakers in order of first appearance, among those who speak.
        let mut new_id: Vec<Option<SpeakerId>> = vec![None; self.speakers.len()];
        let mut speakers = Vec::with_capacity(self.speakers.len());
        for turn in &mut self.turns {
            let id = *new_id[turn.speaker].get_or_insert_with(|| {
                speakers.push(self.speakers[turn.speaker].clone());
                speakers.len() - 1
            });
            turn.speaker = id;
        }
        self.speakers = speakers;
    }
}

/// What one speaker said, in total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerStats {
    /// Number of turns.
    pub turns: usize,
    /// Characters in all their paragraphs.
    pub chars: usize,
    /// Index of their first turn.
    pub first_turn: Option<usize>,
    /// Index of their last turn.
    pub last_turn: Option<usize>,
}

/// Builds a transcript piece by piece, for formats whose text is not one contiguous file
/// (subtitles, JSON). Speakers are interned by name in order of first appearance.
#[derive(Debug, Default)]
pub struct TranscriptBuilder {
    text: String,
    paragraphs: Vec<Range<usize>>,
    speakers: Vec<Speaker>,
    speaker_ids: HashMap<String, SpeakerId>,
    turns: Vec<Turn>,
    title: Option<String>,
    header: Vec<String>,
    notes: Vec<Note>,
}

impl TranscriptBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of the speaker called `name`, adding them if they are new.
    pub fn speaker(&mut self, name: &str) -> SpeakerId {
        if let Some(&id) = self.speaker_ids.get(name) {
            return id;
        }
        let id = self.speakers.len();
        self.speakers.push(Speaker {
            name: name.to_owned(),
        });
        self.speaker_ids.insert(name.to_owned(), id);
        id
    }

    /// Sets the title.
    pub fn title(&mut self, title: impl Into<String>) {
        self.title = Some(title.into());
    }

    /// Adds a header line.
    pub fn header(&mut self, line: impl Into<String>) {
        self.header.push(line.into());
    }

    /// Adds a note where the document has got to: before the next turn started.
    pub fn note(&mut self, note: &str, line: Option<usize>) {
        let paragraph = self.push_text(note);
        self.notes.push(Note {
            paragraph,
            line,
            before_turn: self.turns.len(),
        });
    }

    /// Starts a new turn; paragraphs pushed after this belong to it.
    pub fn start_turn(
        &mut self,
        speaker: SpeakerId,
        start: Option<f64>,
        end: Option<f64>,
        line: Option<usize>,
    ) {
        let at = self.paragraphs.len();
        self.turns.push(Turn {
            speaker,
            paragraphs: at..at,
            start,
            end,
            line,
        });
    }

    /// The turn being built, if any.
    pub fn current_turn(&self) -> Option<&Turn> {
        self.turns.last()
    }

    /// Extends the current turn's end time (a later cue of the same turn).
    pub fn extend_end(&mut self, end: Option<f64>) {
        if let (Some(turn), Some(end)) = (self.turns.last_mut(), end) {
            turn.end = Some(turn.end.map_or(end, |old| old.max(end)));
        }
    }

    /// Adds a paragraph to the current turn (starting an unnamed-speaker turn if there is none).
    /// After a note, the speaker's speech goes on in a turn of its own after the note.
    pub fn push_paragraph(&mut self, text: &str) {
        match self.turns.last() {
            None => {
                let nobody = self.speaker("");
                self.start_turn(nobody, None, None, None);
            }
            Some(turn) if !turn.paragraphs.is_empty() && !self.turn_is_open() => {
                let speaker = turn.speaker;
                self.start_turn(speaker, None, None, None);
            }
            Some(_) => {}
        }
        self.push_text(text);
        if let Some(turn) = self.turns.last_mut() {
            turn.paragraphs.end = self.paragraphs.len();
        }
    }

    /// Adds a paragraph to the arena; returns its index.
    fn push_text(&mut self, text: &str) -> usize {
        // Separate paragraphs in the arena so that a search never matches across two of them.
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.paragraphs.push(start..self.text.len());
        self.paragraphs.len() - 1
    }

    /// Appends text to the current turn's last paragraph, with `separator` between the old and
    /// the new text (a space between English cues, nothing between Chinese ones). Starts a
    /// paragraph when the turn has none.
    pub fn append_to_paragraph(&mut self, separator: &str, text: &str) {
        if !self.turn_is_open() {
            self.push_paragraph(text);
            return;
        }
        self.text.push_str(separator);
        self.text.push_str(text);
        if let Some(last) = self.paragraphs.last_mut() {
            last.end = self.text.len();
        }
    }

    /// Whether the last paragraph in the arena is the current turn's, so text may be appended
    /// to it (not when the turn is empty or a note came after it).
    pub fn turn_is_open(&self) -> bool {
        self.turns.last().is_some_and(|turn| {
            !turn.paragraphs.is_empty() && turn.paragraphs.end == self.paragraphs.len()
        })
    }

    /// The text of the last paragraph pushed, if any.
    pub fn last_paragraph(&self) -> Option<&str> {
        self.paragraphs
            .last()
            .map(|range| &self.text[range.clone()])
    }

    /// Finishes the transcript, dropping turns that ended up with no paragraphs.
    pub fn finish(self) -> Transcript {
        let mut parts = Parts {
            title: self.title,
            header: self.header,
            speakers: self.speakers,
            turns: self.turns,
            notes: self.notes,
        };
        parts.prune();
        Transcript::from_parts(self.text, self.paragraphs, parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_interns_speakers_in_order_of_appearance() {
        let mut builder = TranscriptBuilder::new();
        let host = builder.speaker("Host");
        let guest = builder.speaker("Guest");
        assert_eq!(builder.speaker("Host"), host);
        builder.start_turn(host, Some(1.0), Some(2.0), None);
        builder.push_paragraph("Hello");
        builder.append_to_paragraph(" ", "there.");
        builder.start_turn(guest, None, None, Some(3));
        builder.push_paragraph("Hi.");
        builder.push_paragraph("Second paragraph.");
        let transcript = builder.finish();
        assert_eq!(transcript.speakers.len(), 2);
        assert_eq!(transcript.turns.len(), 2);
        let first: Vec<_> = transcript.turn_paragraphs(&transcript.turns[0]).collect();
        assert_eq!(first, ["Hello there."]);
        let second: Vec<_> = transcript.turn_paragraphs(&transcript.turns[1]).collect();
        assert_eq!(second, ["Hi.", "Second paragraph."]);
    }

    #[test]
    fn stats_count_characters_not_bytes() {
        let mut builder = TranscriptBuilder::new();
        let host = builder.speaker("主持人");
        builder.start_turn(host, None, None, None);
        builder.push_paragraph("各位网友,再见。");
        let stats = builder.finish().speaker_stats();
        assert_eq!(stats[0].chars, 8);
        assert_eq!(stats[0].turns, 1);
    }
}
