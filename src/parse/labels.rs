//! Speaker labels: the one set of rules for what a label looks like, in every shape real
//! transcripts use. Each shape reads one line and proposes a candidate (a name, a time, where
//! the speech starts); which shape a document uses, and which candidates are speakers, is
//! decided for the whole document by [`super::infer`].
//!
//! | shape | examples |
//! |---|---|
//! | [`Shape::Colon`] | `主持人：…`, `Host: …`, `Name : …`, `▲홍길동 대변인 : …`, `Jane (00:02:03): …`, `[00:12:03] Jane: …`, `**00:01:02 - Jane**：`, a chat log's `jane> …` |
//! | [`Shape::Bracket`] | `【主持人】…`, `[主持人] …`, `［记者］…`, Zoom's `[Jane Doe] 11:02:09` |
//! | [`Shape::Timed`] | Otter's `Jane Doe  0:03`, `说话人1 00:00:03`, `发言人 1  00:01`, `Jane [0:00] text`, `12:05 - Jane` |
//! | [`Shape::Spaced`] | `Q    text`, `A⇥text`, `山田　text` |
//! | [`Shape::Marker`] | minutes: `○議長（大島理森君）　text`, `○議長（梶　泰久）` above the speech, `◯위원장 홍길동 text` |
//! | [`Shape::Period`] | hearing records: `Mr. SMITH. text`, `The CHAIRMAN. text`, `Q. text` |
//! | [`Shape::Bold`] | Markdown: `**Jane** text` |
//! | [`Shape::NameLine`] | a name alone on a short line, the speech below it |
//! | [`Shape::Dash`] | `──` or `——` opening an interviewer's paragraph |
//!
//! A name is the label with its clothing taken off: bullets, brackets, bold, a time, a manner
//! note in parentheses (`NARRATOR ( whispering )`); a qualifier that is not a manner note stays
//! (`Witness (second panel)`, `Defense Counsel [?]`). Names are always slices of the line.

use super::common::parse_clock;

/// A way of writing speaker labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// `Name: text`, ASCII or full-width colon, times and brackets allowed around the name.
    Colon,
    /// `[Name] text`, `【Name】text`: a bracketed name and no colon.
    Bracket,
    /// A name beside a time and no colon, the speech on the same line or below.
    Timed,
    /// A name, then a tab, two spaces or an ideographic space, then the speech.
    Spaced,
    /// Minutes: a marker (`○`, `◯`, `●`, `▲`) opening the speaker's name, the speech after a
    /// gap or on the lines below: `○議長（大島理森君）　text`, `◯위원장 홍길동 text`.
    Marker,
    /// A hearing record's `Mr. SMITH.`: an upper-case name ending in a period.
    Period,
    /// Markdown: a bold name at the start of a line, no colon.
    Bold,
    /// A name alone on its line.
    NameLine,
    /// A dash opening the interviewer's paragraph.
    Dash,
    /// Given with `--labels`.
    User,
}

impl Shape {
    /// Every inferred shape, in the order ties are broken (most specific first).
    pub const INFERRED: [Self; 9] = [
        Self::Timed,
        Self::Marker,
        Self::Bracket,
        Self::Period,
        Self::Colon,
        Self::Bold,
        Self::Spaced,
        Self::NameLine,
        Self::Dash,
    ];

    /// How `--explain` and the README show the shape.
    pub fn example(self) -> &'static str {
        match self {
            Self::Colon => "`Name: text`",
            Self::Bracket => "`[Name] text`",
            Self::Timed => "`Name  0:03` (a name beside a time)",
            Self::Spaced => "`Name    text` (a tab, spaces or an ideographic space)",
            Self::Marker => "`○Name　text` (minutes: a marker before the name)",
            Self::Period => "`Mr. NAME. text` (hearing records)",
            Self::Bold => "`**Name** text` (Markdown)",
            Self::NameLine => "a name alone on its line",
            Self::Dash => "`── question` (the interviewer's dash)",
            Self::User => "--labels",
        }
    }
}

/// A label one shape proposes for a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate<'a> {
    /// The shape that read it.
    pub shape: Shape,
    /// The speaker's name, a slice of the line.
    pub name: &'a str,
    /// A time in seconds given with the label.
    pub time: Option<f64>,
    /// Byte offset in the line where the speech starts (the line's length when it is below).
    pub body: usize,
    /// Whether the label's form alone makes it a label (a marker, a time, an honorific), so
    /// that it counts even when the name occurs once.
    pub strong: bool,
}

/// What a line is in a Markdown document (plain-text lines are all [`LineKind::Text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineKind {
    /// Ordinary text.
    #[default]
    Text,
    /// A heading of this level.
    Heading(u8),
    /// Text that starts with a bold span this many bytes long (markup removed).
    Strong(u32),
    /// A line of a code block.
    Code,
}

/// A time alone on a line (`(00:02:03):`, `[00:12:05]`, `12:05`): the current speaker goes on.
pub fn stamp(line: &str) -> Option<f64> {
    let line = line.trim().trim_end_matches([':', '：']).trim_end();
    let (time, used) = leading_time(line)?;
    (used == line.len()).then_some(time)
}

