//! WebVTT subtitles: `<v Name>` voices, `NOTE`/`STYLE`/`REGION` blocks, cue settings, inline
//! markup and character references, and MS Teams' unpadded `0:0:0.0` times.

use std::borrow::Cow;

use super::common::{
    Cue, ReadCues, assemble_cues, decode_entities, has_arrow, map_cow, strip_tags,
};
use super::error::ParseError;
use super::srt::parse_timing;
use crate::model::Transcript;

/// Parses WebVTT. Consecutive cues of the same voice become one turn; cues without a voice tag
/// may name their speaker with `Name:` (Zoom writes that) or continue the current turn. A
/// missing `WEBVTT` header is forgiven: the user may have chosen `--format vtt` on purpose.
///
/// # Errors
/// [`ParseError::BadTiming`] for a `-->` line whose times cannot be read.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    assemble_cues(&Vtt(text))
}

/// The text of a WebVTT file, read block by block.
struct Vtt<'a>(&'a str);

impl<'a> ReadCues<'a> for Vtt<'a> {
    fn read_cues(&self, each: &mut dyn FnMut(&Cue<'a>)) -> Result<(), ParseError> {
        // One block and one cue at a time, their buffers reused.
        let mut cue = Cue::default();
        let mut block: Vec<(usize, &str)> = Vec::new();
        let mut first_block = true;
        for (at, line) in self.0.lines().chain(std::iter::once("")).enumerate() {
            if line.trim().is_empty() {
                if !block.is_empty() {
                    if !(first_block && block[0].1.starts_with("WEBVTT"))
                        && read_block(&block, &mut cue)?
                    {
                        each(&cue);
                    }
                    first_block = false;
                    block.clear();
                }
            } else {
                block.push((at + 1, line));
            }
        }
        Ok(())
    }
}

/// Reads one block into `cue`: `true` for a cue (optional identifier, timing, payload), `false`
/// for a comment, style sheet, region, or stray text.
fn read_block<'a>(block: &[(usize, &'a str)], cue: &mut Cue<'a>) -> Result<bool, ParseError> {
    let Some(timing_at) = block.iter().take(2).position(|(_, line)| has_arrow(line)) else {
        return Ok(false);
    };
    if timing_at == 1 && is_special_block(block[0].1) {
        return Ok(false);
    }
    let (number, timing) = block[timing_at];
    (cue.start, cue.end) = parse_timing(timing.trim(), number)?;
    cue.line = block[0].0;
    cue.lines.clear();
    for &(_, line) in &block[timing_at + 1..] {
        let clean = map_cow(strip_tags(line), |clean| decode_entities(clean.trim()));
        let clean = map_cow(clean, |clean| Cow::Borrowed(clean.trim()));
        cue.lines.push((voice(line), clean));
    }
    Ok(true)
}

/// `NOTE`, `STYLE` and `REGION` blocks carry no speech (a cue identifier could be spelled
/// `NOTE` too, but then it precedes a timing line, which the caller checks first).
fn is_special_block(first: &str) -> bool {
    ["NOTE", "STYLE", "REGION"].iter().any(|keyword| {
        first
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// The voice of the first `<v Name>` or `<v.class Name>` tag on a line.
fn voice(line: &str) -> Option<Cow<'_, str>> {
    let mut rest = line;
    while let Some(at) = rest.find("<v") {
        let tag = &rest[at + 2..];
        let end = tag.find('>')?;
        let inner = &tag[..end];
        if inner.starts_with([' ', '\t', '.']) {
            let name = inner
                .split_once([' ', '\t'])
                .map_or("", |(_, name)| name)
                .trim();
            // `<v Name:>`: the colon some writers add is not part of the name.
            let name = map_cow(decode_entities(name), |name| {
                Cow::Borrowed(name.trim_end_matches([':', '：']).trim_end())
            });
            return (!name.is_empty()).then_some(name);
        }
        rest = tag;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::test_support::joined_rows as summary;

    #[test]
    fn voices_notes_styles_and_karaoke() {
        let vtt = "WEBVTT - interview\nKind: captions\n\n\
                   STYLE\n::cue { color: yellow }\n\n\
                   NOTE this is a comment\nspanning two lines --> not a cue\n\n\
                   REGION\nid:fred\n\n\
                   intro-1\n00:00:01.000 --> 00:00:02.500 align:start position:10%\n\
                   <v.loud Dr Lindqvist>Good <00:00:01.500><c>morning</c>,\n\n\
                   00:02.500 --> 00:04.000\n<v Dr Lindqvist>Q&amp;A &lt;today&gt;.</v>\n\n\
                   00:04.000 --> 00:05.000\n<v Kim><i>Thanks</i>&nbsp;&#33;\n";
        let transcript = parse(vtt).expect("vtt");
        assert_eq!(
            summary(&transcript),
            [
                (
                    "Dr Lindqvist".into(),
                    "Good morning, Q&A <today>.".into(),
                    Some(1.0),
                    Some(4.0),
                    Some(13)
                ),
                (
                    "Kim".into(),
                    "Thanks\u{A0}!".into(),
                    Some(4.0),
                    Some(5.0),
                    Some(20)
                ),
            ]
        );
    }

    #[test]
    fn a_voice_with_a_colon_and_seconds_only_times() {
        let vtt = "WEBVTT\n\n0.000 --> 3.480\n<v Ada:>Hello.\n\n4.240 --> 6.600\n<v Bob:>Hi.\n";
        let transcript = parse(vtt).expect("vtt");
        let names: Vec<&str> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Ada", "Bob"]);
        assert_eq!(transcript.turns[1].start, Some(4.24));
    }

    #[test]
    fn two_voices_in_one_cue_and_teams_times() {
        let vtt = "WEBVTT\n\n0:0:0.0 --> 0:0:2.5\n<v A>Hi.</v>\n<v B>Hello.</v>\n";
        let transcript = parse(vtt).expect("vtt");
        let names: Vec<_> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(transcript.turns.len(), 2);
        assert_eq!(transcript.turns[1].start, Some(0.0));
    }

    #[test]
    fn zoom_style_labels_without_voice_tags() {
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAlice: Hi Bob.\n\n\
                   2\n00:00:02.000 --> 00:00:03.000\nBob: Hi Alice.\n\n\
                   3\n00:00:03.000 --> 00:00:04.000\nAlice: 好的\n";
        let transcript = parse(vtt).expect("vtt");
        assert_eq!(transcript.turns.len(), 3);
        assert_eq!(transcript.paragraph(2), "好的");
    }

    #[test]
    fn bad_timing_is_an_error_and_junk_never_panics() {
        assert!(matches!(
            parse("WEBVTT\n\n00:01.000 --> later\nx\n"),
            Err(ParseError::BadTiming { line: 3, .. })
        ));
        let alphabet = [
            "WEBVTT",
            "\n",
            "\n\n",
            "-->",
            " ",
            "00:01.000",
            "<v",
            ">",
            "</v>",
            "&#",
            "&amp;",
            "NOTE",
            "中",
            "\u{FEFF}",
            "<",
        ];
        let texts =
            crate::parse::test_support::random_texts(&alphabet, 0x0123_4567_89AB_CDEFu64, 3000, 20);
        for input in texts {
            let _ = parse(&input);
        }
    }
}
