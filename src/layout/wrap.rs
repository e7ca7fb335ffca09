//! Greedy filling of lines from the break opportunities of [`super::breaks`], one line at a
//! time, analysing the paragraph in windows so that memory does not grow with its length.
//!
//! A paragraph is split at its newlines into pieces, and a piece longer than [`SECTION`] bytes
//! into sections at seams (see [`seam`]): every section starts a line, so a reader can lay out
//! the part of a huge paragraph it shows without the rest ([`super::restart_point`]). Every cell
//! of the grid has a seam, forced where the text offers no restart point, so a section is
//! shorter than two cells. Within a section the text is analysed (graphemes, break
//! opportunities) window by window, each ending where the analysis may restart without changing
//! a thing ([`fast::restart_points`]); the lines are those of analysing the section whole, which
//! the property tests check.

use std::ops::Range;

use super::breaks::{self, Break};
use super::fast;
use super::width::{Glyph, simple};
use super::{Line, Measure};

#[cfg(test)]
mod restarts;
#[cfg(test)]
mod tests;

/// Bytes a window of analysis holds, give or take a restart point.
const WINDOW: usize = 8 << 10;

/// Pieces are cut into sections on a grid of this many bytes: the first restart point in each
/// cell of the grid (preferring one after a sentence end), or a forced seam in a cell without
/// one, is where a line must start.
/// Large enough that no paragraph of real speech meets a seam, small enough that wrapping a
/// section to find a screenful takes well under a millisecond.
pub const SECTION: usize = 64 << 10;

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
    /// A line may start here when no break marked `brk` fits: inside a URL that fits on a line
    /// (after `/`, `?`, `-` and the like) and before `——` or `……` (GB/T 15834 allows them at
    /// the start of a line; clreq's strict rules and fangtan prefer not).
    pub soft: bool,
    /// It lies inside a URL or e-mail address that fits on a line, after its first character.
    pub url: bool,
}

/// Buffers reused across the windows of one paragraph.
#[derive(Debug, Default)]
pub(super) struct Scratch {
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
    /// called only for the rest, in windows.
    Fast,
    /// `unicode-segmentation` and `icu_segmenter` over each whole section.
    #[cfg(test)]
    Reference,
}

/// See [`super::wrap`].
pub(crate) fn wrap(text: &str, width: usize, measure: Measure) -> Vec<Line> {
    Wrapper::new(text, 0, width, measure, Path::Fast).collect()
}

/// [`wrap`] along the given path.
#[cfg(test)]
pub(crate) fn wrap_with(text: &str, width: usize, measure: Measure, path: Path) -> Vec<Line> {
    Wrapper::new(text, 0, width, measure, path).collect()
}

/// The lines of a paragraph, one at a time; see [`super::lines`].
#[derive(Debug)]
pub(crate) struct Wrapper<'t> {
    text: &'t str,
    width: usize,
    measure: Measure,
    path: Path,
    /// Nominal bytes per window (a test sets it small to cross many window ends).
    window: usize,
    /// Offset in `text` of the piece after this one; `None` after the last.
    next_piece: Option<usize>,
    /// The piece being wrapped (no newline inside) and its offset in `text`.
    piece: &'t str,
    offset: usize,
    /// The section being wrapped: `section.start` is where it starts in `piece`.
    section: Range<usize>,
    /// Bytes of the piece analysed so far: `graphemes` reach up to here.
    analysed: usize,
    /// Graphemes up to `analysed`; the next line starts at `graphemes[head]`. Those before
    /// `head` are dropped when the next window is analysed, not at every line.
    graphemes: Vec<Grapheme>,
    head: usize,
    /// The current piece is empty and its empty line is still to come.
    empty_line: bool,
    scratch: Scratch,
}