/// Whether a line holds nothing but a time stamp, in any notation: a clock time, or one
/// with days or frames (`[-00:00:00:10]`, mission elapsed time), signed, bracketed.
pub fn is_stamp(line: &str) -> bool {
    let line = line.trim().trim_end_matches([':', '：']).trim_end();
    // The longest notation, `[-000:00:00:00.000]`, is twenty-odd bytes.
    if line.len() > 40 {
        return false;
    }
    if stamp(line).is_some() {
        return true;
    }
    let inner = [('[', ']'), ('(', ')'), ('（', '）')]
        .iter()
        .find_map(|&(open, close)| line.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or(line)
        .trim_start_matches(['-', '+', '−']);
    inner.contains(':')
        && inner.starts_with(|c: char| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
}

/// The candidate `shape` proposes for `line`, if any.
pub fn candidate(shape: Shape, line: &str, kind: LineKind) -> Option<Candidate<'_>> {
    match shape {
        Shape::Colon => colon(line, kind),
        Shape::Bracket => bracket(line),
        Shape::Timed => timed(line),
        Shape::Spaced => spaced(line),
        Shape::Marker => marker(line),
        Shape::Period => period(line),
        Shape::Bold => bold(line, kind),
        Shape::NameLine => name_line(line, kind),
        Shape::Dash => dash(line),
        Shape::User => None,
    }
}

/// Characters that a sentence has and a name does not.
fn is_sentence_punctuation(c: char) -> bool {
    matches!(
        c,
        ',' | '!'
            | '?'
            | ';'
            | ':'
            | '"'
            | '='
            | '/'
            | '\\'
            | '|'
            | '<'
            | '>'
            | '{'
            | '}'
            | '*'
            | '#'
            | '@'
            | '~'
            | '`'
            | '+'
            | '，'
            | '。'
            | '！'
            | '？'
            | '、'
            | '；'
            | '：'
            | '“'
            | '”'
            | '《'
            | '》'
            | '「'
            | '」'
            | '…'
    )
}

/// Labels are short: a name or a role, with a qualifier. Counted in columns (a Han character is
/// two), so this allows 20 Han characters or 40 Latin.
const MAX_NAME_COLUMNS: usize = 40;
/// Latin labels have at most this many words (`The Honorable Jane Q. Public`).
const MAX_NAME_WORDS: usize = 6;
/// How far into a line a label's colon may be.
const LABEL_WINDOW: usize = 128;

/// Leading decoration that is never part of a name: spaces, bullets, list markers, quote marks.
fn decoration(line: &str) -> usize {
    let mut at = 0;
    // Bullets and indentation open a line; a long run of them is no decoration.
    for (index, c) in line.char_indices().take(32) {
        let bullet = matches!(
            c,
            '▲' | '△'
                | '◯'
                | '○'
                | '●'
                | '◎'
                | '■'
                | '□'
                | '◆'
                | '◇'
                | '•'
                | '※'
                | '☆'
                | '★'
                | '▶'
                | '►'
                | '▷'
                | '◉'
                | '❍'
                | '⚫'
        );
        // `-`, `*`, `+`, `>` only as list or quote markers, followed by a space; `>>`, a
        // caption's change of speaker, likewise.
        let rest = &line[index + c.len_utf8()..];
        let marker = match c {
            '-' | '*' | '+' | '·' => rest.starts_with([' ', '\t']),
            '>' => rest.trim_start_matches('>').starts_with([' ', '\t']),
            _ => false,
        };
        if c.is_whitespace() || c == '\u{3000}' || bullet || marker {
            at = index + c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// Whether the line starts with a marker bullet (`◯`, `○`, `▲`, …): minutes mark speakers so.
fn has_marker(line: &str) -> bool {
    line.trim_start().starts_with([
        '▲', '△', '◯', '○', '●', '◎', '■', '□', '◆', '◇', '•', '※', '☆', '★', '▶', '►', '▷',
    ])
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Display columns of a name, a non-ASCII character counting two.
fn columns(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// A time at the start of `text`: `[00:12:03]`, `(12:03)`, `（12:03）`, `\[04:01\]`, or a bare
/// `00:12:03` followed by a space, a separator or the end. Returns it and the bytes it used,
/// with the separator (`-`, `–`, `—`, `|`) and spaces after it.
pub fn leading_time(text: &str) -> Option<(f64, usize)> {
    if !text
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '[' | '(' | '（' | '【' | '\\'))
    {
        return None;
    }
    let pairs = [
        ("\\[", "\\]"),
        ("[", "]"),
        ("(", ")"),
        ("（", "）"),
        ("【", "】"),
    ];
    let (time, used) = pairs
        .iter()
        .find_map(|(open, close)| {
            let inner = text.strip_prefix(open)?;
            let end = inner.find(close)?;
            let time = parse_clock(&inner[..end])?;
            Some((time, open.len() + end + close.len()))
        })
        .or_else(|| {
            let end = text
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | ',')))
                .unwrap_or(text.len());
            let token = text[..end].trim_end_matches([',', '.']);
            Some((parse_clock(token)?, token.len()))
        })?;
    let rest = &text[used..];
    let after_spaces = rest.trim_start_matches(is_space);
    let after_separator = after_spaces
        .strip_prefix(['-', '–', '—', '|'])
        .map_or(after_spaces, |r| r.trim_start_matches(is_space));
    let bare = !text.starts_with(['[', '(', '（', '【', '\\']);
    if bare && rest.len() == after_spaces.len() && !rest.is_empty() {
        // `12:30pm`: a bare time must end at a space or a separator.
        return None;
    }
    Some((time, text.len() - after_separator.len()))
}

/// A time at the end of `text` (`Jane (00:02:03)`, `Jane [0:33]`, `Jane 0:33`): the time and
/// the text before it.
fn trailing_time(text: &str) -> Option<(f64, &str)> {
    let text = text.trim_end();
    if !text.ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | ']' | '）')) {
        return None;
    }
    for (open, close) in [("(", ")"), ("[", "]"), ("（", "）")] {
        if let Some(inner) = text.strip_suffix(close) {
            let start = inner.rfind(open)?;
            let time = parse_clock(&inner[start + open.len()..])?;
            return Some((time, inner[..start].trim_end()));
        }
    }
    let (before, token) = text.rsplit_once(is_space)?;
    Some((parse_clock(token)?, before.trim_end()))
}

/// Takes the clothing off a label: bold or italic markers, a time before or after it, brackets
/// around it, a manner note after it. Returns the name and the time.
fn clean_name(label: &str) -> (&str, Option<f64>) {
    let mut name = label.trim_matches(is_space);
    for marker in ["**", "__", "*", "_"]
        .into_iter()
        .filter(|_| name.starts_with(['*', '_']))
    {
        if let Some(inner) = name
            .strip_prefix(marker)
            .and_then(|n| n.strip_suffix(marker))
        {
            name = inner.trim_matches(is_space);
        }
    }
    let mut time = None;
    if let Some((found, used)) = leading_time(name) {
        time = Some(found);
        name = &name[used..];
    }
    if let Some((found, before)) = trailing_time(name) {
        time = time.or(Some(found));
        name = before;
    }
    name = strip_brackets(name);
    (strip_manner(name), time)
}

