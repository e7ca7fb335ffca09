//! Everything the reader can be asked to do, and the scopes keys are looked up in. Keys and
//! mouse events map onto these in [`super::keymap`]; [`super::app::App::update`] carries them
//! out. Nothing here knows the terminal: the search bar's line editing arrives as tui-input's
//! backend-free [`InputRequest`].

use tui_input::InputRequest;

/// A change the user asks of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Scroll the conversation by this many lines (negative: up).
    ScrollLines(isize),
    /// Scroll by this many half pages (negative: up).
    ScrollHalfPages(isize),
    /// Go to the first turn.
    First,
    /// Go to the last turn.
    Last,
    /// Go to the next turn.
    NextTurn,
    /// Go to the previous turn (or the start of this one).
    PrevTurn,
    /// Go to the selected speaker's next turn.
    NextSpeakerTurn,
    /// Go to the selected speaker's previous turn.
    PrevSpeakerTurn,
    /// Select speaker number n (0-based) and go to their next turn.
    JumpToSpeaker(usize),
    /// Move focus between the speaker list and the conversation.
    ToggleFocus,
    /// Move the speaker list's selection by this many rows.
    MoveSelection(isize),
    /// Go to the selected speaker's next turn.
    JumpToSelected,
    /// Hide or show the selected speaker's turns.
    ToggleHidden,
    /// Show only the selected speaker; again: show everyone.
    Solo,
    /// Open the search bar.
    StartSearch,
    /// Open the go-to prompt (turn number, time, `$`, `q`, `n`, `p`, `speaker NAME`).
    StartGoto,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Clear the search and its highlights.
    ClearSearch,
    /// Show or hide the help screen.
    ToggleHelp,
    /// Quit the reader.
    Quit,
    /// Copy the selection, or else the turn at the top, with its attribution, to the clipboard.
    Copy,
    /// Start setting a mark: the next letter names it.
    SetMark,
    /// Start going to a mark: the next letter names it (`'` again: back to where the last
    /// jump started).
    GoToMark,
    /// A letter typed after `m` or `'`.
    Letter(char),
    /// Start a line selection at the line at the top of the view.
    Select,
    /// Move the selection's moving end by this many lines.
    ExtendSelection(isize),
    /// Highlight the selection, or else the turn at the top; again: remove the highlight.
    Highlight,
    /// Give the turn at the top to another speaker (a prompt with completion).
    Reassign,
    /// Undo the last edit (rename, merge, reassignment, highlight).
    Undo,
    /// Rename the selected speaker (a prompt with the current name).
    Rename,
    /// Merge the selected speaker into another (a prompt with completion).
    Merge,
    /// Show the selected speaker's card: turns, share, times, excerpts.
    Card,
    /// Complete the speaker's name typed in the prompt (again: the next that fits).
    Complete,
    /// Suspend the reader (the shell's job control takes over until `fg`).
    Suspend,
    /// Accept the prompt (search: keep the position; go-to: go).
    Submit,
    /// Leave the prompt (search: back to where it began) or the help screen.
    Cancel,
    /// Switch the search between plain text and regular expressions.
    ToggleRegex,
    /// Switch pinyin matching on or off.
    TogglePinyin,
    /// Switch between finding either Chinese script and only the script typed.
    ToggleSameScript,
    /// Recall the previous query of this session.
    HistoryPrev,
    /// Recall the next query of this session.
    HistoryNext,
    /// Edit the prompt's text.
    Edit(InputRequest),
    /// Select the speaker on this row of the speaker list's rows (0 is the first row shown).
    ClickSpeaker(u16),
    /// Jump to the part of the transcript at this row of the timeline strip.
    ClickTimeline(u16),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
}

impl Action {
    /// Whether the action jumps (rather than scrolls): `''` comes back to where it started.
    /// Marks, searches and the go-to prompt are jumps too, and say so themselves.
    pub fn is_jump(&self) -> bool {
        matches!(
            self,
            Self::First
                | Self::Last
                | Self::NextTurn
                | Self::PrevTurn
                | Self::NextSpeakerTurn
                | Self::PrevSpeakerTurn
                | Self::JumpToSpeaker(_)
                | Self::JumpToSelected
                | Self::NextMatch
                | Self::PrevMatch
                | Self::ClickTimeline(_)
        )
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Reading, whichever pane has focus.
    Reading,
    /// Reading, with focus on the conversation.
    Conversation,
    /// Reading, with focus on the speaker list.
    SpeakerList,
    /// Typing in the search bar.
    Search,
    /// Typing in the go-to prompt.
    Goto,
    /// Typing a speaker's name: rename, merge, reassign.
    Name,
    /// After `m` or `'`, waiting for the mark's letter.
    Mark,
    /// Selecting lines (`v`).
    Select,
    /// A speaker's card.
    Card,
    /// The help screen.
    Help,
    /// Anywhere (the mouse).
    Mouse,
}

impl Scope {
    /// The heading of this scope on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Conversation => "Conversation",
            Self::SpeakerList => "Speaker list (Tab)",
            Self::Search => "Search bar (/)",
            Self::Goto => "Go to (:)",
            Self::Name => "Name prompt (r, M, a)",
            Self::Mark => "Marks (m, ')",
            Self::Select => "Line selection (v)",
            Self::Card => "Speaker card (i)",
            Self::Help => "Help",
            Self::Mouse => "Mouse",
        }
    }
}
