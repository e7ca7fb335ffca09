//! Deterministic synthetic transcripts for benchmarks and large-input tests.
//!
//! SPEC §6 measures everything on a generated 100 MB transcript (mixed Chinese and English, six
//! speakers, ~600k turns). Everyone generates it here, from one seed, so the parse, layout and
//! search benchmarks all read the same text. Chinese sentences come from the bundled sample
//! interview; English ones are written below.

use std::ops::Range;

use crate::model::{Note, Parts, Speaker, Transcript, Turn};

/// The bundled sample, source of the Chinese sentences.
const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

/// The six speakers: four who mostly speak Chinese, two who mostly speak English.
const SPEAKERS: [&str; 6] = [
    "主持人",
    "江滨",
    "记者",
    "王警官",
    "Dr Lindqvist",
    "Sarah Chen",
];

/// Speakers from this index on mostly speak English.
const FIRST_ENGLISH_SPEAKER: usize = 4;

/// The title line: its label occurs nowhere else, so a parser takes it for the title.
const TITLE: &str = "访谈录:合成访谈 (generated interview for benchmarks)";

/// Trailing page boilerplate, after a blank line: notes, not speech.
const NOTES: [&str; 2] = ["用户登录", "立即注册"];

const ENGLISH: [&str; 24] = [
    "We installed 8,511 cameras across villages, a model the county now calls one village, one pump.",
    "Response times in the rural districts fell from forty minutes to under fifteen in 2013.",
    "Could you tell our listeners how the fire brigade is organised outside the city?",
    "Most of the calls we get in winter are about heating stoves and carbon monoxide.",
    "That is a fair question, and I think the honest answer is that we are still learning.",
    "The tourist season runs from July to October, when pickpocketing goes up noticeably.",
    "Thank you for having me; it is a pleasure to talk with everyone online today.",
    "How do you train new officers to handle evidence under the revised procedure law?",
    "Every station now keeps a log of who handled which exhibit, and when, and why.",
    "We reward officers who pass the national judicial examination in the same year.",
    "In 90% of villages the nearest fire station is more than 15 kilometres away.",
    "Let me give you an example from last spring, when the river flooded near the border.",
    "Volunteers were trained to use the pumps before the professional crews arrived.",
    "I would not say the problem is solved, but it is much smaller than it was.",
    "The hotline takes reports in Chinese, Russian and English around the clock.",
    "What would you say to young people who are thinking of joining the police?",
    "Patience, mostly, and a willingness to listen before you decide anything.",
    "We publish the statistics every quarter so that people can judge for themselves.",
    "Fraud by telephone has become the fastest-growing kind of crime we see.",
    "Older residents are the most frequent targets, so we visit them at home.",
    "The new command centre links video, radio and the emergency number in one room.",
    "Our budget for equipment doubled, though it is still modest by national standards.",
    "Could you say a little more about cooperation with the border authorities?",
    "That is all we have time for today; thank you, and goodbye to everyone watching.",
];

/// A small, fast, seedable generator (SplitMix64): the corpus must be identical everywhere,
/// without depending on a random-number crate's stream staying stable.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the slight modulo bias does not matter here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The Chinese sentences of the sample's speech, each ending with its punctuation.
fn chinese_sentences() -> Vec<&'static str> {
    let mut sentences = Vec::new();
    for line in SAMPLE.lines().skip(1) {
        let Some((_, speech)) = line.split_once(':') else {
            continue;
        };
        let mut start = 0;
        for (at, c) in speech.char_indices() {
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                let end = at + c.len_utf8();
                let sentence = speech[start..end].trim();
                if !sentence.is_empty() {
                    sentences.push(sentence);
                }
                start = end;
            }
        }
    }
    sentences
}

/// Generates a plain-text transcript (SPEC §2: a title line, a blank line, `Name: text` lines,
/// some unlabelled continuation lines, and trailing notes) of at least `target_bytes` bytes.
/// The same arguments always give the same text.
pub fn generate(target_bytes: usize, seed: u64) -> String {
    generate_parts(target_bytes, seed).0
}

/// Generates the same text as [`generate`] and the transcript a correct parser makes of it,
/// with the text as its arena (paragraphs are ranges after the labels, as when parsing a file).
pub fn generate_transcript(target_bytes: usize, seed: u64) -> Transcript {
    let (text, paragraphs, turns, notes) = generate_parts(target_bytes, seed);
    let speakers = SPEAKERS
        .iter()
        .map(|name| Speaker {
            name: (*name).to_owned(),
        })
        .collect();
    let parts = Parts {
        title: Some(TITLE.to_owned()),
        speakers,
        turns,
        notes,
        ..Parts::default()
    };
    Transcript::from_parts(text, paragraphs, parts)
}

