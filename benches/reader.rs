//! The reader's per-frame and per-keystroke work on the generated 100 MB transcript (SPEC §6):
//! `cargo bench --bench reader`. Drawing goes to ratatui's `TestBackend`, which computes the
//! same buffer and diff a terminal backend does, without the terminal.

use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use fangtan::model::Transcript;
use fangtan::reader::action::Action;
use fangtan::reader::{App, Msg, Options, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

fn main() {
    divan::main();
}

static TRANSCRIPT: LazyLock<Arc<Transcript>> = LazyLock::new(|| {
    Arc::new(fangtan::parse::text::parse(fangtan::corpus::generate(
        100_000_000,
        1,
    )))
});

fn app(width: u16, height: u16) -> App {
    let options = Options {
        names: vec!["corpus".to_owned()],
        color: true,
        width: None,
        ..Options::default()
    };
    App::with_transcript(Arc::clone(&TRANSCRIPT), options, width, height)
}

/// Carries out an action, as the event loop does.
fn act(app: &mut App, action: Action) {
    app.update(Msg::Action(action));
}

/// Types a character into the prompt.
fn typed(c: char) -> Action {
    Action::Edit(InputRequest::InsertChar(c))
}

/// An app in the middle of the transcript, with a search's highlights on screen.
fn searching_app() -> App {
    let mut app = app(200, 60);
    act(&mut app, Action::StartGoto);
    for c in (TRANSCRIPT.turns.len() / 2).to_string().chars() {
        act(&mut app, typed(c));
    }
    act(&mut app, Action::Submit);
    act(&mut app, Action::StartSearch);
    act(&mut app, typed('的'));
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.is_busy() && Instant::now() < deadline {
        app.update(Msg::Tick);
        std::thread::sleep(Duration::from_millis(1));
    }
    act(&mut app, Action::Submit);
    app
}

/// Drawing one full 200×60 frame mid-transcript, with search highlights.
#[divan::bench(sample_count = 50)]
fn render_frame_200x60(bencher: divan::Bencher) {
    let app = searching_app();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    bencher.bench_local(|| {
        // A changed buffer each time, so the diff is a full one, as after a scroll.
        terminal.clear().expect("clears");
        terminal
            .draw(|frame| ui::render(&app, frame))
            .expect("draws");
    });
}

/// A resize: every visible turn wrapped again at the new width (the cache is dropped).
#[divan::bench(sample_count = 50)]
fn rewrap_after_resize(bencher: divan::Bencher) {
    let mut app = searching_app();
    let mut wide = false;
    bencher.bench_local(|| {
        wide = !wide;
        act(&mut app, Action::Resize(if wide { 200 } else { 160 }, 60));
    });
}

/// `G` from the top: the end of the conversation laid out, nothing else.
#[divan::bench(sample_count = 50)]
fn jump_to_last_turn(bencher: divan::Bencher) {
    let mut app = app(200, 60);
    bencher.bench_local(|| {
        act(&mut app, Action::First);
        act(&mut app, Action::Last);
    });
}

/// Scrolling a page, as `Space` does.
#[divan::bench(sample_count = 50)]
fn page_down(bencher: divan::Bencher) {
    let mut app = app(200, 60);
    bencher.bench_local(|| act(&mut app, Action::ScrollHalfPages(2)));
}

/// A search keystroke to the highlighted screen: the query changes, the engine finds the first
/// match after the view, the view moves there and the frame is drawn.
#[divan::bench(sample_count = 30)]
fn search_keystroke_to_frame(bencher: divan::Bencher) {
    let mut app = app(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    act(&mut app, Action::StartSearch);
    act(&mut app, typed('消'));
    bencher.bench_local(|| {
        act(&mut app, typed('防'));
        while app.search_position().0 == 0 {
            app.update(Msg::Tick);
        }
        terminal
            .draw(|frame| ui::render(&app, frame))
            .expect("draws");
        act(&mut app, Action::Edit(InputRequest::DeletePrevChar));
    });
}

/// The kinds of 20 MB turn: mixed Chinese and English, Korean words, and one word with no break
/// anywhere, whose sections the layout must force.
const LONG_TURNS: [&str; 3] = ["mixed", "korean", "one word"];

/// A transcript of three turns whose middle one is a single paragraph of 20 MB (issue 9).
fn long_turn(kind: &str) -> String {
    let sentence = match kind {
        "korean" => "한국어 문장은 띄어쓰기로 나뉩니다. ",
        "one word" => "a",
        _ => "消防队员说：“一村一泵”，很好。Fire crews said so, and the village agreed! ",
    };
    let paragraph = sentence.repeat(20_000_000 / sentence.len());
    format!("主持人：请讲。\n\n江滨：{paragraph}\n\n主持人：谢谢。\n")
}

/// Opening a 20 MB turn: parsing it, the reader's first layout and the first frame drawn.
#[divan::bench(args = LONG_TURNS, sample_count = 10)]
fn one_20mb_turn_open_to_first_frame(bencher: divan::Bencher, kind: &str) {
    let text = long_turn(kind);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    bencher.bench_local(|| {
        let transcript = Arc::new(fangtan::parse::text::parse(text.clone()));
        let app = App::with_transcript(transcript, Options::default(), 200, 60);
        terminal
            .draw(|frame| ui::render(&app, frame))
            .expect("draws");
    });
}

/// An app reading the middle of the 20 MB turn.
fn long_turn_app(kind: &str) -> App {
    let transcript = Arc::new(fangtan::parse::text::parse(long_turn(kind)));
    let mut app = App::with_transcript(transcript, Options::default(), 200, 60);
    for _ in 0..3 {
        act(&mut app, Action::ScrollHalfPages(20_000));
    }
    app
}

/// A resize in the middle of the 20 MB turn: what is on screen wrapped again, nothing else.
#[divan::bench(args = LONG_TURNS, sample_count = 50)]
fn one_20mb_turn_resize(bencher: divan::Bencher, kind: &str) {
    let mut app = long_turn_app(kind);
    let mut wide = false;
    bencher.bench_local(|| {
        wide = !wide;
        act(&mut app, Action::Resize(if wide { 200 } else { 160 }, 60));
    });
}

/// `G` and `g` through the 20 MB turn.
#[divan::bench(args = LONG_TURNS, sample_count = 50)]
fn one_20mb_turn_first_and_last(bencher: divan::Bencher, kind: &str) {
    let mut app = long_turn_app(kind);
    bencher.bench_local(|| {
        act(&mut app, Action::Last);
        act(&mut app, Action::First);
    });
}
