//! Plain text, the common case: `Name: text` lines (SPEC §2).
//!
//! Two passes over the lines. The first finds every line's label candidate and counts how often
//! each label occurs; the second decides which labels are speakers (a label that recurs, or a
//! once-only label that reads like a name or a role inside the conversation), which line is the
//! title, which lines continue a turn and which are notes. The file's string becomes the
//! transcript's arena as it is, so a paragraph is a byte range of the file and nothing is copied.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Note, Parts, Speaker, SpeakerId, Transcript, Turn};

/// Labels are short: a name or a role. Longer text before a colon is a sentence. Counted in
/// columns, a Han character being two, so that this allows 16 Han characters or 32 Latin.
const MAX_LABEL_COLUMNS: usize = 32;
/// Where to look for a label's colon: the longest label in 4-byte characters, plus spacing.
const LABEL_WINDOW_BYTES: usize = 2 * MAX_LABEL_COLUMNS + 8;
/// Latin labels have at most this many words (`MR. JUSTICE DOUGLAS`).
const MAX_LABEL_WORDS: usize = 4;

/// Roles that are speakers even when they speak only once.
const ROLES: &[&str] = &[
    "主持人",
    "主持",
    "记者",
    "嘉宾",
    "观众",
    "网友",
    "问",
    "答",
    "提问",
    "回答",
    "采访者",
    "受访者",
    "编者",
    "听众",
    "学生",
    "老师",
    "q",
    "a",
    "host",
    "guest",
    "interviewer",
    "interviewee",
    "moderator",
    "audience",
    "question",
    "answer",
    "reporter",
    "caller",
];

/// Labels that introduce metadata, never speech.
const METADATA: &[&str] = &[
    "注",
    "备注",
    "来源",
    "编辑",
    "责任编辑",
    "原标题",
    "摄影",
    "作者",
    "时间",
    "日期",
    "地点",
    "标签",
    "关键词",
    "note",
    "notes",
    "source",
    "editor",
    "date",
    "time",
    "location",
    "tags",
    "posted",
    "updated",
    "copyright",
];

/// Characters that a sentence has and a name does not.
const SENTENCE_PUNCTUATION: &[char] = &[
    '，', '。', '！', '？', '、', '；', ',', '!', '?', ';', '"', '“', '”', '‘', '’', '《', '》',
    '「', '」', '…', '—', '=', '/', '\\', '|', '<', '>', '[', ']', '{', '}', '*', '#',
];

/// What the first pass learned about one line, in 16 bytes: a 100 MB file has 600k lines and
/// this is held for all of them while parsing. Offsets fit in `u32` because [`parse`] is
/// only given texts under 4 GiB (see [`crate::parse::MAX_BYTES`]).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: u32,
    end: u32,
    /// The label candidate's id, or [`NO_LABEL`].
    label: u32,
    /// Where the text after the label's colon starts.
    body: u32,
}

const NO_LABEL: u32 = u32::MAX;

impl Line {
    /// Byte range of the line, without its line end.
    fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The label candidate's id and where the text after the colon starts.
    fn label(&self) -> Option<(usize, usize)> {
        (self.label != NO_LABEL).then_some((self.label as usize, self.body as usize))
    }

    fn is_blank(&self, text: &str) -> bool {
        text[self.range()].trim().is_empty()
    }
}

/// How the second pass classifies a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A speaker's label line (the speech starts at the line's `body`).
    Turn(SpeakerId),
    /// Text without a speaker.
    Plain,
}

/// Parses plain text. Never fails: every line ends up as the title, a turn's paragraph or a note.
pub fn parse(mut text: String) -> Transcript {
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    let (lines, labels, counts) = scan(&text);
    let first = lines.iter().position(|line| !line.is_blank(&text));
    let Some(first) = first else {
        return Transcript::default();
    };

    // A label that recurs is a speaker; a once-only label is one when it reads like a name or
    // a role and stands inside the conversation. The first line is the title when its label
    // occurs nowhere else.
    let recurring = |id: usize| counts[id] >= 2;
    let inner = {
        let labelled = |line: &&Line| line.label().is_some_and(|(id, _)| recurring(id));
        let start = lines
            .iter()
            .position(|l| labelled(&l))
            .unwrap_or(lines.len());
        let end = lines.iter().rposition(|l| labelled(&l)).unwrap_or(0);
        start..end
    };
    let mut speaker_of_label: Vec<Option<SpeakerId>> = vec![None; labels.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut kinds = Vec::with_capacity(lines.len());
    let mut title = None;
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank(&text) {
            kinds.push(Kind::Blank);
            continue;
        }
        let speaker = line.label().and_then(|(id, _)| {
            let label = labels[id];
            let is_title = index == first && counts[id] == 1 && !is_role(label);
            let accepted = recurring(id)
                || (!is_title && is_role(label))
                || (!is_title && inner.contains(&index) && reads_like_a_name(label));
            accepted.then(|| {
                *speaker_of_label[id].get_or_insert_with(|| {
                    speakers.push(Speaker {
                        name: label.to_owned(),
                    });
                    speakers.len() - 1
                })
            })
        });
        if index == first && speaker.is_none() {
            title = Some(text[line.range()].trim().to_owned());
            kinds.push(Kind::Blank);
            continue;
        }
        kinds.push(speaker.map_or(Kind::Plain, Kind::Turn));
    }

    if speakers.is_empty() {
        return unlabelled(text, &lines, title);
    }
    let (paragraphs, turns, notes) = assemble(&text, &lines, &kinds);
    let parts = Parts {
        title,
        speakers,
        turns,
        notes,
        ..Parts::default()
    };
    Transcript::from_parts(text, paragraphs, parts)
}