/// `[Name]`, `【Name】`, `［Name］`, `〔Name〕`, `〖Name〗` → `Name`.
fn strip_brackets(name: &str) -> &str {
    if !name.starts_with(['[', '【', '［', '〔', '〖']) {
        return name;
    }
    for (open, close) in [
        ('[', ']'),
        ('【', '】'),
        ('［', '］'),
        ('〔', '〕'),
        ('〖', '〗'),
    ] {
        if let Some(inner) = name.strip_prefix(open).and_then(|n| n.strip_suffix(close))
            && !inner.contains([open, close])
        {
            return inner.trim_matches(is_space);
        }
    }
    name
}

/// `NARRATOR ( whispering )` → `NARRATOR`, `Don Watkins（LCTT 译注：本文作者）` → `Don
/// Watkins`; `Witness (second panel)` stays whole.
fn strip_manner(name: &str) -> &str {
    if !name.ends_with([')', '）', ']']) {
        return name;
    }
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        let Some(inner) = name.strip_suffix(close) else {
            continue;
        };
        let Some(start) = inner.rfind(open) else {
            continue;
        };
        let base = inner[..start].trim_end_matches(is_space);
        let note = &inner[start + open.len_utf8()..];
        if !base.is_empty() && (is_manner(note) || is_editorial(note)) {
            return base;
        }
    }
    name
}

/// Whether a parenthetical after a name says how they speak, not who they are.
pub fn is_manner(note: &str) -> bool {
    const WORDS: &[&str] = &[
        "laughs",
        "laughter",
        "sighs",
        "cont'd",
        "contd",
        "continued",
        "v.o.",
        "o.s.",
        "o.c.",
        "off",
        "offscreen",
        "off-screen",
        "aside",
        "beat",
        "pause",
        "quietly",
        "softly",
        "to",
        "into",
        "on",
        "over",
        "via",
        "as",
        "through",
        "in",
        "translated",
        "interpreted",
        "笑",
        "笑着",
        "笑着说",
        "大笑",
        "苦笑",
        "停顿",
        "叹气",
        "插话",
        "哭",
        "沉默",
        "激动",
        "翻译",
        "翻譯",
        "通过翻译",
        "通過翻譯",
        "通訳",
        "통역",
    ];
    let note = note.trim_matches(|c: char| is_space(c) || matches!(c, '.' | '。'));
    let Some(first) = note.split_whitespace().next() else {
        return false;
    };
    let first = first.to_lowercase();
    if note.chars().count() > 24 {
        return false;
    }
    // An `-ing` word (`whispering`, `laughing`, `into phone` aside) says how.
    let gerund = first.len() > 4 && first.ends_with("ing") && first.is_ascii();
    gerund || WORDS.contains(&first.as_str()) || WORDS.contains(&note)
}

/// Whether a parenthetical after a name is a translator's or editor's note on it (`LCTT 译注：
/// 本文作者`, `编者注`, `Translator's note: …`): the editor speaking, not part of the name.
fn is_editorial(note: &str) -> bool {
    const MARKS: &[&str] = &[
        "译注",
        "譯注",
        "譯註",
        "译者注",
        "譯者注",
        "编注",
        "編注",
        "編註",
        "编者注",
        "編者注",
        "訳注",
        "訳者注",
        "編集部注",
        "역주",
        "편집자 주",
        "translator's note",
        "translator’s note",
        "editor's note",
        "editor’s note",
        "ed. note",
    ];
    if note.chars().count() > 40 {
        return false;
    }
    let lower = note.to_lowercase();
    MARKS.iter().any(|mark| lower.contains(mark))
}

/// Whether `name` can be a speaker's name or role: short, with a letter, without sentence
/// punctuation, not a number, a clock time, a URL or an e-mail address. A qualifier in
/// brackets at its end may hold anything short (`Defense Counsel [?]`).
pub fn is_name(name: &str) -> bool {
    // A name is short: a long text is ruled out before anything walks it.
    if name.len() > 4 * MAX_NAME_COLUMNS {
        return false;
    }
    let core = qualifier_start(name).map_or(name, |at| name[..at].trim_end());
    if core.is_empty() || name.len() > 4 * MAX_NAME_COLUMNS || columns(name) > MAX_NAME_COLUMNS {
        return false;
    }
    let mut letter = false;
    let mut words = 1;
    let mut after_space = false;
    for c in core.chars() {
        if is_sentence_punctuation(c)
            || c.is_control()
            || matches!(
                c,
                '(' | ')' | '[' | ']' | '（' | '）' | '【' | '】' | '［' | '］' | '〔' | '〕'
            )
        {
            return false;
        }
        if c == ' ' {
            words += usize::from(!after_space);
            after_space = true;
            continue;
        }
        after_space = false;
        letter = letter || c.is_ascii_alphabetic() || is_han(c) || c.is_alphabetic();
    }
    // `_page`, `_tape`: a machine's key, not a name.
    letter
        && words <= MAX_NAME_WORDS
        && !core.starts_with('_')
        && !core.contains("://")
        && !core.starts_with("www.")
}

/// A CJK unified ideograph: the common case of a letter, checked before Unicode's tables.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// Where a trailing bracketed qualifier starts (`Witness (second panel)`), if there is one.
fn qualifier_start(name: &str) -> Option<usize> {
    let (open, close) = match name.chars().next_back()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        '）' => ('（', '）'),
        _ => return None,
    };
    let start = name.rfind(open)?;
    let inner = &name[start + open.len_utf8()..name.len() - close.len_utf8()];
    (start > 0 && !inner.contains([open, close]) && columns(inner) <= 24).then_some(start)
}

