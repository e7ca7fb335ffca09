//! Greedy filling of lines from the break opportunities of [`super::breaks`].

use std::ops::Range;

use super::breaks::{self, Break};
use super::width::Glyph;
use super::{Line, Measure};

#[cfg(test)]
mod tests;

/// One grapheme of the piece being wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Grapheme {
    /// Byte offset in the piece.
    pub start: usize,
    /// How it is drawn.
    pub glyph: Glyph,
    /// A single U+0020: it may hang past the line end and is left out of a line's range there.
    pub space: bool,
    /// A line may start here.
    pub brk: bool,
}

/// Buffers reused across the pieces of one paragraph.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    pub graphemes: Vec<Grapheme>,
    pub breaks: Vec<Break>,
    pub urls: Vec<Range<usize>>,
    /// Stretches of the piece UAX #14 has to look at.
    pub runs: Vec<Range<usize>>,
}

/// How graphemes and break opportunities are found. Both give the same result; the property
/// test `fast_path_matches_reference` is the proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Path {
    /// Han ideographs and common punctuation decided from small tables, the segmenters
    /// called only for the rest.
    Fast,
    /// `unicode-segmentation` and `icu_segmenter` over every piece.
    #[cfg(test)]
    Reference,
}

/// See [`super::wrap`].
pub(crate) fn wrap(text: &str, width: usize, measure: Measure) -> Vec<Line> {
    wrap_with(text, width, measure, Path::Fast)
}

/// [`wrap`] along the given path.
pub(crate) fn wrap_with(text: &str, width: usize, measure: Measure, path: Path) -> Vec<Line> {
    // A line holds at least one grapheme, so width 0 behaves as width 1.
    let width = width.max(1);
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    let mut scratch = Scratch::default();
    let mut offset = 0;
    let mut pieces = text.split('\n').peekable();
    while let Some(piece) = pieces.next() {
        let mut body = piece;
        if pieces.peek().is_some() {
            // CR LF ends a line like LF does; a lone CR is a control and is pictured.
            body = body.strip_suffix('\r').unwrap_or(body);
        }
        wrap_piece(body, offset, width, measure, path, &mut scratch, &mut lines);
        offset += piece.len() + 1;
    }
    lines
}

/// Wraps `piece` (no newline inside), which starts at byte `offset` of the paragraph.
fn wrap_piece(
    piece: &str,
    offset: usize,
    width: usize,
    measure: Measure,
    path: Path,
    scratch: &mut Scratch,
    lines: &mut Vec<Line>,
) {
    if piece.is_empty() {
        lines.push(Line {
            range: offset..offset,
            width: 0,
        });
        return;
    }
    match path {
        Path::Fast => super::fast::analyse(piece, measure, scratch),
        #[cfg(test)]
        Path::Reference => analyse_reference(piece, measure, scratch),
    }
    mark_breaks(
        &mut scratch.graphemes,
        &scratch.breaks,
        &scratch.urls,
        width,
    );

    let gs = &scratch.graphemes[..];
    let end_of = |i: usize| gs.get(i).map_or(piece.len(), |g| g.start);
    let mut ls = 0;
    while ls < gs.len() {
        let mut col = 0;
        // Index one past the last non-space grapheme, and the width up to it.
        let (mut content_end, mut content_width) = (ls, 0);
        let mut candidate: Option<(usize, usize, usize)> = None;
        let mut j = ls;
        while let Some(g) = gs.get(j) {
            if j > ls && g.brk && content_end > ls {
                candidate = Some((content_end, content_width, j));
            }
            let w = g.glyph.width_at(col);
            if !g.space && col + w > width && j > ls {
                break;
            }
            col += w;
            if !g.space {
                content_end = j + 1;
                content_width = col;
            }
            j += 1;
        }
        if j == gs.len() {
            lines.push(line(
                offset,
                gs[ls].start,
                end_of(content_end),
                content_width,
            ));
            return;
        }
        if let Some((end, used, next)) = candidate {
            lines.push(line(offset, gs[ls].start, end_of(end), used));
            ls = next;
            continue;
        }
        // No legal break fits: cut at a grapheme boundary, stepping back (not to an empty
        // line) past cuts that would start a line with a closing mark or split `——`.
        let cut = (ls + 1..=j)
            .rev()
            .find(|&k| emergency_ok(piece, gs, k))
            .unwrap_or(j);
        let (end, used) = measure_line(gs, ls, cut);
        lines.push(line(offset, gs[ls].start, end_of(end), used));
        ls = cut;
    }
}

