//! Folding: which characters a query character also stands for.
//!
//! Chinese text mixes ASCII and full-width forms freely (`2013` and `２０１３`, `,` and `，`), and a
//! reader should not care which one the transcriber's input method produced. Nor which script a
//! transcript is in: `队长` finds `隊長` and `隊長` finds `队长`, through OpenCC's character tables
//! (STCharacters and TSCharacters, via `ferrous-opencc`). Folding is done by widening each query
//! character into a class of its equivalents, never by rewriting the text, so match offsets stay
//! those of the original.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Offset between an ASCII printable character and its full-width form (U+FF01..=U+FF5E).
const FULL_WIDTH_OFFSET: u32 = 0xFEE0;

/// The other form of `c`, if it has one: its full-width form for printable ASCII and a few
/// symbols, its half-width form for a full-width character, U+3000 for a space and back.
pub fn counterpart(c: char) -> Option<char> {
    match c {
        '!'..='~' => char::from_u32(u32::from(c) + FULL_WIDTH_OFFSET),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - FULL_WIDTH_OFFSET),
        ' ' => Some('\u{3000}'),
        '\u{3000}' => Some(' '),
        // Half-width forms of CJK punctuation, and the full-width currency signs.
        '\u{FF61}' => Some('。'),
        '。' => Some('\u{FF61}'),
        '\u{FF64}' => Some('、'),
        '、' => Some('\u{FF64}'),
        '\u{FFE0}' => Some('¢'),
        '¢' => Some('\u{FFE0}'),
        '\u{FFE1}' => Some('£'),
        '£' => Some('\u{FFE1}'),
        '\u{FFE5}' => Some('¥'),
        '¥' => Some('\u{FFE5}'),
        _ => None,
    }
}

/// The Han blocks whose simplified and traditional forms are looked up: the Unified Ideographs,
/// Extension A and the compatibility ideographs; OpenCC's few pairs beyond them are left out.
const HAN_BLOCKS: [std::ops::RangeInclusive<u32>; 3] =
    [0x3400..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];

/// Character → the characters OpenCC converts it to or from, in either direction, at the level
/// of single characters (`发` ↔ `發`, `发` ↔ `髮`, `后` ↔ `後`). Built on first use by converting
/// every character of [`HAN_BLOCKS`] once each way.
static SCRIPT_VARIANTS: LazyLock<HashMap<char, Vec<char>>> = LazyLock::new(|| {
    use ferrous_opencc::OpenCC;
    use ferrous_opencc::config::BuiltinConfig;

    let chars: Vec<char> = HAN_BLOCKS
        .iter()
        .cloned()
        .flatten()
        .filter_map(char::from_u32)
        .collect();
    // One call per direction: each character on a line of its own, so that only the
    // single-character entries apply (a phrase never holds a newline).
    let mut lines = String::with_capacity(chars.len() * 4);
    for &c in &chars {
        lines.push(c);
        lines.push('\n');
    }
    let mut variants: HashMap<char, Vec<char>> = HashMap::new();
    let mut link = |a: char, b: char| {
        if a != b {
            for (from, to) in [(a, b), (b, a)] {
                let list = variants.entry(from).or_default();
                if !list.contains(&to) {
                    list.push(to);
                }
            }
        }
    };
    for config in [BuiltinConfig::S2t, BuiltinConfig::T2s] {
        // Without the tables (they are compiled in, so never in practice) nothing folds.
        let Ok(converter) = OpenCC::from_config(config) else {
            continue;
        };
        let converted = converter.convert(&lines);
        for (&c, line) in chars.iter().zip(converted.split('\n')) {
            let mut others = line.chars();
            if let (Some(other), None) = (others.next(), others.next()) {
                link(c, other);
            }
        }
    }
    variants
});

/// Builds the simplified/traditional table now, if no one has yet.
pub fn warm_up() {
    LazyLock::force(&SCRIPT_VARIANTS);
}

/// The characters `c` may be written as in the other script (simplified or traditional).
pub fn script_variants(c: char) -> &'static [char] {
    if c.is_ascii() {
        return &[];
    }
    SCRIPT_VARIANTS.get(&c).map_or(&[], Vec::as_slice)
}

/// Appends to `out` a regex fragment matching `c` or its counterpart (and, with `scripts`, its
/// forms in the other script), escaped.
pub fn push_class(out: &mut String, c: char, scripts: bool) {
    let mut buffer = [0; 4];
    let variants = if scripts { script_variants(c) } else { &[] };
    let counterpart = counterpart(c);
    if counterpart.is_none() && variants.is_empty() {
        out.push_str(&regex::escape(c.encode_utf8(&mut buffer)));
        return;
    }
    out.push('[');
    for other in std::iter::once(c)
        .chain(counterpart)
        .chain(variants.iter().copied())
    {
        out.push_str(&regex::escape(other.encode_utf8(&mut buffer)));
    }
    out.push(']');
}

