//! Action sequences: keys in, state out, for every binding.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::conversation::Block;
use crate::model::Transcript;
use crate::reader::keymap;

const SAMPLE: &str = include_str!("../../../assets/mudanjiang-police-interview.txt");

fn app(width: u16, height: u16) -> App {
    let transcript = Arc::new(crate::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        names: vec!["sample".to_owned()],
        width: None,
        ..Options::default()
    };
    App::with_transcript(transcript, options, width, height)
}

/// Carries out an action as the event loop does.
fn act(app: &mut App, action: Action) -> Effect {
    app.update(Msg::Action(action))
}

/// Presses keys through the keymap, as the event loop does.
fn press(app: &mut App, keys: &str) -> Effect {
    let mut effect = Effect::None;
    for c in keys.chars() {
        effect = press_key(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    effect
}

fn press_key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Effect {
    match keymap::action_for(app.scope(), KeyEvent::new(code, modifiers)) {
        Some(action) => act(app, action),
        None => Effect::None,
    }
}

/// Waits for the background search to finish, then lets the app pick its results up.
fn settle(app: &mut App) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app.is_busy() && std::time::Instant::now() < deadline {
        std::thread::yield_now();
        app.update(Msg::Tick);
    }
    app.update(Msg::Tick);
}

fn turn(app: &App) -> Option<usize> {
    app.screen.turn
}

#[test]
fn scrolling_keys() {
    let mut app = app(100, 30);
    // The first text line shows under the pinned speaker line just as at the turn's start,
    // so one line down is the second text line.
    press(&mut app, "j");
    assert_eq!(app.view.anchor().row, 2);
    press_key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, "k");
    assert_eq!(app.view.anchor().row, 2);
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.view.anchor().row, 0);
    let rows_before: Vec<_> = app.screen.rows.clone();
    press(&mut app, " ");
    assert_ne!(app.screen.rows, rows_before);
    press(&mut app, "b");
    assert_eq!(app.screen.rows, rows_before);
    press_key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    press_key(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(app.screen.rows, rows_before);
    press(&mut app, "f");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.screen.rows, rows_before);
    press_key(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(app.screen.rows[0], rows_before[13]);
}

#[test]
fn first_and_last_turn() {
    let mut app = app(100, 30);
    press(&mut app, "G");
    // The status names the turn at the top; the last turn is on screen below it.
    assert_eq!(turn(&app), Some(21));
    assert!(
        app.screen
            .rows
            .iter()
            .any(|row| row.block == Block::Turn(24))
    );
    assert_eq!(app.screen.percent, 100);
    press(&mut app, "g");
    assert_eq!(turn(&app), Some(0));
    assert_eq!(app.screen.percent, 0);
    press_key(&mut app, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(21));
    press_key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(app.view.anchor().block, 0);
}

#[test]
fn turn_jumps() {
    let mut app = app(100, 30);
    press(&mut app, "]]]");
    assert_eq!(turn(&app), Some(3));
    press(&mut app, "j[");
    assert_eq!(turn(&app), Some(3));
    assert_eq!(app.view.anchor().row, 0);
    press(&mut app, "[");
    assert_eq!(turn(&app), Some(2));
}

#[test]
fn speaker_jumps() {
    let mut app = app(100, 30);
    press(&mut app, "2");
    assert_eq!((app.selected, turn(&app)), (1, Some(1)));
    press(&mut app, "}");
    assert_eq!(turn(&app), Some(3));
    press(&mut app, "{");
    assert_eq!(turn(&app), Some(1));
    press(&mut app, "1");
    assert_eq!((app.selected, turn(&app)), (0, Some(2)));
    press(&mut app, "9");
    assert_eq!(app.message.as_deref(), Some("there is no speaker 9"));
}

#[test]
fn speaker_list_focus_select_hide_and_solo() {
    let mut app = app(100, 30);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::SpeakerList);
    press(&mut app, "j");
    assert_eq!(app.selected, 1);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(1));

    press(&mut app, "x");
    assert_eq!(app.shown, [true, false]);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("hidden")));
    let all_host = app.screen.rows.iter().all(|row| match row.block {
        Block::Turn(t) => app.transcript.turns[t].speaker == 0,
        _ => true,
    });
    assert!(all_host);
    press(&mut app, "x");
    assert_eq!(app.shown, [true, true]);

    press(&mut app, "o");
    assert_eq!(app.shown, [false, true]);
    press(&mut app, "o");
    assert_eq!(app.shown, [true, true]);

    press(&mut app, "k");
    assert_eq!(app.selected, 0);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::Conversation);
}

#[test]
fn no_speaker_list_focus_on_a_narrow_screen() {
    let mut app = app(40, 12);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Focus::Conversation);
}

