//! The reader's state and the one place it changes: [`App::update`], which takes a [`Msg`]
//! and returns the [`Effect`] the event loop should carry out. Nothing here knows the terminal:
//! sizes are plain numbers, keys arrive as [`Action`]s, screen areas as [`Geometry`].

mod load;
mod navigate;
mod searching;

use std::sync::Arc;

use tui_input::Input;

use super::action::{Action, Scope};
use super::geometry::{self, Geometry};
use super::search::SearchState;
use super::view::{self, View, VisibleRow};
use crate::conversation;
use crate::layout::{self, Measure};
use crate::model::{SpeakerStats, Transcript};
use crate::palette::Palette;
use crate::parse;

/// How much of a transcript has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// All of it.
    Complete,
    /// The head of a large file, for the first screen while the whole file loads; keys wait
    /// for the whole, so that `G` or a search acts on all of it.
    Head,
    /// What standard input has delivered so far (`bytes` of it); keys act on it at once.
    Arriving {
        /// Bytes read so far.
        bytes: usize,
    },
}

/// What the status bar says of a text in which no speaker labels were recognised.
pub const NO_LABELS: &str = "no speaker labels recognised (fangtan --explain; --labels REGEX)";

/// A transcript as the reader receives it, prepared off the UI thread (counting every
/// character of 100 MB is not for the UI thread). The one loading type: a small file, a large
/// file's head and then its whole, standard input as it arrives all come as this.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The transcript.
    pub transcript: Arc<Transcript>,
    /// Its per-speaker statistics.
    pub stats: Vec<SpeakerStats>,
    /// A warning about how it was decoded.
    pub warning: Option<String>,
    /// How much of it has arrived.
    pub progress: Progress,
}

impl Loaded {
    /// Prepares a parsed transcript for the reader. A text in which no speaker labels were
    /// recognised says so, with where to look.
    pub fn new(loaded: parse::Loaded, progress: Progress) -> Self {
        let inferred = matches!(loaded.format, parse::Format::Text | parse::Format::Markdown);
        let unlabelled =
            inferred && loaded.explanation.shapes.is_empty() && !loaded.transcript.turns.is_empty();
        let warning = match (loaded.warning, unlabelled) {
            (warning, false) => warning,
            (None, true) => Some(NO_LABELS.to_owned()),
            (Some(warning), true) => Some(format!("{warning}; {NO_LABELS}")),
        };
        Self {
            warning,
            ..Self::from_transcript(loaded.transcript, progress)
        }
    }

    /// Prepares a transcript that needs no warning.
    pub fn from_transcript(transcript: Transcript, progress: Progress) -> Self {
        let stats = transcript.speaker_stats();
        Self {
            transcript: Arc::new(transcript),
            stats,
            warning: None,
            progress,
        }
    }

    /// Nothing yet: standard input before its first line.
    pub fn waiting() -> Self {
        Self::from_transcript(Transcript::default(), Progress::Arriving { bytes: 0 })
    }
}

/// What the reader is told.
#[derive(Debug)]
pub enum Msg {
    /// The user asked for something.
    Action(Action),
    /// File `file` (an index into [`Options::names`]) was read, or more of it arrived, or it
    /// could not be read (why, in a sentence).
    Loaded {
        /// Which file.
        file: usize,
        /// The transcript, or why there is none.
        result: Result<Loaded, String>,
    },
    /// Time passed: pick up what the background search found.
    Tick,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing but draw.
    None,
    /// Restore the terminal and end.
    Quit,
    /// Open file `i` of [`Options::names`] and send it back as [`Msg::Loaded`].
    Open(usize),
    /// Restore the terminal, stop until the shell continues the process, then redraw.
    Suspend,
    /// Put this text on the clipboard (through the terminal, OSC 52).
    Copy(String),
}

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
    /// Every file's name, in order; `:n` and `:p` move between them.
    pub names: Vec<String>,
    /// How cells are counted.
    pub measure: Measure,
    /// Whether to use colour.
    pub color: bool,
    /// The speakers' colours, for a light or a dark background.
    pub palette: Palette,
    /// The widest the text column may be (`-w`); `None` is the whole pane.
    pub width: Option<u16>,
    /// A search to start with.
    pub search: Option<String>,
    /// How to read it (`--regex`, `--pinyin`).
    pub search_options: crate::search::QueryOptions,
    /// Speakers to show (`--speaker`); empty shows everyone.
    pub speakers: Vec<String>,
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
    pub(super) geometry: Geometry,
    /// The file shown, an index into [`Options::names`].
    pub(super) file: usize,
    /// The file asked for with `:n` or `:p`, and in which direction, until it arrives.
    requested: Option<(usize, bool)>,
    /// No file has been shown yet: the first to arrive is shown.
    first: bool,
    pub(super) progress: Progress,
    /// Actions that arrived while only a large file's head was there, for the whole of it.
    deferred: Vec<Action>,
    size: (u16, u16),
}

