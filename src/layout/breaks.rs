//! Where a line may break: UAX #14 (strict) from `icu_segmenter`, narrowed by the Chinese
//! prohibitions of W3C clreq and GB/T 15834 and Japanese kinsoku (JIS X 4051, strict), Hangul
//! words kept whole (CSS `word-break: keep-all`), URLs and e-mail addresses kept whole.

use std::ops::Range;
use std::sync::LazyLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::LineSegmenterBorrowed;
use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness, LineBreakWordOption};

/// The UAX #14 segmenter: strict (small kana and the like never start a line), normal word
/// breaking (no breaks inside Latin words). Built once: the compiled data is static, but the
/// constructor is not `const`.
static SEGMENTER: LazyLock<LineSegmenterBorrowed<'static>> = LazyLock::new(|| {
    let mut options = LineBreakOptions::default();
    options.strictness = Some(LineBreakStrictness::Strict);
    options.word_option = Some(LineBreakWordOption::Normal);
    LineSegmenter::new_auto(options)
});

/// A place where a line may end: before byte `pos` of the paragraph piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Break {
    /// Byte offset the next line starts at.
    pub pos: usize,
    /// Index of the URL (in the list [`opportunities`] fills) this break lies inside: such a
    /// break is only taken when the whole URL does not fit on a line.
    pub url: Option<usize>,
}

/// Marks that may not start a line (W3C clreq's prohibition rules, GB/T 15834), in full-width
/// and ASCII forms, and the Japanese characters that strict kinsoku keeps off the line start.
pub(crate) fn no_line_start(c: char) -> bool {
    kinsoku_start(c)
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '）'
                | '」'
                | '』'
                | '】'
                | '》'
                | '〉'
                | '”'
                | '’'
                | '…'
                | '‥'
                | '—'
                | '·'
                | '～'
                | '〜'
                | '％'
                | '］'
                | '｝'
                | '〕'
                | '〗'
                | '〙'
                | '〛'
                | '｠'
                | '．'
                | ','
                | '.'
                | ';'
                | ':'
                | '?'
                | '!'
                | ')'
        )
}

/// Japanese characters that never start a line under strict kinsoku (JIS X 4051, W3C jlreq):
/// small kana (hiragana, katakana, their extensions and halfwidth forms), the prolonged sound
/// mark, the middle dot, iteration marks and the halfwidth closing marks. UAX #14 strict gives
/// no break before them (class CJ resolved to NS); listing them here keeps emergency cuts off
/// them too.
fn kinsoku_start(c: char) -> bool {
    matches!(
        c,
        'ぁ' | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{FF67}'..='\u{FF70}'
            | 'ー'
            | '・'
            | '･'
            | '｡'
            | '､'
            | '｣'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | '〻'
            | '゠'
    )
}

/// Marks that may not end a line.
pub(crate) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '“'
            | '‘'
            | '［'
            | '｛'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '｟'
            | '｢'
    )
}

/// Whether a break between `before` and `after` would split `——` or `……`.
pub(crate) fn splits_pair(before: char, after: char) -> bool {
    before == after && matches!(before, '—' | '…')
}

/// Whether a line may end after `before` (the last character that is not a space) and the next
/// start with `after`.
#[inline]
pub(crate) fn allowed_between(before: char, after: char) -> bool {
    !no_line_start(after) && !no_line_end(before) && !splits_pair(before, after)
}

/// Hangul syllables and jamo, full and halfwidth.
pub(crate) fn hangul(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'
        | '\u{FFA0}'..='\u{FFDC}')
}