/// First pass: every line's range and label candidate; labels interned with their counts.
fn scan(text: &str) -> (Vec<Line>, Vec<&str>, Vec<u32>) {
    let mut lines = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut labels = Vec::new();
    let mut counts = Vec::new();
    let mut start = 0;
    while start <= text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let content_end = if text.as_bytes()[start..end].last() == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        let label = split_label(&text[start..content_end]).map(|(label, body)| {
            let id = *ids.entry(label).or_insert_with(|| {
                labels.push(label);
                counts.push(0);
                labels.len() - 1
            });
            counts[id] += 1;
            (id, start + body)
        });
        let (label, body) = label.map_or((NO_LABEL, 0), |(id, body)| (offset(id), offset(body)));
        lines.push(Line {
            start: offset(start),
            end: offset(content_end),
            label,
            body,
        });
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    (lines, labels, counts)
}

/// An offset or index as stored in a [`Line`]. Texts are under 4 GiB (the loader refuses larger
/// files), so this never saturates in practice; if it did, ranges would come out empty, not
/// out of bounds.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Splits `Name: text` into the label and the byte offset of the text after the colon, if the
/// line's first colon (ASCII or full-width) ends something that can be a label.
fn split_label(line: &str) -> Option<(&str, usize)> {
    let (colon, colon_len) = find_colon(line)?;
    let after = &line[colon + colon_len..];
    let before = &line[..colon];
    // A clock time (`17:30`) or a URL scheme (`https://`) is not a label.
    let digit_before = before.as_bytes().last().is_some_and(u8::is_ascii_digit);
    let digit_after = after.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if (digit_before && digit_after) || after.starts_with("//") {
        return None;
    }
    let label = before.trim_matches(is_space);
    let columns: usize = label
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    if columns == 0
        || columns > MAX_LABEL_COLUMNS
        || label.contains(SENTENCE_PUNCTUATION)
        || !label.chars().any(char::is_alphabetic)
        || label.split_whitespace().count() > MAX_LABEL_WORDS
    {
        return None;
    }
    let body = after.len() - after.trim_start_matches(is_space).len();
    Some((label, colon + colon_len + body))
}