/// The text, its paragraph ranges, its turns and its notes.
fn generate_parts(
    target_bytes: usize,
    seed: u64,
) -> (String, Vec<Range<usize>>, Vec<Turn>, Vec<Note>) {
    let chinese = chinese_sentences();
    let mut random = SplitMix(seed);
    let mut text = String::with_capacity(target_bytes + 4096);
    let mut paragraphs = Vec::new();
    let mut turns = Vec::new();
    text.push_str(TITLE);
    text.push_str("\n\n");
    let mut line = 3;
    // Speakers are introduced in order, so the order of first appearance is `SPEAKERS`.
    let mut previous = SPEAKERS.len() - 1;
    while text.len() < target_bytes || turns.len() < SPEAKERS.len() {
        let speaker = if turns.len() < SPEAKERS.len() {
            turns.len()
        } else {
            (previous + 1 + random.below(SPEAKERS.len() - 1)) % SPEAKERS.len()
        };
        previous = speaker;
        let english = (speaker >= FIRST_ENGLISH_SPEAKER) != random.chance(15);
        let first_paragraph = paragraphs.len();
        text.push_str(SPEAKERS[speaker]);
        text.push_str(match random.below(10) {
            0..=5 => ":",
            6..=8 => ": ",
            _ => "：",
        });
        let start = text.len();
        // One sentence mostly, sometimes two or three: ~170 bytes a turn, ~600k turns in 100 MB.
        let sentences = match random.below(20) {
            0..=14 => 1,
            15..=18 => 2,
            _ => 3,
        };
        for n in 0..sentences {
            if n > 0 && english {
                text.push(' ');
            }
            let pool: &[&str] = if english { &ENGLISH } else { &chinese };
            text.push_str(pool[random.below(pool.len())]);
        }
        paragraphs.push(start..text.len());
        text.push('\n');
        let first_line = line;
        line += 1;
        // A continuation paragraph; one without a colon, so it cannot pass for a label.
        if random.chance(10) {
            let pool: &[&str] = if english { &ENGLISH } else { &chinese };
            let sentence = pool[random.below(pool.len())];
            if !sentence.contains([':', '：']) {
                let start = text.len();
                text.push_str(sentence);
                paragraphs.push(start..text.len());
                text.push('\n');
                line += 1;
            }
        }
        turns.push(Turn {
            speaker,
            paragraphs: first_paragraph..paragraphs.len(),
            start: None,
            end: None,
            line: Some(first_line),
        });
    }
    text.push('\n');
    let mut notes = Vec::new();
    for note in NOTES {
        notes.push(Note {
            paragraph: paragraphs.len(),
            line: Some(line + 1),
            before_turn: turns.len(),
        });
        paragraphs.push(text.len()..text.len() + note.len());
        text.push_str(note);
        text.push('\n');
        line += 1;
    }
    (text, paragraphs, turns, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_sized() {
        let first = generate(200_000, 7);
        assert_eq!(first, generate(200_000, 7));
        assert_ne!(first, generate(200_000, 8));
        assert!(first.len() >= 200_000 && first.len() < 201_000);
        assert!(first.starts_with("访谈录:"));
        assert!(first.ends_with("用户登录\n立即注册\n"));
    }

    #[test]
    fn transcript_matches_text() {
        let transcript = generate_transcript(100_000, 1);
        assert_eq!(transcript.text(), generate(100_000, 1));
        assert_eq!(transcript.speakers.len(), 6);
        for (index, turn) in transcript.turns.iter().enumerate() {
            let line = transcript.text().lines().nth(turn.line.unwrap_or(0) - 1);
            let label = &transcript.speaker_of(turn).name;
            assert!(
                line.is_some_and(|line| line.starts_with(label.as_str())),
                "{index}"
            );
            if let Some(next) = transcript.turns.get(index + 1) {
                assert_ne!(turn.speaker, next.speaker);
            }
        }
        for paragraph in 0..transcript.paragraph_ranges().len() {
            let text = transcript.paragraph(paragraph);
            assert!(!text.is_empty() && !text.contains('\n'));
        }
    }
}