impl<'t> Wrapper<'t> {
    /// Wraps `text` from byte `start`, which must be the start of a section (0, just after a
    /// newline, or a seam).
    pub(crate) fn new(
        text: &'t str,
        start: usize,
        width: usize,
        measure: Measure,
        path: Path,
    ) -> Self {
        let start = start.min(text.len());
        // The piece holding `start`: from the newline before it to the one after.
        let piece_start = memchr::memrchr(b'\n', &text.as_bytes()[..start]).map_or(0, |nl| nl + 1);
        let mut wrapper = Wrapper {
            text,
            // A line holds at least one grapheme, so width 0 behaves as width 1.
            width: width.max(1),
            measure,
            path,
            window: WINDOW,
            next_piece: None,
            piece: "",
            offset: 0,
            section: 0..0,
            analysed: 0,
            graphemes: Vec::new(),
            head: 0,
            empty_line: false,
            scratch: Scratch::default(),
        };
        if !text.is_empty() {
            wrapper.open_piece(piece_start);
            let within = start - piece_start;
            if within > 0 && within < wrapper.piece.len() {
                wrapper.open_section(within);
            }
        }
        wrapper
    }

    /// Analyses in windows of about `bytes` bytes.
    #[cfg(test)]
    pub(crate) fn with_window(mut self, bytes: usize) -> Self {
        self.window = bytes;
        self
    }

    /// Starts the piece at byte `start` of the text. An empty piece gives one empty line,
    /// which `next` emits when the section is empty.
    fn open_piece(&mut self, start: usize) {
        let rest = &self.text[start..];
        let (mut piece, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(nl) => (&rest[..nl], Some(start + nl + 1)),
            None => (rest, None),
        };
        if next.is_some() {
            // CR LF ends a line like LF does; a lone CR is a control and is pictured.
            piece = piece.strip_suffix('\r').unwrap_or(piece);
        }
        self.piece = piece;
        self.offset = start;
        self.next_piece = next;
        self.empty_line = piece.is_empty();
        self.open_section(0);
    }

    /// Starts the section of the current piece that begins at `start`. A section after the
    /// first starts a line, and no line starts with a space: spaces at its start (only a forced
    /// seam falls among spaces) are left out, as at any break.
    fn open_section(&mut self, start: usize) {
        let mut start = start;
        let mut spaces = 0;
        if start > 0 {
            spaces = self
                .piece
                .as_bytes()
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            start += spaces;
        }
        let end = next_seam(self.piece, start, spaces > 0)
            .unwrap_or(self.piece.len())
            .max(start);
        self.section = start..end;
        self.analysed = start;
        self.graphemes.clear();
        self.head = 0;
    }

    /// Makes sure grapheme `j` (counted from the line start) is analysed; false at the end of
    /// the section.
    #[inline]
    fn fill(&mut self, j: usize) -> bool {
        self.head + j < self.graphemes.len() || self.analyse_more(j)
    }

    /// Analyses windows until grapheme `j` of the line is known; false at the end of the section.
    #[cold]
    fn analyse_more(&mut self, j: usize) -> bool {
        while self.head + j >= self.graphemes.len() {
            let from = self.analysed;
            if from >= self.section.end {
                return false;
            }
            self.graphemes.drain(..self.head);
            self.head = 0;
            let to = match self.path {
                Path::Fast => restart_before(self.piece, from + self.window, self.section.end)
                    .filter(|&at| at > from)
                    .unwrap_or(self.section.end),
                #[cfg(test)]
                Path::Reference => self.section.end,
            };
            let window = &self.piece[from..to];
            let base = self.graphemes.len();
            match self.path {
                Path::Fast => {
                    fast::analyse(window, self.measure, &mut self.scratch, &mut self.graphemes)
                }
                #[cfg(test)]
                Path::Reference => {
                    analyse_reference(window, self.measure, &mut self.scratch, &mut self.graphemes);
                }
            }
            let new = &mut self.graphemes[base..];
            mark_breaks(window, new, &self.scratch, self.width);
            if let Some(first) = new.first_mut() {
                // A window starts at a break whatever surrounds it, unless it starts the
                // section, where a line starts anyway.
                first.brk = from > self.section.start;
            }
            if from > 0 {
                for g in new {
                    g.start += from;
                }
            }
            self.analysed = to;
        }
        true
    }

