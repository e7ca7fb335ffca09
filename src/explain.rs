//! `--explain`: what the parser inferred about a file, so a user can see why it reads the way
//! it does and, when no rule fits, override it with `--labels`.

use std::io::{self, Write};

use crate::layout;
use crate::parse::{Explanation, Format, Loaded, TitleSource};

/// Writes the explanation of one loaded file. `forced` says the format came from `--format`.
pub fn write(out: &mut impl Write, loaded: &Loaded, forced: bool) -> io::Result<()> {
    let transcript = &loaded.transcript;
    let explanation = &loaded.explanation;
    let how = if forced {
        "--format"
    } else {
        "detected from the content"
    };
    writeln!(out, "format: {} ({how})", loaded.format)?;
    writeln!(out, "encoding: {}", loaded.encoding.name())?;
    write_labels(out, loaded.format, explanation)?;
    let stats = transcript.speaker_stats();
    let speakers: Vec<String> = transcript
        .speakers
        .iter()
        .zip(&stats)
        .map(|(speaker, stat)| {
            let name = shown(&speaker.name);
            let turns = if stat.turns == 1 { "turn" } else { "turns" };
            format!("{name} ({} {turns})", stat.turns)
        })
        .collect();
    writeln!(
        out,
        "speakers: {} in {} turns: {}",
        transcript.speakers.len(),
        transcript.turns.len(),
        speakers.join(", ")
    )?;
    let title = transcript.title.as_deref().map(quoted);
    let source = match explanation.title {
        TitleSource::None => "none",
        TitleSource::FrontMatter => "the front matter's title",
        TitleSource::Heading => "a heading",
        TitleSource::Line => "a line before the conversation",
    };
    match title {
        Some(title) => writeln!(out, "title: {title}, from {source}")?,
        None => writeln!(out, "title: none")?,
    }
    let header: Vec<String> = transcript.header.iter().map(|line| quoted(line)).collect();
    writeln!(out, "header: {} lines {}", header.len(), list(&header))?;
    let [before, between, after] = explanation.notes;
    writeln!(
        out,
        "notes: {} ({before} before the first turn, {between} between turns, {after} after the last)",
        before + between + after
    )?;
    if explanation.joined_lines {
        writeln!(
            out,
            "lines joined into paragraphs: the text is wrapped by hand"
        )?;
    }
    if matches!(loaded.format, Format::Text | Format::Markdown) {
        let confidence = explanation.confidence;
        let word = if confidence >= 0.8 {
            "high"
        } else if confidence >= 0.5 {
            "medium"
        } else {
            "low"
        };
        writeln!(
            out,
            "confidence: {word} ({confidence:.2}: the share of the text in labelled turns, less \
             the labels not taken for speakers)"
        )?;
    }
    Ok(())
}

/// The shapes chosen and the ones that lost.
fn write_labels(out: &mut impl Write, format: Format, explanation: &Explanation) -> io::Result<()> {
    match format {
        Format::Srt => return writeln!(out, "labels: `Name:` at the start of a cue"),
        Format::Vtt => return writeln!(out, "labels: WebVTT voices `<v Name>`, else `Name:`"),
        Format::Json => return writeln!(out, "labels: the speaker fields of the JSON"),
        Format::Text | Format::Markdown => {}
    }
    if explanation.shapes.is_empty() {
        writeln!(
            out,
            "labels: none recognised; the text is one unnamed speaker (try --labels REGEX)"
        )?;
    }
    for (index, (shape, count)) in explanation.shapes.iter().enumerate() {
        let lead = if index == 0 { "labels:" } else { "   and:" };
        writeln!(out, "{lead} {} — {count} lines", shape.example())?;
    }
    let others: Vec<String> = explanation
        .decision
        .scores
        .iter()
        .filter(|score| !explanation.shapes.iter().any(|(s, _)| *s == score.shape))
        .take(3)
        .map(|score| {
            format!(
                "{} ({} labels, score {:.2})",
                score.shape.example(),
                score.labels,
                score.score
            )
        })
        .collect();
    if !others.is_empty() {
        writeln!(out, "also considered: {}", others.join("; "))?;
    }
    Ok(())
}

/// A name as shown: control characters made visible; the unnamed speaker said so.
fn shown(name: &str) -> String {
    if name.is_empty() {
        "(unnamed)".to_owned()
    } else {
        layout::sanitize(name).into_owned()
    }
}

fn quoted(text: &str) -> String {
    let text = layout::sanitize(text);
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("“{short}”")
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = items.iter().take(4).map(String::as_str).collect();
    let more = if items.len() > 4 { ", …" } else { "" };
    format!("({}{more})", shown.join(", "))
}
