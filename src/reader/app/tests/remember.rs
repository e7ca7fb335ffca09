//! The reading state in the reader: marks and `''`, names (rename, merge, reassign, undo),
//! quotes and highlights, the card, and what is recalled and saved, with the keeper's answers
//! played by the test.

use super::*;
use crate::state::{Change, Edit, Key, Memory, Reply};

/// The sample, known to the reading state by its bytes.
fn remembering(width: u16, height: u16) -> (App, Key) {
    let transcript = crate::parse::text::parse(SAMPLE.to_owned());
    let key = Key::of(SAMPLE.as_bytes(), Some("/talks/sample.txt".into()));
    let options = Options {
        names: vec!["sample.txt".to_owned()],
        width: None,
        remember: true,
        ..Options::default()
    };
    let mut app = App::new(options, width, height);
    let loaded = Loaded::from_transcript(transcript, Progress::Complete).with_key(key.clone());
    let effect = app.update(Msg::Loaded {
        file: 0,
        result: Ok(loaded),
    });
    assert_eq!(effect, Effect::Recall(key.clone()));
    (app, key)
}

/// The keeper's answer: this is what is remembered.
fn recalled(app: &mut App, key: &Key, memory: Memory) -> Effect {
    app.update(Msg::State(Reply::Recalled {
        fingerprint: key.fingerprint,
        memory,
    }))
}

/// The changes an effect asks to keep.
fn saved(effect: &Effect) -> Vec<Change> {
    match effect {
        Effect::Save(changes) => changes.clone(),
        Effect::Many(effects) => effects.iter().flat_map(saved).collect(),
        _ => Vec::new(),
    }
}

fn names(app: &App) -> Vec<&str> {
    app.transcript
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::Edit(tui_input::InputRequest::InsertChar(c)));
    }
}

fn enter(app: &mut App) -> Effect {
    press_key(app, KeyCode::Enter, KeyModifiers::NONE)
}

#[test]
fn the_place_left_is_where_the_file_opens_and_moving_saves_it() {
    let (mut app, key) = remembering(100, 30);
    let twelfth = app.transcript.turn_span(&app.transcript.turns[11]).start;
    recalled(
        &mut app,
        &key,
        Memory {
            position: Some(twelfth),
            ..Memory::default()
        },
    );
    assert_eq!(turn(&app), Some(11));
    let effect = press(&mut app, "]");
    let thirteenth = app.transcript.turn_span(&app.transcript.turns[12]).start;
    assert!(saved(&effect).contains(&Change::Position {
        fingerprint: key.fingerprint,
        byte: thirteenth
    }));
    // Not moving saves nothing.
    assert_eq!(saved(&press(&mut app, "?")), []);
}

#[test]
fn a_key_pressed_before_the_answer_wins_over_the_place_remembered() {
    let (mut app, key) = remembering(100, 30);
    press(&mut app, "G");
    let position = Some(app.transcript.turn_span(&app.transcript.turns[3]).start);
    recalled(
        &mut app,
        &key,
        Memory {
            position,
            ..Memory::default()
        },
    );
    assert_eq!(turn(&app), Some(21));
}

#[test]
fn marks_and_back_to_where_the_jump_began() {
    let (mut app, key) = remembering(100, 30);
    recalled(&mut app, &key, Memory::default());
    press(&mut app, ":5");
    enter(&mut app);
    let effect = press(&mut app, "ma");
    let fifth = app.transcript.turn_span(&app.transcript.turns[4]).start;
    assert!(saved(&effect).contains(&Change::Mark {
        fingerprint: key.fingerprint,
        letter: 'a',
        byte: fifth
    }));
    press(&mut app, "G");
    assert_eq!(turn(&app), Some(21));
    press(&mut app, "'a");
    assert_eq!(turn(&app), Some(4));
    press(&mut app, "''");
    assert_eq!(turn(&app), Some(21), "'' goes back to where 'a began");
    press(&mut app, "''");
    assert_eq!(turn(&app), Some(4));
    // A search is a jump too.
    press(&mut app, "g/宁安");
    settle(&mut app);
    enter(&mut app);
    assert!(turn(&app).is_some_and(|t| t > 10));
    press(&mut app, "''");
    assert_eq!(turn(&app), Some(0));
    press(&mut app, "'z");
    assert_eq!(app.message.as_deref(), Some("no mark z (mz sets it)"));
    // Marks come back with the file.
    let (mut again, key) = remembering(100, 30);
    recalled(
        &mut again,
        &key,
        Memory {
            marks: vec![('a', fifth)],
            ..Memory::default()
        },
    );
    press(&mut again, "'a");
    assert_eq!(turn(&again), Some(4));
}