#[test]
fn click_selects_a_speaker() {
    let mut app = app(100, 30);
    act(&mut app, Action::ClickSpeaker(1));
    assert_eq!(app.selected, 1);
    act(&mut app, Action::ClickSpeaker(7));
    assert_eq!(app.selected, 1);
}

#[test]
fn go_to_turn() {
    let mut app = app(100, 30);
    press(&mut app, ":12");
    assert_eq!(app.mode, Mode::Goto);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!((app.mode, turn(&app)), (Mode::Reading, Some(11)));
    press(&mut app, ":99");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.message.as_deref(), Some("no turn 99 (1–25)"));
    press(&mut app, ":3");
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!((app.mode, turn(&app)), (Mode::Reading, Some(11)));
    press(&mut app, ":12:30");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.message.as_deref(), Some("this transcript has no times"));
}

#[test]
fn help_opens_and_closes() {
    let mut app = app(100, 30);
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    press(&mut app, "j");
    assert_eq!(app.help_scroll, 1);
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(press(&mut app, "?q"), Effect::None);
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn quit() {
    let mut app = app(100, 30);
    assert_eq!(press(&mut app, "q"), Effect::Quit);
    let control = KeyModifiers::CONTROL;
    assert_eq!(
        press_key(&mut app, KeyCode::Char('c'), control),
        Effect::Quit
    );
    assert_eq!(
        press_key(&mut app, KeyCode::Char('z'), control),
        Effect::Suspend
    );
}

#[test]
fn resize_keeps_the_turn_in_view() {
    let mut app = app(120, 40);
    press(&mut app, ":18");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, "jj");
    for (width, height) in [(20, 6), (1, 1), (200, 60), (120, 40)] {
        act(&mut app, Action::Resize(width, height));
        let shows_17 = app
            .screen
            .rows
            .iter()
            .any(|row| row.block == Block::Turn(17));
        assert!(shows_17, "at {width}×{height}");
        assert!(matches!(app.screen.rows[0].block, Block::Turn(t) if t <= 17));
    }
}

#[test]
fn go_to_a_time() {
    let mut builder = crate::model::TranscriptBuilder::new();
    let host = builder.speaker("Host");
    let guest = builder.speaker("Guest");
    for (index, start) in [0.0, 65.0, 750.0, 3723.0].into_iter().enumerate() {
        builder.start_turn(
            if index % 2 == 0 { host } else { guest },
            Some(start),
            None,
            None,
        );
        builder.push_paragraph(&format!("turn {index}"));
    }
    let transcript = Arc::new(builder.finish());
    let mut app = App::with_transcript(transcript, Options::default(), 80, 6);
    press(&mut app, ":12:40");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(2));
    press(&mut app, ":1:01");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(0));
    press(&mut app, ":1:02:03");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(3));
    let speaker_line = app.screen.rows.iter().find_map(|row| match row.row {
        crate::conversation::Row::Speaker(turn) => {
            Some(crate::conversation::speaker_label(&app.transcript, turn))
        }
        _ => None,
    });
    assert_eq!(
        speaker_line,
        Some(("Guest".to_owned(), Some("01:02:03".to_owned())))
    );
}

#[test]
fn every_key_on_an_empty_transcript() {
    for text in ["", "just one line without a label\n", "\u{1b}\u{7}\n\n"] {
        let transcript = Arc::new(crate::parse::text::parse(text.to_owned()));
        let mut app = App::with_transcript(transcript, Options::default(), 30, 8);
        // Every key of the table, in whatever mode the previous one left, but the quitting ones.
        for binding in keymap::BINDINGS {
            for &key in binding.keys {
                let keymap::Key::Press(code, modifiers) = key else {
                    continue;
                };
                let event = KeyEvent::new(code, modifiers);
                match keymap::action_for(app.scope(), event) {
                    Some(Action::Quit | Action::Suspend) | None => {}
                    Some(action) => {
                        act(&mut app, action);
                    }
                }
            }
        }
        press(&mut app, "/a");
        settle(&mut app);
        press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
        press(&mut app, "nN:1");
        press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    }
}

#[test]
fn a_click_on_the_timeline_jumps_there() {
    let mut app = app(100, 30);
    act(&mut app, Action::ClickTimeline(26));
    assert!(
        app.screen
            .rows
            .iter()
            .any(|row| row.block == Block::Turn(24))
    );
    act(&mut app, Action::ClickTimeline(0));
    assert_eq!(turn(&app), Some(0));
    act(&mut app, Action::ClickTimeline(14));
    assert!(
        turn(&app).is_some_and(|t| (12..=19).contains(&t)),
        "{:?}",
        turn(&app)
    );
}

