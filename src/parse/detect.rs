//! Which reader a file needs: by its content first, its extension only as a tie-breaker (a
//! `.txt` holding SRT is SRT; a `.md` file of plain `Name: text` lines is still Markdown).

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::common::parse_clock;

/// A transcript format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Plain text, `Name: text` (and inline timestamps).
    Text,
    /// A Markdown interview, `**Name:** text`.
    Markdown,
    /// SubRip subtitles.
    Srt,
    /// WebVTT subtitles.
    Vtt,
    /// fangtan's own JSON or a speech-to-text service's.
    Json,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Self; 5] = [Self::Text, Self::Markdown, Self::Srt, Self::Vtt, Self::Json];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Srt => "srt",
            Self::Vtt => "vtt",
            Self::Json => "json",
        }
    }

    /// The format a file extension usually means.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Self::Text,
            "md" | "markdown" | "mdown" | "mkd" => Self::Markdown,
            "srt" => Self::Srt,
            "vtt" | "webvtt" => Self::Vtt,
            "json" => Self::Json,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `--format` value that names no format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?} (expected text, markdown, srt, vtt or json)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Accepts the names and the usual extensions (`md`, `txt`, `webvtt`), in any case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name))
            .or_else(|| Self::from_extension(name))
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

/// How many lines the content sniffers read: a format shows itself at the top.
const SNIFF_LINES: usize = 200;

/// Picks the format of `text`. Content decides: a `WEBVTT` header, an SRT cue (`1` then
/// `00:00:01,000 --> …`), a leading `{` or `[` that opens JSON, Markdown speaker labels
/// (`**Name:**`). When the content is not decisive the extension of `path_hint` is, else text.
pub fn detect(text: &str, path_hint: Option<&Path>) -> Format {
    let from_extension = path_hint
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    let body = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if body.starts_with("WEBVTT") {
        return Format::Vtt;
    }
    if opens_json(body) {
        return Format::Json;
    }
    let lines: Vec<&str> = body.lines().take(SNIFF_LINES).map(str::trim).collect();
    if has_srt_cue(&lines) {
        return Format::Srt;
    }
    if looks_like_markdown(body, &lines) {
        return Format::Markdown;
    }
    match from_extension {
        // A `.vtt` or `.srt` without a single cue reads better as text than as nothing.
        Some(Format::Srt | Format::Vtt) if !lines.iter().any(|l| l.contains("-->")) => Format::Text,
        Some(format) => format,
        None => Format::Text,
    }
}

/// `{` is JSON; `[` only when followed by what a JSON array holds (`[00:12:03] Name:` and
/// `[link](…)` are not).
fn opens_json(body: &str) -> bool {
    if body.starts_with('{') {
        return true;
    }
    body.strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with(['{', '[', '"', ']']))
}

/// A timing line `a --> b` with readable times, right after an index line or first.
fn has_srt_cue(lines: &[&str]) -> bool {
    lines.iter().enumerate().any(|(at, line)| {
        let Some((start, end)) = line.split_once("-->") else {
            return false;
        };
        let end = end.split_whitespace().next().unwrap_or("");
        let timed = parse_clock(start).is_some() && parse_clock(end).is_some();
        let indexed = at == 0
            || lines[at - 1].bytes().all(|b| b.is_ascii_digit()) && !lines[at - 1].is_empty();
        timed && indexed
    })
}

