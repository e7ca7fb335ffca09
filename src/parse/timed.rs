//! Plain text with a time on each speaker label: `[00:12:03] Name: text`, `Name (00:12): text`,
//! and Otter's `Name  0:33` on a line of its own above what they said. The plain-text parser
//! calls [`parse_timed_text`] first and keeps the result when it is `Some`.

use super::common::{looks_like_name, parse_clock, split_label};
use crate::model::{Transcript, TranscriptBuilder};

/// Parses `text` when it clearly uses one of the timestamp styles: at least two timed labels,
/// and more timed labels than plain `Name:` ones. `None` otherwise, for the plain-text parser.
///
/// Turns start at the label's time (the end is unknown); the label's speaker, time and text
/// follow the plain-text rules of SPEC §2: consecutive labels of one speaker are one turn of
/// several paragraphs, an unlabelled line continues the turn as a new paragraph, a first line
/// before any label is the title, and what follows a blank line after the last turn is notes.
pub fn parse_timed_text(text: &str) -> Option<Transcript> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let raw: Vec<&str> = text.lines().collect();
    let lines: Vec<Line<'_>> = raw.iter().map(|line| classify(line)).collect();
    let timed = lines
        .iter()
        .filter(|l| matches!(l, Line::Label { time: Some(_), .. }))
        .count();
    let plain = lines
        .iter()
        .filter(|l| matches!(l, Line::Label { time: None, .. }))
        .count();
    if timed < 2 || timed <= plain {
        return None;
    }
    let last_label = lines
        .iter()
        .rposition(|l| matches!(l, Line::Label { .. }))?;

    // `Interview: Jane Doe` on the first line, a label never used again, is the title (SPEC §2).
    let first = lines.iter().position(|l| *l != Line::Blank);
    let title_at = first.filter(|&at| match lines[at] {
        Line::Label {
            name, time: None, ..
        } => {
            lines
                .iter()
                .filter(|l| matches!(l, Line::Label { name: other, .. } if *other == name))
                .count()
                == 1
        }
        _ => false,
    });

    let mut builder = TranscriptBuilder::new();
    let mut current: Option<&str> = None;
    let mut blank_since_label = false;
    // Whether a line before the first turn has been read: only the very first can be the title.
    let mut seen_front = false;
    for (at, line) in lines.iter().enumerate() {
        if Some(at) == title_at {
            builder.title(raw[at].trim());
            seen_front = true;
            continue;
        }
        match *line {
            Line::Blank => blank_since_label = true,
            Line::Label { name, time, text } => {
                if current != Some(name) {
                    let id = builder.speaker(name);
                    builder.start_turn(id, time, None, Some(at + 1));
                    current = Some(name);
                }
                if !text.is_empty() {
                    builder.push_paragraph(text);
                }
                blank_since_label = false;
            }
            Line::Text(text) => {
                let trailing = at > last_label && blank_since_label;
                if current.is_none() && !seen_front && text.chars().count() <= 100 {
                    builder.title(text);
                } else if current.is_none() || trailing {
                    builder.note(text, Some(at + 1));
                } else {
                    builder.push_paragraph(text);
                }
                seen_front = true;
            }
        }
    }
    Some(builder.finish())
}

