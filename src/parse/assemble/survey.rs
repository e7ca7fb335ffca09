//! The survey: the one pass that reads every line's text. It finds each line's label under the
//! chosen shapes and, for a line with none, what else it is (a time stamp, a page marker, a
//! note), so the text streams through the cache once. On a large document it runs on every
//! core, a stretch of lines each; what depends on the line above is settled afterwards, over
//! the labels alone.

use regex::Regex;
use rustc_hash::FxHashMap;

use super::{Kind, Label, Unlabelled, is_breadcrumb, offset};
use crate::parse::document::{DocLine, Document};
use crate::parse::labels::{self, Candidate, LineKind, Shape};
use crate::parse::parallel;

/// Below this many lines a thread of its own costs more than it saves.
const LINES_PER_THREAD: usize = 1 << 15;

/// How labels are found: under the inferred shapes, or by the user's expression.
#[derive(Clone, Copy)]
pub(super) struct Finder<'a> {
    /// The shapes the inference chose, tried in order.
    pub shapes: &'a [Shape],
    /// `--labels`, which replaces the shapes.
    pub regex: Option<&'a Regex>,
}

impl Finder<'_> {
    /// The line's label, if it has one: code quotes what someone wrote, and a breadcrumb
    /// (`当前位置：首页 > 新闻`) says where a page stands; neither labels anyone.
    fn label<'t>(&self, text: &'t str, line: &DocLine) -> Option<Candidate<'t>> {
        let found = match self.regex {
            Some(regex) => super::user_label(regex, text),
            None => self
                .shapes
                .iter()
                .find_map(|&shape| labels::candidate(shape, text, line.kind)),
        };
        found.filter(|candidate| line.kind != LineKind::Code && !is_breadcrumb(candidate.name))
    }
}

/// What the survey found.
#[derive(Default)]
pub(super) struct Survey<'d> {
    /// Labelled lines, in line order.
    pub labels: Vec<Label>,
    /// The names the labels say, in the order they first occur.
    pub names: Vec<&'d str>,
    /// The lines without a label that later steps look at again.
    pub unlabelled: Unlabelled,
}

/// Surveys every line of `document`: labels into the survey, and into `kinds` (one a line,
/// `Kind::Speech` on entry) what each line without a label is.
pub(super) fn survey<'d>(
    document: &'d Document,
    finder: Finder<'_>,
    kinds: &mut [Kind],
) -> Survey<'d> {
    let threads = parallel::threads(kinds.len(), LINES_PER_THREAD);
    survey_on(document, finder, kinds, threads)
}

/// [`survey`] on `threads` threads.
fn survey_on<'d>(
    document: &'d Document,
    finder: Finder<'_>,
    kinds: &mut [Kind],
    threads: usize,
) -> Survey<'d> {
    let chunk = kinds.len().div_ceil(threads.max(1)).max(1);
    let jobs: Vec<_> = kinds
        .chunks_mut(chunk)
        .enumerate()
        .map(|(index, kinds)| move || stretch(document, finder, index * chunk, kinds))
        .collect();
    let mut survey = join(parallel::run_all(jobs), document.lines.len());
    survey.settle_alone_labels(document, kinds);
    survey
}

/// Surveys the lines from `first` on, as many as `kinds` has room for, naming names in the
/// order this stretch first says them.
fn stretch<'d>(
    document: &'d Document,
    finder: Finder<'_>,
    first: usize,
    kinds: &mut [Kind],
) -> Survey<'d> {
    let lines = &document.lines[first..first + kinds.len()];
    let mut survey = Survey {
        // Room for a label on every other line, never written unless used.
        labels: Vec::with_capacity(lines.len() / 2),
        ..Survey::default()
    };
    let mut ids: FxHashMap<&'d str, u32> = FxHashMap::default();
    for (at, (line, kind)) in lines.iter().zip(kinds.iter_mut()).enumerate() {
        let index = first + at;
        let text = document.line(line);
        if line.rule {
            *kind = Kind::Skip;
        }
        let Some(candidate) = finder.label(text, line) else {
            if !line.rule {
                *kind = survey.unlabelled.kind(index, text, line);
            }
            continue;
        };
        let next = offset(survey.names.len());
        let name = *ids.entry(candidate.name).or_insert_with(|| {
            survey.names.push(candidate.name);
            next
        });
        survey.labels.push(Label {
            line: offset(index),
            name,
            body: offset(candidate.body),
            time: candidate.time,
            strong: candidate.strong,
            shape: candidate.shape,
        });
    }
    survey
}