#[test]
fn next_and_previous_file_are_requested_through_the_go_to_prompt() {
    let transcript = Arc::new(crate::parse::text::parse(SAMPLE.to_owned()));
    let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let options = Options {
        names,
        ..Options::default()
    };
    let mut app = App::with_transcript(Arc::clone(&transcript), options, 100, 30);
    press(&mut app, ":p");
    assert_eq!(
        press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE),
        Effect::None
    );
    assert_eq!(app.message.as_deref(), Some("this is the first file (1/3)"));
    press(&mut app, ":n");
    assert_eq!(
        press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE),
        Effect::Open(1)
    );
    // File b cannot be read: it is reported and skipped, on to c.
    let skipped = app.update(Msg::Loaded {
        file: 1,
        result: Err("no such file".to_owned()),
    });
    assert_eq!(skipped, Effect::Open(2));
    assert_eq!(app.message.as_deref(), Some("b: no such file"));
    let loaded = Loaded::from_transcript(
        crate::parse::text::parse(SAMPLE.to_owned()),
        Progress::Complete,
    );
    app.update(Msg::Loaded {
        file: 2,
        result: Ok(loaded),
    });
    assert_eq!(app.file, 2);
    press(&mut app, ":n");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.message.as_deref(), Some("this is the last file (3/3)"));
}

#[test]
fn the_status_names_the_turn_at_the_top_and_the_percentage_only_grows() {
    let mut app = app(100, 30);
    let mut last_percent = 0;
    for _ in 0..400 {
        let top_turn = app.screen.rows.first().and_then(|row| match row.block {
            Block::Turn(turn) => Some(turn),
            _ => None,
        });
        if let Some(top) = top_turn {
            assert_eq!(turn(&app), Some(top), "the turn at the top");
        }
        assert!(
            app.screen.percent >= last_percent,
            "{} after {last_percent}",
            app.screen.percent
        );
        last_percent = app.screen.percent;
        press(&mut app, "j");
    }
    assert_eq!(last_percent, 100);
    press(&mut app, "G");
    assert!(turn(&app).is_some_and(|t| t < 24), "{:?}", turn(&app));
}

#[test]
fn the_speaker_stays_pinned_inside_a_long_turn() {
    let mut app = app(60, 12);
    press(&mut app, ":4");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let turn_of = |app: &App| match app.screen.rows[0].row {
        crate::conversation::Row::Speaker(turn) => Some(turn),
        _ => None,
    };
    assert_eq!(turn_of(&app), Some(3));
    let before = app.screen.rows.clone();
    press(&mut app, "j");
    // The speaker line stays; the text moved by one line.
    assert_eq!(turn_of(&app), Some(3));
    assert_eq!(app.screen.rows[1], before[2]);
    press(&mut app, "jjj");
    assert_eq!(turn_of(&app), Some(3));
    assert_eq!(turn(&app), Some(3));
    press(&mut app, "k");
    press(&mut app, "kkk");
    assert_eq!(app.screen.rows, before);
    // A page down skips no line.
    let last_text = before.last().cloned();
    press(&mut app, " ");
    assert_eq!(app.screen.rows.get(1).cloned(), last_text);
}

#[test]
fn a_time_goes_to_the_turn_spoken_then_and_into_a_long_turn() {
    let transcript = timed(&[
        (0, 0.0, None, 1),
        (1, 40.0, None, 1),
        (0, 53.03, None, 1),
        (1, 60.0, Some(160.0), 40),
        (0, 170.0, None, 1),
    ]);
    let mut app = App::with_transcript(transcript, Options::default(), 80, 12);
    press(&mut app, ":0:53");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(2), "the turn that starts within 0:53");
    press(&mut app, ":0:52");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(1));
    // Half way through the long turn: about its twentieth paragraph at the top.
    press(&mut app, ":1:50");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(3));
    let top = app.screen.rows.get(1).map(|row| row.row.clone());
    let Some(crate::conversation::Row::Text { range, .. }) = top else {
        panic!("{top:?}");
    };
    let text = &app.transcript.text()[range];
    assert!(
        text.contains("paragraph 19") || text.contains("paragraph 20"),
        "{text}"
    );
}

#[test]
fn vim_and_less_commands_in_the_go_to_prompt() {
    let mut app = app(100, 30);
    press(&mut app, ":$");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.screen.percent, 100);
    press(&mut app, ":speaker 江");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.selected, 1);
    press(&mut app, "g:speaker 江滨");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(turn(&app), Some(1));
    press(&mut app, ":speaker 无名");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.message.as_deref(), Some("no speaker called 无名"));
    press(&mut app, ":q");
    assert_eq!(
        press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE),
        Effect::Quit
    );
}

