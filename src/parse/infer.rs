//! Which label shapes a document uses, decided for the whole document.
//!
//! Every shape of [`super::labels`] reads every line (of a sample spread over the file, when
//! it is large) and proposes candidates. A shape explains a document well when its names recur,
//! its labels alternate between two or more speakers, and the conversation they open covers
//! most of the text; a shape whose candidates are one-off phrases, or one name repeated at the
//! top and the bottom of a page, explains little. The best shape is chosen, and with it any
//! other shape that labels the same speakers or a good share of other lines (an interviewer's
//! `──` beside `山田　` answers).

use std::collections::HashMap;

use super::document::{DocLine, Document};
use super::labels::{self, Candidate, Shape};

/// Above this many lines, shapes are chosen from a sample: a shape shows itself everywhere.
const SAMPLE_LINES: usize = 20_000;
/// The sample: the head of the file and windows spread over the rest.
const HEAD_LINES: usize = 8_000;
const WINDOWS: usize = 12;
const WINDOW_LINES: usize = 1_000;

/// How well one shape explains a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeScore {
    /// The shape.
    pub shape: Shape,
    /// Lines it labels with a name that can be a speaker (recurs, or is a role).
    pub labels: usize,
    /// Of those, labels whose form alone makes them labels.
    pub strong: usize,
    /// Distinct such names.
    pub names: usize,
    /// Share of consecutive labels that change speaker.
    pub alternation: f64,
    /// Share of the text from the first such label to the last.
    pub coverage: f64,
    /// Indices (in the sample) of the lines of the first and the last such label.
    pub span: (usize, usize),
    /// Indices (in the sample) of the lines of every such label.
    lines: Vec<usize>,
    /// The combined score.
    pub score: f64,
}

/// The decision: the shapes chosen, best first, and every shape's score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// The shapes labels are read with, best first; empty when no shape explains the text.
    pub shapes: Vec<Shape>,
    /// Every shape that proposed anything, best first.
    pub scores: Vec<ShapeScore>,
}

/// Decides which shapes label `document`.
pub fn decide(document: &Document) -> Decision {
    let sample = sample(&document.lines);
    let total: usize = sample.iter().map(|line| line.range().len()).sum();
    let mut scores: Vec<ShapeScore> = labels::Shape::INFERRED
        .iter()
        .filter_map(|&shape| score(document, &sample, shape, total, &[]))
        .collect();
    scores.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut shapes = Vec::new();
    let primary = scores
        .iter()
        .find(|s| s.shape != Shape::Dash && qualifies(s))
        .cloned();
    if let Some(primary) = primary {
        shapes.push(primary.shape);
        // The line below a label that stands alone is that speaker's speech, whatever it
        // looks like (`○議長（梶　泰久）` above `18番　山下富美子議員。`).
        let speech = speech_below_labels(document, &sample, primary.shape);
        for other in &scores {
            if other.shape == primary.shape || other.shape == Shape::NameLine {
                continue;
            }
            let Some(other) = score(document, &sample, other.shape, total, &speech) else {
                continue;
            };
            let joins = match other.shape {
                Shape::Dash => other.labels >= 2,
                // A second shape for a few labels of their own (`Q    ` questions between
                // `NAME:` answers): a fair share of lines, inside the same conversation (not a
                // roster of `市長　　櫻田宏` above the minutes).
                _ => {
                    let (first, last) = primary.span;
                    let within = other
                        .lines
                        .iter()
                        .filter(|&&i| i >= first && i <= last)
                        .count();
                    // Counsel and the bench in a deposition's questions and answers (`MR.
                    // BROWN:  Objection.` between `Q.` and `A.`) are few, and formal names.
                    let formal = other.lines.iter().all(|&i| {
                        let line = &sample[i];
                        labels::candidate(other.shape, document.line(line), line.kind)
                            .is_some_and(|candidate| labels::is_capitalised_name(candidate.name))
                    });
                    (formal || other.labels >= 2 && other.labels * 4 >= primary.labels)
                        && within * 4 >= other.labels * 3
                }
            };
            if joins {
                shapes.push(other.shape);
            }
        }
    } else if let Some(dash) = scores
        .iter()
        .find(|s| s.shape == Shape::Dash && s.labels >= 3)
    {
        // Only the interviewer is marked; the answers are what stands between, or the one who
        // answers is named alone above them (`──質問` / `村上` / the answer), as magazine
        // interviews do: a name that recurs, about once a question, below the first question.
        shapes.push(dash.shape);
        let answerer = scores.iter().find(|s| {
            let below = s.lines.iter().filter(|&&i| i > dash.span.0).count();
            s.shape == Shape::NameLine
                && s.names * 2 <= s.labels
                && s.labels * 2 >= dash.labels
                && s.labels <= dash.labels * 2
                && below * 4 >= s.labels * 3
        });
        if let Some(answerer) = answerer {
            shapes.push(answerer.shape);
        }
    }
    Decision { shapes, scores }
}

/// Whether each sampled line directly follows a label of `shape` that has no speech on its own
/// line.
fn speech_below_labels(document: &Document, lines: &[DocLine], shape: Shape) -> Vec<bool> {
    let mut below = vec![false; lines.len() + 1];
    for (index, line) in lines.iter().enumerate() {
        let text = document.line(line);
        let next_is_below = lines
            .get(index + 1)
            .is_some_and(|next| next.blanks_before == 0);
        if next_is_below
            && labels::candidate(shape, text, line.kind).is_some_and(|c| c.body >= text.len())
        {
            below[index + 1] = true;
        }
    }
    below
}

