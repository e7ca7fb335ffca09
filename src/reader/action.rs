//! Everything the reader can be asked to do. Keys and mouse events map onto these in
//! [`super::keymap`]; [`super::app::App::update`] carries them out.

use crossterm::event::KeyEvent;

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
    /// Open the go-to prompt (turn number, or time).
    StartGoto,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Show or hide the help screen.
    ToggleHelp,
    /// Quit the reader.
    Quit,
    /// Accept the prompt (search: keep the position; go-to: go).
    Submit,
    /// Leave the prompt (search: back to where it began) or the help screen.
    Cancel,
    /// Switch the search between plain text and regular expressions.
    ToggleRegex,
    /// Switch pinyin matching on or off.
    TogglePinyin,
    /// Recall the previous query of this session.
    HistoryPrev,
    /// Recall the next query of this session.
    HistoryNext,
    /// Edit the prompt's text with this key.
    Edit(KeyEvent),
    /// Select the speaker on this row of the speaker list.
    ClickSpeaker(u16),
    /// Jump to the part of the transcript at this row of the timeline strip (row, rows).
    ClickTimeline(u16, u16),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Time passed: pick up what the background search found.
    Tick,
    /// Tell the user something in the status bar (a file that could not be opened).
    Notice(String),
}
