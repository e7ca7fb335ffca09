//! The reader's state and the one place it changes: [`App::update`].

use std::sync::Arc;

use crossterm::event::Event;
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::Loaded;
use super::action::Action;
use super::keymap::Scope;
use super::search::SearchState;
use super::ui;
use super::view::{self, View, VisibleRow};
use crate::conversation::Block;
use crate::layout::Measure;
use crate::model::{SpeakerStats, Transcript};

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The conversation.
    Conversation,
    /// The speaker list.
    SpeakerList,
}

/// What the reader is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading.
    Reading,
    /// Typing a search.
    Search,
    /// Typing a turn number or time to go to.
    Goto,
    /// Showing the help screen.
    Help,
}

/// What the screen shows of the conversation, prepared by `update` so that drawing changes
/// nothing.
#[derive(Debug, Clone, Default)]
pub struct Screen {
    /// The rows in the conversation pane.
    pub rows: Vec<VisibleRow>,
    /// The arena bytes they show.
    pub span: std::ops::Range<usize>,
    /// The turn being read.
    pub turn: Option<usize>,
    /// How far into the conversation the view is, 0–100.
    pub percent: usize,
}

/// Settings the reader starts with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The name shown when the transcript has no title.
    pub name: String,
    /// How cells are counted.
    pub measure: Measure,
    /// Whether to use colour.
    pub color: bool,
    /// A search to start with.
    pub search: Option<String>,
    /// How to read it (`--regex`, `--pinyin`).
    pub search_options: crate::search::QueryOptions,
    /// A warning to show in the status bar (an encoding guess, say).
    pub warning: Option<String>,
    /// Speakers to show (`--speaker`); empty shows everyone.
    pub speakers: Vec<String>,
    /// Which of how many files this is (`:n` and `:p` go to the others).
    pub file: (usize, usize),
}

/// The reader's whole state.
#[derive(Debug)]
pub struct App {
    pub(super) transcript: Arc<Transcript>,
    pub(super) options: Options,
    pub(super) view: View,
    pub(super) stats: Vec<SpeakerStats>,
    /// Each speaker's turns, in order, for speaker jumps.
    speaker_turns: Vec<Vec<usize>>,
    pub(super) shown: Vec<bool>,
    pub(super) selected: usize,
    pub(super) focus: Focus,
    pub(super) mode: Mode,
    pub(super) prompt: Input,
    pub(super) help_scroll: u16,
    pub(super) message: Option<String>,
    pub(super) search: SearchState,
    pub(super) screen: Screen,
    /// The file `:n` or `:p` asked for.
    file_request: Option<usize>,
    /// The transcript is the head of a file still loading.
    pub(super) loading: bool,
    size: Rect,
    quit: bool,
}

impl App {
    /// A reader of `transcript` in a terminal of `size`.
    pub fn new(transcript: Arc<Transcript>, options: Options, size: Rect) -> Self {
        let stats = transcript.speaker_stats();
        let loaded = Loaded {
            transcript,
            stats,
            warning: None,
        };
        Self::with_loaded(loaded, options, size, false)
    }

    /// A reader of a prepared transcript; `preview` says it is the head of a file still loading.
    pub fn with_loaded(loaded: Loaded, options: Options, size: Rect, preview: bool) -> Self {
        let Loaded {
            transcript,
            stats,
            warning,
        } = loaded;
        let mut speaker_turns = vec![Vec::new(); transcript.speakers.len()];
        for (index, turn) in transcript.turns.iter().enumerate() {
            speaker_turns[turn.speaker].push(index);
        }
        let view = View::new(Arc::clone(&transcript), options.measure, 1, 1);
        let mut app = Self {
            shown: vec![true; transcript.speakers.len()],
            search: SearchState::new(Arc::clone(&transcript)),
            transcript,
            message: warning.or_else(|| options.warning.clone()),
            options,
            view,
            stats,
            speaker_turns,
            selected: 0,
            focus: Focus::Conversation,
            mode: Mode::Reading,
            prompt: Input::default(),
            help_scroll: 0,
            screen: Screen::default(),
            file_request: None,
            loading: false,
            size: Rect::default(),
            quit: false,
        };
        app.loading = preview;
        app.show_only(&app.options.speakers.clone());
        app.update(Action::Resize(size.width, size.height));
        if let Some(query) = app.options.search.clone() {
            let wanted = app.options.search_options;
            if app.search.options().regex != wanted.regex {
                app.search.toggle_regex();
            }
            if app.search.options().pinyin != wanted.pinyin {
                app.search.toggle_pinyin();
            }
            app.update(Action::StartSearch);
            app.prompt = Input::new(query);
            app.search_changed();
            app.update(Action::Submit);
        }
        app
    }

