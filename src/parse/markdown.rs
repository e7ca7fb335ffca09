//! Markdown interviews: `**Name:** text` (also `**Name**: text`, `__Name:__ text`), with optional
//! times (`\[04:01\]`, `[04:01]`) beside the label. Emphasis, links and code are shown as their
//! plain text; the first `# Heading` is the title, other headings are notes.

mod inline;

pub use inline::plain_inline;

use super::common::{looks_like_name, parse_clock, separator};
use super::error::ParseError;
use crate::model::{Transcript, TranscriptBuilder};

/// Parses a Markdown interview.
///
/// Paragraphs are blocks separated by blank lines, their lines joined as Markdown joins them. A
/// labelled paragraph starts a turn (or a new paragraph of the same speaker's turn); later
/// unlabelled paragraphs continue it. Unlabelled paragraphs before the first turn, and after a
/// thematic break (`---`) that follows a turn, are notes. YAML front matter gives the title
/// (`title:`) and notes.
///
/// # Errors
/// None today: every text is some Markdown. The `Result` keeps the parsers interchangeable.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = Reader::default();
    let (mut at, has_title) = front_matter(&lines, &mut reader.builder);
    reader.title_free = !has_title;
    while at < lines.len() {
        let line = lines[at].trim();
        let number = at + 1;
        at += 1;
        if line.is_empty() {
            reader.flush();
        } else if let Some(heading) = heading(line) {
            reader.flush();
            let heading = plain_inline(heading);
            if reader.title_free && reader.current.is_none() && line.starts_with("# ") {
                reader.builder.title(heading);
                reader.title_free = false;
            } else {
                reader.builder.note(&heading, Some(number));
            }
        } else if is_thematic_break(line) {
            reader.flush();
            reader.closed = reader.current.is_some();
        } else if let Some((name, time, rest)) = label(line) {
            reader.flush();
            if reader.current.as_deref() != Some(name.as_str()) || reader.closed {
                let id = reader.builder.speaker(&name);
                reader.builder.start_turn(id, time, None, Some(number));
                reader.current = Some(name);
            }
            reader.closed = false;
            reader.buffer.push(rest);
        } else {
            let line = line.trim_start_matches('>').trim_start();
            reader.buffer.push(line);
        }
    }
    reader.flush();
    Ok(reader.builder.finish())
}

#[derive(Default)]
struct Reader<'a> {
    builder: TranscriptBuilder,
    /// Lines of the paragraph being read.
    buffer: Vec<&'a str>,
    /// The speaker of the current turn.
    current: Option<String>,
    /// After a thematic break: unlabelled paragraphs are notes until the next label.
    closed: bool,
    /// Whether a `# Heading` before the first turn may still become the title.
    title_free: bool,
}

impl Reader<'_> {
    fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let mut joined = String::new();
        for line in self.buffer.drain(..) {
            let line = line.trim();
            joined.push_str(separator(&joined, line));
            joined.push_str(line);
        }
        let text = plain_inline(&joined);
        if text.is_empty() {
            return;
        }
        if self.current.is_some() && !self.closed {
            self.builder.push_paragraph(&text);
        } else {
            self.builder.note(&text, None);
        }
    }
}

/// Skips YAML front matter (`---` … `---` on the first lines): `title:` is the title, other
/// keys are notes. Returns the index of the first line after it, and whether it had a title.
fn front_matter(lines: &[&str], builder: &mut TranscriptBuilder) -> (usize, bool) {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return (0, false);
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") else {
        return (0, false);
    };
    let mut has_title = false;
    for line in &lines[1..=end] {
        match line.split_once(':') {
            Some((key, value)) if key.trim() == "title" => {
                builder.title(value.trim().trim_matches(['"', '\'']));
                has_title = true;
            }
            _ if !line.trim().is_empty() => builder.header(line.trim()),
            _ => {}
        }
    }
    (end + 2, has_title)
}

fn heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    (rest.is_empty() || rest.starts_with([' ', '\t']))
        .then(|| rest.trim().trim_end_matches('#').trim())
}

fn is_thematic_break(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&mark| marks.chars().all(|c| c == mark))
}

/// A bold or underlined speaker label at the start of a line: `**Name:**`, `**Name**:`,
/// `__Name:__`, `__Name__:`, with a time before, inside or after it. Returns the name, the time
/// and the rest of the line.
fn label(line: &str) -> Option<(String, Option<f64>, &str)> {
    let line = line.trim_start_matches('>').trim_start();
    let (mut time, line) = match leading_time(line) {
        Some((time, rest)) => (Some(time), rest),
        None => (None, line),
    };
    let marker = ["**", "__"].into_iter().find(|m| line.starts_with(m))?;
    let inner_end = line[2..].find(marker)? + 2;
    let inner = &line[2..inner_end];
    let mut rest = &line[inner_end + 2..];
    let name = if let Some(name) = inner.strip_suffix([':', '：']) {
        name
    } else {
        rest = rest.trim_start().strip_prefix([':', '：']).or_else(|| {
            // `**Name** [04:01]: text`
            let (t, after) = leading_time(rest.trim_start())?;
            time = time.or(Some(t));
            after.strip_prefix([':', '：'])
        })?;
        inner
    };
    let name = match leading_time(name.trim()) {
        Some((t, name)) => {
            time = time.or(Some(t));
            name
        }
        None => name,
    };
    let name = plain_inline(name.trim());
    if !looks_like_name(&name) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = match leading_time(rest) {
        Some((t, after)) => {
            time = time.or(Some(t));
            after
        }
        None => rest,
    };
    Some((name, time, rest))
}

/// `\[04:01\]`, `[04:01]` or `(04:01)` at the start of `text`, and what follows it.
fn leading_time(text: &str) -> Option<(f64, &str)> {
    for (open, close) in [("\\[", "\\]"), ("[", "]"), ("(", ")")] {
        if let Some(inner) = text.strip_prefix(open) {
            let end = inner.find(close)?;
            let time = parse_clock(&inner[..end])?;
            return Some((time, inner[end + close.len()..].trim_start()));
        }
    }
    None
}

#[cfg(test)]
mod tests;
