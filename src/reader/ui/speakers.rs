//! The speaker list: number key, name in its colour, turns, share of what was said, and the
//! current search's hits per speaker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{BAR_WIDTH, Drawn, Theme, draw_row, longest_name, text_cells, turns_width};
use crate::layout;
use crate::reader::app::{App, Focus};

pub(super) fn render_speaker_list(app: &App, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = app.focus == Focus::SpeakerList;
    let block = theme
        .block()
        .title(" Speakers ")
        .border_style(theme.focus(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let total: usize = app.stats.iter().map(|s| s.chars).sum::<usize>().max(1);
    let hits = app
        .search
        .has_query()
        .then(|| app.search.results().hits_per_speaker());
    let count_width = turns_width(app);
    let measure = app.options.measure;
    let longest = longest_name(app);
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
    let rows = app.transcript.speakers.iter().enumerate();
    for ((id, speaker), y) in rows.zip(inner.top()..inner.bottom()) {
        let stats = &app.stats[id];
        let shown = app.shown[id];
        let number = if id < 9 {
            format!(" {} ", id + 1)
        } else {
            "   ".to_owned()
        };
        let name_style = if shown {
            theme.speaker(id)
        } else {
            theme.dim()
        };
        let turns = format!(" {:>count_width$} ", stats.turns);
        let (tail, tail_style) = match hits {
            Some(hits) => {
                let n = hits.get(id).copied().unwrap_or(0);
                let style = if n > 0 { theme.matched() } else { theme.dim() };
                let text = match (extra == full, n) {
                    (true, 1) => "1 hit".to_owned(),
                    (true, n) => format!("{n} hits"),
                    (false, n) => n.to_string(),
                };
                (format!("{text:>extra$}"), style)
            }
            None if !shown => {
                let text = if extra == full { "hidden" } else { "off" };
                (format!("{text:>extra$}"), theme.dim())
            }
            None => {
                let share = stats.chars as f64 / total as f64;
                let percent = format!("{:>3.0}%", share * 100.0);
                let text = if extra == full {
                    format!("{} {percent}", share_bar(share, BAR_WIDTH, theme.plain))
                } else {
                    percent
                };
                (text, name_style.remove_modifier(Modifier::BOLD))
            }
        };
        // The name is cut and padded in fangtan's measure, so the columns after it line up.
        let name: Vec<Drawn> = fit(&speaker.name, name_width, name_style, measure);
        let mut cells: Vec<Drawn> = text_cells(&number, theme.dim(), measure).collect();
        cells.extend(name);
        cells.extend(text_cells(&turns, Style::new(), measure));
        cells.extend(text_cells(&tail, tail_style, measure));
        if id == app.selected {
            let marker = if focused {
                Modifier::REVERSED
            } else {
                Modifier::UNDERLINED
            };
            let selected = Style::new().add_modifier(marker);
            cells = cells.into_iter().map(|cell| cell.patch(selected)).collect();
        }
        draw_row(frame.buffer_mut(), inner.left(), y, inner.right(), &cells);
    }
}

/// A horizontal bar of `width` cells, filled in eighths (in whole `#` cells when the chrome
/// must be plain ASCII).
fn share_bar(share: f64, width: usize, plain: bool) -> String {
    const EIGHTHS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let share = share.clamp(0.0, 1.0);
    if plain {
        let filled = (share * width as f64).round() as usize;
        return (0..width)
            .map(|cell| if cell < filled { '#' } else { ' ' })
            .collect();
    }
    let eighths = (share * (width * 8) as f64).round() as usize;
    (0..width)
        .map(|cell| EIGHTHS[eighths.saturating_sub(cell * 8).min(8)])
        .collect()
}

/// `text`'s cells cut to `width` cells and padded with spaces to exactly that.
fn fit(text: &str, width: usize, style: Style, measure: layout::Measure) -> Vec<Drawn<'_>> {
    let mut cells = Vec::new();
    let mut used = 0;
    for cell in text_cells(text, style, measure) {
        if used + cell.width > width {
            break;
        }
        used += cell.width;
        cells.push(cell);
    }
    cells.extend((used..width).map(|_| Drawn::blank().patch(style)));
    cells
}
