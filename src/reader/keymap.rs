//! The one table of key bindings. It drives dispatch, the footer hints, the help screen and
//! (checked by a test) the README's table, so what the help says is what the keys do.
//!
//! `?` is help, not backward search as in less and vim: `N` already steps back through the
//! matches of a `/` search, and `?` is where newcomers look for help in every TUI.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::backend::crossterm::to_input_request;

use super::action::{Action, Scope};
use super::geometry::Geometry;

/// Something the user does: a key with its modifiers, or a mouse gesture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key and its modifiers (Ctrl, Alt…).
    Press(KeyCode, KeyModifiers),
    /// The mouse wheel, down (`true`) or up.
    Wheel(bool),
    /// A click on a speaker in the speaker list.
    ClickSpeaker,
    /// A click on the timeline strip.
    ClickTimeline,
}

const fn key(code: KeyCode) -> Key {
    Key::Press(code, KeyModifiers::NONE)
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key::Press(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// What the help screen says.
    pub help: &'static str,
}

const fn bind(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
    }
}

use Scope::{
    Card, Conversation, Goto, Help, Mark, Mouse, Name, Reading, Search, Select, SpeakerList,
};

/// Every binding of the reader, one per line so that the table reads as a table.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Conversation, &[ch('j'), key(KeyCode::Down), ctrl('e')], Action::ScrollLines(1), "scroll down a line"),
    bind(Conversation, &[ch('k'), key(KeyCode::Up), ctrl('y')], Action::ScrollLines(-1), "scroll up a line"),
    bind(Reading, &[ch(' '), key(KeyCode::PageDown), ch('f'), ctrl('f')], Action::ScrollHalfPages(2), "page down"),
    bind(Reading, &[ch('b'), key(KeyCode::PageUp), ctrl('b')], Action::ScrollHalfPages(-2), "page up"),
    bind(Reading, &[ctrl('d')], Action::ScrollHalfPages(1), "half a page down"),
    bind(Reading, &[ctrl('u')], Action::ScrollHalfPages(-1), "half a page up"),
    bind(Reading, &[ch('g'), key(KeyCode::Home)], Action::First, "first turn"),
    bind(Reading, &[ch('G'), key(KeyCode::End)], Action::Last, "last turn"),
    bind(Reading, &[ch(']')], Action::NextTurn, "next turn"),
    bind(Reading, &[ch('[')], Action::PrevTurn, "previous turn"),
    bind(Reading, &[ch('}')], Action::NextSpeakerTurn, "selected speaker's next turn"),
    bind(Reading, &[ch('{')], Action::PrevSpeakerTurn, "selected speaker's previous turn"),
    bind(Reading, &[ch('1')], Action::JumpToSpeaker(0), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('2')], Action::JumpToSpeaker(1), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('3')], Action::JumpToSpeaker(2), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('4')], Action::JumpToSpeaker(3), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('5')], Action::JumpToSpeaker(4), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('6')], Action::JumpToSpeaker(5), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('7')], Action::JumpToSpeaker(6), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('8')], Action::JumpToSpeaker(7), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[ch('9')], Action::JumpToSpeaker(8), "select speaker 1–9, go to their next turn"),
    bind(Reading, &[key(KeyCode::Tab), Key::Press(KeyCode::BackTab, KeyModifiers::NONE)], Action::ToggleFocus, "focus speaker list / conversation"),
    bind(SpeakerList, &[ch('j'), key(KeyCode::Down)], Action::MoveSelection(1), "select next speaker"),
    bind(SpeakerList, &[ch('k'), key(KeyCode::Up)], Action::MoveSelection(-1), "select previous speaker"),
    bind(SpeakerList, &[key(KeyCode::Enter)], Action::JumpToSelected, "go to their next turn"),
    bind(SpeakerList, &[ch('x')], Action::ToggleHidden, "hide / show their turns"),
    bind(SpeakerList, &[ch('o')], Action::Solo, "show only them; again: everyone"),
    bind(SpeakerList, &[ch('r')], Action::Rename, "rename (empty: the original name)"),
    bind(SpeakerList, &[ch('M')], Action::Merge, "merge into another speaker"),
    bind(SpeakerList, &[ch('i')], Action::Card, "their card: turns, share, excerpts"),
    bind(Conversation, &[ch('a')], Action::Reassign, "give the top turn to another speaker"),
    bind(Reading, &[ch('/')], Action::StartSearch, "search"),
    bind(Reading, &[ch('n')], Action::NextMatch, "next match"),
    bind(Reading, &[ch('N')], Action::PrevMatch, "previous match"),
    bind(Reading, &[key(KeyCode::Esc)], Action::ClearSearch, "clear the search highlights"),
    bind(Reading, &[ch('y')], Action::Copy, "copy the turn at the top, attributed"),
    bind(Reading, &[ch('v')], Action::Select, "select lines (j k extend, y copies)"),
    bind(Reading, &[ch('*')], Action::Highlight, "highlight the top turn; again: remove"),
    bind(Reading, &[ch('u')], Action::Undo, "undo the last edit"),
    bind(Reading, &[ch('m')], Action::SetMark, "set a mark: m and a letter"),
    bind(Reading, &[ch('\'')], Action::GoToMark, "go to a mark: ' and a letter; '' back"),
    bind(Reading, &[ch(':')], Action::StartGoto, "go to :12 :12:30 :$ :speaker NAME :n :p"),
    bind(Reading, &[ch('?')], Action::ToggleHelp, "help"),
    bind(Reading, &[ch('q'), ctrl('c')], Action::Quit, "quit (also :q)"),
    bind(Reading, &[ctrl('z')], Action::Suspend, "suspend (fg resumes)"),
    bind(Search, &[key(KeyCode::Enter)], Action::Submit, "keep this position"),
    bind(Search, &[key(KeyCode::Esc)], Action::Cancel, "back to where the search began"),
    bind(Search, &[ctrl('r')], Action::ToggleRegex, "regular expression on / off"),
    bind(Search, &[ctrl('p')], Action::TogglePinyin, "pinyin matching on / off"),
    bind(Search, &[ctrl('t')], Action::ToggleSameScript, "the script typed only / either script"),
    bind(Search, &[key(KeyCode::Up)], Action::HistoryPrev, "earlier query"),
    bind(Search, &[key(KeyCode::Down)], Action::HistoryNext, "later query"),
    bind(Search, &[ctrl('c')], Action::Quit, "quit"),
    bind(Search, &[ctrl('z')], Action::Suspend, "suspend"),
    bind(Goto, &[key(KeyCode::Enter)], Action::Submit, "go"),
    bind(Goto, &[key(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(Goto, &[ctrl('c')], Action::Quit, "quit"),
    bind(Goto, &[ctrl('z')], Action::Suspend, "suspend"),
    bind(Name, &[key(KeyCode::Enter)], Action::Submit, "done"),
    bind(Name, &[key(KeyCode::Tab)], Action::Complete, "complete a speaker's name"),
    bind(Name, &[key(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(Name, &[ctrl('c')], Action::Quit, "quit"),
    bind(Name, &[ctrl('z')], Action::Suspend, "suspend"),
    bind(Mark, &[key(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(Mark, &[ctrl('c')], Action::Quit, "quit"),
    bind(Select, &[ch('j'), key(KeyCode::Down)], Action::ExtendSelection(1), "one more line down"),
    bind(Select, &[ch('k'), key(KeyCode::Up)], Action::ExtendSelection(-1), "one more line up"),
    bind(Select, &[ch('y')], Action::Copy, "copy the lines, attributed"),
    bind(Select, &[ch('*')], Action::Highlight, "highlight the lines"),
    bind(Select, &[key(KeyCode::Esc), ch('v')], Action::Cancel, "stop selecting"),
    bind(Select, &[ctrl('c')], Action::Quit, "quit"),
    bind(Card, &[key(KeyCode::Esc), ch('i'), ch('q')], Action::Cancel, "close the card"),
    bind(Card, &[ctrl('c')], Action::Quit, "quit"),
    bind(Help, &[key(KeyCode::Esc), ch('?'), ch('q')], Action::Cancel, "close help"),
    bind(Help, &[ch('j'), key(KeyCode::Down)], Action::ScrollLines(1), "scroll down"),
    bind(Help, &[ch('k'), key(KeyCode::Up)], Action::ScrollLines(-1), "scroll up"),
    bind(Help, &[ctrl('c')], Action::Quit, "quit"),
    bind(Help, &[ctrl('z')], Action::Suspend, "suspend"),
    bind(Mouse, &[Key::Wheel(true)], Action::ScrollLines(3), "scroll down three lines"),
    bind(Mouse, &[Key::Wheel(false)], Action::ScrollLines(-3), "scroll up three lines"),
    bind(Mouse, &[Key::ClickSpeaker], Action::ClickSpeaker(0), "select that speaker"),
    bind(Mouse, &[Key::ClickTimeline], Action::ClickTimeline(0), "jump to that part of the transcript"),
];

/// The scopes a key is looked up in, most specific first.
pub fn scopes(mode: Scope) -> &'static [Scope] {
    match mode {
        Conversation => &[Conversation, Reading],
        SpeakerList => &[SpeakerList, Reading],
        Reading => &[Reading],
        Search => &[Search],
        Goto => &[Goto],
        Name => &[Name],
        Mark => &[Mark],
        Select => &[Select],
        Card => &[Card],
        Help => &[Help],
        Mouse => &[Mouse],
    }
}

/// The action bound to `pressed` in `mode`'s scopes.
fn lookup(mode: Scope, pressed: Key) -> Option<Action> {
    scopes(mode).iter().find_map(|&scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&pressed))
            .map(|binding| binding.action.clone())
    })
}

/// The action for a key in a mode, if any. In a prompt, keys without a binding edit the text
/// (tui-input's emacs-style line editing, where `Ctrl-u` clears the line); after `m` or `'`,
/// a character names a mark.
pub fn action_for(mode: Scope, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shifted letters arrive as the upper-case letter, sometimes with SHIFT set: ignore SHIFT.
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    if let Some(action) = lookup(mode, Key::Press(event.code, modifiers)) {
        return Some(action);
    }
    if matches!(mode, Search | Goto | Name) {
        return to_input_request(&Event::Key(event)).map(Action::Edit);
    }
    // After `m` or `'`, the next character names the mark.
    match (mode, event.code, modifiers) {
        (Mark, KeyCode::Char(c), KeyModifiers::NONE) => Some(Action::Letter(c)),
        _ => None,
    }
}

/// The action for a mouse event: the wheel scrolls, a click on the speaker list selects that
/// speaker, a click on the timeline jumps to that part of the transcript.
pub fn mouse_action(event: MouseEvent, geometry: &Geometry) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => lookup(Mouse, Key::Wheel(true)),
        MouseEventKind::ScrollUp => lookup(Mouse, Key::Wheel(false)),
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(list) = geometry.list_rows().filter(|a| a.contains(column, row)) {
                return Some(Action::ClickSpeaker(row - list.y));
            }
            let strip = geometry.timeline.filter(|a| a.contains(column, row))?;
            Some(Action::ClickTimeline(row - strip.y))
        }
        _ => None,
    }
}

/// The action for any terminal event in `mode`.
pub fn event_action(mode: Scope, geometry: &Geometry, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(mode, *key),
        Event::Mouse(mouse) => mouse_action(*mouse, geometry),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

/// How a key is written on the help screen: `j`, `↓`, `Ctrl-d`, `Space`.
pub fn key_name(key: Key) -> String {
    let (code, modifiers) = match key {
        Key::Press(code, modifiers) => (code, modifiers),
        Key::Wheel(true) => return "wheel ↓".to_owned(),
        Key::Wheel(false) => return "wheel ↑".to_owned(),
        Key::ClickSpeaker => return "click speaker".to_owned(),
        Key::ClickTimeline => return "click timeline".to_owned(),
    };
    let base = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::BackTab => "Shift-Tab".to_owned(),
        other => other.to_string(),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The help screen's entries for a scope: keys and what they do, bindings with the same text
/// merged (`1–9`).
pub fn help_rows(scope: Scope) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
        let names = binding.keys.iter().map(|&k| key_name(k));
        match rows.last_mut() {
            Some((keys, help)) if *help == binding.help => keys.extend(names),
            _ => rows.push((names.collect(), binding.help)),
        }
    }
    rows.into_iter()
        .map(|(keys, help)| {
            let text = if keys.len() > 4 {
                format!("{}–{}", keys[0], keys[keys.len() - 1])
            } else {
                keys.join(" ")
            };
            (text, help)
        })
        .collect()
}

/// The first key of the binding for an action in a scope, for footer hints.
pub fn hint(scope: Scope, action: &Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == *action)
        .and_then(|b| b.keys.first())
        .map(|&k| key_name(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_spec_key_is_bound() {
        let none = KeyModifiers::NONE;
        let cases = [
            (KeyCode::Char('j'), none, Action::ScrollLines(1)),
            (KeyCode::Down, none, Action::ScrollLines(1)),
            (KeyCode::Char('k'), none, Action::ScrollLines(-1)),
            (KeyCode::Char(' '), none, Action::ScrollHalfPages(2)),
            (KeyCode::PageDown, none, Action::ScrollHalfPages(2)),
            (KeyCode::Char('f'), none, Action::ScrollHalfPages(2)),
            (KeyCode::Char('b'), none, Action::ScrollHalfPages(-2)),
            (KeyCode::PageUp, none, Action::ScrollHalfPages(-2)),
            (
                KeyCode::Char('d'),
                KeyModifiers::CONTROL,
                Action::ScrollHalfPages(1),
            ),
            (
                KeyCode::Char('u'),
                KeyModifiers::CONTROL,
                Action::ScrollHalfPages(-1),
            ),
            (KeyCode::Char('g'), none, Action::First),
            (KeyCode::Home, none, Action::First),
            (KeyCode::Char('G'), KeyModifiers::SHIFT, Action::Last),
            (KeyCode::End, none, Action::Last),
            (KeyCode::Char(']'), none, Action::NextTurn),
            (KeyCode::Char('['), none, Action::PrevTurn),
            (KeyCode::Char('}'), none, Action::NextSpeakerTurn),
            (KeyCode::Char('{'), none, Action::PrevSpeakerTurn),
            (KeyCode::Char('3'), none, Action::JumpToSpeaker(2)),
            (KeyCode::Tab, none, Action::ToggleFocus),
            (KeyCode::Char('/'), none, Action::StartSearch),
            (KeyCode::Char('n'), none, Action::NextMatch),
            (KeyCode::Char('N'), KeyModifiers::SHIFT, Action::PrevMatch),
            (KeyCode::Char(':'), none, Action::StartGoto),
            (KeyCode::Char('?'), none, Action::ToggleHelp),
            (KeyCode::Char('q'), none, Action::Quit),
            (KeyCode::Char('c'), KeyModifiers::CONTROL, Action::Quit),
        ];
        for (code, modifiers, action) in cases {
            assert_eq!(
                action_for(Conversation, press(code, modifiers)),
                Some(action),
                "{code:?}"
            );
        }
    }

    #[test]
    fn speaker_list_keys_apply_only_there() {
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(SpeakerList, enter), Some(Action::JumpToSelected));
        assert_eq!(action_for(Conversation, enter), None);
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(action_for(SpeakerList, x), Some(Action::ToggleHidden));
        let o = press(KeyCode::Char('o'), KeyModifiers::NONE);
        assert_eq!(action_for(SpeakerList, o), Some(Action::Solo));
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(SpeakerList, j), Some(Action::MoveSelection(1)));
    }

    #[test]
    fn prompts_edit_with_unbound_keys() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        let insert = |c| Some(Action::Edit(tui_input::InputRequest::InsertChar(c)));
        assert_eq!(action_for(Search, q), insert('q'));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(Search, esc), Some(Action::Cancel));
        let regex = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Search, regex), Some(Action::ToggleRegex));
        let han = press(KeyCode::Char('消'), KeyModifiers::NONE);
        assert_eq!(action_for(Goto, han), insert('消'));
        let backspace = press(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(
            action_for(Search, backspace),
            Some(Action::Edit(tui_input::InputRequest::DeletePrevChar))
        );
    }

    #[test]
    fn help_merges_the_number_keys() {
        let rows = help_rows(Reading);
        assert!(rows.contains(&(
            "1–9".to_owned(),
            "select speaker 1–9, go to their next turn"
        )));
        assert!(rows.contains(&("q Ctrl-c".to_owned(), "quit (also :q)")));
        assert_eq!(hint(Reading, &Action::ToggleHelp).as_deref(), Some("?"));
    }

    #[test]
    fn mouse() {
        let event = |kind, column, row| MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let geometry = crate::reader::geometry::geometry(100, 30, 22, None);
        let wheel = event(MouseEventKind::ScrollDown, 50, 5);
        assert_eq!(mouse_action(wheel, &geometry), Some(Action::ScrollLines(3)));
        let click = |column, row| event(MouseEventKind::Down(MouseButton::Left), column, row);
        assert_eq!(
            mouse_action(click(3, 4), &geometry),
            Some(Action::ClickSpeaker(3))
        );
        assert_eq!(
            mouse_action(click(98, 15), &geometry),
            Some(Action::ClickTimeline(14))
        );
        assert_eq!(mouse_action(click(50, 4), &geometry), None);
        let narrow = crate::reader::geometry::geometry(40, 12, 22, None);
        assert_eq!(mouse_action(click(3, 4), &narrow), None);
    }
}

#[cfg(test)]
mod readme {
    use super::*;

    /// The README's table of keys is written by hand; this keeps it honest.
    #[test]
    fn readme_lists_every_binding() {
        let readme = include_str!("../../README.md");
        let start = readme.find("## The reader").expect("a reader section");
        let section = &readme[start..];
        for binding in BINDINGS.iter().filter(|b| !matches!(b.scope, Help | Mouse)) {
            for &key in binding.keys {
                let name = key_name(key);
                if name.len() == 1 && name.chars().all(|c| c.is_ascii_digit()) {
                    assert!(section.contains("`1`–`9`"), "README misses the number keys");
                    continue;
                }
                assert!(
                    section.contains(&format!("`{name}`")),
                    "README misses {name} ({})",
                    binding.help
                );
            }
        }
    }
}
