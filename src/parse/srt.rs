//! SubRip (`.srt`) subtitles: numbered cues, `Name:` on a turn's first cue, WhisperX's
//! `[SPEAKER_00]:` on every cue.

use std::borrow::Cow;

use super::common::{Cue, ReadCues, assemble_cues, has_arrow, map_cow, parse_clock, strip_tags};
use super::error::ParseError;
use crate::model::Transcript;

/// Parses SRT. Lenient where players are: indexes may start at 0 or be missing, `.` may stand
/// for `,` before milliseconds, text after a stray blank line inside a cue stays with it, and
/// markup (`<i>`, `<font>`, `{\an8}`) is dropped.
///
/// # Errors
/// [`ParseError::BadTiming`] for a `-->` line whose times cannot be read.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    assemble_cues(&Srt(text))
}

/// Reads `start --> end` (anything after the end time, such as SRT position hints, ignored).
pub(crate) fn parse_timing(line: &str, number: usize) -> Result<(f64, f64), ParseError> {
    let bad = || ParseError::BadTiming {
        line: number,
        found: line.trim().to_owned(),
    };
    let (start, end) = line.split_once("-->").ok_or_else(bad)?;
    let end = end.split_whitespace().next().unwrap_or("");
    match (cue_time(start), cue_time(end)) {
        (Some(start), Some(end)) => Ok((start, end)),
        _ => Err(bad()),
    }
}

/// A cue time: a clock time, or plain seconds (`3.480`), which some WebVTT writers use.
fn cue_time(text: &str) -> Option<f64> {
    let text = text.trim();
    parse_clock(text).or_else(|| {
        let (whole, fraction) = text.split_once('.')?;
        let digits = |part: &str| {
            !part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit())
        };
        (digits(whole) && digits(fraction))
            .then(|| text.parse().ok())
            .flatten()
    })
}

/// The text of an SRT file, read cue by cue.
struct Srt<'a>(&'a str);

impl<'a> ReadCues<'a> for Srt<'a> {
    fn read_cues(&self, each: &mut dyn FnMut(&Cue<'a>)) -> Result<(), ParseError> {
        // One cue is kept at a time: handed on when the next one's timing (or the end) comes.
        let mut cue: Option<Cue<'a>> = None;
        let mut lines = self.0.lines().enumerate().peekable();
        let mut previous_blank = true;
        let mut index_line: Option<usize> = None;
        while let Some((at, line)) = lines.next() {
            let number = at + 1;
            let trimmed = line.trim();
            // A `-->` that cannot be read is an error where a timing belongs (first in a block
            // or after an index), and just text inside a cue ("A --> B").
            let in_text = !previous_blank && index_line.is_none();
            previous_blank = trimmed.is_empty();
            let timing = match has_arrow(trimmed).then(|| parse_timing(trimmed, number)) {
                Some(Err(_)) if in_text => None,
                Some(result) => Some(result?),
                None => None,
            };
            if let Some((start, end)) = timing {
                let mut next = Cue {
                    line: index_line.take().unwrap_or(number),
                    start,
                    end,
                    lines: Vec::new(),
                };
                if let Some(mut done) = cue.take() {
                    each(&done);
                    // The next cue's lines go where the last one's were.
                    done.lines.clear();
                    next.lines = done.lines;
                }
                cue = Some(next);
            } else if trimmed.is_empty() {
                index_line = None;
            } else if is_index(trimmed) && lines.peek().is_some_and(|(_, l)| has_arrow(l)) {
                index_line = Some(number);
            } else if let Some(cue) = &mut cue {
                let clean = map_cow(strip_tags(trimmed), |clean| Cow::Borrowed(clean.trim()));
                if !clean.is_empty() {
                    cue.lines.push((None, clean));
                }
            }
        }
        if let Some(cue) = cue {
            each(&cue);
        }
        Ok(())
    }
}

