//! The matcher: a query compiled once into a regular expression that folds width, follows
//! smart case and, optionally, reads pinyin.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::{fold, pinyin};

/// How a query is interpreted. The default is a literal query that folds widths, case (smart
/// case) and scripts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct QueryOptions {
    /// The pattern is a regular expression (`regex` crate syntax) rather than literal text
    /// (`Ctrl-r` in the search bar, `--regex`).
    pub regex: bool,
    /// A pattern of ASCII letters (spaces between syllables allowed) also matches Han text
    /// whose toneless pinyin spells it (`Ctrl-p`, `--pinyin`).
    pub pinyin: bool,
    /// Match Han characters only in the script typed. Off by default: a simplified character
    /// also finds its traditional forms and the other way round (`队长` finds `隊長`), by
    /// OpenCC's character tables (`Ctrl-t` in the search bar, `--same-script`).
    pub same_script: bool,
}

/// Why a pattern cannot be searched for. `Display` gives one line, fit for a status bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The regular expression does not parse; the text says why.
    #[error("invalid regex: {0}")]
    InvalidRegex(String),
    /// The compiled pattern would be too large.
    #[error("pattern too large")]
    TooLarge,
}

/// A compiled search pattern.
///
/// Cloning is cheap (the compiled regex is shared), and a query may be used from any thread.
#[derive(Debug, Clone)]
pub struct Query {
    pattern: String,
    options: QueryOptions,
    /// `None` for the empty pattern, which matches nothing.
    regex: Option<Regex>,
    /// The regex may look at its surroundings (`^`, `$`, `\b`), so it must see each paragraph
    /// on its own rather than a slice of the arena spanning many.
    contextual: bool,
}

/// Size limits for compiling: pinyin classes of a short prefix (`x`) hold thousands of
/// characters, beyond the default limits.
const SIZE_LIMIT: usize = 64 << 20;
const DFA_SIZE_LIMIT: usize = 16 << 20;

impl Query {
    /// Compiles `pattern`.
    ///
    /// Matching is case-insensitive unless the pattern holds an uppercase letter (smart case),
    /// and folds full-width and half-width forms (`2013` finds `２０１３`). An empty pattern
    /// compiles and matches nothing.
    ///
    /// # Errors
    ///
    /// [`QueryError`] when `options.regex` is set and the pattern is not a valid regular
    /// expression, or when the compiled pattern would be too large.
    pub fn new(pattern: &str, options: QueryOptions) -> Result<Self, QueryError> {
        let mut query = Self {
            pattern: pattern.to_owned(),
            options,
            regex: None,
            contextual: false,
        };
        if pattern.is_empty() {
            return Ok(query);
        }
        let case_insensitive = !has_uppercase(pattern, options.regex);
        let regex = if options.regex {
            // Check the user's own pattern first so errors name what they typed.
            let plain = compile(pattern, case_insensitive)?;
            // Should the folded rewrite not compile, the unfolded pattern is still a fine search.
            fold::fold_regex(pattern, !options.same_script)
                .and_then(|folded| compile(&folded, case_insensitive).ok())
                .unwrap_or(plain)
        } else {
            let mut source = fold::literal_pattern(pattern, !options.same_script);
            if options.pinyin {
                let lower = pattern.to_ascii_lowercase();
                if let Some(han) = pinyin::pattern(&lower) {
                    source = format!("{source}|{han}");
                }
            }
            compile(&source, case_insensitive)?
        };
        // Conservative: a `^` inside a class or an escaped `$` also counts, which only costs
        // speed.
        query.contextual = options.regex
            && (pattern.contains(['^', '$'])
                || ["\\b", "\\B", "\\A", "\\z", "\\<", "\\>"]
                    .iter()
                    .any(|look| pattern.contains(look)));
        query.regex = Some(regex);
        Ok(query)
    }

    /// The pattern as typed.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The options it was compiled with.
    pub fn options(&self) -> QueryOptions {
        self.options
    }

    /// Whether the query can match nothing at all (the empty pattern).
    pub fn is_empty(&self) -> bool {
        self.regex.is_none()
    }

    /// The non-empty matches in `haystack` (one paragraph), as byte ranges of it.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        self.regex
            .iter()
            .flat_map(move |regex| regex.find_iter(haystack))
            .filter(|found| !found.is_empty())
            .map(|found| found.range())
    }

    /// Whether every match of `self` contains a match of `previous` in the same paragraph, so
    /// that only paragraphs `previous` matched need searching. True when `self` is a literal
    /// query extending `previous` with the same options: the first characters of a match of
    /// `self` match `previous` (each character is matched by its own class; a pinyin match's
    /// leading syllables spell a prefix of `previous`, the last possibly partly).
    pub fn refines(&self, previous: &Query) -> bool {
        !self.options.regex
            && self.options == previous.options
            && !previous.pattern.is_empty()
            && self.pattern.starts_with(&previous.pattern)
    }

    /// The compiled regex, `None` for the empty pattern.
    pub(crate) fn regex(&self) -> Option<&Regex> {
        self.regex.as_ref()
    }

    /// Whether matches depend on text around them (anchors, word boundaries).
    pub(crate) fn contextual(&self) -> bool {
        self.contextual
    }
}