/// A regex matching `literal` with every character folded.
pub fn literal_pattern(literal: &str, scripts: bool) -> String {
    let mut out = String::with_capacity(literal.len() * 4);
    for c in literal.chars() {
        push_class(&mut out, c, scripts);
    }
    out
}

/// Rewrites a regular expression so that its literal characters outside bracket classes fold
/// too. Escapes, bracket classes, repetition braces and group headers (`(?i)`, `(?P<name>`) are
/// copied unchanged. `None` in verbose mode (`(?x)`), where spaces and `#` are syntax.
pub fn fold_regex(pattern: &str, scripts: bool) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                let Some(escaped) = chars.next() else { break };
                out.push(escaped);
                // `\p{Han}`, `\x{FF0C}`: copy the braces whole.
                if matches!(escaped, 'p' | 'P' | 'x' | 'u' | 'U') && chars.peek() == Some(&'{') {
                    copy_through(&mut chars, &mut out, '}');
                }
            }
            '[' => {
                out.push(c);
                copy_class(&mut chars, &mut out);
            }
            '{' => {
                out.push(c);
                copy_through(&mut chars, &mut out, '}');
            }
            '(' if chars.peek() == Some(&'?') => {
                out.push(c);
                // Flags end at `)` or `:`, a group name at `>`.
                let mut flags = true;
                for next in chars.by_ref() {
                    out.push(next);
                    flags &= !matches!(next, '<' | 'P');
                    if flags && next == 'x' {
                        return None;
                    }
                    if matches!(next, ')' | ':' | '>') {
                        break;
                    }
                }
            }
            '.' | '*' | '+' | '?' | '|' | '(' | ')' | '^' | '$' => out.push(c),
            _ => push_class(&mut out, c, scripts),
        }
    }
    Some(out)
}

/// Copies characters up to and including `end`.
fn copy_through(chars: &mut impl Iterator<Item = char>, out: &mut String, end: char) {
    for next in chars.by_ref() {
        out.push(next);
        if next == end {
            break;
        }
    }
}

/// Copies the rest of a bracket class whose `[` was just copied, nested classes included.
fn copy_class(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let mut depth = 1;
    // A `]` right after `[` or `[^` is a literal, not the end.
    if chars.peek() == Some(&'^') {
        out.extend(chars.next());
    }
    if chars.peek() == Some(&']') {
        out.extend(chars.next());
    }
    while let Some(next) = chars.next() {
        out.push(next);
        match next {
            '\\' => out.extend(chars.next()),
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_full_width_are_counterparts() {
        assert_eq!(counterpart('2'), Some('２'));
        assert_eq!(counterpart('２'), Some('2'));
        assert_eq!(counterpart(','), Some('，'));
        assert_eq!(counterpart(':'), Some('：'));
        assert_eq!(counterpart('('), Some('（'));
        assert_eq!(counterpart('ａ'), Some('a'));
        assert_eq!(counterpart(' '), Some('\u{3000}'));
        assert_eq!(counterpart('消'), None);
    }

    #[test]
    fn literal_pattern_escapes_metacharacters() {
        assert_eq!(literal_pattern("消防", true), "消防");
        assert_eq!(literal_pattern("a.", true), "[aａ][\\.．]");
        assert_eq!(literal_pattern("[", true), "[\\[［]");
    }

    #[test]
    fn simplified_and_traditional_are_variants() {
        assert_eq!(script_variants('队'), ['隊']);
        assert_eq!(script_variants('隊'), ['队']);
        assert!(script_variants('发').contains(&'發'));
        assert!(script_variants('发').contains(&'髮'));
        // 發 and 髮 are two words in traditional text: each folds to 发 only.
        assert_eq!(script_variants('髮'), ['发']);
        assert!(script_variants('消').is_empty());
        assert_eq!(literal_pattern("队长", true), "[队隊][长長]");
        assert_eq!(literal_pattern("队长", false), "队长");
    }

    #[test]
    fn fold_regex_leaves_syntax_alone() {
        let fold = |pattern| fold_regex(pattern, true).expect("not verbose");
        assert_eq!(fold(r"\d{2}"), r"\d{2}");
        assert_eq!(fold(r"[a-z]+"), r"[a-z]+");
        assert_eq!(fold(r"(?i)1\p{Han}"), r"(?i)[1１]\p{Han}");
        assert_eq!(fold(r"(?P<x>x)|^$"), r"(?P<x>[xｘ])|^$");
        assert_eq!(fold(r"[]a]b"), r"[]a][bｂ]");
        assert_eq!(fold(r"队(长|员)"), r"[队隊]([长長]|[员員])");
        assert_eq!(fold_regex(r"(?ix)a b", true), None);
        assert_eq!(fold_regex(r"(?x:a) b", true), None);
    }
}