/// Whether `before` and `after`, side by side with no space, belong to one Korean word that
/// is not broken (keep-all: Korean is wrapped at spaces, a word between them holds together
/// with the letters and digits attached to it).
#[inline]
pub(crate) fn keeps_all(before: char, after: char) -> bool {
    (hangul(before) && after.is_alphanumeric()) || (hangul(after) && before.is_alphanumeric())
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether cutting `piece` before byte `pos` would split `——` or `……`, or a number (`2013`,
/// `8.67%`, `8,511`, `$100`, `17:30`): places an emergency cut avoids while it can.
pub(crate) fn inside_unit(piece: &str, pos: usize) -> bool {
    let (Some(head), Some(tail)) = (piece.get(..pos), piece.get(pos..)) else {
        return false;
    };
    let mut back = head.chars().rev();
    let mut ahead = tail.chars();
    let (Some(before), Some(after)) = (back.next(), ahead.next()) else {
        return false;
    };
    if splits_pair(before, after) {
        return true;
    }
    match (digit(before), digit(after)) {
        (true, true) => true,
        (true, false) => {
            matches!(after, '%' | '％' | '‰')
                || (matches!(after, '.' | ',' | ':' | '/' | '．')
                    && ahead.next().is_some_and(digit))
        }
        (false, true) => {
            matches!(before, '$' | '¥' | '￥' | '€' | '£' | '＄')
                || (matches!(before, '.' | ',' | ':' | '/' | '．')
                    && back.next().is_some_and(digit))
        }
        (false, false) => false,
    }
}

/// Fills `breaks` with the break opportunities inside `piece` (a paragraph holding no newline),
/// in increasing order, excluding its start and end; fills `urls` with the URL and e-mail runs
/// whose inner breaks are marked.
///
/// UAX #14 is run over each of `runs` (increasing, disjoint) rather than the whole piece: the
/// wrapper leaves out the stretches whose breaks it already knows (between two Han
/// ideographs). A run must start and end where UAX #14 breaks regardless of context.
pub(crate) fn opportunities(
    piece: &str,
    runs: &[Range<usize>],
    breaks: &mut Vec<Break>,
    urls: &mut Vec<Range<usize>>,
) {
    breaks.clear();
    urls.clear();
    find_urls(piece, urls);
    let mut url = 0;
    let mut quotes = quote_breaks(piece).peekable();
    let mut icu = runs
        .iter()
        .filter_map(|run| Some((run.start, piece.get(run.clone())?)))
        .flat_map(|(start, run)| SEGMENTER.segment_str(run).map(move |pos| start + pos))
        .peekable();
    let mut last = 0;
    loop {
        // Merge the two increasing sequences, dropping duplicates.
        let pos = match (icu.peek().copied(), quotes.peek().copied()) {
            (Some(a), Some(b)) if b < a => quotes.next(),
            (Some(_), _) => icu.next(),
            (None, _) => quotes.next(),
        };
        let Some(pos) = pos else { break };
        if pos <= last || pos >= piece.len() {
            continue;
        }
        last = pos;
        let (Some(before), Some(after)) = (
            piece[..pos].trim_end_matches(' ').chars().next_back(),
            piece[pos..].chars().next(),
        ) else {
            continue;
        };
        // UAX #14 breaks before a space only after a mandatory break (VT, FF, NEL, a lone CR),
        // which we draw as pictures rather than obey: no line starts with a space.
        if after == ' ' || !allowed_between(before, after) {
            continue;
        }
        // Korean words hold together; so do numbers in full-width digits (`２０１３`), which
        // UAX #14 takes for ideographs.
        if piece[..pos]
            .chars()
            .next_back()
            .is_some_and(|adjacent| keeps_all(adjacent, after))
            || inside_unit(piece, pos)
        {
            continue;
        }
        while urls.get(url).is_some_and(|run| run.end <= pos) {
            url += 1;
        }
        let inside = urls
            .get(url)
            .is_some_and(|run| run.start < pos)
            .then_some(url);
        breaks.push(Break { pos, url: inside });
    }
}

/// The breaks UAX #14 (Unicode 15.1, rule `LB19a`) allows around quotation marks between East Asian
/// characters: before an opening `“` `‘` and after a closing `”` `’`. The UAX #14 data in
/// `icu_segmenter` 2.1 predates that rule and keeps quotation marks glued to both sides.
fn quote_breaks(piece: &str) -> impl Iterator<Item = usize> + '_ {
    // The quotation marks are all three bytes in UTF-8, led by 0xE2.
    let scan = memchr::memchr_iter(0xE2, piece.as_bytes());
    scan.filter_map(move |at| {
        let quote = piece.get(at..)?.chars().next()?;
        let end = at + quote.len_utf8();
        let before = piece.get(..at)?.chars().next_back()?;
        let after = piece.get(end..)?.chars().next()?;
        let east_asian = east_asian(before) && east_asian(after);
        match quote {
            '“' | '‘' if east_asian => Some(at),
            '”' | '’' if east_asian => Some(end),
            _ => None,
        }
    })
}

/// UAX #14's `$EastAsian` (East Asian Width F, W or H), read off `unicode-width`: wide
/// characters are exactly those of width F and W; the halfwidth forms are listed.
fn east_asian(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.width() == Some(2)
        || matches!(c, '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}' | '\u{20A9}')
}

/// Characters a URL or e-mail address may hold (RFC 3986 unreserved and reserved, plus `%`).
fn url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// Finds URLs (`scheme://…`, `www.…`) and e-mail addresses (`local@domain.tld`) in `text`, as
/// sorted, disjoint byte ranges. Trailing sentence punctuation is left out of a URL.
fn find_urls(text: &str, urls: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let Some(found) = next_url(bytes, at) else {
            break;
        };
        at = found.end.max(at + 1);
        if urls.last().is_none_or(|last| last.end <= found.start) {
            urls.push(found);
        }
    }
}