/// Compiles a regex with the crate's settings.
fn compile(source: &str, case_insensitive: bool) -> Result<Regex, QueryError> {
    RegexBuilder::new(source)
        .case_insensitive(case_insensitive)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(_) => QueryError::TooLarge,
            other => QueryError::InvalidRegex(one_line(&other.to_string())),
        })
}

/// The `error: …` line of the regex crate's multi-line message (which draws a caret under the
/// pattern), or its last line.
fn one_line(message: &str) -> String {
    let line = message
        .lines()
        .find_map(|line| line.trim().strip_prefix("error: "))
        .or_else(|| {
            message
                .lines()
                .map(str::trim)
                .rfind(|line| !line.is_empty())
        })
        .unwrap_or(message);
    line.to_owned()
}

/// Whether a pattern asks for case-sensitive matching: it holds an uppercase letter, not
/// counting, in a regex, escapes such as `\D`, `\S` or `\p{Han}`.
fn has_uppercase(pattern: &str, regex: bool) -> bool {
    if !regex {
        return pattern.chars().any(char::is_uppercase);
    }
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let escaped = chars.next();
            // `\p{Lu}`, `\x{41}`: the braces hold a name or a number, not text.
            if matches!(escaped, Some('p' | 'P' | 'x' | 'u' | 'U')) {
                let mut lookahead = chars.clone();
                if lookahead.next() == Some('{') {
                    chars = lookahead;
                    chars.by_ref().find(|&c| c == '}');
                } else if matches!(escaped, Some('p' | 'P')) {
                    chars.next();
                }
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(pattern: &str) -> Query {
        Query::new(pattern, QueryOptions::default()).expect("literal queries compile")
    }

    fn regex(pattern: &str) -> Result<Query, QueryError> {
        Query::new(
            pattern,
            QueryOptions {
                regex: true,
                ..QueryOptions::default()
            },
        )
    }

    fn pinyin(pattern: &str) -> Query {
        Query::new(
            pattern,
            QueryOptions {
                pinyin: true,
                ..QueryOptions::default()
            },
        )
        .expect("pinyin queries compile")
    }

    fn found<'h>(query: &Query, haystack: &'h str) -> Vec<&'h str> {
        query.find_iter(haystack).map(|r| &haystack[r]).collect()
    }

    #[test]
    fn full_width_digits_fold_and_keep_original_offsets() {
        let text = "始于２０１３年,至2013年";
        let ranges: Vec<_> = literal("2013").find_iter(text).collect();
        let first = text.find('２').expect("present");
        assert_eq!(ranges[0], first..first + 4 * 3);
        assert_eq!(&text[ranges[1].clone()], "2013");
        assert_eq!(found(&literal("２０１３"), text), ["２０１３", "2013"]);
    }

    #[test]
    fn punctuation_and_spaces_fold() {
        assert_eq!(found(&literal(","), "好，好,"), ["，", ","]);
        assert_eq!(found(&literal(":"), "时间："), ["："]);
        assert_eq!(found(&literal("!?"), "啊！？"), ["！？"]);
        assert_eq!(found(&literal("("), "（注）"), ["（"]);
        assert_eq!(found(&literal("a b"), "a\u{3000}b"), ["a\u{3000}b"]);
        assert_eq!(found(&literal("ａ"), "a"), ["a"]);
        assert_eq!(found(&literal("a.c"), "abc a.c"), ["a.c"]);
    }

    #[test]
    fn smart_case() {
        assert_eq!(
            found(&literal("police"), "Police police"),
            ["Police", "police"]
        );
        assert_eq!(found(&literal("Police"), "Police police"), ["Police"]);
        assert_eq!(found(&literal("ｐolice"), "POLICE"), ["POLICE"]);
        // Escapes are not uppercase letters.
        let digits = regex(r"\D+x").expect("valid");
        assert_eq!(found(&digits, "1aX"), ["aX"]);
        let upper = regex(r"\p{Han}X").expect("valid");
        assert_eq!(found(&upper, "江x 江X"), ["江X"]);
    }

    #[test]
    fn regex_queries() {
        let query = regex(r"\d+年").expect("valid");
        assert_eq!(
            found(&query, "2012年和２０１３年"),
            ["2012年", "２０１３年"]
        );
        let query = regex(r"公安(局|厅)").expect("valid");
        assert_eq!(found(&query, "公安厅和公安局"), ["公安厅", "公安局"]);
        // Literal characters of a regex fold too.
        let query = regex("20(12|13),").expect("valid");
        assert_eq!(found(&query, "２０１３，2012,"), ["２０１３，", "2012,"]);
        // Verbose mode: spaces and `#` are syntax, so the pattern is used unfolded.
        let query = regex("(?x) 2013 # year").expect("valid");
        assert_eq!(found(&query, "2013年"), ["2013"]);
        // Empty matches are not matches.
        assert!(found(&regex("x*").expect("valid"), "abc").is_empty());
    }

    #[test]
    fn invalid_regex_is_a_one_line_error() {
        for bad in ["(abc", "[", "a{2,1}", r"\p{Nope}", "*"] {
            let error = regex(bad).expect_err("invalid");
            let message = error.to_string();
            assert!(message.starts_with("invalid regex: "), "{message}");
            assert!(!message.contains('\n'), "{message}");
        }
        // The same text is fine as a literal.
        assert_eq!(found(&literal("(abc"), "x(abc"), ["(abc"]);
    }

    #[test]
    fn empty_query_matches_nothing() {
        let query = literal("");
        assert!(query.is_empty());
        assert_eq!(query.find_iter("abc").count(), 0);
    }

    #[test]
    fn pinyin_finds_han_and_literals() {
        assert_eq!(found(&pinyin("xiaofang"), "公安消防部队"), ["消防"]);
        assert_eq!(found(&pinyin("jiangbin"), "局长江滨说"), ["江滨"]);
        assert_eq!(found(&pinyin("xiaof"), "公安消防部队"), ["消防"]);
        assert_eq!(
            found(&pinyin("JiangBin"), "江滨 JiangBin"),
            ["江滨", "JiangBin"]
        );
        assert_eq!(found(&pinyin("jiangbin"), "jiangbin"), ["jiangbin"]);
        // Polyphonic 还 (hai / huan).
        assert_eq!(found(&pinyin("huan"), "还有"), ["还"]);
        assert_eq!(found(&pinyin("hai"), "还有"), ["还"]);
        // Without the option, letters are letters.
        assert!(found(&literal("xiaofang"), "消防").is_empty());
    }

    #[test]
    fn simplified_finds_traditional_and_back_on_the_original_characters() {
        let text = "刑警隊長说,队长和隊长都来了";
        assert_eq!(found(&literal("队长"), text), ["隊長", "队长", "隊长"]);
        assert_eq!(found(&literal("隊長"), text), ["隊長", "队长", "隊长"]);
        // Byte ranges of the original text, whatever the query's script.
        let first = literal("队长").find_iter(text).next().expect("found");
        assert_eq!(
            first,
            text.find("隊長").expect("present")..text.find("说").expect("present")
        );
        assert_eq!(found(&regex("队(长|员)").expect("valid"), "隊長"), ["隊長"]);
        assert_eq!(found(&pinyin("duizhang"), "隊長"), ["隊長"]);
        let same = QueryOptions {
            same_script: true,
            ..QueryOptions::default()
        };
        let strict = Query::new("队长", same).expect("valid");
        assert_eq!(found(&strict, text), ["队长"]);
    }

    #[test]
    fn pinyin_may_have_spaces_between_syllables() {
        assert_eq!(found(&pinyin("xiao fang"), "公安消防部队"), ["消防"]);
        assert_eq!(found(&pinyin("jiang  bin"), "局长江滨说"), ["江滨"]);
        assert_eq!(found(&pinyin("xiao f"), "公安消防部队"), ["消防"]);
        // A space is a syllable boundary: "xi an" is two syllables, never 先 (xian).
        assert_eq!(found(&pinyin("xi an"), "先到西安"), ["西安"]);
        assert_eq!(found(&pinyin("xian"), "先到西安"), ["先", "西安"]);
        // The text typed still matches as it is.
        assert_eq!(found(&pinyin("xiao fang"), "xiao fang"), ["xiao fang"]);
    }

    #[test]
    fn refinement_is_only_for_literal_extensions() {
        let grown = literal("消防队");
        assert!(grown.refines(&literal("消防")));
        assert!(!grown.refines(&literal("")));
        assert!(!literal("消").refines(&literal("消防")));
        assert!(!grown.refines(&pinyin("消防")));
        let regex_grown = regex("消防.").expect("valid");
        assert!(!regex_grown.refines(&regex("消防").expect("valid")));
    }
}