impl App {
    /// A reader in a terminal of `width` × `height`, waiting for the first file.
    pub fn new(options: Options, width: u16, height: u16) -> Self {
        let transcript = Arc::new(Transcript::default());
        let mut app = Self {
            view: View::new(Arc::clone(&transcript), options.measure, 1, 1),
            search: SearchState::new(Arc::clone(&transcript)),
            transcript,
            options,
            stats: Vec::new(),
            speaker_turns: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            focus: Focus::Conversation,
            mode: Mode::Reading,
            prompt: Input::default(),
            help_scroll: 0,
            message: None,
            screen: Screen::default(),
            geometry: Geometry::default(),
            file: 0,
            requested: None,
            first: true,
            progress: Progress::Arriving { bytes: 0 },
            deferred: Vec::new(),
            size: (width, height),
        };
        app.relayout();
        app
    }

    /// A reader of a whole transcript, as the first file: for tests and benchmarks.
    pub fn with_transcript(
        transcript: Arc<Transcript>,
        options: Options,
        width: u16,
        height: u16,
    ) -> Self {
        let stats = transcript.speaker_stats();
        let loaded = Loaded {
            transcript,
            stats,
            warning: None,
            progress: Progress::Complete,
        };
        let mut app = Self::new(options, width, height);
        app.update(Msg::Loaded {
            file: 0,
            result: Ok(loaded),
        });
        app
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

    /// The terminal's size: columns and rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Where each part of the screen is.
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// The first speaker the speaker list shows (it scrolls to keep the selection in view).
    pub fn list_offset(&self) -> usize {
        let rows = self
            .geometry
            .list_rows()
            .map_or(0, |a| usize::from(a.height));
        list_offset(self.selected, rows)
    }

    /// The current match's 1-based position and the number of matches found so far.
    pub fn search_position(&self) -> (usize, usize) {
        self.search.position()
    }

    /// Whether the loop should wake up soon without an event: a search is counting.
    pub fn is_busy(&self) -> bool {
        self.search.is_running()
    }

    /// Carries out a message; the only place the state changes.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = match msg {
            Msg::Action(action) => self.act(action),
            Msg::Loaded { file, result } => self.loaded(file, result),
            Msg::Tick => {
                if self.search.poll() && (self.mode == Mode::Search || self.search.take_following())
                {
                    self.follow_search();
                }
                Effect::None
            }
        };
        if self.focus == Focus::SpeakerList && self.geometry.list.is_none() {
            self.focus = Focus::Conversation;
        }
        self.prepare_screen();
        effect
    }

    /// Carries out an action.
    fn act(&mut self, action: Action) -> Effect {
        let waits = self.progress == Progress::Head
            && !matches!(action, Action::Quit | Action::Suspend | Action::Resize(..));
        if waits {
            self.deferred.push(action);
            return Effect::None;
        }
        if !matches!(action, Action::Resize(..)) && self.mode == Mode::Reading {
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
                let page = isize::try_from(self.view.page()).unwrap_or(isize::MAX);
                let lines = halves.saturating_mul(page) / 2;
                self.view
                    .scroll(if lines == 0 { halves.signum() } else { lines });
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
                    Focus::Conversation if self.geometry.list.is_some() => Focus::SpeakerList,
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
                let speaker = self.list_offset() + usize::from(row);
                if speaker < self.transcript.speakers.len() {
                    self.selected = speaker;
                    self.focus = Focus::SpeakerList;
                }
            }
            Action::ClickTimeline(row) => self.click_timeline(row),
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
            Action::ClearSearch => self.search.clear(),
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Quit => return Effect::Quit,
            Action::CopyTurn => return self.copy_turn(),
            Action::Suspend => return Effect::Suspend,
            Action::Submit => return self.submit(),
            Action::Cancel => self.cancel(),
            Action::ToggleRegex => {
                self.search.toggle_regex();
                self.search_changed();
            }
            Action::TogglePinyin => {
                self.search.toggle_pinyin();
                self.search_changed();
            }
            Action::ToggleSameScript => {
                self.search.toggle_same_script();
                self.search_changed();
            }
            Action::HistoryPrev | Action::HistoryNext => {
                let older = action == Action::HistoryPrev;
                if let Some(query) = self.search.recall(older) {
                    self.prompt = Input::new(query);
                    self.search_changed();
                }
            }
            Action::Edit(request) => {
                let changed = self.prompt.handle(request);
                if self.mode == Mode::Search && changed.is_some_and(|c| c.value) {
                    self.search_changed();
                }
            }
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
            }
        }
        Effect::None
    }

    /// Computes the screen's areas again (a resize, or a speaker list of another width) and
    /// lays the view out for its pane.
    fn relayout(&mut self) {
        let (width, height) = self.size;
        self.geometry =
            geometry::geometry(width, height, self.speaker_list_width(), self.options.width);
        let text = self.geometry.text;
        self.view
            .resize(usize::from(text.width), usize::from(text.height));
    }

    /// The speaker list's width: number, name, turns, bar and share, and the borders.
    fn speaker_list_width(&self) -> u16 {
        if self.transcript.speakers.is_empty() {
            return 0;
        }
        let measure = self.options.measure;
        let names = self.transcript.speakers.iter();
        let longest = names
            .map(|speaker| layout::display_width(&speaker.name, measure))
            .max()
            .unwrap_or(0);
        let name = longest.clamp(4, 20);
        let turns = turns_width(&self.stats);
        // "n name turns bar share" with single spaces, inside a border.
        let width = 3 + name + 1 + turns + 1 + BAR_WIDTH + 1 + 4 + 2 + 1;
        u16::try_from(width).unwrap_or(u16::MAX)
    }

    /// Lays out what the conversation pane will show.
    fn prepare_screen(&mut self) {
        let rows = self.view.visible();
        let span = view::text_span(&rows);
        let at_end = self.view.at_end();
        // From the first paragraph to the end of the last: labels and a title before the first
        // do not count, so the top of the conversation is 0%.
        let ranges = self.transcript.paragraph_ranges();
        let start = ranges.first().map_or(0, |r| r.start);
        let end = ranges.last().map_or(0, |r| r.end);
        let position = self.view.position().clamp(start, end.max(start));
        let percent = if at_end {
            100
        } else {
            ((position - start) * 100 / (end - start).max(1)).min(99)
        };
        self.screen = Screen {
            rows,
            span,
            turn: self.view.current_turn(),
            percent,
        };
    }

    /// `y`: the turn at the top, with its attribution (speaker, time, title), for the
    /// clipboard.
    fn copy_turn(&mut self) -> Effect {
        let Some(index) = self.screen.turn else {
            self.message = Some("no turn to copy".to_owned());
            return Effect::None;
        };
        let transcript = &self.transcript;
        let turn = &transcript.turns[index];
        let (name, time) = conversation::speaker_label(transcript, index);
        let text: Vec<&str> = transcript.turn_paragraphs(turn).collect();
        let mut source = vec![name];
        source.extend(time);
        if let Some(title) = &transcript.title {
            source.push(layout::sanitize(title).into_owned());
        }
        let copied = format!("{}\n— {}", text.join("\n\n"), source.join(", "));
        self.message = Some(format!("copied turn {} to the clipboard", index + 1));
        Effect::Copy(copied)
    }

    /// `--speaker`: shows only the speakers named; names that match nobody are reported.
    fn show_only(&mut self, names: &[String]) {
        if names.is_empty() {
            return;
        }
        match conversation::shown_speakers(&self.transcript, names) {
            Ok(shown) => self.shown = shown,
            Err(unknown) => {
                for (shown, speaker) in self.shown.iter_mut().zip(&self.transcript.speakers) {
                    *shown = names.contains(&speaker.name);
                }
                if self.progress == Progress::Complete {
                    self.message = Some(format!("no speaker called {}", unknown.join(", ")));
                }
            }
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

    fn submit(&mut self) -> Effect {
        match self.mode {
            Mode::Search => {
                self.search.commit();
                self.mode = Mode::Reading;
            }
            Mode::Goto => {
                let target = self.prompt.value().trim().to_owned();
                self.mode = Mode::Reading;
                return self.go_to(&target);
            }
            Mode::Reading | Mode::Help => {}
        }
        Effect::None
    }

    fn cancel(&mut self) {
        if self.mode == Mode::Search {
            let typed = self.prompt.value().to_owned();
            let origin = self.search.abandon(&typed);
            self.view.restore(origin);
        }
        self.mode = Mode::Reading;
    }
}

/// Columns of the bar that shows a speaker's share.
pub const BAR_WIDTH: usize = 5;

/// Digits in the largest turn count.
pub fn turns_width(stats: &[SpeakerStats]) -> usize {
    let most = stats.iter().map(|stats| stats.turns).max().unwrap_or(0);
    most.to_string().len()
}

/// The first of a list's entries shown in `rows` rows so that entry `selected` is in view.
pub fn list_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected.saturating_sub(rows - 1)
    }
}

#[cfg(test)]
mod tests;