/// `Name: text`; in Markdown `**Name:** text` and `**Name**: text`, which are labels by form.
fn colon(line: &str, kind: LineKind) -> Option<Candidate<'_>> {
    let start = decoration(line);
    let rest = &line[start..];
    let (mut colon, mut colon_len) = label_colon(rest)?;
    let (mut name, mut time) = clean_name(&rest[..colon]);
    if !is_name(name) {
        // Only when the first colon makes no name: most lines have no parenthesis to look for.
        (colon, colon_len) = colon_after_parenthesis(rest, colon)?;
        (name, time) = clean_name(&rest[..colon]);
        if !is_name(name) {
            return None;
        }
    }
    // A time may follow the label too: `Jane: [04:10] text`.
    let mut after = rest[colon + colon_len..].trim_start_matches(is_space);
    if let Some((found, used)) = leading_time(after) {
        time = time.or(Some(found));
        after = &after[used..];
    }
    let body = offset_in(line, after);
    let bold = matches!(kind, LineKind::Strong(length) if start + colon <= length as usize + 1);
    // `ipa> text`: a chat log's nickname is a label by form, lower case or not.
    let chat = rest[colon..].starts_with('>');
    Some(Candidate {
        shape: Shape::Colon,
        name,
        time,
        body,
        strong: time.is_some() || bold || chat || has_marker(line) || is_formal_name(name),
    })
}

/// A name as records write it, an honorific or `The` and the name in capitals (`MR. BROWN`,
/// `Ms. LOGAN`, `The COURT`): a label by its form, though it speaks once.
fn is_formal_name(name: &str) -> bool {
    let Some((first, _)) = name.split_once(' ') else {
        return false;
    };
    let first = first.trim_end_matches('.');
    let honorific = first.eq_ignore_ascii_case("the")
        || HONORIFICS
            .iter()
            .any(|honorific| first.eq_ignore_ascii_case(honorific));
    honorific && is_capitalised_name(name)
}

/// The colon that ends a label: the first ASCII, full-width or small colon in the label window
/// that is not inside a clock time (`17:30`). A URL's colon first means there is no label.
fn label_colon(text: &str) -> Option<(usize, usize)> {
    let window = &text[..floor_boundary(text, LABEL_WINDOW)];
    // Most lines have no colon: only the bytes that can start one (or a chat log's `>`) are
    // looked at. `：` and `﹕` begin with 0xEF, a lead byte, so every hit is a character's start.
    let hits = memchr::memchr3_iter(b':', b'>', 0xEF, window.as_bytes());
    for at in hits {
        let Some(c) = window[at..].chars().next() else {
            break;
        };
        // A chat log's `ipa> text`: one word, then `>` and a space.
        if c == '>'
            && at > 0
            && !window[..at].contains(is_space)
            && window[at + 1..].starts_with(' ')
        {
            return Some((at, 1));
        }
        if !matches!(c, ':' | '：' | '﹕') {
            continue;
        }
        let before = window[..at].chars().next_back();
        let after = &window[at + c.len_utf8()..];
        let digit_before = before.is_some_and(|b| b.is_ascii_digit());
        if c == ':' && digit_before && after.starts_with(|a: char| a.is_ascii_digit()) {
            continue;
        }
        if after.starts_with("//") {
            return None;
        }
        return Some((at, c.len_utf8()));
    }
    None
}

/// The label's colon when the first colon is inside a parenthesis that closes after it, a
/// note on the name with a colon of its own (`Don Watkins（LCTT 译注：本文作者）：`): the first
/// colon after the parenthesis, in the label window.
fn colon_after_parenthesis(text: &str, first: usize) -> Option<(usize, usize)> {
    let before = &text[..first];
    let ascii = memchr::memrchr(b'(', before.as_bytes());
    let wide = before.rfind('（');
    let (open, close) = match (ascii, wide) {
        (Some(a), Some(w)) if a > w => (a, ')'),
        (Some(a), None) => (a, ')'),
        (_, Some(w)) => (w, '）'),
        (None, None) => return None,
    };
    if before[open..].contains(close) {
        return None;
    }
    let closed = first + text[first..].find(close)? + close.len_utf8();
    if closed >= LABEL_WINDOW {
        return None;
    }
    let (colon, length) = label_colon(&text[closed..])?;
    Some((closed + colon, length))
}

/// Where `part`, a slice of `line`, starts in it.
fn offset_in(line: &str, part: &str) -> usize {
    let start = line.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if (start..=start + line.len()).contains(&at) {
        at - start
    } else {
        // Not a slice of the line (an empty literal): nothing of the line is speech.
        line.len()
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `[Name] text`, `【Name】text`, `[Name] 11:02:09`.
fn bracket(line: &str) -> Option<Candidate<'_>> {
    let start = decoration(line);
    let rest = &line[start..];
    let (open, close) = [
        ('[', ']'),
        ('【', '】'),
        ('［', '］'),
        ('〔', '〕'),
        ('〖', '〗'),
    ]
    .into_iter()
    .find(|(open, _)| rest.starts_with(*open))?;
    let end = rest.find(close)?;
    let inner = rest[open.len_utf8()..end].trim_matches(is_space);
    let after = &rest[end + close.len_utf8()..];
    // `[text](url)` is a link; `[00:12:03]` a time; `[laughter]` a stage direction.
    if after.starts_with('(') || parse_clock(inner).is_some() || is_stage_words(inner) {
        return None;
    }
    let name = strip_manner(inner);
    if !is_name(name) {
        return None;
    }
    let mut body = after.trim_start_matches(is_space);
    let mut time = None;
    if let Some((found, used)) = leading_time(body) {
        time = Some(found);
        body = &body[used..];
    }
    let body = body
        .strip_prefix([':', '：'])
        .unwrap_or(body)
        .trim_start_matches(is_space);
    Some(Candidate {
        shape: Shape::Bracket,
        name,
        time,
        body: offset_in(line, body),
        strong: time.is_some(),
    })
}

/// Words that, alone in brackets or parentheses, describe a sound, not a speaker.
pub fn is_stage_words(text: &str) -> bool {
    const STAGE: &[&str] = &[
        "laughter",
        "laughs",
        "laughing",
        "laugh",
        "applause",
        "music",
        "crosstalk",
        "inaudible",
        "silence",
        "pause",
        "cough",
        "coughs",
        "sighs",
        "cheers",
        "cheering",
        "noise",
        "unintelligible",
        "indiscernible",
        "overlapping",
        "background",
        "bleep",
        "beep",
        "end",
        "break",
        "recess",
        "笑",
        "笑声",
        "掌声",
        "鼓掌",
        "音乐",
        "静音",
        "听不清",
        "拍手",
        "笑い",
        "拍手喝采",
        "웃음",
        "박수",
    ];
    let text = text.trim_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '…'));
    // Lower-case Latin in brackets is a transcriber's description (`[inaudible 00:12]`).
    let lower = text.starts_with(|c: char| c.is_ascii_lowercase()) && !text.contains('_');
    let text = text.to_lowercase();
    let first = text.split_whitespace().next().unwrap_or("");
    lower || STAGE.contains(&text.as_str()) || STAGE.contains(&first)
}