#[test]
fn speakers_after_the_ninth_are_reachable_from_the_list() {
    let text: String = (0..14)
        .flat_map(|n| [format!("S{n}: hello {n}\n"), format!("S{n}: again {n}\n")])
        .collect();
    let transcript = Arc::new(crate::parse::text::parse(text));
    let mut app = App::with_transcript(transcript, Options::default(), 100, 12);
    assert_eq!(app.transcript.speakers.len(), 14);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    for _ in 0..12 {
        press(&mut app, "j");
    }
    assert_eq!(app.selected, 12);
    assert!(app.list_offset() > 0, "the list scrolled");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let name = &app.transcript.speakers[12].name;
    assert_eq!(name, "S12");
    let shows_them = app.screen.rows.iter().any(|row| match row.block {
        Block::Turn(t) => app.transcript.turns[t].speaker == 12,
        _ => false,
    });
    assert!(shows_them);
    // A click on the first row shown selects the first speaker in view.
    let first_in_view = app.list_offset();
    act(&mut app, Action::ClickSpeaker(0));
    assert_eq!(app.selected, first_in_view);
}

#[test]
fn the_text_column_keeps_a_readable_measure() {
    let transcript = Arc::new(crate::parse::text::parse(SAMPLE.to_owned()));
    let widest = |app: &App| {
        app.screen
            .rows
            .iter()
            .map(|row| match &row.row {
                crate::conversation::Row::Text { range, .. } => crate::layout::display_width(
                    &app.transcript.text()[range.clone()],
                    Measure::default(),
                ),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    };
    for (width, expected) in [(Some(82), 80), (Some(40), 38), (None, 170)] {
        let options = Options {
            width,
            ..Options::default()
        };
        let app = App::with_transcript(Arc::clone(&transcript), options, 200, 60);
        let measured = widest(&app);
        assert!(
            measured <= expected && measured + 4 >= expected,
            "{width:?}: {measured}"
        );
    }
}

/// A transcript with times: (speaker, start, end, paragraphs).
fn timed(turns: &[(usize, f64, Option<f64>, usize)]) -> Arc<Transcript> {
    let mut builder = crate::model::TranscriptBuilder::new();
    let speakers = [builder.speaker("Host"), builder.speaker("Guest")];
    for (index, &(speaker, start, end, paragraphs)) in turns.iter().enumerate() {
        builder.start_turn(speakers[speaker], Some(start), end, None);
        for paragraph in 0..paragraphs {
            builder.push_paragraph(&format!("turn {index} paragraph {paragraph}"));
        }
    }
    Arc::new(builder.finish())
}

mod remember;
mod search;

#[test]
fn y_copies_the_turn_at_the_top_with_who_said_it() {
    let mut app = app(100, 30);
    press(&mut app, "]");
    let Effect::Copy(text) = press(&mut app, "y") else {
        panic!("nothing copied");
    };
    assert!(text.starts_with("> 主持人好!各位网友好!我是江滨"), "{text}");
    assert!(
        text.ends_with("\n> — 江滨 · turn 2 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨\n"),
        "{text}"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("copied turn 2 (江滨) to the clipboard, as a quote")
    );
}

#[test]
fn keys_pressed_on_a_large_files_head_act_on_the_whole() {
    let head = crate::parse::text::parse(SAMPLE.lines().take(6).collect::<Vec<_>>().join("\n"));
    let mut app = App::new(Options::default(), 100, 8);
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::from_transcript(head, Progress::Head)),
    });
    press(&mut app, "G");
    assert_eq!(app.screen.percent, 0, "G waits for the whole file");
    let whole = Loaded::from_transcript(
        crate::parse::text::parse(SAMPLE.to_owned()),
        Progress::Complete,
    );
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(whole),
    });
    assert_eq!(app.screen.percent, 100);
    assert!(
        app.screen
            .rows
            .iter()
            .any(|row| row.block == Block::Turn(24))
    );
    // A whole that cannot be read: the head is all there is, and keys act on it.
    let head = crate::parse::text::parse(SAMPLE.lines().take(6).collect::<Vec<_>>().join("\n"));
    let mut app = App::new(Options::default(), 100, 8);
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::from_transcript(head, Progress::Head)),
    });
    press(&mut app, "j");
    app.update(Msg::Loaded {
        file: 0,
        result: Err("binary file".to_owned()),
    });
    assert_eq!(app.progress, Progress::Complete);
    assert_eq!(app.view.anchor().row, 2);
}

#[test]
fn a_text_without_labels_says_so() {
    let text = b"A story with no one named in it.\nIt goes on.\n".to_vec();
    let loaded = crate::parse::load(text, None, None, None).expect("loads");
    let mut app = App::new(Options::default(), 80, 24);
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::new(loaded, Progress::Complete)),
    });
    assert_eq!(app.message.as_deref(), Some(NO_LABELS));
    let sample = crate::parse::load(SAMPLE.as_bytes().to_vec(), None, None, None).expect("loads");
    let mut app = App::new(Options::default(), 80, 24);
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::new(sample, Progress::Complete)),
    });
    assert_eq!(app.message, None);
}