    /// The graphemes from the start of the next line on.
    fn line(&self) -> &[Grapheme] {
        &self.graphemes[self.head..]
    }

    /// Byte offset in the piece where grapheme `i` of the line starts (the end of the analysed
    /// text past the last).
    fn start_of(&self, i: usize) -> usize {
        self.line().get(i).map_or(self.analysed, |g| g.start)
    }

    /// The line from its first grapheme to content end `end` (a grapheme index in the line),
    /// `used` cells wide; the graphemes before `next` are consumed.
    fn emit(&mut self, end: usize, used: usize, next: usize) -> Line {
        let line = Line {
            range: self.offset + self.start_of(0)..self.offset + self.start_of(end),
            width: used,
        };
        self.head += next.min(self.line().len());
        line
    }

    /// The next line of the current section, `None` when it is done.
    fn next_in_section(&mut self) -> Option<Line> {
        if !self.fill(0) {
            return None;
        }
        let width = self.width;
        let mut col = 0;
        // Index one past the last non-space grapheme, and the width up to it.
        let (mut content_end, mut content_width) = (0, 0);
        // The last break that fits, and the last secondary one: (content end, width, next).
        let mut candidate: Option<(usize, usize, usize)> = None;
        let mut soft: Option<(usize, usize, usize)> = None;
        let mut j = 0;
        while self.fill(j) {
            let g = self.graphemes[self.head + j];
            if j > 0 && content_end > 0 {
                if g.brk {
                    candidate = Some((content_end, content_width, j));
                } else if g.soft {
                    soft = Some((content_end, content_width, j));
                }
            }
            let w = g.glyph.width_in(col, width);
            if !g.space && col + w > width && j > 0 {
                // Grapheme `j` does not fit: break before it.
                if let Some((end, used, next)) = candidate.or(soft) {
                    return Some(self.emit(end, used, next));
                }
                let cut = self.emergency_cut(j);
                let (end, used) = measure_line(self.line(), cut, width);
                return Some(self.emit(end, used, cut));
            }
            col += w;
            if !g.space {
                content_end = j + 1;
                content_width = col;
            }
            j += 1;
        }
        // The rest of the section fits.
        Some(self.emit(content_end, content_width, usize::MAX))
    }

    /// Where to cut a line that holds no break, when grapheme `j` overflows it: the last
    /// grapheme boundary in `1..=j` that keeps the prohibitions and splits no `——`, `……`,
    /// number or URL; failing that, one that keeps the prohibitions and splits no `——`, `……` or
    /// number; failing that, one that splits none of those units (a prohibited mark at
    /// the edge of a line is the lesser fault); failing that (a unit wider than the line), one
    /// that keeps the prohibitions; failing that, one that keeps `——` and `……` whole; failing
    /// all, `j`. Never before a space: no line starts with one.
    fn emergency_cut(&self, j: usize) -> usize {
        let piece = self.piece;
        let gs = self.line();
        let edges = |k: usize| {
            let g = gs.get(k)?;
            let after = piece.get(g.start..)?.chars().next()?;
            if after == ' ' {
                return None;
            }
            Some((g, after))
        };
        let kept = |k: usize, keep_urls: bool| {
            edges(k).is_some_and(|(g, after)| {
                // As for any break, the line ends at its last character that is not a space.
                let before = piece
                    .get(..g.start)
                    .and_then(|s| s.trim_end_matches(' ').chars().next_back());
                let cuts_url = keep_urls && g.url;
                !cuts_url
                    && !breaks::inside_unit(piece, g.start)
                    && before.is_none_or(|before| breaks::allowed_between(before, after))
            })
        };
        let legal = |k: usize| kept(k, true);
        // A URL glued to marks that may not start a line is cut rather than a line started
        // with one of them.
        let in_url = |k: usize| kept(k, false);
        let whole = |k: usize| {
            edges(k).is_some_and(|(g, _)| !g.url && !breaks::inside_unit(piece, g.start))
        };
        // A unit wider than the line is cut where the prohibitions allow.
        let allowed = |k: usize| {
            edges(k).is_some_and(|(g, after)| {
                let before = piece
                    .get(..g.start)
                    .and_then(|s| s.trim_end_matches(' ').chars().next_back());
                let adjacent = piece.get(..g.start).and_then(|s| s.chars().next_back());
                before.is_none_or(|before| breaks::allowed_between(before, after))
                    && adjacent.is_none_or(|adjacent| !breaks::splits_pair(adjacent, after))
            })
        };
        let pairs = |k: usize| {
            edges(k).is_some_and(|(g, after)| {
                piece
                    .get(..g.start)
                    .and_then(|s| s.chars().next_back())
                    .is_none_or(|before| !breaks::splits_pair(before, after))
            })
        };
        let tiers: [&dyn Fn(usize) -> bool; 5] = [&legal, &in_url, &whole, &allowed, &pairs];
        tiers
            .iter()
            .find_map(|ok| (1..=j).rev().find(|&k| ok(k)))
            .unwrap_or(j)
    }
}

