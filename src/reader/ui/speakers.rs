//! The speaker list: number key, name in its colour, turns, share of what was said, and the
//! current search's hits per speaker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{BAR_WIDTH, Theme};
use crate::layout;
use crate::reader::app::{App, Focus};

pub(super) fn render_speaker_list(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = app.focus == Focus::SpeakerList;
    let block = Block::bordered()
        .title(" Speakers ")
        .border_style(theme.focus(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let total: usize = app.stats.iter().map(|s| s.chars).sum::<usize>().max(1);
    let hits = app
        .search
        .has_query()
        .then(|| app.search.results().hits_per_speaker());
    let count_width = app
        .stats
        .iter()
        .map(|s| s.turns)
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    let measure = app.options.measure;
    let longest = app
        .transcript
        .speakers
        .iter()
        .map(|s| layout::display_width(&s.name, measure))
        .max()
        .unwrap_or(0);
    // Number, name, turns, then the share as a bar and a percentage; when the list is narrow
    // the bar goes first, so that names stay readable.
    let room = usize::from(inner.width).saturating_sub(3 + 1 + count_width + 1);
    let full = BAR_WIDTH + 1 + 4;
    let extra = if room >= full + longest.min(6) {
        full
    } else {
        4
    };
    let name_width = room.saturating_sub(extra).max(1);
    let lines: Vec<Line> = app
        .transcript
        .speakers
        .iter()
        .enumerate()
        .map(|(id, speaker)| {
            let stats = &app.stats[id];
            let shown = app.shown[id];
            let number = if id < 9 {
                (id + 1).to_string()
            } else {
                " ".to_owned()
            };
            let name = fit(&layout::sanitize(&speaker.name), name_width, measure);
            let name_style = if shown {
                theme.speaker(id)
            } else {
                theme.dim()
            };
            let mut spans = vec![
                Span::styled(format!(" {number} "), theme.dim()),
                Span::styled(name, name_style),
                Span::raw(format!(" {:>count_width$} ", stats.turns)),
            ];
            let extra = match hits {
                Some(hits) => {
                    let n = hits.get(id).copied().unwrap_or(0);
                    let style = if n > 0 { theme.matched() } else { theme.dim() };
                    let text = match (extra == full, n) {
                        (true, 1) => "1 hit".to_owned(),
                        (true, n) => format!("{n} hits"),
                        (false, n) => n.to_string(),
                    };
                    Span::styled(format!("{text:>extra$}"), style)
                }
                None if !shown => {
                    let text = if extra == full { "hidden" } else { "off" };
                    Span::styled(format!("{text:>extra$}"), theme.dim())
                }
                None => {
                    let share = stats.chars as f64 / total as f64;
                    let percent = format!("{:>3.0}%", share * 100.0);
                    let text = if extra == full {
                        format!("{} {percent}", share_bar(share, BAR_WIDTH))
                    } else {
                        percent
                    };
                    Span::styled(text, name_style.remove_modifier(Modifier::BOLD))
                }
            };
            spans.push(extra);
            let mut line = Line::from(spans);
            if id == app.selected {
                let marker = if focused {
                    Modifier::REVERSED
                } else {
                    Modifier::UNDERLINED
                };
                line = line.patch_style(Style::new().add_modifier(marker));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A horizontal bar of `width` cells, filled in eighths.
fn share_bar(share: f64, width: usize) -> String {
    const EIGHTHS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    (0..width)
        .map(|cell| EIGHTHS[eighths.saturating_sub(cell * 8).min(8)])
        .collect()
}

/// `text` cut to `width` cells and padded to exactly that.
pub(super) fn fit(text: &str, width: usize, measure: layout::Measure) -> String {
    let mut out = String::new();
    let mut used = 0;
    for cell in layout::cells(text, measure) {
        if used + cell.width > width {
            break;
        }
        used += cell.width;
        out.push_str(cell.symbol);
    }
    out.push_str(&" ".repeat(width - used));
    out
}