/// Whether the text is written in Markdown: YAML front matter, or several kinds of Markdown
/// syntax together (headings, bold labels, links, block quotes, code, lists, comments,
/// tables). One kind alone (a `*` or a `- ` list in a plain transcript) is not enough.
fn looks_like_markdown(body: &str, lines: &[&str]) -> bool {
    let front_matter = body.starts_with("---\n") || body.starts_with("---\r\n");
    if front_matter && lines.iter().skip(1).any(|line| *line == "---") {
        return true;
    }
    let any = |test: &dyn Fn(&str) -> bool| lines.iter().any(|line| test(line));
    // `###问：…` too: a heading without the space, as the Markdown reader takes it.
    let heading = |line: &str| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        ((1..=6).contains(&hashes) && line[hashes..].starts_with(' '))
            || super::markdown::unspaced(line).is_some()
    };
    let labels = lines.iter().filter(|l| is_markdown_label(l)).count();
    let kinds = [
        any(&heading),
        labels >= 1,
        any(&|l| l.contains("](") && l.contains('[')),
        any(&|l| l.starts_with("> ")),
        any(&|l| l.starts_with("```") || l.starts_with("~~~")),
        any(&|l| l.contains("<!--")),
        any(&|l| l.len() > 2 && l.starts_with('|') && l.ends_with('|')),
        any(&|l| l.contains("**") && l.matches("**").count() >= 2),
        any(&|l| l.starts_with("- ") || l.starts_with("* ")),
    ];
    let count = kinds.iter().filter(|&&kind| kind).count();
    let headings = lines.iter().filter(|line| heading(line)).count();
    labels >= 2 || headings >= 2 || (kinds[0] && count >= 2) || count >= 3
}

/// `**Name:**`, `**Name**:`, `__Name:__`, `__Name__:` at the start of a line (after an optional
/// escaped time).
fn is_markdown_label(line: &str) -> bool {
    let line = line.trim_start_matches('>').trim_start();
    let line = match line.find("**").or_else(|| line.find("__")) {
        Some(at) if at <= 12 => &line[at..],
        _ => return false,
    };
    let Some(marker) = ["**", "__"].into_iter().find(|m| line.starts_with(m)) else {
        return false;
    };
    let Some(end) = line[2..].find(marker) else {
        return false;
    };
    let inner = &line[2..2 + end];
    let after = &line[2 + end + 2..];
    let labelled = inner.ends_with([':', '：']) || after.trim_start().starts_with([':', '：']);
    labelled && inner.chars().count() <= 42
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!("MD".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!(
            "doc".parse::<Format>().unwrap_err().to_string(),
            "unknown format \"doc\" (expected text, markdown, srt, vtt or json)"
        );
    }

    #[test]
    fn content_first() {
        let srt = Path::new("a.txt");
        assert_eq!(
            detect("\u{FEFF}WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", None),
            Format::Vtt
        );
        assert_eq!(
            detect("1\n00:00:01,000 --> 00:00:02,000\nHi\n", Some(srt)),
            Format::Srt
        );
        assert_eq!(
            detect("0\r\n00:00:01.000 --> 00:00:02.000\r\nHi\r\n", None),
            Format::Srt
        );
        assert_eq!(
            detect("  {\"segments\": []}", Some(Path::new("x.txt"))),
            Format::Json
        );
        assert_eq!(detect("[{\"text\": \"hi\"}]", None), Format::Json);
        assert_eq!(
            detect("[00:12:03] A: hi\n[00:12:09] B: yo\n", None),
            Format::Text
        );
        assert_eq!(
            detect("# Talk\n\n**A:** hi\n\nmore\n", None),
            Format::Markdown
        );
        assert_eq!(
            detect("**A**: hi\n\n__B:__ yo\n", Some(Path::new("t.txt"))),
            Format::Markdown
        );
        assert_eq!(detect("主持人:你好\n江滨:你好\n", None), Format::Text);
    }

    #[test]
    fn extension_breaks_ties() {
        assert_eq!(
            detect("A: hi\nB: yo\n", Some(Path::new("t.md"))),
            Format::Markdown
        );
        assert_eq!(detect("A: hi\n", Some(Path::new("t.JSON"))), Format::Json);
        assert_eq!(
            detect("no cues here\n", Some(Path::new("t.srt"))),
            Format::Text
        );
        assert_eq!(detect("A: hi\n", Some(Path::new("noext"))), Format::Text);
        assert_eq!(detect("", None), Format::Text);
    }
}
