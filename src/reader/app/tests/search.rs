//! Action sequences for the search bar and stepping through matches.

use super::*;

#[test]
fn incremental_search_counts_and_steps() {
    let mut app = app(100, 30);
    press(&mut app, "/消");
    settle(&mut app);
    press(&mut app, "防");
    settle(&mut app);
    assert_eq!(app.search.position(), (1, 16));
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.mode, Mode::Reading);
    press(&mut app, "n");
    assert_eq!(app.search.position(), (2, 16));
    press(&mut app, "N");
    press(&mut app, "N");
    assert_eq!(app.search.position(), (16, 16));
    let byte = app.search.current().expect("a current match");
    let turn_of_match = crate::conversation::turn_at_byte(&app.transcript, byte);
    assert!(turn(&app).is_some_and(|t| t <= turn_of_match));
}

#[test]
fn escape_returns_to_where_the_search_began() {
    // A short pane, so that the first match is below it.
    let mut app = app(100, 8);
    press(&mut app, "]]");
    let before = app.view.anchor();
    press(&mut app, "/2013");
    settle(&mut app);
    assert_eq!(app.search.position().1, 4);
    assert_ne!(app.view.anchor(), before);
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.view.anchor(), before);
    assert!(!app.search.has_query());
}

#[test]
fn search_history_and_regex_errors() {
    let mut app = app(100, 30);
    press(&mut app, "/江滨");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, "/");
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.prompt.value(), "江滨");
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, "/(");
    press_key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(
        app.search
            .error()
            .is_some_and(|e| e.starts_with("invalid regex"))
    );
    press_key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(app.search.error(), None);
}

#[test]
fn hidden_speakers_are_not_searched() {
    let mut app = app(100, 30);
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "jx");
    press_key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, "/消防");
    settle(&mut app);
    // Only the host's question about 宁安消防 is left.
    assert_eq!(app.search.position(), (1, 1));
    assert_eq!(app.search.results().hits_per_speaker(), [1, 0]);
}

#[test]
fn the_search_option_puts_the_view_on_the_first_match() {
    let transcript = Arc::new(crate::parse::text::parse(SAMPLE.to_owned()));
    let options = Options {
        search: Some("宁安消防".to_owned()),
        width: None,
        ..Options::default()
    };
    let mut app = App::with_transcript(transcript, options, 100, 30);
    settle(&mut app);
    let byte = app.search.current().expect("a match");
    assert!(app.screen.span.contains(&byte), "the match is on screen");
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn escape_on_an_empty_bar_keeps_the_search_and_abandoned_queries_are_remembered() {
    let mut app = app(100, 30);
    press(&mut app, "/江滨");
    settle(&mut app);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let position = app.search.position();
    press(&mut app, "/");
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.search.text(), "江滨");
    assert_eq!(app.search.position(), position);
    press(&mut app, "/消防队");
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    settle(&mut app);
    assert_eq!(app.search.text(), "江滨", "the search before is back");
    press(&mut app, "/");
    press_key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.prompt.value(), "消防队");
}

#[test]
fn wrapping_around_is_announced_and_escape_clears_the_highlights() {
    let mut app = app(100, 30);
    press(&mut app, "/宁安");
    settle(&mut app);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.search.position().0, 1);
    press(&mut app, "N");
    assert_eq!(
        app.message.as_deref(),
        Some("search hit the top, continued from the end")
    );
    press(&mut app, "n");
    assert_eq!(
        app.message.as_deref(),
        Some("search hit the end, continued from the top")
    );
    press(&mut app, "n");
    assert_eq!(app.message, None);
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!app.search.has_query());
    assert!(app.search.current_range().is_none());
}

#[test]
fn n_lands_on_a_note() {
    let mut app = app(100, 30);
    press(&mut app, "/立即注册");
    settle(&mut app);
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.search.position(), (1, 1));
    let byte = app.search.current().expect("the match in the note");
    assert!(app.screen.span.contains(&byte));
    assert!(
        app.screen
            .rows
            .iter()
            .any(|row| matches!(row.block, Block::Notes { .. }))
    );
    assert_eq!(app.search.results().hits_per_speaker(), [0, 0]);
}

#[test]
fn ctrl_t_and_ctrl_p_change_what_the_bar_finds() {
    let mut app = app(100, 30);
    // The sample is simplified; a traditional query finds it until Ctrl-t keeps to the script.
    press(&mut app, "/消防隊");
    settle(&mut app);
    let either = app.search.position().1;
    assert!(either > 0);
    press_key(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    settle(&mut app);
    assert_eq!(app.search.position().1, 0);
    assert!(app.search.options().same_script);
    press_key(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    settle(&mut app);
    assert_eq!(app.search.position().1, either);
    press_key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    // Letters are letters until Ctrl-p reads them as pinyin.
    press(&mut app, "/xiao fang");
    settle(&mut app);
    assert_eq!(app.search.position().1, 0);
    press_key(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    settle(&mut app);
    assert_eq!(app.search.position().1, 16);
}

/// `n` and `N` pressed right after `Enter`, before the search has counted (a large file, a
/// busy machine), are taken in order once the matches that answer them arrive: the keys are
/// never lost, and `n` at the last match found so far does not wrap round early.
#[test]
fn steps_pressed_before_the_search_has_counted_are_taken_when_it_has() {
    let transcript = Arc::new(crate::corpus::generate_transcript(3_000_000, 11));
    let options = Options {
        names: vec!["corpus".to_owned()],
        width: None,
        ..Options::default()
    };
    let mut app = App::with_transcript(transcript, options, 100, 30);
    // On 3 MB the search takes milliseconds; the keys below come within microseconds.
    press(&mut app, "/消防");
    press_key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut app, "nnnN");
    settle(&mut app);
    let (at, total) = app.search.position();
    assert!(total > 10, "{total} matches");
    assert_eq!(at, 3, "the first match, then n n n N");
    let byte = app.search.current().expect("a current match");
    assert!(app.view.top_byte() <= byte, "the view went to the match");
    assert_ne!(
        app.message
            .as_deref()
            .map(|m| m.starts_with("still searching")),
        Some(true),
        "{:?}",
        app.message
    );
}