#[test]
fn rename_merge_reassign_and_undo_them_one_by_one() {
    let (mut app, key) = remembering(100, 30);
    recalled(&mut app, &key, Memory::default());
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "r");
    assert_eq!(app.prompt.value(), "主持人");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.prompt.value(), "");
    type_text(&mut app, "Host");
    let effect = enter(&mut app);
    assert_eq!(names(&app), ["Host", "江滨"]);
    assert_eq!(app.transcript.label(0), Some("主持人"));
    let rename = Edit::Rename {
        speaker: "主持人".into(),
        name: "Host".into(),
    };
    assert_eq!(
        saved(&effect),
        [Change::Edit {
            fingerprint: key.fingerprint,
            edit: rename.clone()
        }]
    );
    // The conversation says the new name.
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let (name, _) = crate::conversation::speaker_label(&app.transcript, 0);
    assert_eq!(name, "Host");

    // `a`: the turn at the top to someone new.
    press(&mut app, "]a");
    type_text(&mut app, "Producer");
    enter(&mut app);
    assert_eq!(names(&app), ["Host", "Producer", "江滨"]);
    assert_eq!(app.stats[1].turns, 1);

    // `M` with completion: Producer into 江滨.
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "jM");
    type_text(&mut app, "江");
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.prompt.value(), "江滨");
    enter(&mut app);
    assert_eq!(names(&app), ["Host", "江滨"]);
    assert_eq!(app.stats[1].turns, 12);

    let effect = press(&mut app, "u");
    assert_eq!(names(&app), ["Host", "Producer", "江滨"]);
    assert!(matches!(saved(&effect).as_slice(), [Change::Undo { .. }]));
    press(&mut app, "uu");
    assert_eq!(names(&app), ["主持人", "江滨"]);
    press(&mut app, "u");
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn a_name_taken_is_refused_and_an_empty_one_gives_the_label_back() {
    let (mut app, key) = remembering(100, 30);
    recalled(&mut app, &key, Memory::default());
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "r");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "江滨");
    assert_eq!(saved(&enter(&mut app)), []);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("there is already a speaker called 江滨")),
        "{:?}",
        app.message
    );
    press(&mut app, "r");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "Host");
    enter(&mut app);
    press(&mut app, "r");
    press_key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    enter(&mut app);
    assert_eq!(names(&app), ["主持人", "江滨"]);
    assert_eq!(app.transcript.label(0), None);
}

#[test]
fn remembered_names_are_shown_and_a_speaker_option_may_use_them() {
    let transcript = crate::parse::text::parse(SAMPLE.to_owned());
    let key = Key::of(SAMPLE.as_bytes(), None);
    let options = Options {
        remember: true,
        speakers: vec!["Host".to_owned()],
        ..Options::default()
    };
    let mut app = App::new(options, 100, 30);
    app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::from_transcript(transcript, Progress::Complete).with_key(key.clone())),
    });
    assert_eq!(app.message, None, "no complaint before the names are known");
    let memory = Memory {
        edits: vec![Edit::Rename {
            speaker: "主持人".into(),
            name: "Host".into(),
        }],
        ..Memory::default()
    };
    recalled(&mut app, &key, memory);
    assert_eq!(names(&app), ["Host", "江滨"]);
    assert_eq!(app.shown, [true, false]);
}