/// The first URL or e-mail address that starts at or after `from`.
fn next_url(bytes: &[u8], from: usize) -> Option<Range<usize>> {
    // Every URL holds one of these three bytes where it is recognised: `://`, `www.`, `@`.
    for i in memchr::memchr3_iter(b':', b'@', b'.', bytes.get(from..)?).map(|i| i + from) {
        let start = match bytes[i] {
            b':' if bytes[i..].starts_with(b"://") => {
                let start = scan_back(bytes, i, |c| {
                    c.is_ascii_alphanumeric() || b"+.-".contains(&c)
                });
                (start < i && start >= from).then_some(start)
            }
            b'.' => i.checked_sub(3).filter(|&w| {
                w >= from
                    && bytes[w..i].eq_ignore_ascii_case(b"www")
                    && (w == 0 || !url_char(bytes[w - 1]))
            }),
            b'@' => {
                let start = scan_back(bytes, i, |c| {
                    c.is_ascii_alphanumeric() || b"._%+-".contains(&c)
                });
                let domain_end = scan_forward(bytes, i + 1, |c| {
                    c.is_ascii_alphanumeric() || b".-".contains(&c)
                });
                let domain = &bytes[i + 1..domain_end];
                let domain = domain.strip_suffix(b".").unwrap_or(domain);
                let dotted = domain
                    .iter()
                    .rposition(|&c| c == b'.')
                    .is_some_and(|dot| dot > 0 && dot + 1 < domain.len());
                (start < i && start >= from && dotted).then_some(start)
            }
            _ => None,
        };
        if let Some(start) = start {
            let mut end = scan_forward(bytes, i, url_char);
            while end > i + 1 && b".,;:!?)'".contains(&bytes[end - 1]) {
                end -= 1;
            }
            return Some(start..end);
        }
    }
    None
}

fn scan_back(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut start = from;
    while start > 0 && keep(bytes[start - 1]) {
        start -= 1;
    }
    start
}

fn scan_forward(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut end = from;
    while end < bytes.len() && keep(bytes[end]) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<&str> {
        let (mut found, mut urls) = (Vec::new(), Vec::new());
        let whole = 0..text.len();
        opportunities(text, std::slice::from_ref(&whole), &mut found, &mut urls);
        let mut pieces = Vec::new();
        let mut last = 0;
        for b in found.iter().filter(|b| b.url.is_none()) {
            pieces.push(&text[last..b.pos]);
            last = b.pos;
        }
        pieces.push(&text[last..]);
        pieces
    }

    fn urls(text: &str) -> Vec<&str> {
        let mut urls = Vec::new();
        find_urls(text, &mut urls);
        urls.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn chinese_punctuation_sticks_to_its_neighbours() {
        assert_eq!(breaks("班，近三年。"), ["班，", "近", "三", "年。"]);
        assert_eq!(breaks("《新刑诉法》培"), ["《新", "刑", "诉", "法》", "培"]);
        assert_eq!(
            breaks("的“一村一泵”模"),
            ["的", "“一", "村", "一", "泵”", "模"]
        );
        assert_eq!(breaks("他说——好……是"), ["他", "说——", "好……", "是"]);
        assert_eq!(breaks("中·国～人"), ["中·", "国～", "人"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            breaks("上升8.67%和17.79%。"),
            ["上", "升", "8.67%", "和", "17.79%。"]
        );
        assert_eq!(
            breaks("花了$100和8,511台"),
            ["花", "了", "$100", "和", "8,511", "台"]
        );
        assert_eq!(breaks("2013年1.5倍"), ["2013", "年", "1.5", "倍"]);
    }

    #[test]
    fn ascii_punctuation_does_not_start_a_line() {
        assert_eq!(breaks("以上,最远!好?"), ["以", "上,", "最", "远!", "好?"]);
        assert_eq!(
            breaks("We saw it, then left."),
            ["We ", "saw ", "it, ", "then ", "left."]
        );
    }

    #[test]
    fn urls_and_addresses_are_found() {
        assert_eq!(
            urls("见https://example.com/a/b?x=1。"),
            ["https://example.com/a/b?x=1"]
        );
        assert_eq!(
            urls("see www.gov.cn/zx, or mail ab.c@police.gov.cn."),
            ["www.gov.cn/zx", "ab.c@police.gov.cn"]
        );
        assert_eq!(urls("a@b 1.5 x/y @home"), Vec::<&str>::new());
        assert_eq!(
            breaks("go https://a.com/b/c now"),
            ["go ", "https://a.com/b/c ", "now"]
        );
    }
}