/// The stretches' surveys as one: the first's lists go on with the others' (room for a label
/// on every other line of the document is reserved, never written unless used), their names
/// numbered as the first stretch's go on.
fn join(parts: Vec<Survey<'_>>, lines: usize) -> Survey<'_> {
    let mut parts = parts.into_iter();
    let mut joined = parts.next().unwrap_or_default();
    if parts.as_slice().is_empty() {
        return joined;
    }
    joined
        .labels
        .reserve((lines / 2).saturating_sub(joined.labels.len()));
    let mut ids: FxHashMap<&str, u32> = joined
        .names
        .iter()
        .enumerate()
        .map(|(id, &name)| (name, offset(id)))
        .collect();
    for part in parts {
        let renumbered: Vec<u32> = part
            .names
            .iter()
            .map(|&name| {
                let next = offset(joined.names.len());
                *ids.entry(name).or_insert_with(|| {
                    joined.names.push(name);
                    next
                })
            })
            .collect();
        joined
            .labels
            .extend(part.labels.into_iter().map(|label| Label {
                name: renumbered[label.name as usize],
                ..label
            }));
        let unlabelled = &mut joined.unlabelled;
        unlabelled.page_markers.extend(part.unlabelled.page_markers);
        unlabelled.numbered.extend(part.unlabelled.numbered);
    }
    joined
}

impl<'d> Survey<'d> {
    /// The line below a label that stands alone on its line is that speaker's speech, whatever
    /// it looks like: a label of another shape there is no label. Names are then numbered in
    /// the order the remaining labels first say them.
    fn settle_alone_labels(&mut self, document: &'d Document, kinds: &mut [Kind]) {
        let lines = &document.lines;
        // The line and shape of the last label kept, when it has no speech on its own line.
        let mut alone: Option<(u32, Shape)> = None;
        let mut unlabelled = Vec::new();
        let keys: Vec<bool> = self
            .names
            .iter()
            .map(|name| labels::is_metadata_key(name))
            .collect();
        self.labels.retain(|label| {
            let line = &lines[label.line as usize];
            let below_alone = alone
                .take()
                .filter(|&(above, _)| above + 1 == label.line && line.blanks_before == 0);
            if below_alone.is_some_and(|(_, shape)| shape != label.shape) {
                unlabelled.push(label.line);
                return false;
            }
            // A key or a heading alone (`时间：`, `BY MR. JONES:`) names no speaker whose
            // speech follows.
            if label.body as usize >= line.range().len() && !keys[label.name as usize] {
                alone = Some((label.line, label.shape));
            }
            true
        });
        if !unlabelled.is_empty() {
            for &index in &unlabelled {
                let line = &lines[index as usize];
                if !line.rule {
                    let text = document.line(line);
                    kinds[index as usize] = self.unlabelled.kind(index as usize, text, line);
                }
            }
            self.unlabelled.sort();
        }
        self.renumber_names();
    }

    /// Numbers the names in the order the labels first say them, dropping names no label says.
    fn renumber_names(&mut self) {
        const UNSEEN: u32 = u32::MAX;
        let mut new_id = vec![UNSEEN; self.names.len()];
        let mut names = Vec::with_capacity(self.names.len());
        for label in &mut self.labels {
            let id = &mut new_id[label.name as usize];
            if *id == UNSEEN {
                *id = offset(names.len());
                names.push(self.names[label.name as usize]);
            }
            label.name = *id;
        }
        self.names = names;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surveyed(text: &str, shapes: &[Shape], threads: usize) -> (Vec<(u32, String)>, Vec<Kind>) {
        let document = Document::plain(text.to_owned());
        let mut kinds = vec![Kind::Speech; document.lines.len()];
        let finder = Finder {
            shapes,
            regex: None,
        };
        let survey = survey_on(&document, finder, &mut kinds, threads);
        let labels = survey
            .labels
            .iter()
            .map(|label| (label.line, survey.names[label.name as usize].to_owned()))
            .collect();
        (labels, kinds)
    }

    /// Surveyed on several threads, a document reads as it does on one: the same labels, names
    /// in the order they first occur, the same kinds of line, wherever the stretches meet.
    #[test]
    fn a_survey_on_several_threads_reads_as_one_does() {
        let mut text = String::new();
        for i in 0..700 {
            match i % 7 {
                0 => text.push_str(&format!("甲{}：问题。\n", i % 5)),
                1 => text.push_str("（笑）\n"),
                2 => text.push_str("2. 一个编号的条目\n"),
                3 => text.push_str("--- Page 5 ---\n"),
                4 => text.push_str("主持人：\n"),
                _ => text.push_str("乙：回答。\n"),
            }
        }
        let shapes = [Shape::Colon, Shape::Bracket];
        let one = surveyed(&text, &shapes, 1);
        assert!(one.1.contains(&Kind::Page) && one.1.contains(&Kind::Note));
        let names: Vec<&str> = one
            .0
            .iter()
            .take(3)
            .map(|(_, name)| name.as_str())
            .collect();
        assert_eq!(names, ["甲0", "主持人", "乙"]);
        for threads in [2, 3, 7, 64, 699, 700, 701] {
            assert_eq!(surveyed(&text, &shapes, threads), one, "{threads} threads");
        }
    }

    /// A label alone on its line takes the line below as its speech, even when that line looks
    /// like a label of another shape; a blank line between frees it.
    #[test]
    fn the_line_below_a_label_alone_is_speech() {
        let shapes = [Shape::Colon, Shape::Bracket];
        let (below, kinds) = surveyed("主持人：\n[张三] 你好。\n", &shapes, 1);
        assert_eq!(below, [(0, "主持人".to_owned())]);
        assert_eq!(kinds[1], Kind::Speech);
        let (apart, _) = surveyed("主持人：\n\n[张三] 你好。\n", &shapes, 1);
        assert_eq!(apart.len(), 2, "{apart:?}");
        // Across the seam between two threads' stretches too.
        let (seam, _) = surveyed("主持人：\n[张三] 你好。\n", &shapes, 2);
        assert_eq!(seam, below);
    }
}