#[test]
fn lines_selected_are_copied_as_a_quote_and_highlighted() {
    let (mut app, key) = remembering(60, 20);
    recalled(&mut app, &key, Memory::default());
    press(&mut app, "]v");
    assert_eq!(app.mode, Mode::Select);
    press(&mut app, "jj");
    let Effect::Copy(text) = press(&mut app, "y") else {
        panic!("nothing copied");
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("> 主持人好!各位网友好!"), "{text}");
    assert_eq!(
        lines[1],
        "> — 江滨 · turn 2 · 访谈录:牡丹江市公安局党委副书记、常务副局长江滨"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("copied 3 lines of turn 2 (江滨) to the clipboard, as a quote")
    );
    assert_eq!(app.mode, Mode::Reading);

    // `*` on the turn at the top, then again: highlighted, then not; `u` brings it back.
    let effect = press(&mut app, "*");
    let span = app.transcript.turn_span(&app.transcript.turns[1]);
    assert_eq!(app.memory.highlights(), std::slice::from_ref(&span));
    assert_eq!(
        saved(&effect),
        [Change::Edit {
            fingerprint: key.fingerprint,
            edit: Edit::Highlight {
                start: span.start,
                end: span.end
            }
        }]
    );
    press(&mut app, "*");
    assert!(app.memory.highlights().is_empty());
    press(&mut app, "u");
    assert_eq!(app.memory.highlights(), [span]);
    // A selection across two turns.
    press(&mut app, "v");
    for _ in 0..6 {
        press(&mut app, "j");
    }
    press(&mut app, "*");
    assert_eq!(app.memory.highlights().len(), 1);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("highlighted 7 lines of turns 2, 3")),
        "{:?}",
        app.message
    );
}

#[test]
fn a_speaker_card_has_excerpts() {
    let (mut app, key) = remembering(100, 30);
    recalled(&mut app, &key, Memory::default());
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "ji");
    assert_eq!(app.mode, Mode::Card);
    let card = app.card.clone().expect("a card");
    assert_eq!((card.name.as_str(), card.turns), ("江滨", 12));
    assert_eq!(card.excerpts.len(), 5);
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn without_state_nothing_is_asked_or_saved() {
    let transcript = crate::parse::text::parse(SAMPLE.to_owned());
    let key = Key::of(SAMPLE.as_bytes(), None);
    let mut app = App::new(Options::default(), 100, 30);
    let effect = app.update(Msg::Loaded {
        file: 0,
        result: Ok(Loaded::from_transcript(transcript, Progress::Complete).with_key(key)),
    });
    assert_eq!(effect, Effect::None);
    assert_eq!(saved(&press(&mut app, "]ma*")), []);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "r");
    type_text(&mut app, "2");
    assert_eq!(saved(&enter(&mut app)), []);
    assert_eq!(
        names(&app),
        ["主持人2", "江滨"],
        "names work for the session"
    );
}

#[test]
fn the_search_history_is_kept_and_comes_back() {
    let (mut app, key) = remembering(100, 30);
    app.update(Msg::State(Reply::Opened {
        history: vec!["宁安".into()],
        warning: None,
        keeping: true,
        took: Duration::ZERO,
    }));
    recalled(&mut app, &key, Memory::default());
    press(&mut app, "/消防");
    let effect = enter(&mut app);
    assert!(saved(&effect).contains(&Change::Search {
        query: "消防".into()
    }));
    press(&mut app, "/");
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.prompt.value(), "消防");
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.prompt.value(), "宁安");
}

#[test]
fn a_store_in_trouble_says_so() {
    let (mut app, _) = remembering(100, 30);
    app.update(Msg::State(Reply::Opened {
        history: Vec::new(),
        warning: Some("not remembering: /x: permission denied".into()),
        keeping: false,
        took: Duration::ZERO,
    }));
    assert_eq!(
        app.message.as_deref(),
        Some("not remembering: /x: permission denied")
    );
    assert_eq!(app.memory.trouble(), Some("not remembered"));
}