/// Splits `piece` into graphemes and finds its break opportunities with the segmenters alone.
#[cfg(test)]
fn analyse_reference(piece: &str, measure: Measure, scratch: &mut Scratch) {
    use super::width::glyph;
    use unicode_segmentation::UnicodeSegmentation;

    scratch.graphemes.clear();
    scratch
        .graphemes
        .extend(piece.grapheme_indices(true).map(|(start, g)| Grapheme {
            start,
            glyph: glyph(g, measure),
            space: g == " ",
            brk: false,
        }));
    scratch.runs.clear();
    scratch.runs.push(0..piece.len());
    breaks::opportunities(piece, &scratch.runs, &mut scratch.breaks, &mut scratch.urls);
}

/// Makes `brk` true on the graphemes a line may start at. A break inside a URL counts only
/// when the URL cannot fit on a line of `width` anyway.
fn mark_breaks(gs: &mut [Grapheme], breaks: &[Break], urls: &[Range<usize>], width: usize) {
    let fits: Vec<bool> = urls
        .iter()
        .map(|url| {
            let first = gs.partition_point(|g| g.start < url.start);
            let last = gs.partition_point(|g| g.start < url.end);
            let mut col = 0;
            for g in gs.get(first..last).unwrap_or_default() {
                col += g.glyph.width_at(col);
            }
            col <= width
        })
        .collect();
    let mut k = 0;
    for b in breaks {
        if b.url.is_some_and(|u| fits.get(u).copied().unwrap_or(false)) {
            continue;
        }
        // Breaks fall on grapheme boundaries except inside clusters UAX #14 does not glue
        // (a prepended mark, say); those are ignored.
        while gs.get(k).is_some_and(|g| g.start < b.pos) {
            k += 1;
        }
        if let Some(g) = gs.get_mut(k).filter(|g| g.start == b.pos) {
            g.brk = true;
        }
    }
}

/// Whether an emergency cut before grapheme `k` keeps the clreq prohibitions.
fn emergency_ok(piece: &str, gs: &[Grapheme], k: usize) -> bool {
    let Some(g) = gs.get(k) else {
        // The end of the piece: nothing starts a line there.
        return true;
    };
    let Some(after) = piece.get(g.start..).and_then(|s| s.chars().next()) else {
        return true;
    };
    if after == ' ' {
        // Not before a space, even one carrying a combining mark: no line starts with one.
        // (Decided first: the trim below would make a long run of spaces quadratic.)
        return false;
    }
    // As for any break, the line ends at its last character that is not a space.
    let before = piece
        .get(..g.start)
        .and_then(|s| s.trim_end_matches(' ').chars().next_back());
    before.is_none_or(|before| breaks::allowed_between(before, after))
}

/// The content end (index past the last non-space grapheme) and width of graphemes `from..to`.
fn measure_line(gs: &[Grapheme], from: usize, to: usize) -> (usize, usize) {
    let (mut col, mut end, mut used) = (0, from, 0);
    for (i, g) in gs.iter().enumerate().take(to).skip(from) {
        col += g.glyph.width_at(col);
        if !g.space {
            end = i + 1;
            used = col;
        }
    }
    (end, used)
}

fn line(offset: usize, start: usize, end: usize, width: usize) -> Line {
    Line {
        range: offset + start..offset + end,
        width,
    }
}
