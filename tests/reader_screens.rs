//! Whole-screen snapshots of the reader on ratatui's `TestBackend`, at fixed sizes. The
//! buffers are recorded with their styles (`{:?}`), so colours and search highlights are
//! checked too.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fangtan::reader::action::Action;
use fangtan::reader::{App, Options, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

fn app(width: u16, height: u16, color: bool) -> App {
    let transcript = Arc::new(fangtan::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        name: "mudanjiang-police-interview.txt".to_owned(),
        color,
        ..Options::default()
    };
    App::new(transcript, options, Rect::new(0, 0, width, height))
}

fn screen(app: &App) -> String {
    let size = app.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("draws");
    format!("{:?}", terminal.backend().buffer())
}

/// The screen's text only, one line per row.
fn text(app: &App) -> String {
    let size = app.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..size.height)
        .map(|y| {
            let mut line = String::new();
            let mut covered = 0;
            for x in 0..size.width {
                // The cell after a wide character is covered by it.
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                covered = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn settle(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.is_busy() && Instant::now() < deadline {
        std::thread::yield_now();
        app.update(Action::Tick);
    }
    app.update(Action::Tick);
}

#[test]
fn sample_at_120x40() {
    insta::assert_snapshot!(text(&app(120, 40, true)));
}

#[test]
fn sample_at_80x24_with_styles() {
    insta::assert_snapshot!(screen(&app(80, 24, true)));
}

#[test]
fn sample_at_40x12() {
    insta::assert_snapshot!(text(&app(40, 12, true)));
}

#[test]
fn sample_at_20x6() {
    insta::assert_snapshot!(text(&app(20, 6, true)));
}

#[test]
fn sample_at_1x1() {
    insta::assert_snapshot!(text(&app(1, 1, true)));
}

#[test]
fn every_size_down_to_1x1_renders() {
    for width in 1..=40 {
        for height in 1..=12 {
            let mut app = app(width, height, true);
            let _ = text(&app);
            // Every overlay and bar too: help, the search bar, the go-to prompt.
            app.update(Action::ToggleHelp);
            let _ = text(&app);
            app.update(Action::Cancel);
            app.update(Action::StartSearch);
            app.update(Action::Edit(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char('江'),
            )));
            let _ = text(&app);
            app.update(Action::Cancel);
            app.update(Action::StartGoto);
            let _ = text(&app);
        }
    }
}

#[test]
fn cjk_heavy_screen_deep_in_the_interview() {
    let mut app = app(60, 20, true);
    app.update(Action::JumpToSpeaker(1));
    for _ in 0..8 {
        app.update(Action::NextSpeakerTurn);
    }
    insta::assert_snapshot!(text(&app));
}

#[test]
fn host_hidden() {
    let mut app = app(100, 24, true);
    app.update(Action::ToggleHidden);
    insta::assert_snapshot!(text(&app));
}

#[test]
fn monochrome_screen_is_readable() {
    let mut app = app(80, 16, false);
    app.update(Action::ToggleHidden);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn search_highlights_with_styles() {
    let mut app = app(100, 24, true);
    app.update(Action::StartSearch);
    for c in "消防".chars() {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        app.update(Action::Edit(key));
        settle(&mut app);
    }
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_screen() {
    let mut app = app(100, 40, true);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(text(&app));
}

#[test]
fn control_characters_are_drawn_as_symbols() {
    let text = "Evil\u{1b}]0;title\u{7}\n\nA: hi \u{1b}[2J there\u{9b}\nB: fine\nA: ok\n\nfooter\u{1b}[31m\n";
    let transcript = Arc::new(fangtan::parse::text::parse(text.to_owned()));
    let mut app = App::new(transcript, Options::default(), Rect::new(0, 0, 60, 16));
    app.update(Action::Last);
    let size = app.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    terminal
        .draw(|frame| ui::render(&app, frame))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let all: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
    assert!(!all.chars().any(|c| c.is_control()), "{all}");
    assert!(all.contains("␛[2J") && all.contains("␛[31m"), "{all}");
}

#[test]
fn ambiguous_wide_quotes_take_two_cells() {
    let transcript = Arc::new(fangtan::parse::text::parse(
        "A: 他说“好”。\nB: 嗯\nA: 是\n".to_owned(),
    ));
    let options = Options {
        measure: fangtan::layout::Measure {
            ambiguous_wide: true,
        },
        ..Options::default()
    };
    let app = App::new(transcript, options, Rect::new(0, 0, 40, 8));
    let mut terminal = Terminal::new(TestBackend::new(40, 8)).expect("backend");
    terminal
        .draw(|frame| ui::render(&app, frame))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let row: Vec<&str> = (0..40).map(|x| buffer[(x, 2)].symbol()).collect();
    let open = row
        .iter()
        .position(|s| *s == "“")
        .expect("the opening quote is drawn");
    // 他说 fill two cells each; the quote two more, by the terminal's measure; then 好.
    assert_eq!(row[open - 2], "说");
    assert_eq!(row[open + 2], "好", "{row:?}");
    assert_eq!(
        buffer[(u16::try_from(open).expect("small"), 2)].diff_option,
        ratatui::buffer::CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(2).expect("two"))
    );
}

#[test]
fn ambiguous_wide_screens_force_every_ambiguous_cell() {
    use unicode_width::UnicodeWidthStr;
    let transcript = Arc::new(fangtan::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        name: "sample".to_owned(),
        color: true,
        measure: fangtan::layout::Measure {
            ambiguous_wide: true,
        },
        ..Options::default()
    };
    let mut app = App::new(transcript, options, Rect::new(0, 0, 100, 30));
    for actions in [vec![], vec![Action::StartSearch], vec![Action::ToggleHelp]] {
        for action in actions {
            app.update(action);
        }
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("backend");
        terminal
            .draw(|frame| ui::render(&app, frame))
            .expect("draws");
        for cell in terminal.backend().buffer().content() {
            let symbol = cell.symbol();
            let (narrow, wide) = (symbol.width(), symbol.width_cjk());
            if narrow != wide {
                let forced = std::num::NonZeroU16::new(u16::try_from(wide).expect("small"));
                assert_eq!(
                    cell.diff_option,
                    ratatui::buffer::CellDiffOption::ForcedWidth(forced.expect("wide")),
                    "{symbol:?} is drawn by ratatui's measure"
                );
            }
        }
        app.update(Action::Cancel);
    }
    insta::assert_snapshot!(text(&app));
}