/// A name beside a time, no colon: `Jane Doe  0:03`, `说话人1 00:00:03`, `Jane [0:00] text`,
/// `12:05 - Jane`.
fn timed(line: &str) -> Option<Candidate<'_>> {
    let start = decoration(line);
    let rest = line[start..].trim_end();
    // A name and a time take a short line, or open a long one.
    let rest = &rest[..floor_boundary(rest, LABEL_WINDOW)];
    // Time first, the name alone after it; not a sentence (`00:03:12 Yeah.`), not a time of
    // day (`11:16 A.M. EDT`).
    if let Some((time, used)) = leading_time(rest) {
        let name = strip_brackets(rest[used..].trim_matches(is_space));
        let name = clean_name(name).0;
        let sentence = name.ends_with(['.', '。', '!', '！', '?', '？', ',', '，']);
        let named = !name.is_empty() && is_name(name) && !name.contains([':', '：']);
        // `12:05 - Jane`: a separator makes it a label by form (`[00:48:14] Labor shortages`,
        // a chapter heading, must recur to count).
        let strong = rest[..used].trim_end().ends_with(['-', '–', '—', '|']);
        return (named && !sentence && !is_time_of_day_suffix(name)).then_some(Candidate {
            shape: Shape::Timed,
            name,
            time: Some(time),
            body: line.len(),
            strong,
        });
    }
    // The name, then a time ending the line. Only a wide gap or brackets make it a label by
    // form alone; `See you at 10:30` must recur to count.
    if let Some((time, before)) = trailing_time(rest) {
        let name = clean_name(before).0;
        let gap = &rest[before.len()..];
        let strong = gap.starts_with("  ")
            || gap.starts_with(['\t', '\u{3000}', '(', '[', '（'])
            || gap.trim_start().starts_with(['(', '[', '（']);
        return is_name(name).then_some(Candidate {
            shape: Shape::Timed,
            name,
            time: Some(time),
            body: line.len(),
            strong,
        });
    }
    // The name, a bracketed time, then the speech: `Jane [0:00] text`.
    let open = rest.find(['[', '(', '（'])?;
    let (time, used) = leading_time(&rest[open..])?;
    let name = clean_name(&rest[..open]).0;
    let body = rest[open + used..].trim_start_matches(is_space);
    let body = body
        .strip_prefix([':', '：'])
        .unwrap_or(body)
        .trim_start_matches(is_space);
    is_name(name).then_some(Candidate {
        shape: Shape::Timed,
        name,
        time: Some(time),
        body: offset_in(line, body),
        strong: true,
    })
}

/// A line that tells the time of day: `11:16 A.M. EDT`, `3:03 pm`, and in minutes
/// `午前10時00分　開会`, `午後２時１２分休憩`, `上午10时`, `오전 10시`.
pub fn is_time_of_day(line: &str) -> bool {
    let line = line.trim().trim_start_matches(['〇', '○']);
    let clock = leading_time(line).is_some_and(|(_, used)| {
        let rest = &line[used..];
        is_time_of_day_suffix(rest) && rest.split_whitespace().count() <= 3
    });
    let east_asian = [
        "午前", "午後", "上午", "下午", "中午", "晚上", "오전", "오후",
    ]
    .iter()
    .find_map(|prefix| line.strip_prefix(prefix))
    .is_some_and(|rest| {
        let rest = rest.trim_start_matches(is_space);
        rest.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && rest.contains(['時', '时', '시'])
            && line.chars().count() <= 20
    });
    clock || east_asian
}

/// `A.M. EDT`, `pm`, `UTC`: what follows a clock time that tells the time of day.
pub fn is_time_of_day_suffix(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(',')
        .to_ascii_lowercase();
    matches!(
        first.as_str(),
        "a.m."
            | "p.m."
            | "am"
            | "pm"
            | "a.m"
            | "p.m"
            | "utc"
            | "gmt"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "pst"
            | "pdt"
            | "cet"
            | "cest"
            | "bst"
            | "jst"
            | "kst"
            | "hkt"
    )
}

/// `Q    text`, `A⇥text`, `山田　text`, `○議長（大島理森君）　text`, `◯위원장 홍길동 text`.
fn spaced(line: &str) -> Option<Candidate<'_>> {
    let start = decoration(line);
    let rest = &line[start..];
    let window = &rest[..floor_boundary(rest, LABEL_WINDOW)];
    let gap = window
        .char_indices()
        .find(|&(at, c)| c == '\t' || c == '\u{3000}' || window[at..].starts_with("  "))
        .map(|(at, _)| at);
    if has_marker(line) {
        return None;
    }
    let (name, body) = match gap {
        Some(at) => (
            rest[..at].trim_end(),
            rest[at..].trim_start_matches(is_space),
        ),
        None => return None,
    };
    // `Yes.  I think` is a sentence and double spacing, not a label.
    let sentence_end = name.ends_with(['.', '。', '!', '！', '?', '？']);
    if body.is_empty() || sentence_end || name.contains([':', '：']) || stamp(body).is_some() {
        return None;
    }
    let name = strip_manner(name);
    is_name(name).then_some(Candidate {
        shape: Shape::Spaced,
        name,
        time: None,
        body: offset_in(line, body),
        strong: false,
    })
}