impl Iterator for Wrapper<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        loop {
            if self.empty_line {
                self.empty_line = false;
                return Some(Line {
                    range: self.offset..self.offset,
                    width: 0,
                });
            }
            if let Some(line) = self.next_in_section() {
                return Some(line);
            } else if self.section.end < self.piece.len() {
                self.open_section(self.section.end);
                continue;
            }
            let next = self.next_piece.take()?;
            self.open_piece(next);
        }
    }
}

/// Splits `piece` into graphemes (appended to `graphemes`) and finds its break opportunities
/// with the segmenters alone.
#[cfg(test)]
fn analyse_reference(
    piece: &str,
    measure: Measure,
    scratch: &mut Scratch,
    graphemes: &mut Vec<Grapheme>,
) {
    use super::width::glyph;
    use unicode_segmentation::UnicodeSegmentation;

    graphemes.extend(piece.grapheme_indices(true).map(|(start, g)| Grapheme {
        start,
        glyph: glyph(g, measure),
        space: g == " ",
        brk: false,
        soft: false,
        url: false,
    }));
    scratch.runs.clear();
    scratch.runs.push(0..piece.len());
    breaks::opportunities(piece, &scratch.runs, &mut scratch.breaks, &mut scratch.urls);
}

/// Marks the graphemes of `window` a line may start at: `brk` at the break opportunities
/// (but inside a URL that fits on a line of `width`), `soft` at the secondary ones; `url` on
/// the graphemes inside a URL.
fn mark_breaks(window: &str, gs: &mut [Grapheme], scratch: &Scratch, width: usize) {
    let urls = &scratch.urls;
    let at = |gs: &[Grapheme], pos: usize| gs.partition_point(|g| g.start < pos);
    let mut fits = Vec::with_capacity(urls.len());
    for url in urls {
        let (first, last) = (at(gs, url.start), at(gs, url.end));
        let mut col = 0;
        for g in gs.get(first..last).unwrap_or_default() {
            col += g.glyph.width_in(col, width);
        }
        fits.push(col <= width);
        let bytes = window.as_bytes();
        for g in gs.get_mut(first + 1..last).unwrap_or_default() {
            // A URL that fits is a unit an emergency cut keeps whole; one that does not is
            // cut like a long word.
            g.url = col <= width;
            // After `/ . ? & = -`, not inside a run of them (`//`).
            let mark = |b: u8| b"/.?&=-".contains(&b);
            let after_mark = g.start > 0 && bytes.get(g.start - 1).copied().is_some_and(mark);
            let allowed = || {
                let before = window[..g.start].chars().next_back();
                let after = window[g.start..].chars().next();
                matches!((before, after), (Some(b), Some(a)) if breaks::allowed_between(b, a))
            };
            g.soft = after_mark
                && !bytes.get(g.start).copied().is_some_and(mark)
                && !breaks::inside_unit(window, g.start)
                && allowed();
        }
    }
    let mut k = 0;
    for b in &scratch.breaks {
        // Breaks fall on grapheme boundaries except inside clusters UAX #14 does not glue
        // (a prepended mark, say); those are ignored.
        while gs.get(k).is_some_and(|g| g.start < b.pos) {
            k += 1;
        }
        if let Some(g) = gs.get_mut(k).filter(|g| g.start == b.pos) {
            if b.url.is_some_and(|u| fits.get(u).copied().unwrap_or(false)) {
                g.soft = true;
            } else {
                g.brk = true;
            }
        }
    }
    // `——` and `……` may start a line when nothing else fits (GB/T 15834): a secondary break
    // before the first of a run of them, unless the line would end with an opening mark.
    // Both are three bytes long, led by 0xE2 0x80.
    for dash in memchr::memchr_iter(0xE2, window.as_bytes()) {
        let Some(after) = window
            .get(dash..)
            .and_then(|rest| rest.chars().next())
            .filter(|&c| matches!(c, '—' | '…'))
        else {
            continue;
        };
        // Not inside a run, spaced (`— —`) or not.
        let before = window[..dash].trim_end_matches(' ').chars().next_back();
        if before.is_none_or(breaks::no_line_end) || before == Some(after) {
            continue;
        }
        let i = at(gs, dash);
        if let Some(g) = gs.get_mut(i).filter(|g| g.start == dash && !g.brk) {
            g.soft = true;
        }
    }
}