/// Whether a shape's evidence is enough to read labels with it at all.
fn qualifies(score: &ShapeScore) -> bool {
    let enough = match score.shape {
        // Short lines that recur could be headings or refrains: ask for a real exchange, with a
        // name every few lines.
        Shape::NameLine => {
            score.names >= 2
                && score.labels >= 4
                && score.alternation >= 0.5
                && score.labels * 20 >= score.span.1 - score.span.0
        }
        // One label is enough for a monologue when its form says it is one (`Mr. REID.`).
        _ => score.labels >= 2 || score.strong >= 1,
    };
    enough && score.coverage >= 0.2
}

/// The lines the decision is made from: all of them, or for a large file its head and windows
/// spread over the rest.
fn sample(lines: &[DocLine]) -> Vec<DocLine> {
    if lines.len() <= SAMPLE_LINES {
        return lines.to_vec();
    }
    let mut sample = lines[..HEAD_LINES].to_vec();
    let stride = (lines.len() - HEAD_LINES) / WINDOWS;
    for window in 0..WINDOWS {
        let start = HEAD_LINES + window * stride;
        sample.extend_from_slice(&lines[start..(start + WINDOW_LINES).min(lines.len())]);
    }
    sample
}

/// How well `shape` explains the sampled lines, leaving out the lines marked in `skip`; `None`
/// when it proposes nothing.
fn score(
    document: &Document,
    lines: &[DocLine],
    shape: Shape,
    total: usize,
    skip: &[bool],
) -> Option<ShapeScore> {
    let found: Vec<(usize, Candidate<'_>)> = lines
        .iter()
        .enumerate()
        .filter(|(index, _)| !skip.get(*index).copied().unwrap_or(false))
        .filter_map(|(index, line)| {
            let candidate = labels::candidate(shape, document.line(line), line.kind)?;
            Some((index, candidate))
        })
        .collect();
    if found.is_empty() {
        return None;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, candidate) in &found {
        *counts.entry(candidate.name).or_default() += 1;
    }
    let good = |candidate: &Candidate<'_>| {
        let count = counts.get(candidate.name).copied().unwrap_or(0);
        !labels::is_metadata_key(candidate.name)
            && (count >= 2
                || candidate.strong
                || labels::is_role(candidate.name)
                || labels::is_diarized_name(candidate.name))
    };
    let kept: Vec<&(usize, Candidate<'_>)> = found.iter().filter(|(_, c)| good(c)).collect();
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
        return None;
    };
    let changes = kept
        .windows(2)
        .filter(|pair| pair[0].1.name != pair[1].1.name)
        .count();
    let alternation = if kept.len() > 1 {
        changes as f64 / (kept.len() - 1) as f64
    } else {
        0.0
    };
    // The conversation runs from the first label to the end: the last speaker may speak long.
    let last_end = lines.len().max(last.0 + 1);
    let spanned: usize = lines[first.0..last_end]
        .iter()
        .map(|line| line.range().len())
        .sum();
    let coverage = if total == 0 {
        0.0
    } else {
        spanned as f64 / total as f64
    };
    let names = {
        let mut names: Vec<&str> = kept.iter().map(|(_, c)| c.name).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    // Labels should be a fair share of the lines they span: two `Home` lines at the top and
    // bottom of a page span it all and label none of it.
    let density = kept.len() as f64 / (last.0 + 1 - first.0).max(1) as f64;
    let score = coverage
        * (1.0 + kept.len() as f64).ln()
        * (0.5 + alternation)
        * density.min(0.25).sqrt()
        * weight(shape);
    Some(ShapeScore {
        shape,
        labels: kept.len(),
        strong: kept.iter().filter(|(_, c)| c.strong).count(),
        names,
        alternation,
        coverage,
        span: (first.0, last.0),
        lines: kept.iter().map(|(index, _)| *index).collect(),
        score,
    })
}

/// A prior for each shape: the more specific its form, the less likely it is an accident.
fn weight(shape: Shape) -> f64 {
    match shape {
        Shape::Timed | Shape::Period => 1.2,
        Shape::Bracket | Shape::Bold => 1.1,
        Shape::Colon | Shape::User => 1.0,
        Shape::Spaced => 0.9,
        Shape::Marker => 1.2,
        Shape::Dash => 0.8,
        Shape::NameLine => 0.6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<Shape> {
        decide(&Document::plain(text.to_owned())).shapes
    }

    #[test]
    fn each_shape_wins_its_own_documents() {
        assert_eq!(shapes("甲:一\n乙:二\n甲:三\n乙:四\n"), [Shape::Colon]);
        assert_eq!(
            shapes("【主持人】你好。\n【嘉宾】你好。\n【主持人】再见。\n"),
            [Shape::Bracket]
        );
        assert_eq!(
            shapes("Jane Doe  0:03\nHello.\n\nBob  0:10\nHi.\n\nJane Doe  0:20\nBye.\n"),
            [Shape::Timed]
        );
        assert_eq!(
            shapes("Q    Where were you?\nA    Home.\nQ    Alone?\nA    Yes.\n"),
            [Shape::Spaced]
        );
        assert_eq!(
            shapes("The CHAIRMAN. Order.\nMr. SMITH. Thank you.\nThe CHAIRMAN. Go on.\n"),
            [Shape::Period]
        );
    }

    #[test]
    fn no_shape_for_prose() {
        let prose = "This is a story.\nIt has lines.\nNone of them: labels, really.\n";
        assert!(shapes(prose).is_empty());
    }
}