#[derive(Debug, PartialEq)]
enum Line<'a> {
    Blank,
    /// A speaker label, with its time if it has one, and the text after it (may be empty).
    Label {
        name: &'a str,
        time: Option<f64>,
        text: &'a str,
    },
    Text(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    // `[00:12:03] Name: text`, `(12:03) Name: text`, `00:12:03 Name: text`.
    if let Some((time, rest)) = leading_time(line) {
        return match split_label(rest) {
            Some((name, text)) => Line::Label {
                name,
                time: Some(time),
                text,
            },
            // A timed line without a name continues the current turn.
            None => Line::Text(rest),
        };
    }
    // `Name (00:12): text`, `Name [00:12:03]` with the text below.
    if let Some(open) = line.find(['(', '[']) {
        let close = if line[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        if let Some(len) = line[open..].find(close) {
            let name = line[..open].trim();
            let time = parse_clock(&line[open + 1..open + len]);
            let rest = line[open + len + 1..].trim_start();
            let rest = rest.strip_prefix([':', '：']).unwrap_or(rest).trim_start();
            if let Some(time) = time.filter(|_| looks_like_name(name)) {
                return Line::Label {
                    name,
                    time: Some(time),
                    text: rest,
                };
            }
        }
    }
    // Otter: `Name  0:33` alone on its line.
    if let Some((name, time)) = line.rsplit_once(char::is_whitespace) {
        let name = name.trim();
        if let Some(time) =
            parse_clock(time).filter(|_| looks_like_name(name) && !name.contains([':', '：']))
        {
            return Line::Label {
                name,
                time: Some(time),
                text: "",
            };
        }
    }
    match split_label(line) {
        Some((name, text)) => Line::Label {
            name,
            time: None,
            text,
        },
        None => Line::Text(line),
    }
}

/// A time at the start of a line, bracketed (`[00:12:03]`, `(12:03)`) or bare and followed by a
/// space; returns it and the rest of the line.
fn leading_time(line: &str) -> Option<(f64, &str)> {
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = line.strip_prefix(open) {
            let end = inner.find(close)?;
            let time = parse_clock(&inner[..end])?;
            return Some((time, inner[end + 1..].trim_start()));
        }
    }
    let (token, rest) = line.split_once(char::is_whitespace)?;
    Some((parse_clock(token)?, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::test_support::s;

    /// One turn as the tests compare it: speaker, paragraphs, start, line.
    type Row = (String, Vec<String>, Option<f64>, Option<usize>);

    fn summary(transcript: &Transcript) -> Vec<Row> {
        let rows = crate::parse::test_support::rows(transcript).into_iter();
        rows.map(|(name, text, start, _, line)| (name, text, start, line))
            .collect()
    }

    #[test]
    fn bracketed_times_before_labels() {
        let text = "Interview with Dr Lindqvist\n\n[00:00:05] Q: Where were you?\n\
                    [00:00:09] Dr Lindqvist: At home.\nI stayed in.\n[00:01:02] Dr Lindqvist: All day.\n\
                    [00:01:30] Q：好的。\n\nTranscribed by a machine\n";
        let transcript = parse_timed_text(text).expect("timed");
        assert_eq!(
            transcript.title.as_deref(),
            Some("Interview with Dr Lindqvist")
        );
        assert_eq!(
            summary(&transcript),
            [
                (s("Q"), vec![s("Where were you?")], Some(5.0), Some(3)),
                (
                    s("Dr Lindqvist"),
                    vec![s("At home."), s("I stayed in."), s("All day.")],
                    Some(9.0),
                    Some(4)
                ),
                (s("Q"), vec![s("好的。")], Some(90.0), Some(7)),
            ]
        );
        assert_eq!(
            transcript.note_texts().collect::<Vec<_>>(),
            ["Transcribed by a machine"]
        );
    }

    #[test]
    fn times_after_names() {
        let text = "Interview: Jane Doe\nHost (00:12): Welcome.\nGuest (01:02:03):\nThanks for having me.\nHost [1:02:10]: Sure.\n";
        let transcript = parse_timed_text(text).expect("timed");
        assert_eq!(
            summary(&transcript),
            [
                (s("Host"), vec![s("Welcome.")], Some(12.0), Some(2)),
                (
                    s("Guest"),
                    vec![s("Thanks for having me.")],
                    Some(3723.0),
                    Some(3)
                ),
                (s("Host"), vec![s("Sure.")], Some(3730.0), Some(5)),
            ]
        );
        assert_eq!(transcript.title.as_deref(), Some("Interview: Jane Doe"));
    }

    #[test]
    fn otter_labels_above_the_text() {
        let text = "Speaker 1  0:00\nHello there.\n\nJane Doe  0:33\nHi. How are you?\n\n\
                   Speaker 1  1:02:05\nGood.\n\nTranscribed by https://otter.ai\n";
        let transcript = parse_timed_text(text).expect("otter");
        assert_eq!(
            summary(&transcript),
            [
                (s("Speaker 1"), vec![s("Hello there.")], Some(0.0), Some(1)),
                (
                    s("Jane Doe"),
                    vec![s("Hi. How are you?")],
                    Some(33.0),
                    Some(4)
                ),
                (s("Speaker 1"), vec![s("Good.")], Some(3725.0), Some(7)),
            ]
        );
        assert_eq!(
            transcript.note_texts().collect::<Vec<_>>(),
            ["Transcribed by https://otter.ai"]
        );
    }

    #[test]
    fn plain_label_files_are_left_to_the_text_parser() {
        let sample = include_str!("../../assets/mudanjiang-police-interview.txt");
        assert!(parse_timed_text(sample).is_none());
        assert!(parse_timed_text("A: hi\nB: 17:30 is fine\n[00:01] A: ok\n").is_none());
        assert!(parse_timed_text("Meeting at 10:30\n").is_none());
    }

    #[test]
    fn random_input_never_panics() {
        let alphabet = [
            "[", "]", "(", ")", "00:12", "1:02:03", " ", "  ", "\n", "A:", "名：", "\n\n", "x",
            "\u{FEFF}",
        ];
        let texts =
            crate::parse::test_support::random_texts(&alphabet, 0x1357_9BDF_2468_ACE0u64, 5000, 24);
        for input in texts {
            let _ = parse_timed_text(&input);
        }
    }
}