/// The content end (index past the last non-space grapheme) and width of graphemes `..to`.
fn measure_line(gs: &[Grapheme], to: usize, width: usize) -> (usize, usize) {
    let (mut col, mut end, mut used) = (0, 0, 0);
    for (i, g) in gs.iter().enumerate().take(to) {
        col += g.glyph.width_in(col, width);
        if !g.space {
            end = i + 1;
            used = col;
        }
    }
    (end, used)
}

/// The end of the section of `piece` that starts at `start`: the next seam, if any. A section
/// starts at a seam, so the next one is in a later cell, unless the section starts past spaces
/// after its seam (`skipped`), which may reach into a cell whose seam is still ahead.
fn next_seam(piece: &str, start: usize, skipped: bool) -> Option<usize> {
    let mut cell = start / SECTION + usize::from(!skipped);
    while cell * SECTION < piece.len() {
        if let Some(at) = seam(piece, cell).filter(|&at| at > start) {
            return Some(at);
        }
        cell += 1;
    }
    None
}

/// The seam in cell `cell` of the grid (bytes `cell * SECTION..(cell + 1) * SECTION` of the
/// piece): the first restart point there that follows a sentence end (`。！？!?`, spaces
/// between them allowed), else the first restart point there, else a forced seam (see
/// [`forced_seam`]). Decided by the cell's text (and a few characters around it) alone, so any
/// part of a huge paragraph finds the same seams.
pub(crate) fn seam(piece: &str, cell: usize) -> Option<usize> {
    let from = cell.checked_mul(SECTION)?;
    let end = from.saturating_add(SECTION).min(piece.len());
    if cell == 0 || from >= piece.len() {
        return None;
    }
    let mut first = None;
    for (at, before) in fast::restart_points(lookahead(piece, end), from) {
        if at >= end {
            break;
        }
        if matches!(before, '。' | '！' | '？' | '!' | '?') {
            return Some(at);
        }
        first.get_or_insert(at);
    }
    first.or_else(|| Some(forced_seam(piece, from, end)))
}

