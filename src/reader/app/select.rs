//! Quoting: `v` selects lines (`j`/`k` move its end), `y` copies the selection or the turn
//! at the top as a Markdown quote with who said it, `*` highlights the same.

use std::ops::Range;

use super::{App, Effect, Mode};
use crate::conversation::Row;
use crate::quote;
use crate::state::Edit;

/// Lines selected with `v`: where the selection began and where its moving end is, each the
/// arena byte a line of paragraph text starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// The line the selection began on.
    pub anchor: usize,
    /// The line `j` and `k` move.
    pub cursor: usize,
}

impl App {
    /// `v`: selects the first line of text on screen.
    pub(super) fn start_selection(&mut self) {
        let first = self
            .screen
            .rows
            .iter()
            .find_map(|visible| match &visible.row {
                Row::Text { range, .. } => Some(range.start),
                _ => None,
            });
        let Some(start) = first else {
            self.message = Some("no text on screen to select".to_owned());
            return;
        };
        self.selection = Some(Selection {
            anchor: start,
            cursor: start,
        });
        self.mode = Mode::Select;
    }

    /// `j` / `k` while selecting: the moving end goes down or up by lines, the view follows.
    pub(super) fn extend_selection(&mut self, lines: isize) {
        let Some(mut selection) = self.selection else {
            return;
        };
        for _ in 0..lines.unsigned_abs() {
            match self.view.next_line(selection.cursor, lines > 0) {
                Some(line) => selection.cursor = line.start,
                None => break,
            }
        }
        self.view.keep_in_view(selection.cursor);
        self.selection = Some(selection);
    }

    /// After a resize the lines are others: each end goes to the start of its new line.
    pub(super) fn selection_resized(&mut self) {
        if let Some(selection) = self.selection {
            let start =
                |app: &mut Self, byte: usize| app.view.line_at(byte).map_or(byte, |l| l.start);
            self.selection = Some(Selection {
                anchor: start(self, selection.anchor),
                cursor: start(self, selection.cursor),
            });
        }
    }

    /// The arena bytes of the selection: from its first line's start to its last line's end.
    pub(super) fn selected_range(&mut self) -> Option<Range<usize>> {
        let selection = self.selection?;
        let first = selection.anchor.min(selection.cursor);
        let last = selection.anchor.max(selection.cursor);
        let end = self.view.line_at(last).map_or(last, |line| line.end);
        Some(first..end.max(first))
    }

    /// What `y` and `*` act on: the selection, else the turn at the top; and how to name it.
    fn passage(&mut self) -> Option<(Range<usize>, String)> {
        if let Some(range) = self.selected_range() {
            let lines = self.selected_lines();
            let parts = quote::parts(&self.transcript, &range);
            let turns: Vec<String> = parts.iter().map(|p| (p.turn + 1).to_string()).collect();
            let what = match turns.as_slice() {
                [one] => format!("{lines} line{} of turn {one}", plural(lines)),
                _ => format!("{lines} lines of turns {}", turns.join(", ")),
            };
            return Some((range, what));
        }
        let turn = self.screen.turn?;
        let span = self.transcript.turn_span(&self.transcript.turns[turn]);
        Some((span, format!("turn {}", turn + 1)))
    }

    /// How many lines the selection holds.
    fn selected_lines(&mut self) -> usize {
        let Some(selection) = self.selection else {
            return 0;
        };
        let (first, last) = (
            selection.anchor.min(selection.cursor),
            selection.anchor.max(selection.cursor),
        );
        let mut count = 1;
        let mut at = first;
        while at < last {
            match self.view.next_line(at, true) {
                Some(line) if line.start <= last => {
                    count += 1;
                    at = line.start;
                }
                _ => break,
            }
        }
        count
    }

    /// `y`: the selection (else the turn at the top) as a Markdown quote with who said it,
    /// for the clipboard; the status bar says what was copied.
    pub(super) fn copy(&mut self) -> Effect {
        let Some((range, what)) = self.passage() else {
            self.message = Some("no turn to copy".to_owned());
            return Effect::None;
        };
        let source = quote::source(&self.transcript, &self.name_of(self.file));
        let text = quote::markdown(&self.transcript, &range, &source);
        self.selection = None;
        self.mode = Mode::Reading;
        if text.is_empty() {
            self.message = Some("nothing to copy here".to_owned());
            return Effect::None;
        }
        let speakers: Vec<String> = quote::parts(&self.transcript, &range)
            .iter()
            .map(|part| {
                let turn = &self.transcript.turns[part.turn];
                crate::layout::sanitize(&self.transcript.speaker_of(turn).name).into_owned()
            })
            .filter(|name| !name.is_empty())
            .fold(Vec::new(), |mut names, name| {
                if !names.contains(&name) {
                    names.push(name);
                }
                names
            });
        let by = if speakers.is_empty() {
            String::new()
        } else {
            format!(" ({})", speakers.join(", "))
        };
        self.message = Some(format!("copied {what}{by} to the clipboard, as a quote"));
        Effect::Copy(text)
    }

    /// `*`: highlights the selection (else the turn at the top); when it is highlighted
    /// already, the highlight goes.
    pub(super) fn highlight(&mut self) -> Effect {
        let Some((range, what)) = self.passage() else {
            self.message = Some("no turn to highlight".to_owned());
            return Effect::None;
        };
        self.selection = None;
        self.mode = Mode::Reading;
        let covered = self
            .memory
            .highlights()
            .iter()
            .any(|h| h.start <= range.start && range.end <= h.end);
        let (edit, said) = if covered {
            let edit = Edit::Unhighlight {
                start: range.start,
                end: range.end,
            };
            (edit, format!("highlight removed from {what} (u undoes)"))
        } else {
            let edit = Edit::Highlight {
                start: range.start,
                end: range.end,
            };
            let said = format!("highlighted {what} (fangtan --highlights prints them; u undoes)");
            (edit, said)
        };
        self.message = Some(said);
        self.edit_made(edit)
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