    /// The file the user asked for with `:n` or `:p`, for the event loop to open.
    pub fn file_request(&self) -> Option<usize> {
        self.file_request
    }

    /// Whether the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The scope keys are looked up in.
    pub fn scope(&self) -> Scope {
        match (self.mode, self.focus) {
            (Mode::Search, _) => Scope::Search,
            (Mode::Goto, _) => Scope::Goto,
            (Mode::Help, _) => Scope::Help,
            (Mode::Reading, Focus::Conversation) => Scope::Conversation,
            (Mode::Reading, Focus::SpeakerList) => Scope::SpeakerList,
        }
    }

    /// The terminal's size.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// The current match's 1-based position and the number of matches found so far.
    pub fn search_position(&self) -> (usize, usize) {
        self.search.position()
    }

    /// Whether a background search is still running (the loop then wakes up to show it).
    pub fn is_busy(&self) -> bool {
        self.search.is_running()
    }

    /// Carries out an action. This is the only place the state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Tick | Action::Resize(..)) && self.mode == Mode::Reading {
            self.message = None;
        }
        match action {
            Action::ScrollLines(lines) if self.mode == Mode::Help => {
                let lines =
                    i16::try_from(lines).unwrap_or(if lines < 0 { i16::MIN } else { i16::MAX });
                self.help_scroll = self.help_scroll.saturating_add_signed(lines);
            }
            Action::ScrollLines(lines) => self.view.scroll(lines),
            Action::ScrollHalfPages(halves) => {
                let half = isize::try_from(self.view.height() / 2)
                    .unwrap_or(isize::MAX)
                    .max(1);
                self.view.scroll(halves * half);
            }
            Action::First => self.view.jump_to_block(0),
            Action::Last => self.view.jump_to_end(),
            Action::NextTurn => self.step_turn(true),
            Action::PrevTurn => self.step_turn(false),
            Action::NextSpeakerTurn => self.speaker_turn(self.selected, true),
            Action::PrevSpeakerTurn => self.speaker_turn(self.selected, false),
            Action::JumpToSpeaker(speaker) if speaker < self.transcript.speakers.len() => {
                self.selected = speaker;
                self.speaker_turn(speaker, true);
            }
            Action::JumpToSpeaker(speaker) => {
                self.message = Some(format!("there is no speaker {}", speaker + 1));
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Conversation if ui::has_speaker_list(self) => Focus::SpeakerList,
                    _ => Focus::Conversation,
                };
            }
            Action::MoveSelection(delta) => {
                let last = self.transcript.speakers.len().saturating_sub(1);
                self.selected = self.selected.saturating_add_signed(delta).min(last);
            }
            Action::JumpToSelected => self.speaker_turn(self.selected, true),
            Action::ToggleHidden => self.toggle_hidden(),
            Action::Solo => self.solo(),
            Action::ClickSpeaker(row) => {
                let speaker = usize::from(row);
                if speaker < self.transcript.speakers.len() {
                    self.selected = speaker;
                    self.focus = Focus::SpeakerList;
                }
            }
            Action::ClickTimeline(row, rows) => {
                // The middle of the slice of the transcript that row stands for.
                let length = self.transcript.text().len();
                let rows = usize::from(rows.max(1));
                let byte = (2 * usize::from(row) + 1) * length / (2 * rows);
                let transcript = &self.transcript;
                let turn = transcript
                    .turns
                    .partition_point(|turn| transcript.turn_span(turn).end <= byte);
                let block = self.view.block_of_turn(turn);
                self.view.jump_to_block(block);
            }
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.prompt = Input::default();
                let byte = self.view.top_byte();
                self.search.begin(self.view.anchor(), byte);
            }
            Action::StartGoto => {
                self.mode = Mode::Goto;
                self.prompt = Input::default();
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Quit => self.quit = true,
            Action::Submit => self.submit(),
            Action::Cancel => self.cancel(),
            Action::ToggleRegex => {
                self.search.toggle_regex();
                self.search_changed();
            }
            Action::TogglePinyin => {
                self.search.toggle_pinyin();
                self.search_changed();
            }
            Action::HistoryPrev | Action::HistoryNext => {
                let older = action == Action::HistoryPrev;
                if let Some(query) = self.search.recall(older) {
                    self.prompt = Input::new(query);
                    self.search_changed();
                }
            }
            Action::Edit(key) => {
                let changed = self.prompt.handle_event(&Event::Key(key));
                if self.mode == Mode::Search && changed.is_some_and(|c| c.value) {
                    self.search_changed();
                }
            }
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                let text = ui::areas(self.size, self).text;
                self.view
                    .resize(usize::from(text.width), usize::from(text.height));
            }
            Action::Notice(message) => self.message = Some(message),
            Action::Tick => {
                if self.search.poll() && self.mode == Mode::Search {
                    self.follow_search();
                }
            }
        }
        if self.focus == Focus::SpeakerList && !ui::has_speaker_list(self) {
            self.focus = Focus::Conversation;
        }
        self.prepare_screen();
    }

    /// Lays out what the conversation pane will show.
    fn prepare_screen(&mut self) {
        let rows = self.view.visible();
        let span = view::text_span(&rows);
        let at_end = self.view.at_end();
        let length = self.transcript.text().len().max(1);
        let percent = if at_end {
            100
        } else {
            (self.view.top_byte() * 100 / length).min(99)
        };
        self.screen = Screen {
            rows,
            span,
            turn: self.view.current_turn(),
            percent,
        };
    }

    /// `]` and `[`: the next turn, or the start of this one, then the one before.
    fn step_turn(&mut self, forward: bool) {
        let anchor = self.view.anchor();
        let target = if forward {
            anchor.block + 1
        } else if anchor.row > 0 {
            anchor.block
        } else {
            anchor.block.saturating_sub(1)
        };
        self.view.jump_to_block(target);
    }

    /// Goes to a speaker's next (or previous) turn after (before) the one at the top.
    fn speaker_turn(&mut self, speaker: usize, forward: bool) {
        let Some(turns) = self.speaker_turns.get(speaker) else {
            return;
        };
        let name = &self.transcript.speakers[speaker].name;
        if !self.shown[speaker] {
            self.message = Some(format!(
                "{name} is hidden (x in the speaker list shows them)"
            ));
            return;
        }
        let anchor = self.view.anchor();
        let here = match self.view.blocks().get(anchor.block) {
            Some(Block::Turn(turn)) => Some(*turn),
            Some(Block::Title) | None => None,
            Some(Block::Notes) => Some(usize::MAX),
        };
        let target = match (here, forward) {
            (None, true) => turns.first().copied(),
            (Some(here), true) => turns.get(turns.partition_point(|&t| t <= here)).copied(),
            (None, false) => None,
            (Some(here), false) => {
                // From inside one of their turns, `{` goes to its start first.
                let before = turns.partition_point(|&t| t < here);
                let inside = anchor.row > 0 && turns.get(before) == Some(&here);
                if inside {
                    Some(here)
                } else {
                    turns.get(before.wrapping_sub(1)).copied()
                }
            }
        };
        match target {
            Some(turn) => self.view.jump_to_block(self.view.block_of_turn(turn)),
            None => {
                let which = if forward { "later" } else { "earlier" };
                self.message = Some(format!("no {which} turn by {name}"));
            }
        }
    }

    /// `--speaker`: shows only the speakers named; names that match nobody are reported.
    fn show_only(&mut self, names: &[String]) {
        if names.is_empty() {
            return;
        }
        let speakers = &self.transcript.speakers;
        let unknown: Vec<&str> = names
            .iter()
            .filter(|name| !speakers.iter().any(|s| &s.name == *name))
            .map(String::as_str)
            .collect();
        for (shown, speaker) in self.shown.iter_mut().zip(speakers) {
            *shown = names.contains(&speaker.name);
        }
        if !unknown.is_empty() && !self.loading {
            self.message = Some(format!("no speaker called {}", unknown.join(", ")));
        }
        self.shown_changed();
    }

    fn toggle_hidden(&mut self) {
        let Some(shown) = self.shown.get_mut(self.selected) else {
            return;
        };
        *shown = !*shown;
        self.shown_changed();
    }

    /// `o`: show only the selected speaker; when they already are the only one, everyone.
    fn solo(&mut self) {
        let only = (0..self.shown.len()).all(|id| self.shown[id] == (id == self.selected));
        for (id, shown) in self.shown.iter_mut().enumerate() {
            *shown = only || id == self.selected;
        }
        self.shown_changed();
    }

    fn shown_changed(&mut self) {
        self.view.set_shown(&self.shown);
        let hidden = self.shown.iter().filter(|shown| !**shown).count();
        if hidden > 0 {
            self.message = Some(format!("{hidden} of {} speakers hidden", self.shown.len()));
        }
        self.search.set_shown(&self.shown);
        self.search.restart();
    }

    fn submit(&mut self) {
        match self.mode {
            Mode::Search => {
                self.search.commit();
                self.mode = Mode::Reading;
            }
            Mode::Goto => {
                let target = self.prompt.value().trim().to_owned();
                self.mode = Mode::Reading;
                self.go_to(&target);
            }
            Mode::Reading | Mode::Help => {}
        }
    }

    fn cancel(&mut self) {
        match self.mode {
            Mode::Search => {
                let origin = self.search.abandon();
                self.view.restore(origin);
            }
            Mode::Goto | Mode::Help | Mode::Reading => {}
        }
        self.mode = Mode::Reading;
    }

    /// `:12` goes to turn 12, `:12:30` (or `:1:02:03`) to the turn spoken at that time, `:n`
    /// and `:p` to the next and previous file.
    fn go_to(&mut self, target: &str) {
        let target = target.trim_start_matches(':');
        if target.is_empty() {
            return;
        }
        if let Some(forward) = match target {
            "n" => Some(true),
            "p" => Some(false),
            _ => None,
        } {
            let (index, count) = self.options.file;
            let wanted = if forward {
                index + 1
            } else {
                index.wrapping_sub(1)
            };
            if wanted < count {
                self.file_request = Some(wanted);
            } else {
                let which = if forward { "last" } else { "first" };
                let count = count.max(1);
                self.message = Some(format!("this is the {which} file ({}/{count})", index + 1));
            }
            return;
        }
        let turns = &self.transcript.turns;
        let turn = if target.contains(':') {
            let Some(seconds) = parse_time(target) else {
                self.message = Some(format!("not a time: {target}"));
                return;
            };
            if !self.transcript.has_times() {
                self.message = Some("this transcript has no times".to_owned());
                return;
            }
            let after = turns.partition_point(|t| t.start.is_none_or(|start| start <= seconds));
            after.saturating_sub(1)
        } else {
            match target.parse::<usize>() {
                Ok(number) if (1..=turns.len()).contains(&number) => number - 1,
                _ => {
                    self.message = Some(format!("no turn {target} (1–{})", turns.len()));
                    return;
                }
            }
        };
        if !self.shown[turns[turn].speaker] {
            self.message = Some(format!("turn {} is hidden", turn + 1));
        }
        self.view.jump_to_block(self.view.block_of_turn(turn));
    }

    /// The query or its options changed: search again from where the search began.
    fn search_changed(&mut self) {
        let query = self.prompt.value().to_owned();
        self.search.set_query(&query);
        self.follow_search();
    }

    /// Moves the view to the current match, or back to where the search began.
    fn follow_search(&mut self) {
        match self.search.current() {
            Some((turn, byte)) => {
                let block = self.view.block_of_turn(turn);
                self.view.reveal(block, byte);
            }
            None => self.view.restore(self.search.origin()),
        }
    }

    fn step_match(&mut self, forward: bool) {
        if !self.search.has_query() {
            self.message = Some("no search yet: / searches".to_owned());
            return;
        }
        if self.search.step(forward, self.view.top_byte()) {
            self.follow_search();
        } else {
            self.message = Some(self.search.describe_empty());
        }
    }
}

/// Parses `12:30` (minutes and seconds) or `1:02:03` into seconds.
fn parse_time(text: &str) -> Option<f64> {
    let mut seconds = 0.0;
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    for part in parts {
        let value: f64 = part.trim().parse().ok()?;
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        seconds = seconds * 60.0 + value;
    }
    Some(seconds)
}

#[cfg(test)]
mod tests;