/// The first ASCII or full-width colon in the label window, with its byte length.
fn find_colon(line: &str) -> Option<(usize, usize)> {
    let window = &line.as_bytes()[..line.len().min(LABEL_WINDOW_BYTES)];
    let mut from = 0;
    // `：` is EF BC 9A in UTF-8; look for the ASCII colon and for the lead byte together.
    while let Some(offset) = memchr::memchr2(b':', 0xEF, &window[from..]) {
        let at = from + offset;
        if window[at] == b':' {
            return Some((at, 1));
        }
        if window[at..].starts_with("：".as_bytes()) {
            return Some((at, 3));
        }
        from = at + 1;
    }
    None
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Whether a label is a role that may speak only once (`观众`, `Q`).
fn is_role(label: &str) -> bool {
    ROLES.iter().any(|role| role.eq_ignore_ascii_case(label))
}

/// Whether a once-only label reads like a person's name or role rather than the start of a
/// sentence: `观众` or `Mr. Haddad` do, `他说` or `He said` don't.
fn reads_like_a_name(label: &str) -> bool {
    if METADATA.iter().any(|word| word.eq_ignore_ascii_case(label)) {
        return false;
    }
    if label.is_ascii() {
        // Every word capitalised: `Mr. Haddad`, `MR. JUSTICE DOUGLAS`, `Dr Lindqvist`.
        return label
            .split_whitespace()
            .all(|word| word.starts_with(|c: char| c.is_ascii_uppercase()));
    }
    const PRONOUNS: &[char] = &['我', '你', '您', '他', '她', '它', '们', '咱', '这', '那'];
    const SAYING: &[&str] = &[
        "说", "道", "问", "表示", "指出", "称", "认为", "强调", "介绍", "回答", "写", "如下", "是",
        "为", "有", "了",
    ];
    label.chars().count() <= 8
        && !label.contains(PRONOUNS)
        && !SAYING.iter().any(|verb| label.ends_with(verb))
}

/// Second pass: turns of paragraphs, and notes before the first turn and after the last.
fn assemble(
    text: &str,
    lines: &[Line],
    kinds: &[Kind],
) -> (Vec<Range<usize>>, Vec<Turn>, Vec<Note>) {
    let first_turn = kinds.iter().position(|k| matches!(k, Kind::Turn(..)));
    let last_turn = kinds.iter().rposition(|k| matches!(k, Kind::Turn(..)));
    let (Some(first_turn), Some(last_turn)) = (first_turn, last_turn) else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let trailing_gap = trailing_gap(kinds, first_turn..last_turn);

    let mut paragraphs = Vec::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut notes = Vec::new();
    let mut blanks = 0;
    let mut in_notes = false;
    for (index, (line, &kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            Kind::Blank => blanks += 1,
            Kind::Turn(speaker) => {
                let body = line.body as usize;
                blanks = 0;
                let same = turns.last().is_some_and(|turn| turn.speaker == speaker);
                if !same {
                    let at = paragraphs.len();
                    turns.push(Turn {
                        speaker,
                        paragraphs: at..at,
                        start: None,
                        end: None,
                        line: Some(index + 1),
                    });
                }
                push_paragraph(text, body..line.end as usize, &mut paragraphs, &mut turns);
            }
            Kind::Plain => {
                in_notes |= index > last_turn && blanks >= trailing_gap;
                if index < first_turn || in_notes {
                    let before_turn = turns.len();
                    let paragraph = paragraphs.len();
                    push_range(text, line.range(), &mut paragraphs);
                    if paragraphs.len() > paragraph {
                        notes.push(Note {
                            paragraph,
                            line: Some(index + 1),
                            before_turn,
                        });
                    }
                } else {
                    push_paragraph(text, line.range(), &mut paragraphs, &mut turns);
                }
                blanks = 0;
            }
        }
    }
    turns.retain(|turn| !turn.paragraphs.is_empty());
    (paragraphs, turns, notes)
}

/// How many blank lines set trailing notes off from the last turn. One, unless the file
/// separates a turn's paragraphs with blank lines; then it takes a wider gap than any inside.
fn trailing_gap(kinds: &[Kind], conversation: Range<usize>) -> usize {
    let mut widest = 0;
    let mut blanks = 0;
    for &kind in &kinds[conversation] {
        match kind {
            Kind::Blank => blanks += 1,
            Kind::Plain => {
                widest = widest.max(blanks);
                blanks = 0;
            }
            Kind::Turn(..) => blanks = 0,
        }
    }
    widest + 1
}

/// Adds a trimmed paragraph to the last turn; blank text adds nothing.
fn push_paragraph(
    text: &str,
    range: Range<usize>,
    paragraphs: &mut Vec<Range<usize>>,
    turns: &mut [Turn],
) {
    if let Some(turn) = turns.last_mut() {
        push_range(text, range, paragraphs);
        turn.paragraphs.end = paragraphs.len();
    }
}

/// Adds a trimmed range as a paragraph; blank text adds nothing.
fn push_range(text: &str, range: Range<usize>, paragraphs: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_start_matches(is_space);
    let start = range.start + (slice.len() - trimmed.len());
    let end = start + trimmed.trim_end_matches(is_space).len();
    if start != end {
        paragraphs.push(start..end);
    }
}

/// A file without speaker labels: one unnamed speaker (name `""`), a turn per block of lines
/// between blank lines, a paragraph per line.
fn unlabelled(text: String, lines: &[Line], title: Option<String>) -> Transcript {
    let mut paragraphs = Vec::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut after_blank = true;
    let title_line = title
        .as_ref()
        .and_then(|_| lines.iter().position(|l| !l.is_blank(&text)));
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank(&text) || Some(index) == title_line {
            after_blank = true;
            continue;
        }
        if after_blank {
            let at = paragraphs.len();
            turns.push(Turn {
                speaker: 0,
                paragraphs: at..at,
                start: None,
                end: None,
                line: Some(index + 1),
            });
            after_blank = false;
        }
        push_paragraph(&text, line.range(), &mut paragraphs, &mut turns);
    }
    let speakers = if turns.is_empty() {
        Vec::new()
    } else {
        vec![Speaker {
            name: String::new(),
        }]
    };
    let parts = Parts {
        title,
        speakers,
        turns,
        ..Parts::default()
    };
    Transcript::from_parts(text, paragraphs, parts)
}

#[cfg(test)]
mod tests;
