//! The speaker list: number key, name in its colour, turns, share of what was said, and the
//! current search's hits per speaker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::theme::{Drawn, Theme, draw_row};
use crate::layout;
use crate::model::{Speaker, SpeakerStats};
use crate::reader::app::{BAR_WIDTH, turns_width};

/// The speaker list.
#[derive(Debug)]
pub struct SpeakerList<'a> {
    /// Every speaker.
    pub speakers: &'a [Speaker],
    /// Their statistics.
    pub stats: &'a [SpeakerStats],
    /// Whether each is shown.
    pub shown: &'a [bool],
    /// The current search's hits per speaker, while there is a search.
    pub hits: Option<&'a [usize]>,
    /// The selected speaker.
    pub selected: usize,
    /// The first speaker in view (the list scrolls to keep the selection in view).
    pub offset: usize,
    /// Whether keys go to the list.
    pub focused: bool,
    /// How it looks.
    pub theme: &'a Theme,
}

impl Widget for SpeakerList<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let theme = self.theme;
        let block = theme
            .block()
            .title(" Speakers ")
            .border_style(theme.focus(self.focused));
        let inner = block.inner(area);
        block.render(area, buffer);
        let total: usize = self.stats.iter().map(|s| s.chars).sum::<usize>().max(1);
        let count_width = turns_width(self.stats);
        let measure = theme.measure;
        let longest = self
            .speakers
            .iter()
            .map(|speaker| layout::display_width(&speaker.name, measure))
            .max()
            .unwrap_or(0);
        // Number, name, turns, then the share as a bar and a percentage; when the list is
        // narrow the bar goes first, so that names stay readable.
        let room = usize::from(inner.width).saturating_sub(3 + 1 + count_width + 1);
        let full = BAR_WIDTH + 1 + 4;
        let extra = if room >= full + longest.min(6) {
            full
        } else {
            4
        };
        let name_width = room.saturating_sub(extra).max(1);
        let rows = self.speakers.iter().enumerate().skip(self.offset);
        for ((id, speaker), y) in rows.zip(inner.top()..inner.bottom()) {
            let stats = self.stats.get(id).cloned().unwrap_or_default();
            let shown = self.shown.get(id).copied().unwrap_or(true);
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
            let (tail, tail_style) = match self.hits {
                // A hidden speaker is not searched: "hidden", not "0 hits".
                _ if !shown => {
                    let text = if extra == full { "hidden" } else { "off" };
                    (format!("{text:>extra$}"), theme.dim())
                }
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
            // The name is cut (with `…`) and padded in fangtan's measure, so the columns after
            // it line up.
            let mut name = theme.cut(&speaker.name, name_width, name_style);
            let used: usize = name.iter().map(|cell| cell.width).sum();
            name.extend((used..name_width).map(|_| Drawn::blank(name_style)));
            let mut cells: Vec<Drawn> = theme.cells(&number, theme.dim()).collect();
            cells.extend(name);
            cells.extend(theme.cells(&turns, Style::new()));
            cells.extend(theme.cells(&tail, tail_style));
            if id == self.selected {
                let marker = if self.focused {
                    Modifier::REVERSED
                } else {
                    Modifier::UNDERLINED
                };
                let selected = Style::new().add_modifier(marker);
                cells = cells.into_iter().map(|cell| cell.patch(selected)).collect();
            }
            draw_row(buffer, inner.left(), y, inner.right(), &cells);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(names: &[&str]) -> Vec<Speaker> {
        names
            .iter()
            .map(|name| Speaker {
                name: (*name).to_owned(),
            })
            .collect()
    }

    fn stats(turns: usize, chars: usize) -> SpeakerStats {
        SpeakerStats {
            turns,
            chars,
            ..SpeakerStats::default()
        }
    }

    fn symbols(buffer: &Buffer) -> String {
        buffer.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn names_turns_and_shares() {
        let theme = Theme::default();
        let speakers = speakers(&["主持人", "江滨"]);
        let list = SpeakerList {
            speakers: &speakers,
            stats: &[stats(13, 250), stats(12, 750)],
            shown: &[true, true],
            hits: None,
            selected: 0,
            offset: 0,
            focused: false,
            theme: &theme,
        };
        let mut buffer = Buffer::empty(Rect::new(0, 0, 25, 4));
        list.render(buffer.area, &mut buffer);
        let expected = Buffer::with_lines([
            "┌ Speakers ─────────────┐",
            "│ 1 主持人 13 █▎     25%│",
            "│ 2 江滨   12 ███▊   75%│",
            "└───────────────────────┘",
        ]);
        assert_eq!(symbols(&buffer), symbols(&expected));
    }

    #[test]
    fn hidden_speakers_say_so_during_a_search_and_the_list_scrolls() {
        let theme = Theme::default();
        let speakers = speakers(&["A", "B", "C"]);
        let list = SpeakerList {
            speakers: &speakers,
            stats: &[stats(1, 1), stats(1, 1), stats(1, 1)],
            shown: &[true, true, false],
            hits: Some(&[2, 0, 0]),
            selected: 2,
            offset: 1,
            focused: true,
            theme: &theme,
        };
        let mut buffer = Buffer::empty(Rect::new(0, 0, 25, 4));
        list.render(buffer.area, &mut buffer);
        let expected = Buffer::with_lines([
            "┌ Speakers ─────────────┐",
            "│ 2 B       1     0 hits│",
            "│ 3 C       1     hidden│",
            "└───────────────────────┘",
        ]);
        assert_eq!(symbols(&buffer), symbols(&expected));
    }
}