/// Where a cell without a restart point (text with no break the tables can vouch for: one
/// enormous word, base64, a script the tables do not know, a run of clusters) starts a
/// section all the same, so that no window of analysis, and no part a reader lays out, grows
/// past a cell or two: the one place where the layout starts a line that the rules did not
/// choose. The first grapheme boundary in the cell that follows a space and starts neither a
/// space nor a mark that may not start a line; else the first one where the rules of
/// [`breaks`] allow a line to start and that splits no number, `——` or `……`; else the first
/// one before something other than a space; else the cell's first character boundary (in a
/// cell of spaces the section starts after them; one cluster or run of regional indicators
/// longer than the cell is cut there).
fn forced_seam(piece: &str, from: usize, end: usize) -> usize {
    let mut from = from;
    while !piece.is_char_boundary(from) {
        from += 1;
    }
    let cell = piece.get(from..end).unwrap_or_default();
    let (mut allowed, mut any) = (None, None);
    let mut previous = piece.get(..from).and_then(|head| head.chars().next_back());
    for (at, c) in cell.char_indices() {
        let at = from + at;
        let Some(before) = previous.replace(c) else {
            continue;
        };
        if c == ' ' || !cluster_boundary(piece, at) {
            continue;
        }
        if before == ' ' && !breaks::no_line_start(c) {
            return at;
        }
        if allowed.is_none()
            && breaks::allowed_between(before, c)
            && !breaks::inside_unit(piece, at)
        {
            allowed = Some(at);
        }
        any.get_or_insert(at);
    }
    allowed.or(any).unwrap_or(from)
}

/// Whether a grapheme cluster boundary falls at byte `at` of `piece`, judged from a few
/// characters before it: false where UAX #29 needs more (inside a run of regional indicators).
fn cluster_boundary(piece: &str, at: usize) -> bool {
    use unicode_segmentation::GraphemeCursor;
    let (Some(head), Some(tail)) = (piece.get(..at), piece.get(at..)) else {
        return false;
    };
    match (head.chars().next_back(), tail.chars().next()) {
        (None, _) | (_, None) => return true,
        (Some(before), Some(after)) if simple(before) && simple(after) => return true,
        _ => {}
    }
    let mut lo = at.saturating_sub(32);
    while !piece.is_char_boundary(lo) {
        lo += 1;
    }
    let mut cursor = GraphemeCursor::new(at, piece.len(), true);
    matches!(cursor.is_boundary(&piece[lo..], lo), Ok(true))
}

/// `piece` up to `end` and a few characters more: enough for [`fast::restart_points`] to judge
/// every position before `end`, so that a search for one never runs past it.
fn lookahead(piece: &str, end: usize) -> &str {
    let mut to = end.saturating_add(8).min(piece.len());
    while !piece.is_char_boundary(to) {
        to += 1;
    }
    &piece[..to]
}

/// The first restart point at or after `from` and before `end`.
fn restart_before(piece: &str, from: usize, end: usize) -> Option<usize> {
    fast::restart_points(lookahead(piece, end), from)
        .map(|(at, _)| at)
        .next()
        .filter(|&at| at < end)
}

/// Where a line starts in every layout of `text`, at or before byte `offset`; see
/// [`super::restart_point`].
pub(crate) fn restart_point(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let piece_start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |nl| nl + 1);
    // The piece as far as the seams up to `offset` can look: a cell past it and a few bytes.
    let mut bound = offset.saturating_add(SECTION + 16).min(text.len());
    while !text.is_char_boundary(bound) {
        bound += 1;
    }
    let piece = match memchr::memchr(b'\n', &text.as_bytes()[piece_start..bound]) {
        // As the wrapper sees it: without the CR of a CR LF.
        Some(nl) => {
            let piece = &text[piece_start..piece_start + nl];
            piece.strip_suffix('\r').unwrap_or(piece)
        }
        None => &text[piece_start..bound],
    };
    let within = offset - piece_start;
    let mut cell = within / SECTION;
    while cell > 0 {
        if let Some(at) = seam(piece, cell).filter(|&at| at <= within) {
            return piece_start + at;
        }
        cell -= 1;
    }
    piece_start
}