/// Markers that open a speaker's name in minutes. `◎` opens agenda items, not speakers.
const SPEAKER_MARKERS: [char; 8] = ['○', '◯', '●', '▲', '■', '◆', '☆', '★'];

/// `○議長（大島理森君）　text`, `○（伊藤よしのり議長）　text`, `○議長（梶　泰久）` alone,
/// `◯위원장 홍길동 text`, `▲홍길동 대변인 : text`.
fn marker(line: &str) -> Option<Candidate<'_>> {
    let rest = line.trim_start_matches(is_space);
    let after = rest.strip_prefix(SPEAKER_MARKERS)?;
    // A speaker's marker touches the name; `○ 휴회의 건`, spaced, opens an agenda item.
    let touching = !after.starts_with(is_space);
    let rest = after.trim_start_matches(is_space);
    // The name ends at a gap outside brackets (a name in brackets may hold a space).
    let mut depth = 0_i32;
    let mut gap = None;
    for (at, c) in rest.char_indices() {
        match c {
            '(' | '（' | '[' | '【' | '〔' => depth += 1,
            ')' | '）' | ']' | '】' | '〕' => depth -= 1,
            '\t' | '\u{3000}' if depth <= 0 => {
                gap = Some(at);
                break;
            }
            ' ' if depth <= 0 && rest[at..].starts_with("  ") => {
                gap = Some(at);
                break;
            }
            _ => {}
        }
        if at > LABEL_WINDOW {
            break;
        }
    }
    let (name, body) = match gap {
        Some(at) => (&rest[..at], rest[at..].trim_start_matches(is_space)),
        None => match korean_name(rest) {
            Some(split) => split,
            // The name alone on its line, the speech below.
            None if rest.len() <= LABEL_WINDOW && columns(rest) <= MAX_NAME_COLUMNS => {
                (rest.trim_end(), &rest[rest.len()..])
            }
            None => return None,
        },
    };
    let body = body
        .strip_prefix([':', '：'])
        .map_or(body, |b| b.trim_start_matches(is_space));
    let name = name.trim_end_matches([':', '：', ' ']).trim_end();
    let name = [('（', '）'), ('(', ')')]
        .iter()
        .find_map(|&(open, close)| name.strip_prefix(open)?.strip_suffix(close))
        .map_or(name, |inner| inner.trim_matches(is_space));
    (is_name(name) && stamp(name).is_none()).then_some(Candidate {
        shape: Shape::Marker,
        name,
        time: None,
        body: offset_in(line, body),
        strong: touching,
    })
}

/// Korean minutes write `◯위원장 홍길동 text` and `◯홍길동 위원 text`, one space apart: the name
/// is a role with a two-to-four-syllable name on either side, or a role alone (`◯위원장 text`).
fn korean_name(text: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, word| {
            let start = *at;
            *at += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
        .take(3)
        .collect();
    let (first, second) = (words.first()?, words.get(1)?);
    let two = (is_role_word(first.1) && is_korean_name(second.1))
        || (is_korean_name(first.1) && is_role_word(second.1));
    let end = if two {
        second.0 + second.1.len()
    } else if is_role_word(first.1) {
        first.0 + first.1.len()
    } else {
        return None;
    };
    Some((&text[..end], text[end..].trim_start_matches(is_space)))
}

/// A word that ends in a Korean title (`위원장`, `장관`, `대변인`, `농림축산식품부장관`).
fn is_role_word(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "위원장",
        "위원",
        "의원",
        "장관",
        "차관",
        "총리",
        "대통령",
        "의장",
        "간사",
        "청장",
        "처장",
        "실장",
        "국장",
        "과장",
        "차장",
        "부장",
        "원장",
        "사장",
        "대변인",
        "대표",
        "참고인",
        "진술인",
        "증인",
        "감정인",
        "총장",
        "시장",
        "지사",
        "교육감",
        "본부장",
        "단장",
        "소장",
        "회장",
    ];
    is_hangul(word) && TITLES.iter().any(|title| word.ends_with(title))
}

/// A two-to-four-syllable Hangul word that does not end in a particle.
fn is_korean_name(word: &str) -> bool {
    const PARTICLES: &[char] = &[
        '를', '을', '은', '는', '에', '의', '로', '와', '과', '도', '만',
    ];
    // Four syllables are twelve bytes; anything longer is no name.
    word.len() <= 12
        && is_hangul(word)
        && (2..=4).contains(&word.chars().count())
        && !word.ends_with(PARTICLES)
}

fn is_hangul(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '\u{AC00}'..='\u{D7A3}'))
}

/// Honorifics that end in a period before the name in hearing records.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "hon", "rev", "gen", "sen", "rep", "prof", "gov", "lt", "col", "capt",
    "sgt", "adm", "st", "jr", "sr", "messrs",
];

/// `Mr. SMITH. text`, `The CHAIRMAN. text`, `Senator JACKSON LEE. text`, `Q. text`.
fn period(line: &str) -> Option<Candidate<'_>> {
    let start = decoration(line);
    let rest = &line[start..];
    let window = &rest[..floor_boundary(rest, 64)];
    let mut search = 0;
    while let Some(offset) = window[search..].find('.') {
        let dot = search + offset;
        search = dot + 1;
        // A footnote mark may follow the period: `MS. ZOBEL.1 Thank you`.
        let after = rest[dot + 1..].trim_start_matches(|c: char| c.is_ascii_digit());
        if !(after.is_empty() || after.starts_with(is_space)) || rest.len() - after.len() > dot + 3
        {
            continue;
        }
        let label = &rest[..dot];
        let last = label.rsplit(' ').next().unwrap_or(label);
        if HONORIFICS.contains(&last.to_ascii_lowercase().as_str()) {
            continue;
        }
        let single = matches!(label, "Q" | "A");
        if !(single || is_capitalised_name(label)) {
            return None;
        }
        // `Mr. SMITH`, `The CHAIRMAN` are labels by form; a lone `SMITH` or `OK` must recur.
        return Some(Candidate {
            shape: Shape::Period,
            name: label,
            time: None,
            body: offset_in(line, after.trim_start_matches(is_space)),
            strong: label.contains(' '),
        });
    }
    None
}