fn is_index(line: &str) -> bool {
    line.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::test_support::joined_rows as turns;

    #[test]
    fn labels_on_first_cue_carry_forward() {
        let srt = "1\n00:00:00,179 --> 00:00:02,399\nTravis: When you first get\nstarted, it's\n\n\
                   2\n00:00:02,400 --> 00:00:04,799\nalmost guaranteed.\n\n\
                   3\n00:00:05,000 --> 00:00:06,000\nSarah: <i>Right</i>.\n\n\
                   4\n00:00:06,000 --> 00:00:07,500\nTravis: Yes.\n";
        let transcript = parse(srt).expect("srt");
        assert_eq!(
            turns(&transcript),
            [
                (
                    "Travis".into(),
                    "When you first get started, it's almost guaranteed.".into(),
                    Some(0.179),
                    Some(4.799),
                    Some(1)
                ),
                (
                    "Sarah".into(),
                    "Right.".into(),
                    Some(5.0),
                    Some(6.0),
                    Some(10)
                ),
                (
                    "Travis".into(),
                    "Yes.".into(),
                    Some(6.0),
                    Some(7.5),
                    Some(14)
                ),
            ]
        );
    }

    #[test]
    fn a_sound_alone_in_a_cue_is_a_note_between_turns() {
        let srt = "1\n00:00:00,500 --> 00:00:02,000\n主持人：大家好。\n\n\
                   2\n00:00:02,100 --> 00:00:04,000\n张老师：大家好。\n\n\
                   3\n00:00:04,100 --> 00:00:06,000\n[音乐]\n\n\
                   4\n00:00:06,100 --> 00:00:08,000\n♪ 片头曲 ♪\n\n\
                   5\n00:00:08,100 --> 00:00:10,000\n主持人：我们开始吧。\n";
        let transcript = parse(srt).expect("srt");
        let said: Vec<String> = turns(&transcript).into_iter().map(|t| t.1).collect();
        assert_eq!(said, ["大家好。", "大家好。", "我们开始吧。"]);
        let notes: Vec<&str> = transcript.note_texts().collect();
        assert_eq!(notes, ["[音乐]", "♪ 片头曲 ♪"]);
        assert!(transcript.notes.iter().all(|note| note.before_turn == 2));
    }

    #[test]
    fn whisperx_labels_merge_consecutive_cues() {
        let srt = "0\n00:00:00.000 --> 00:00:01.500\n[SPEAKER_00]: 我们今天\n\n\
                   1\n00:00:01.500 --> 00:00:03.000\n[SPEAKER_00]: 来谈谈。\n\n\
                   2\n00:00:03.100 --> 00:00:04.000\n[SPEAKER_01]: Sure.\n";
        let transcript = parse(srt).expect("srt");
        assert_eq!(
            turns(&transcript),
            [
                (
                    "SPEAKER_00".into(),
                    "我们今天来谈谈。".into(),
                    Some(0.0),
                    Some(3.0),
                    Some(1)
                ),
                (
                    "SPEAKER_01".into(),
                    "Sure.".into(),
                    Some(3.1),
                    Some(4.0),
                    Some(9)
                ),
            ]
        );
    }

    #[test]
    fn unlabelled_files_have_one_unnamed_speaker_and_crlf_works() {
        let srt = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,000 X1:40\r\n{\\an8}Hello\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nworld\r\n";
        let transcript = parse(srt).expect("srt");
        assert_eq!(
            turns(&transcript),
            [(
                String::new(),
                "Hello world".into(),
                Some(1.0),
                Some(3.0),
                Some(1)
            )]
        );
    }

    #[test]
    fn a_one_off_colon_is_not_a_speaker() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nNote: the meeting\n\n2\n00:00:02,000 --> 00:00:03,000\nwent on.\n";
        let transcript = parse(srt).expect("srt");
        assert_eq!(transcript.speakers.len(), 1);
        assert_eq!(transcript.paragraph(0), "Note: the meeting went on.");
    }

    #[test]
    fn a_stray_machine_label_among_named_speakers() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nLex: So.\n\n2\n00:00:02,000 --> 00:00:03,000\nGuido: Well.\n\n3\n00:00:03,000 --> 00:00:04,000\nSPEAKER_S3: it started\n\n4\n00:00:04,000 --> 00:00:05,000\nLex: Thanks.\n\n5\n00:00:05,000 --> 00:00:06,000\nGuido: Sure.\n";
        let transcript = parse(srt).expect("srt");
        let names: Vec<&str> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Lex", "Guido", "SPEAKER_S3"]);
    }

    #[test]
    fn labels_inside_markup_count_where_they_recur() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\n<b>Ann:</b> Hi.\n\n\
                   2\n00:00:02,000 --> 00:00:03,000\nBo: Hello.\n\n\
                   3\n00:00:03,000 --> 00:00:04,000\n<b>Ann:</b> Bye.\n\n\
                   4\n00:00:04,000 --> 00:00:05,000\nDate: today\n";
        let transcript = parse(srt).expect("srt");
        let names: Vec<&str> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Ann", "Bo"]);
        assert_eq!(transcript.paragraph(2), "Bye. Date: today");
    }

    #[test]
    fn arrows_inside_cue_text_are_text() {
        let transcript =
            parse("1\n00:00:01,000 --> 00:00:02,000\nA: go\nleft --> right\n").expect("srt");
        assert_eq!(transcript.paragraph(0), "A: go left --> right");
    }

    #[test]
    fn bad_timing_names_the_line() {
        let error = parse("1\n00:00:01,000 --> soon\nHi\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 2: invalid cue timing \"00:00:01,000 --> soon\""
        );
    }

    #[test]
    fn random_input_never_panics() {
        let alphabet = [
            "1",
            "\n",
            "\r\n",
            "-->",
            " ",
            "00:00:01,000",
            "A:",
            "<i>",
            "{\\",
            "中",
            ":",
            "\u{FEFF}",
        ];
        let texts =
            crate::parse::test_support::random_texts(&alphabet, 0x9E37_79B9_7F4A_7C15u64, 2000, 24);
        for input in texts {
            let _ = parse(&input);
        }
    }
}
