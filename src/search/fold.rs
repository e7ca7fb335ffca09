//! Full-width / half-width folding: which characters a query character also stands for.
//!
//! Chinese text mixes ASCII and full-width forms freely (`2013` and `２０１３`, `,` and `，`), and a
//! reader should not care which one the transcriber's input method produced. Folding is done by
//! widening each query character into a class of its equivalents, never by rewriting the text,
//! so match offsets stay those of the original.

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

/// Appends to `out` a regex fragment matching `c` or its counterpart, escaped.
pub fn push_class(out: &mut String, c: char) {
    let mut buffer = [0; 4];
    match counterpart(c) {
        Some(other) => {
            out.push('[');
            out.push_str(&regex::escape(c.encode_utf8(&mut buffer)));
            out.push_str(&regex::escape(other.encode_utf8(&mut buffer)));
            out.push(']');
        }
        None => out.push_str(&regex::escape(c.encode_utf8(&mut buffer))),
    }
}

/// A regex matching `literal` with every character folded.
pub fn literal_pattern(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len() * 4);
    for c in literal.chars() {
        push_class(&mut out, c);
    }
    out
}

/// Rewrites a regular expression so that its literal characters outside bracket classes fold
/// too. Escapes, bracket classes, repetition braces and group headers (`(?i)`, `(?P<name>`) are
/// copied unchanged. `None` in verbose mode (`(?x)`), where spaces and `#` are syntax.
pub fn fold_regex(pattern: &str) -> Option<String> {
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
            _ => push_class(&mut out, c),
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
        assert_eq!(literal_pattern("消防"), "消防");
        assert_eq!(literal_pattern("a."), "[aａ][\\.．]");
        assert_eq!(literal_pattern("["), "[\\[［]");
    }

    #[test]
    fn fold_regex_leaves_syntax_alone() {
        let fold = |pattern| fold_regex(pattern).expect("not verbose");
        assert_eq!(fold(r"\d{2}"), r"\d{2}");
        assert_eq!(fold(r"[a-z]+"), r"[a-z]+");
        assert_eq!(fold(r"(?i)1\p{Han}"), r"(?i)[1１]\p{Han}");
        assert_eq!(fold(r"(?P<x>x)|^$"), r"(?P<x>[xｘ])|^$");
        assert_eq!(fold(r"[]a]b"), r"[]a][bｂ]");
        assert_eq!(fold_regex(r"(?ix)a b"), None);
        assert_eq!(fold_regex(r"(?x:a) b"), None);
    }
}
