//! Helpers the timed formats share: clock times, speaker labels, cue markup, and joining
//! pieces of text (cues, words) into one paragraph with the right separator.

use std::borrow::Cow;
use std::collections::HashMap;

use super::error::ParseError;
use super::labels;
use crate::model::{Transcript, TranscriptBuilder};

/// Whether `c` belongs to a script written without spaces between words (Han, kana, Hangul
/// syllables are spaced, but their subtitle cues are split mid-phrase the same way), or is one
/// of their full-width punctuation marks.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}'     // radicals, CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3100}'..='\u{31FF}'   // bopomofo, kanbun, katakana extensions
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // full-width forms
        | '\u{20000}'..='\u{3FFFF}' // supplementary ideographs
    )
}

/// What goes between two pieces of text joined into one paragraph: nothing between two CJK
/// characters (a Chinese sentence split across cues has no space in it), nothing before
/// closing punctuation (a Podcasting 2.0 body of `,`), else one space.
pub fn separator(before: &str, after: &str) -> &'static str {
    let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else {
        return "";
    };
    if last.is_whitespace() || first.is_whitespace() {
        return "";
    }
    if is_cjk(last) && is_cjk(first) {
        return "";
    }
    if matches!(
        first,
        ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '%' | '…'
    ) || (is_cjk(first) && is_closing_cjk_punctuation(first))
    {
        return "";
    }
    " "
}

/// Full-width marks that never follow a space (clreq's "no line start" set).
fn is_closing_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '】' | '》' | '〉'
    )
}

/// Appends `piece` to the builder's current turn: to its last paragraph with [`separator`],
/// or as its first paragraph.
pub fn append_piece(builder: &mut TranscriptBuilder, piece: &str) {
    let piece = piece.trim();
    if piece.is_empty() {
        return;
    }
    if builder.turn_is_open() {
        let sep = separator(builder.last_paragraph().unwrap_or(""), piece);
        builder.append_to_paragraph(sep, piece);
    } else {
        builder.push_paragraph(piece);
    }
}

/// Reads a clock time in seconds: `hh:mm:ss.mmm`, `mm:ss.mmm`, with `,` or `.` before the
/// fraction (SRT uses `,`, some writers `.`), and the unpadded `0:0:0.570` of MS Teams.
pub fn parse_clock(text: &str) -> Option<f64> {
    let text = text.trim();
    let (whole, fraction) = match text.rfind([',', '.']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mut parts = [0u64; 3];
    let mut count = 0;
    for part in whole.split(':') {
        if count == 3 || part.is_empty() || part.len() > 9 || !is_digits(part) {
            return None;
        }
        parts[count] = part.parse().ok()?;
        count += 1;
    }
    let (hours, minutes, seconds) = match count {
        2 => (0, parts[0], parts[1]),
        3 => (parts[0], parts[1], parts[2]),
        _ => return None,
    };
    if seconds >= 60 || (count == 3 && minutes >= 60) {
        return None;
    }
    let fraction = match fraction {
        Some(digits) if !digits.is_empty() && digits.len() <= 9 && is_digits(digits) => {
            // Both numbers are exact in f64, so the one rounding of the division gives what
            // parsing "0.{digits}" gives, without making that string for every cue time.
            let numerator: u32 = digits.parse().ok()?;
            f64::from(numerator) / POWERS_OF_TEN[digits.len()]
        }
        Some(_) => return None,
        None => 0.0,
    };
    #[expect(
        clippy::cast_precision_loss,
        reason = "clock values are far below 2^52"
    )]
    let whole = (hours * 3600 + minutes * 60 + seconds) as f64;
    Some(whole + fraction)
}

/// 10^0 to 10^9, each exact in f64.
const POWERS_OF_TEN: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