/// Up to five words, each capitalised, the last in capitals (`Mr. SMITH`, `The CHAIRMAN`,
/// `Ms. JACKSON LEE`).
pub fn is_capitalised_name(label: &str) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    let capitals = |word: &str| {
        word.chars().filter(char::is_ascii_alphabetic).count() >= 2
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || matches!(c, '\'' | '-' | '’'))
    };
    words.len() <= 5
        && words.last().is_some_and(|word| capitals(word))
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_ascii_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '\'' | '-' | '’'))
        })
}

/// Markdown's `**Jane** text`: a bold name at the start of a line.
fn bold(line: &str, kind: LineKind) -> Option<Candidate<'_>> {
    let LineKind::Strong(length) = kind else {
        return None;
    };
    let end = usize::try_from(length).ok()?.min(line.len());
    let label = line.get(..end)?.trim_end_matches([':', '：']);
    let (name, mut time) = clean_name(label);
    if !is_name(name) {
        return None;
    }
    let mut body = line[end..].trim_start_matches(is_space);
    if let Some((found, used)) = leading_time(body) {
        time = time.or(Some(found));
        body = &body[used..];
    }
    let body = body
        .strip_prefix([':', '：'])
        .unwrap_or(body)
        .trim_start_matches(is_space);
    Some(Candidate {
        shape: Shape::Bold,
        name,
        time,
        body: offset_in(line, body),
        strong: false,
    })
}

/// A name alone on a short line (a Markdown heading or bold line too).
fn name_line(line: &str, kind: LineKind) -> Option<Candidate<'_>> {
    if line.len() > LABEL_WINDOW {
        return None;
    }
    let start = decoration(line);
    let name = strip_brackets(line[start..].trim_end_matches(is_space));
    let short = columns(name) <= 24 && name.split_whitespace().count() <= 4;
    let plain = !name.ends_with(['.', '。', '!', '！', '?', '？', '、', '，', ',']);
    let allowed = matches!(
        kind,
        LineKind::Text | LineKind::Heading(2..) | LineKind::Strong(_)
    );
    // `9月30日（星期三）` above a table is a date, not a name.
    let dated = name.chars().filter(char::is_ascii_digit).count() >= 2
        && name.contains(['年', '月', '日', '/', '-']);
    let named = is_name(name) && stamp(name).is_none() && !dated;
    (short && plain && allowed && named).then_some(Candidate {
        shape: Shape::NameLine,
        name,
        time: None,
        body: line.len(),
        strong: false,
    })
}

/// `──question`, `——question`, `――question`: the interviewer, named by the dash as written.
fn dash(line: &str) -> Option<Candidate<'_>> {
    let start = line.len() - line.trim_start_matches(is_space).len();
    let rest = &line[start..];
    let dashes = rest
        .char_indices()
        .find(|&(_, c)| !matches!(c, '—' | '─' | '―' | '━'))
        .map_or(rest.len(), |(at, _)| at);
    let body = rest[dashes..].trim_start_matches(is_space);
    (rest[..dashes].chars().count() >= 2 && !body.is_empty() && !body.starts_with(['—', '─']))
        .then_some(Candidate {
            shape: Shape::Dash,
            name: &rest[..dashes],
            time: None,
            body: offset_in(line, body),
            strong: false,
        })
}

/// Roles that are speakers even when they speak only once (`观众`, `Q`).
pub fn is_role(name: &str) -> bool {
    const ROLES: &[&str] = &[
        "主持人",
        "主持",
        "记者",
        "記者",
        "嘉宾",
        "嘉賓",
        "观众",
        "觀眾",
        "网友",
        "網友",
        "问",
        "問",
        "答",
        "提问",
        "回答",
        "采访者",
        "受访者",
        "编者",
        "听众",
        "學生",
        "学生",
        "老师",
        "老師",
        "发言人",
        "發言人",
        "主席",
        "委员",
        "委員",
        "司会",
        "聞き手",
        "質問者",
        "사회자",
        "기자",
        "질문",
        "답변",
        "q",
        "a",
        "host",
        "guest",
        "interviewer",
        "interviewee",
        "moderator",
        "audience",
        "question",
        "answer",
        "reporter",
        "caller",
        "narrator",
        "the chairman",
        "chairman",
        "chair",
        "the clerk",
        "clerk",
        "the court",
        "the witness",
        "witness",
        "the president",
        "speaker",
        "audience member",
        "unidentified speaker",
    ];
    ROLES
        .iter()
        .any(|role| role.eq_ignore_ascii_case(name.trim()))
}

/// A headline's kicker, the word a news page puts before its headline with a colon
/// (`专访：前官员谈美中关系`, `对话｜…`, `Exclusive: …`): part of the title, never a speaker.
pub fn is_kicker(name: &str) -> bool {
    const KICKERS: &[&str] = &[
        "专访",
        "專訪",
        "独家专访",
        "獨家專訪",
        "独家",
        "獨家",
        "对话",
        "對話",
        "访谈",
        "訪談",
        "访谈实录",
        "訪談實錄",
        "实录",
        "實錄",
        "全文",
        "特稿",
        "观察",
        "觀察",
        "评论",
        "評論",
        "社评",
        "社評",
        "时评",
        "時評",
        "快评",
        "快評",
        "图集",
        "圖集",
        "直播",
        "导读",
        "導讀",
        "快讯",
        "快訊",
        "聚焦",
        "解读",
        "解讀",
        "深度",
        "专题",
        "專題",
        "本报讯",
        "本報訊",
        "exclusive",
        "interview",
        "analysis",
        "opinion",
        "breaking",
    ];
    let name = name.trim();
    KICKERS
        .iter()
        .any(|kicker| name.eq_ignore_ascii_case(kicker))
}

