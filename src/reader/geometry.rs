//! Where each part of the screen goes: a pure function of the terminal's size, the speaker
//! list's width and the text measure, computed once per resize and stored in the state, so
//! that drawing and mouse hit-testing read the same areas.
//!
//! On small terminals the parts collapse in this order: the speaker list goes first, then the
//! borders, then the timeline, then the status bar; the conversation stays.

/// A rectangle of terminal cells. The reader's own, so that its state knows nothing of the
/// drawing library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Area {
    /// An area.
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// One past the rightmost column.
    pub fn right(self) -> u16 {
        self.x.saturating_add(self.width)
    }

    /// One past the bottom row.
    pub fn bottom(self) -> u16 {
        self.y.saturating_add(self.height)
    }

    /// Whether the cell at (`column`, `row`) lies inside.
    pub fn contains(self, column: u16, row: u16) -> bool {
        (self.x..self.right()).contains(&column) && (self.y..self.bottom()).contains(&row)
    }

    /// The area inside a one-cell border.
    pub fn inner(self) -> Self {
        Self {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }
}

/// The screen's parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    /// The whole terminal.
    pub screen: Area,
    /// The speaker list with its border, when there is room.
    pub list: Option<Area>,
    /// The conversation pane, with its border when [`Self::bordered`].
    pub pane: Area,
    /// Whether the panes have borders.
    pub bordered: bool,
    /// The conversation's text column: the pane's inside, at most the text measure wide.
    pub text: Area,
    /// The speaker timeline strip at the pane's right edge, when there is room.
    pub timeline: Option<Area>,
    /// The status bar, when there is room.
    pub status: Option<Area>,
}

impl Geometry {
    /// The speaker list's rows, inside its border.
    pub fn list_rows(&self) -> Option<Area> {
        self.list.map(Area::inner)
    }
}

/// Lays out a terminal of `width` × `height`. `list_width` is what the speaker list would like
/// (0 for none); `measure` caps the text column's width (`None`: the whole pane).
pub fn geometry(width: u16, height: u16, list_width: u16, measure: Option<u16>) -> Geometry {
    let screen = Area::new(0, 0, width, height);
    let (main, status) = if height >= 2 {
        (
            Area::new(0, 0, width, height - 1),
            Some(Area::new(0, height - 1, width, 1)),
        )
    } else {
        (screen, None)
    };
    let (list, pane) = if main.width >= 60 && main.height >= 4 && list_width > 0 {
        let list_width = list_width.min(main.width / 3);
        (
            Some(Area::new(main.x, main.y, list_width, main.height)),
            Area::new(
                main.x + list_width,
                main.y,
                main.width - list_width,
                main.height,
            ),
        )
    } else {
        (None, main)
    };
    let bordered = pane.width >= 12 && pane.height >= 4;
    let inner = if bordered { pane.inner() } else { pane };
    let (column, timeline) = if inner.width >= 8 {
        let strip = Area::new(inner.right() - 1, inner.y, 1, inner.height);
        (
            Area {
                width: inner.width - 1,
                ..inner
            },
            Some(strip),
        )
    } else {
        (inner, None)
    };
    let text = match measure {
        Some(measure) if measure > 0 => Area {
            width: column.width.min(measure),
            ..column
        },
        _ => column,
    };
    Geometry {
        screen,
        list,
        pane,
        bordered,
        text,
        timeline,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_screen_has_every_part() {
        let g = geometry(100, 30, 25, None);
        assert_eq!(g.list, Some(Area::new(0, 0, 25, 29)));
        assert_eq!(g.pane, Area::new(25, 0, 75, 29));
        assert!(g.bordered);
        assert_eq!(g.text, Area::new(26, 1, 72, 27));
        assert_eq!(g.timeline, Some(Area::new(98, 1, 1, 27)));
        assert_eq!(g.status, Some(Area::new(0, 29, 100, 1)));
        assert_eq!(g.list_rows(), Some(Area::new(1, 1, 23, 27)));
    }

    #[test]
    fn the_measure_narrows_only_the_text() {
        let g = geometry(200, 60, 25, Some(82));
        assert_eq!(g.text.width, 82);
        assert_eq!(g.timeline.map(|t| t.x), Some(198));
        assert_eq!(geometry(200, 60, 25, Some(0)).text.width, 172);
    }

    #[test]
    fn parts_collapse_in_order() {
        let g = geometry(40, 12, 25, None);
        assert!(g.list.is_none() && g.bordered && g.timeline.is_some());
        let g = geometry(10, 3, 25, None);
        assert!(!g.bordered && g.timeline.is_some() && g.status.is_some());
        let g = geometry(5, 3, 25, None);
        assert!(g.timeline.is_none());
        let g = geometry(1, 1, 25, None);
        assert_eq!((g.text, g.status), (Area::new(0, 0, 1, 1), None));
        let g = geometry(0, 0, 0, None);
        assert_eq!(g.text, Area::default());
    }

    #[test]
    fn hit_testing() {
        let area = Area::new(2, 3, 4, 5);
        assert!(area.contains(2, 3) && area.contains(5, 7));
        assert!(!area.contains(6, 3) && !area.contains(2, 8) && !area.contains(1, 3));
    }
}
