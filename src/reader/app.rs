//! The reader's state and the one place it changes: [`App::update`], which takes a [`Msg`]
//! and returns the [`Effect`] the event loop should carry out. Nothing here knows the terminal:
//! sizes are plain numbers, keys arrive as [`Action`]s, screen areas as [`Geometry`].

mod card;
mod edit;
mod load;
mod navigate;
mod remember;
mod searching;
mod select;
mod speakers;

use std::sync::Arc;

use tui_input::Input;

pub use self::card::Card;
pub use self::edit::NamePrompt;
pub use self::load::{Loaded, NO_LABELS, Progress};
pub use self::remember::Remembering;
pub use self::select::Selection;
use super::action::{Action, Scope};
use super::geometry::{self, Geometry};
use super::search::SearchState;
use super::view::{self, View, VisibleRow};
use crate::layout::{self, Measure};
use crate::model::{SpeakerStats, Transcript};
use crate::palette::Palette;
use crate::state::{self, Change, Key};

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
    /// The reading state's keeper answered.
    State(state::Reply),
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
    /// Ask the reading state what it remembers of this transcript; the answer comes back as
    /// [`Msg::State`].
    Recall(Key),
    /// Have the reading state keep these changes.
    Save(Vec<Change>),
    /// Several of these, in order.
    Many(Vec<Effect>),
}

impl Effect {
    /// This effect, then `next`.
    #[must_use]
    pub fn then(self, next: Self) -> Self {
        match (self, next) {
            (Self::None, next) => next,
            (first, Self::None) => first,
            (Self::Save(mut changes), Self::Save(more)) => {
                changes.extend(more);
                Self::Save(changes)
            }
            (Self::Many(mut effects), next) => {
                effects.push(next);
                Self::Many(effects)
            }
            (first, next) => Self::Many(vec![first, next]),
        }
    }
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
    /// Typing a speaker's name.
    Name(NamePrompt),
    /// Waiting for a mark's letter, to set it (`true`, after `m`) or to go to it (after `'`).
    Mark(bool),
    /// Selecting lines.
    Select,
    /// Showing a speaker's card.
    Card,
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
    /// Whether the reading state is kept (not `--no-state`): files are recalled and changes
    /// saved.
    pub remember: bool,
}

/// The reader's whole state.
#[derive(Debug)]
pub struct App {
    /// The transcript shown: as parsed, with the reading state's edits applied.
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
    /// What the reading state remembers of the file shown.
    pub(super) memory: Remembering,
    /// The lines selected (`v`).
    pub(super) selection: Option<Selection>,
    /// The speaker card shown (`i`).
    pub(super) card: Option<Card>,
    /// The name typed so far when `Tab` began completing it, and the last completion given.
    completion: Option<(String, usize)>,
}

impl App {
    /// A reader in a terminal of `width` × `height`, waiting for the first file.
    pub fn new(options: Options, width: u16, height: u16) -> Self {
        let transcript = Arc::new(Transcript::default());
        let mut app = Self {
            memory: Remembering::new(Arc::clone(&transcript)),
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
            selection: None,
            card: None,
            completion: None,
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
            key: None,
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
            (Mode::Name(_), _) => Scope::Name,
            (Mode::Mark(_), _) => Scope::Mark,
            (Mode::Select, _) => Scope::Select,
            (Mode::Card, _) => Scope::Card,
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

    /// Whether the reading state has yet to say what it remembers of the file shown.
    pub fn memory_is_waiting(&self) -> bool {
        self.memory.is_waiting()
    }

    /// Whether the loop should wake up soon without an event: a search is counting.
    pub fn is_busy(&self) -> bool {
        self.search.is_running()
    }

    /// Carries out a message; the only place the state changes. When the view moved, the
    /// effect ends with the new position, for the reading state.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = match msg {
            Msg::Action(action) => self.act(action),
            Msg::Loaded { file, result } => self.loaded(file, result),
            Msg::Tick => {
                if self.search.poll() && (self.mode == Mode::Search || self.search.take_following())
                {
                    self.follow_search();
                }
                if let Some((forward, step)) = self.search.take_late_step() {
                    // What the status bar said while the step waited no longer holds.
                    self.message = None;
                    self.stepped(forward, step);
                }
                Effect::None
            }
            Msg::State(reply) => self.state_reply(reply),
        };
        if self.focus == Focus::SpeakerList && self.geometry.list.is_none() {
            self.focus = Focus::Conversation;
        }
        self.prepare_screen();
        match self.position_change() {
            Some(change) => effect.then(Effect::Save(vec![change])),
            None => effect,
        }
    }

    /// Carries out an action; a jump is remembered as where `''` goes back to.
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
        let from = (action.is_jump() && self.mode == Mode::Reading).then(|| self.view.top_byte());
        let effect = self.perform(action);
        match from {
            Some(from) => self.jumped_from(from, effect),
            None => effect,
        }
    }

    /// Carries out an action, of any mode.
    fn perform(&mut self, action: Action) -> Effect {
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
            Action::Copy => return self.copy(),
            Action::SetMark => self.mode = Mode::Mark(true),
            Action::GoToMark => self.mode = Mode::Mark(false),
            Action::Letter(letter) => return self.mark_letter(letter),
            Action::Select => self.start_selection(),
            Action::ExtendSelection(lines) => self.extend_selection(lines),
            Action::Highlight => return self.highlight(),
            Action::Undo => return self.undo(),
            Action::Rename => self.start_name(NamePrompt::Rename),
            Action::Merge => self.start_name(NamePrompt::Merge),
            Action::Reassign => self.start_name(NamePrompt::Reassign),
            Action::Complete => self.complete(),
            Action::Card => self.open_card(),
            Action::Suspend => return Effect::Suspend,
            Action::Submit => return self.submit(),
            Action::Cancel => return self.cancel(),
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
                self.completion = None;
                let changed = self.prompt.handle(request);
                if self.mode == Mode::Search && changed.is_some_and(|c| c.value) {
                    self.search_changed();
                }
            }
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
                self.selection_resized();
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

    fn submit(&mut self) -> Effect {
        match self.mode {
            Mode::Search => {
                self.search.commit();
                self.mode = Mode::Reading;
                let (_, from) = self.search.origin_byte();
                let query = self.search.text().to_owned();
                let effect = self.jumped_from(from, Effect::None);
                return self.save(effect, Change::Search { query });
            }
            Mode::Goto => {
                let target = self.prompt.value().trim().to_owned();
                self.mode = Mode::Reading;
                let from = self.view.top_byte();
                let effect = self.go_to(&target);
                return self.jumped_from(from, effect);
            }
            Mode::Name(prompt) => {
                self.mode = Mode::Reading;
                return self.submit_name(prompt);
            }
            Mode::Reading | Mode::Help | Mode::Mark(_) | Mode::Select | Mode::Card => {}
        }
        Effect::None
    }

    /// `Esc`: leaves the prompt, the selection, the card or the help screen; a search typed
    /// and abandoned still goes into the history.
    fn cancel(&mut self) -> Effect {
        let mut effect = Effect::None;
        if self.mode == Mode::Search {
            let typed = self.prompt.value().to_owned();
            let origin = self.search.abandon(&typed);
            self.view.restore(origin);
            if !typed.is_empty() {
                effect = self.save(effect, Change::Search { query: typed });
            }
        }
        self.selection = None;
        self.card = None;
        self.mode = Mode::Reading;
        effect
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