/// Keys of metadata lines (`时间：`, `Date:`) and of credits (`作者：`, `Transcribed by`):
/// header or notes, never speakers.
pub fn is_metadata_key(name: &str) -> bool {
    const KEYS: &[&str] = &[
        "时间",
        "時間",
        "日期",
        "地点",
        "地點",
        "来源",
        "來源",
        "出处",
        "作者",
        "译者",
        "譯者",
        "校对",
        "校對",
        "编辑",
        "編輯",
        "责任编辑",
        "責任編輯",
        "责编",
        "整理",
        "文字整理",
        "摄影",
        "攝影",
        "图片",
        "圖片",
        "视频",
        "視頻",
        "原标题",
        "原標題",
        "标签",
        "標籤",
        "关键词",
        "關鍵詞",
        "主题",
        "主題",
        "议程",
        "議程",
        "会议时间",
        "會議時間",
        "会议地点",
        "會議地點",
        "参会人员",
        "與會人員",
        "与会人员",
        "出席",
        "列席",
        "主办",
        "主辦",
        "备注",
        "備註",
        "注",
        "编者按",
        "編者按",
        "發布時間",
        "发布时间",
        "發布日期",
        "发布日期",
        "发布于",
        "發布於",
        "发表于",
        "發表於",
        "ip属地",
        "ip屬地",
        "资料来源",
        "資料來源",
        "新闻来源",
        "新聞來源",
        "發佈日期",
        "發佈時間",
        "发稿时间",
        "發稿時間",
        "更新时间",
        "更新時間",
        "更新日期",
        "字号",
        "字號",
        "字级",
        "字級",
        "字体",
        "字體",
        "浏览次数",
        "瀏覽次數",
        "瀏覽人次",
        "浏览人次",
        "阅读",
        "閱讀",
        "点击",
        "點閱",
        "日時",
        "場所",
        "出席者",
        "일시",
        "장소",
        "출처",
        "date",
        "time",
        "location",
        "venue",
        "place",
        "source",
        "video",
        "audio",
        "participants",
        "attendees",
        "present",
        "guests",
        "agenda",
        "topic",
        "subject",
        "recorded",
        "published",
        "posted",
        "updated",
        "duration",
        "length",
        "episode",
        "tags",
        "author",
        "authors",
        "translator",
        "translated by",
        "editor",
        "edited by",
        "transcribed by",
        "transcript by",
        "transcription",
        "transcript",
        "credits",
        "photo",
        "image",
        "producer",
        "produced by",
        "music",
        "copyright",
        "note",
        "notes",
        "editor's note",
        "url",
        "link",
        "website",
        "email",
        "file",
        "filename",
        "keywords",
        "break",
        "sponsor",
        "sponsors",
        "ad",
        "ads",
        "commercial",
        "intro",
        "outro",
        "theme music",
        "interlude",
        "chapter",
        "chapters",
        "show notes",
        "links",
        "summary",
        "開催日",
        "会議名",
        "会議録",
        "議事日程",
        "日程",
        "出席議員",
        "欠席議員",
        "出席委員",
        "列席委員",
        "列席官員",
        "出席説明員",
        "説明員",
        "開会",
        "閉会",
        "散会",
        "会期",
        "決定",
        "决定",
        "決議",
        "决议",
        "說明",
        "说明",
        "理由",
        "案由",
        "主旨",
        "附件",
        "結論",
        "结论",
        "辦法",
        "办法",
        "提案人",
        "連署人",
        "连署人",
        "附註",
        "附注",
        "議題",
        "议题",
    ];
    // Fields of a record (`程序委員會意見：`, `审查意见：`) are not people either.
    const FIELD_ENDINGS: &[&str] = &["意見", "意见", "決定", "决定", "決議", "决议"];
    let name = name.trim();
    KEYS.iter().any(|key| key.eq_ignore_ascii_case(name))
        || FIELD_ENDINGS.iter().any(|ending| name.ends_with(ending))
        // A deposition's `BY MR. JONES:` heads the questions he asks; it says nothing itself.
        || name.starts_with("BY ")
}

/// Machine speaker names (`SPEAKER_00`, `spk_0`, `Speaker 1`, `说话人1`, `发言人 1`, `참석자 1`):
/// diarizers' labels, always speakers.
pub fn is_diarized_name(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "SPEAKER_",
        "SPEAKER ",
        "Speaker ",
        "spk_",
        "speaker_",
        "说话人",
        "說話人",
        "发言人",
        "發言人",
        "参会人",
        "話者",
        "참석자",
        "화자",
    ];
    PREFIXES.iter().any(|prefix| {
        name.strip_prefix(prefix).is_some_and(|rest| {
            let rest = rest.trim_start();
            !rest.is_empty()
                && rest.len() <= 4
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
                && rest.chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// Whether a once-only label reads like a person's name or role rather than the start of a
/// sentence: `观众` or `Mr. Haddad` do, `他说` or `He said` don't.
pub fn reads_like_a_name(name: &str) -> bool {
    if is_metadata_key(name) {
        return false;
    }
    if name.is_ascii() {
        // Every word capitalised: `Mr. Haddad`, `MR. JUSTICE DOUGLAS`, `Dr Lindqvist`.
        return name
            .split_whitespace()
            .all(|word| word.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()));
    }
    const PRONOUNS: &[char] = &['我', '你', '您', '他', '她', '它', '们', '咱', '这', '那'];
    const SAYING: &[&str] = &[
        "说", "道", "问", "表示", "指出", "称", "认为", "强调", "介绍", "回答", "写", "如下", "是",
        "为", "有", "了", "的",
    ];
    // Names and roles are short and have no digits (`通過臨時提案9項` is a sentence).
    name.chars().count() <= 8
        && !name.contains(|c: char| c.is_ascii_digit())
        && !name.contains(PRONOUNS)
        && !SAYING.iter().any(|verb| name.ends_with(verb))
}

#[cfg(test)]
mod tests;
