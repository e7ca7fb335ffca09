//! Running a query over a run of consecutive paragraphs.

use std::ops::Range;

use super::Query;

/// Calls `emit(paragraph, range)` for every match of `query` in `paragraphs` (consecutive,
/// increasing ranges of `text`), in order; `paragraph` indexes `paragraphs`.
///
/// The results are those of searching each paragraph on its own, but found with one pass of
/// the regex over the slice spanning them all, which is several times faster than hundreds of
/// thousands of small searches. Matches outside paragraphs (labels) are dropped. A match that
/// runs past the end of its paragraph may hide a shorter one within it, so that paragraph's
/// remainder is searched on its own; a regex that looks at its surroundings (`^`, `\b`) is run
/// paragraph by paragraph, since neighbouring text would change its answer.
pub fn scan(
    query: &Query,
    text: &str,
    paragraphs: &[Range<usize>],
    mut emit: impl FnMut(usize, Range<usize>),
) {
    let (Some(regex), Some(first), Some(last)) =
        (query.regex(), paragraphs.first(), paragraphs.last())
    else {
        return;
    };
    if query.contextual() {
        for (index, paragraph) in paragraphs.iter().enumerate() {
            for found in query.find_iter(&text[paragraph.clone()]) {
                emit(
                    index,
                    paragraph.start + found.start..paragraph.start + found.end,
                );
            }
        }
        return;
    }
    let end = last.end;
    let mut position = first.start;
    let mut current = 0;
    'restart: while position < end {
        for found in regex.find_iter(&text[position..end]) {
            let (start, stop) = (position + found.start(), position + found.end());
            if start == stop {
                continue;
            }
            while paragraphs
                .get(current)
                .is_some_and(|paragraph| paragraph.end <= start)
            {
                current += 1;
            }
            let Some(paragraph) = paragraphs.get(current) else {
                return;
            };
            if start < paragraph.start {
                if stop <= paragraph.start {
                    // Entirely in a label or line end between paragraphs.
                    continue;
                }
                // Starts outside and runs into the paragraph: search from its start.
                position = paragraph.start;
                continue 'restart;
            }
            if stop <= paragraph.end {
                emit(current, start..stop);
                continue;
            }
            for found in regex.find_iter(&text[start..paragraph.end]) {
                if !found.is_empty() {
                    emit(current, start + found.start()..start + found.end());
                }
            }
            position = paragraph.end;
            continue 'restart;
        }
        break;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::QueryOptions;

    /// The paragraphs of an arena written as `label:text` lines.
    fn arena(lines: &[&str]) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for line in lines {
            let (label, body) = line.split_once(':').unwrap_or(("", line));
            text.push_str(label);
            text.push(':');
            let start = text.len();
            text.push_str(body);
            ranges.push(start..text.len());
            text.push('\n');
        }
        (text, ranges)
    }

    fn hits(pattern: &str, regex: bool, lines: &[&str]) -> Vec<(usize, String)> {
        let query = Query::new(
            pattern,
            QueryOptions {
                regex,
                ..QueryOptions::default()
            },
        )
        .expect("valid");
        let (text, ranges) = arena(lines);
        let mut out = Vec::new();
        scan(&query, &text, &ranges, |index, range| {
            out.push((index, text[range].to_owned()));
        });
        out
    }

    #[test]
    fn labels_never_match() {
        let lines = ["主持人:你好主持人", "江滨:主持人好"];
        let found = hits("主持人", false, &lines);
        assert_eq!(found, [(0, "主持人".into()), (1, "主持人".into())]);
        assert!(hits("人:", false, &lines).is_empty());
        assert!(hits("好\n江", false, &lines).is_empty());
    }

    #[test]
    fn a_match_crossing_into_a_paragraph_does_not_hide_one_inside() {
        // Label `a`, paragraph `aaa`: `aa` must match at the paragraph's start.
        let (text, ranges) = arena(&["a:aaa"]);
        let query = Query::new("aa", QueryOptions::default()).expect("valid");
        let mut out = Vec::new();
        scan(&query, &text, &ranges, |_, range| {
            out.push((range.start, range.end))
        });
        assert_eq!(out, [(ranges[0].start, ranges[0].start + 2)]);
    }

    #[test]
    fn a_regex_crossing_a_paragraph_end_is_cut_back() {
        let found = hits(r"好[\s\S]*", true, &["A:你好", "B:再见"]);
        assert_eq!(found, [(0, "好".into())]);
        let found = hits(r"\S+", true, &["A:ab cd", "B:ef"]);
        let texts: Vec<_> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["ab", "cd", "ef"]);
    }

    #[test]
    fn anchors_apply_per_paragraph() {
        let found = hits("^好", true, &["A:好的", "B:很好", "A:好"]);
        assert_eq!(found, [(0, "好".into()), (2, "好".into())]);
        let found = hits(r"\bcat\b", true, &["A:cat", "B:concat"]);
        assert_eq!(found, [(0, "cat".into())]);
    }
}
