//! The one table of key bindings. It drives dispatch, the footer hints and the help screen,
//! so what the help says is what the keys do.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use ratatui::layout::{Position, Rect};

use super::action::Action;

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
    /// The help screen.
    Help,
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
            Self::Help => "Help",
        }
    }
}

/// A key and its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt…
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
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

use Scope::{Conversation, Goto, Help, Reading, Search, SpeakerList};

/// Every binding of the reader, one per line so that the table reads as a table.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Conversation, &[ch('j'), key(KeyCode::Down)], Action::ScrollLines(1), "scroll down a line"),
    bind(Conversation, &[ch('k'), key(KeyCode::Up)], Action::ScrollLines(-1), "scroll up a line"),
    bind(Reading, &[ch(' '), key(KeyCode::PageDown), ch('f')], Action::ScrollHalfPages(2), "page down"),
    bind(Reading, &[ch('b'), key(KeyCode::PageUp)], Action::ScrollHalfPages(-2), "page up"),
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
    bind(Reading, &[key(KeyCode::Tab), key(KeyCode::BackTab)], Action::ToggleFocus, "focus speaker list / conversation"),
    bind(SpeakerList, &[ch('j'), key(KeyCode::Down)], Action::MoveSelection(1), "select next speaker"),
    bind(SpeakerList, &[ch('k'), key(KeyCode::Up)], Action::MoveSelection(-1), "select previous speaker"),
    bind(SpeakerList, &[key(KeyCode::Enter)], Action::JumpToSelected, "go to their next turn"),
    bind(SpeakerList, &[ch('x')], Action::ToggleHidden, "hide / show their turns"),
    bind(SpeakerList, &[ch('o')], Action::Solo, "show only them; again: everyone"),
    bind(Reading, &[ch('/')], Action::StartSearch, "search"),
    bind(Reading, &[ch('n')], Action::NextMatch, "next match"),
    bind(Reading, &[ch('N')], Action::PrevMatch, "previous match"),
    bind(Reading, &[ch(':')], Action::StartGoto, "go to turn :12, time :12:30, file :n :p"),
    bind(Reading, &[ch('?')], Action::ToggleHelp, "help"),
    bind(Reading, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(Search, &[key(KeyCode::Enter)], Action::Submit, "keep this position"),
    bind(Search, &[key(KeyCode::Esc)], Action::Cancel, "back to where the search began"),
    bind(Search, &[ctrl('r')], Action::ToggleRegex, "regular expression on / off"),
    bind(Search, &[ctrl('p')], Action::TogglePinyin, "pinyin matching on / off"),
    bind(Search, &[key(KeyCode::Up)], Action::HistoryPrev, "earlier query"),
    bind(Search, &[key(KeyCode::Down)], Action::HistoryNext, "later query"),
    bind(Search, &[ctrl('c')], Action::Quit, "quit"),
    bind(Goto, &[key(KeyCode::Enter)], Action::Submit, "go"),
    bind(Goto, &[key(KeyCode::Esc)], Action::Cancel, "cancel"),
    bind(Goto, &[ctrl('c')], Action::Quit, "quit"),
    bind(Help, &[key(KeyCode::Esc), ch('?'), ch('q')], Action::Cancel, "close help"),
    bind(Help, &[ch('j'), key(KeyCode::Down)], Action::ScrollLines(1), "scroll down"),
    bind(Help, &[ch('k'), key(KeyCode::Up)], Action::ScrollLines(-1), "scroll up"),
    bind(Help, &[ctrl('c')], Action::Quit, "quit"),
];

/// The scopes a key is looked up in, most specific first.
pub fn scopes(mode: Scope) -> &'static [Scope] {
    match mode {
        Conversation => &[Conversation, Reading],
        SpeakerList => &[SpeakerList, Reading],
        Reading => &[Reading],
        Search => &[Search],
        Goto => &[Goto],
        Help => &[Help],
    }
}

/// The action for a key in a mode, if any. In a prompt, keys without a binding edit the text.
pub fn action_for(mode: Scope, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shifted letters arrive as the upper-case letter, sometimes with SHIFT set: ignore SHIFT.
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let pressed = Key {
        code: event.code,
        modifiers,
    };
    for &scope in scopes(mode) {
        let found = BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&pressed));
        if let Some(binding) = found {
            return Some(binding.action.clone());
        }
    }
    matches!(mode, Search | Goto).then_some(Action::Edit(event))
}

/// The parts of the screen a click can land on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClickTargets {
    /// The speaker list's rows, inside its border.
    pub speakers: Option<Rect>,
    /// The speaker timeline strip.
    pub timeline: Option<Rect>,
}

/// The action for a mouse event: the wheel scrolls, a click on the speaker list selects that
/// speaker, a click on the timeline jumps to that part of the transcript.
pub fn mouse_action(event: MouseEvent, targets: ClickTargets) -> Option<Action> {
    let at = Position::new(event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollLines(3)),
        MouseEventKind::ScrollUp => Some(Action::ScrollLines(-3)),
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(list) = targets.speakers.filter(|area| area.contains(at)) {
                return Some(Action::ClickSpeaker(event.row - list.y));
            }
            let strip = targets.timeline.filter(|area| area.contains(at))?;
            Some(Action::ClickTimeline(event.row - strip.y, strip.height))
        }
        _ => None,
    }
}

/// How a key is written on the help screen: `j`, `↓`, `Ctrl-d`, `Space`.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::BackTab => "S-Tab".to_owned(),
        other => other.to_string(),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
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
        assert_eq!(action_for(Search, q), Some(Action::Edit(q)));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(Search, esc), Some(Action::Cancel));
        let regex = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Search, regex), Some(Action::ToggleRegex));
        let han = press(KeyCode::Char('消'), KeyModifiers::NONE);
        assert_eq!(action_for(Goto, han), Some(Action::Edit(han)));
    }

    #[test]
    fn help_merges_the_number_keys() {
        let rows = help_rows(Reading);
        assert!(rows.contains(&(
            "1–9".to_owned(),
            "select speaker 1–9, go to their next turn"
        )));
        assert!(rows.contains(&("q Ctrl-c".to_owned(), "quit")));
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
        let targets = ClickTargets {
            speakers: Some(Rect::new(1, 1, 20, 10)),
            timeline: Some(Rect::new(90, 1, 1, 28)),
        };
        let wheel = event(MouseEventKind::ScrollDown, 50, 5);
        assert_eq!(mouse_action(wheel, targets), Some(Action::ScrollLines(3)));
        let click = |column, row| event(MouseEventKind::Down(MouseButton::Left), column, row);
        assert_eq!(
            mouse_action(click(3, 4), targets),
            Some(Action::ClickSpeaker(3))
        );
        assert_eq!(
            mouse_action(click(90, 15), targets),
            Some(Action::ClickTimeline(14, 28))
        );
        assert_eq!(mouse_action(click(50, 4), targets), None);
        assert_eq!(mouse_action(click(3, 4), ClickTargets::default()), None);
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
        for binding in BINDINGS.iter().filter(|b| b.scope != Help) {
            for &key in binding.keys {
                let name = key_name(key);
                if name == "S-Tab" {
                    continue;
                }
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