fn is_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// Removes subtitle markup: HTML-like tags (`<i>`, `</b>`, `<c.yellow>`, `<v Name>`, karaoke
/// times `<00:00:01.000>`) and ASS override blocks (`{\an8}`). A `<` that opens no tag
/// (`a < b`) is kept.
pub fn strip_tags(text: &str) -> Cow<'_, str> {
    // memchr, not `find([…])`: every line of every cue comes through here.
    let opening = |text: &str| memchr::memchr2(b'<', b'{', text.as_bytes());
    if opening(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = opening(rest) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (opens_tag, close) = if let Some(after) = tail.strip_prefix('<') {
            let next = after.chars().next();
            (
                next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/'),
                '>',
            )
        } else {
            (tail[1..].starts_with('\\'), '}')
        };
        let end = tail
            .find(close)
            .filter(|&end| opens_tag && !tail[1..end].contains(['<', '\n']));
        match end {
            Some(end) => rest = &tail[end + 1..],
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the character references WebVTT allows: `&amp; &lt; &gt; &nbsp; &lrm; &rlm;`,
/// `&quot; &apos;`, and numeric ones (`&#39;`, `&#x4E2D;`). Anything else stays as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = tail
            .get(1..tail.len().min(12))
            .and_then(|window| window.find(';'))
            .and_then(|semi| entity(&tail[1..=semi]).map(|c| (c, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => '\u{A0}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// A label at the start of a cue's line, in the shapes subtitles use: `Name: text` (also after
/// a caption's `>>` or a dash), `[Name] text`, `【名字】text`. The name and the text after it;
/// a bracket alone on its line is a sound (`[MUSIC]`), not a label.
fn cue_label(line: &str) -> Option<(&str, &str)> {
    let kind = labels::LineKind::Text;
    let candidate = labels::candidate(labels::Shape::Colon, line, kind).or_else(|| {
        labels::candidate(labels::Shape::Bracket, line, kind)
            .filter(|candidate| candidate.body < line.len())
    })?;
    Some((candidate.name, &line[candidate.body..]))
}

/// One subtitle cue, as SRT and WebVTT share it. Its text is borrowed from the file wherever
/// markup or character references did not have to be taken out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cue<'a> {
    /// 1-based line where the cue begins (its identifier, else its timing).
    pub line: usize,
    /// Start in seconds.
    pub start: f64,
    /// End in seconds.
    pub end: f64,
    /// Its text lines, markup removed, each with the voice a WebVTT `<v>` tag gave it.
    pub lines: Vec<(Option<Cow<'a, str>>, Cow<'a, str>)>,
}

/// Something that hands every cue of a file, in order, to a callback, and can do it again:
/// how [`assemble_cues`] reads a file twice, when it must, without keeping its cues.
pub trait ReadCues<'a> {
    /// Calls `each` with every cue in turn.
    ///
    /// # Errors
    /// [`ParseError::BadTiming`] for a `-->` line whose times cannot be read.
    fn read_cues(&self, each: &mut dyn FnMut(&Cue<'a>)) -> Result<(), ParseError>;
}

/// Whether `line` has a cue timing's `-->` (found by its `>`, which few lines of text have).
pub fn has_arrow(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'>', bytes).any(|at| at >= 2 && &bytes[at - 2..at] == b"--")
}

/// Applies `change` to the text of `text`, keeping it borrowed from the file when it was.
pub fn map_cow<'a>(text: Cow<'a, str>, change: impl FnOnce(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(text) => change(text),
        Cow::Owned(text) => Cow::Owned(change(&text).into_owned()),
    }
}

/// Joins cues into turns. A speaker is named by a voice tag or by a `Name:` label at the start
/// of a line; a cue naming no one continues the current turn (subtitle writers label only a
/// turn's first cue), and cues of the same speaker merge into one paragraph.
///
/// A `Name:` label (read by [`labels`]' colon shape, the one set of label rules) counts when it
/// recurs, is a machine's name (`SPEAKER_00`, even a stray `SPEAKER_S3` among named speakers),
/// or reads like a name in a file where some label recurs: that keeps a one-off "Note:
/// …" in a cue's text.
///
/// No list of cues is kept. Whether a label counts is only known at the end, so the cues are
/// joined at once as if every label did (as in most files), counting the labels; if one then
/// proves not to count, the cues are read again and joined knowing which do.
///
/// # Errors
/// What reading the cues returns.
pub fn assemble_cues<'a>(cues: &impl ReadCues<'a>) -> Result<Transcript, ParseError> {
    let mut seen = HashMap::new();
    let guess = |label: &str| !labels::is_metadata_key(label);
    let transcript = join_cues(cues, guess, Some(&mut seen))?;
    let any_recurs = seen.values().any(|label: &Seen| label.count >= 2);
    let counts = |label: &str| {
        !labels::is_metadata_key(label)
            && (seen.get(label).is_some_and(|label| label.count >= 2)
                || labels::is_diarized_name(label)
                || (any_recurs && labels::reads_like_a_name(label)))
    };
    if seen
        .iter()
        .all(|(label, seen)| !seen.decided || counts(label) == guess(label))
    {
        return Ok(transcript);
    }
    drop(transcript);
    join_cues(cues, counts, None)
}

/// How often a label was seen, and whether it decided a turn (it stood on a line without a
/// voice tag).
#[derive(Debug, Default)]
struct Seen {
    count: usize,
    decided: bool,
}

/// Joins the cues into turns, taking the labels that `counts` accepts as speakers; counts every
/// label into `seen` if given.
fn join_cues<'a>(
    cues: &impl ReadCues<'a>,
    counts: impl Fn(&str) -> bool,
    mut seen: Option<&mut HashMap<Cow<'a, str>, Seen>>,
) -> Result<Transcript, ParseError> {
    let mut builder = TranscriptBuilder::new();
    // The current speaker's name, in one buffer reused for every turn.
    let mut current: Option<String> = None;
    cues.read_cues(&mut |cue| {
        for (voice, text) in &cue.lines {
            if let Some(seen) = seen.as_deref_mut() {
                count_label(seen, text, voice.is_none());
            }
            // A sound or an action alone (`[音乐]`, `(laughs)`, `♪ ♪`) is a note where it stands.
            if voice.is_none() && is_sound(text) {
                builder.note(text.trim(), Some(cue.line));
                continue;
            }
            let (speaker, text) = match voice {
                Some(voice) => (Some(voice.as_ref()), text.as_ref()),
                None => match cue_label(text) {
                    Some((label, rest)) if counts(label) => (Some(label), rest),
                    _ => (None, text.as_ref()),
                },
            };
            let new_turn = match (speaker, &current) {
                (Some(name), Some(now)) => name != now,
                (_, None) => true,
                (None, Some(_)) => false,
            };
            if new_turn {
                let name = speaker.unwrap_or("");
                let id = builder.speaker(name);
                builder.start_turn(id, Some(cue.start), Some(cue.end), Some(cue.line));
                let current = current.get_or_insert_with(String::new);
                current.clear();
                current.push_str(name);
            }
            append_piece(&mut builder, text);
        }
        builder.extend_end(Some(cue.end));
    })?;
    Ok(builder.finish())
}

/// A cue line that is only a sound or an action: wholly in brackets (`[MUSIC]`, `（笑声）`,
/// `(door closes)`), or notes of music (`♪♪`).
fn is_sound(text: &str) -> bool {
    let text = text.trim();
    super::assemble::is_stage_direction(text)
        || (text.starts_with(['♪', '♫']) && text.ends_with(['♪', '♫']))
}

/// Counts the label of a cue line, keyed by the label as it stands in the file (copied only
/// from a line that lost markup, and only the first time).
#[expect(
    clippy::ptr_arg,
    reason = "a borrowed line lends its label for as long as the file lives; a &str would not"
)]
fn count_label<'a>(seen: &mut HashMap<Cow<'a, str>, Seen>, text: &Cow<'a, str>, decides: bool) {
    let entry = match text {
        Cow::Borrowed(text) => match cue_label(text) {
            Some((label, _)) => seen.entry(Cow::Borrowed(label)).or_default(),
            None => return,
        },
        Cow::Owned(text) => match cue_label(text) {
            Some((label, _)) => match seen.get_mut(label) {
                Some(entry) => entry,
                None => seen.entry(Cow::Owned(label.to_owned())).or_default(),
            },
            None => return,
        },
    };
    entry.count += 1;
    entry.decided |= decides;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_is_empty_between_cjk_and_before_punctuation() {
        assert_eq!(separator("我们", "今天"), "");
        assert_eq!(separator("hello", "world"), " ");
        assert_eq!(separator("father", "."), "");
        assert_eq!(separator("我们", "and"), " ");
        assert_eq!(separator("好", "，"), "");
        assert_eq!(separator("", "x"), "");
    }

    #[test]
    fn clock_times_in_every_spelling() {
        assert_eq!(parse_clock("00:00:01,500"), Some(1.5));
        assert_eq!(parse_clock("00:00:01.500"), Some(1.5));
        assert_eq!(parse_clock("01:02:03"), Some(3723.0));
        assert_eq!(parse_clock("02:03.25"), Some(123.25));
        assert_eq!(parse_clock("0:0:0.570"), Some(0.57));
        assert_eq!(parse_clock("100:00:00.000"), Some(360_000.0));
        for digits in [
            "1",
            "07",
            "570",
            "999",
            "1234",
            "333333333",
            "999999999",
            "000000001",
        ] {
            let expected = 61.0 + format!("0.{digits}").parse::<f64>().ok().unwrap_or(-1.0);
            assert_eq!(
                parse_clock(&format!("01:01.{digits}")),
                Some(expected),
                "{digits}"
            );
        }
        for bad in [
            "",
            "1",
            "aa:bb",
            "00:61",
            "1:2:3:4",
            "00:00:01,",
            "00:00:0x",
            "-1:00",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn cue_labels_follow_the_label_rules() {
        assert_eq!(cue_label("Travis: When you"), Some(("Travis", "When you")));
        assert_eq!(cue_label("[SPEAKER_00]: Hi"), Some(("SPEAKER_00", "Hi")));
        assert_eq!(cue_label("at 17:30 we met"), None);
        assert_eq!(cue_label(">> HOST: Welcome"), Some(("HOST", "Welcome")));
        assert_eq!(cue_label("- 江滨：好的"), Some(("江滨", "好的")));
        assert_eq!(cue_label("[HOST] Welcome"), Some(("HOST", "Welcome")));
        assert_eq!(cue_label("【主持人】各位好"), Some(("主持人", "各位好")));
        assert_eq!(cue_label("[MUSIC]"), None);
        assert_eq!(cue_label("[laughter] yes"), None);
    }

    #[test]
    fn tags_and_entities() {
        assert_eq!(strip_tags("<i>Hi</i> <c.yellow>you</c>"), "Hi you");
        assert_eq!(strip_tags("a<00:00:01.000>b"), "ab");
        assert_eq!(strip_tags("{\\an8}Top"), "Top");
        assert_eq!(strip_tags("1 < 2 and {x}"), "1 < 2 and {x}");
        assert_eq!(strip_tags("<unclosed"), "<unclosed");
        assert_eq!(
            decode_entities("Q&amp;A &lt;i&gt; &#20013;&#x6587;"),
            "Q&A <i> 中文"
        );
        assert_eq!(
            decode_entities("&nbsp;&lrm;&rlm;"),
            "\u{A0}\u{200E}\u{200F}"
        );
        assert_eq!(
            decode_entities("AT&T &bogus; &#xFFFFFFFF; &"),
            "AT&T &bogus; &#xFFFFFFFF; &"
        );
    }

    #[test]
    fn append_piece_joins_into_one_paragraph() {
        let mut builder = TranscriptBuilder::new();
        let id = builder.speaker("A");
        builder.start_turn(id, None, None, None);
        for piece in ["I", "am", "your", "father", ".", "我们", "今天"] {
            append_piece(&mut builder, piece);
        }
        assert_eq!(builder.last_paragraph(), Some("I am your father. 我们今天"));
    }
}
