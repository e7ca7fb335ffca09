//! Whole-screen snapshots of the reader on ratatui's `TestBackend`, at fixed sizes. The
//! buffers are recorded with their styles (`{:?}`), so colours and search highlights are
//! checked too.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fangtan::reader::action::Action;
use fangtan::reader::{App, Msg, Options, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

fn app(width: u16, height: u16, color: bool) -> App {
    let transcript = Arc::new(fangtan::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        names: vec!["mudanjiang-police-interview.txt".to_owned()],
        color,
        width: None,
        ..Options::default()
    };
    App::with_transcript(transcript, options, width, height)
}

/// Carries out an action.
fn act(app: &mut App, action: Action) {
    app.update(Msg::Action(action));
}

fn screen(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("draws");
    format!("{:?}", terminal.backend().buffer())
}

/// The screen's text only, one line per row.
fn text(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut covered = 0;
            for x in 0..width {
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
        app.update(Msg::Tick);
    }
    app.update(Msg::Tick);
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
            act(&mut app, Action::ToggleHelp);
            let _ = text(&app);
            act(&mut app, Action::Cancel);
            act(&mut app, Action::StartSearch);
            act(&mut app, Action::Edit(InputRequest::InsertChar('江')));
            let _ = text(&app);
            act(&mut app, Action::Cancel);
            act(&mut app, Action::StartGoto);
            let _ = text(&app);
        }
    }
}

#[test]
fn cjk_heavy_screen_deep_in_the_interview() {
    let mut app = app(60, 20, true);
    act(&mut app, Action::JumpToSpeaker(1));
    for _ in 0..8 {
        act(&mut app, Action::NextSpeakerTurn);
    }
    insta::assert_snapshot!(text(&app));
}

#[test]
fn host_hidden() {
    let mut app = app(100, 24, true);
    act(&mut app, Action::ToggleHidden);
    insta::assert_snapshot!(text(&app));
}

#[test]
fn monochrome_screen_is_readable() {
    let mut app = app(80, 16, false);
    act(&mut app, Action::ToggleHidden);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn search_highlights_with_styles() {
    let mut app = app(100, 24, true);
    act(&mut app, Action::StartSearch);
    for c in "消防".chars() {
        act(&mut app, Action::Edit(InputRequest::InsertChar(c)));
        settle(&mut app);
    }
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_screen() {
    let mut app = app(100, 40, true);
    act(&mut app, Action::ToggleHelp);
    insta::assert_snapshot!(text(&app));
}

#[test]
fn control_characters_are_drawn_as_symbols() {
    let text = "Evil\u{1b}]0;title\u{7}\n\nA: hi \u{1b}[2J there\u{9b}\nB: fine\nA: ok\n\nfooter\u{1b}[31m\n";
    let transcript = Arc::new(fangtan::parse::text::parse(text.to_owned()));
    let mut app = App::with_transcript(transcript, Options::default(), 60, 16);
    act(&mut app, Action::Last);
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
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
    let app = App::with_transcript(transcript, options, 40, 8);
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
        names: vec!["sample".to_owned()],
        color: true,
        measure: fangtan::layout::Measure {
            ambiguous_wide: true,
        },
        ..Options::default()
    };
    let mut app = App::with_transcript(transcript, options, 100, 30);
    for actions in [vec![], vec![Action::StartSearch], vec![Action::ToggleHelp]] {
        for action in actions {
            act(&mut app, action);
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
        act(&mut app, Action::Cancel);
    }
    insta::assert_snapshot!(text(&app));
}

#[test]
fn a_wide_terminal_keeps_a_readable_measure_and_pins_the_speaker() {
    let transcript = Arc::new(fangtan::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        names: vec!["mudanjiang-police-interview.txt".to_owned()],
        width: Some(fangtan::cli::READER_MEASURE),
        ..Options::default()
    };
    let mut app = App::with_transcript(transcript, options, 200, 30);
    act(&mut app, Action::JumpToSpeaker(1));
    for _ in 0..3 {
        act(&mut app, Action::NextSpeakerTurn);
    }
    act(&mut app, Action::ScrollLines(3));
    insta::assert_snapshot!(text(&app));
}
