//! Pinyin matching: `xiaofang` finds 消防.
//!
//! A query of ASCII letters is split into pinyin syllables in every way the syllable inventory
//! allows (the last one may be cut short, so `xiaof` finds 消防 while it is being typed), and each
//! syllable becomes a class of the Han characters that can be read that way. The alternatives
//! form one regular expression, so pinyin search runs through the same engine as any other
//! query and reports offsets of the original text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Bound;
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// The most segmentations of one query turned into alternatives. Real syllable strings have a
/// handful; the cap keeps a pathological query (`aaaaaaaa…`) from building a huge regex.
const MAX_SEGMENTATIONS: usize = 48;

/// The most segmentations kept as alternatives of the regex.
const MAX_ALTERNATIVES: usize = 6;

/// The Han blocks whose readings are indexed: the Unified Ideographs and Extension A, which hold
/// every character a transcript is likely to use. Rarer blocks would only swell the classes.
const HAN_BLOCKS: [std::ops::RangeInclusive<u32>; 2] = [0x3400..=0x4DBF, 0x4E00..=0x9FFF];

/// Toneless syllable (with `ü` written `v`) → every character that can be read so.
type Table = BTreeMap<String, Vec<char>>;

/// The reading table, built on first use (a few milliseconds) and kept for the process.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::new();
        for c in HAN_BLOCKS
            .iter()
            .cloned()
            .flatten()
            .filter_map(char::from_u32)
        {
            let Some(readings) = c.to_pinyin_multi() else {
                continue;
            };
            for reading in readings {
                let plain = reading.plain();
                // Vowelless interjections (`ng`, `m`, `hm` for 嗯, 呣, 噷) would only add noise
                // to segmentations (`xiaofang` as xiao-fa-ng).
                if !plain.contains(['a', 'e', 'i', 'o', 'u', 'ü', 'ê']) {
                    continue;
                }
                for spelling in spellings(plain) {
                    let chars = table.entry(spelling).or_default();
                    // Readings of one character may differ only in tone.
                    if chars.last() != Some(&c) {
                        chars.push(c);
                    }
                }
            }
        }
        table
    })
}

/// How a toneless reading may be typed: `ü` as `v` (the input-method habit) and as `u`.
fn spellings(plain: &str) -> Vec<String> {
    if plain.contains('ü') {
        vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
    } else {
        vec![plain.to_owned()]
    }
}

/// A regex matching Han text whose pinyin spells `query` (lowercase ASCII letters, with spaces
/// between syllables if the user likes), or `None` when no segmentation into syllables exists.
/// A space is a syllable boundary (`xi an` is 西安, never 先); only the last syllable of the
/// query may be cut short.
pub fn pattern(query: &str) -> Option<String> {
    if !query.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
        return None;
    }
    let groups: Vec<&str> = query.split_whitespace().collect();
    let (last, whole) = groups.split_last()?;
    if whole.is_empty() {
        return group_pattern(last, true);
    }
    let mut out = String::new();
    for group in whole {
        out.push_str("(?:");
        out.push_str(&group_pattern(group, false)?);
        out.push(')');
    }
    out.push_str("(?:");
    out.push_str(&group_pattern(last, true)?);
    out.push(')');
    Some(out)
}

/// The alternatives for one group of letters typed without a space; `last` when it ends the
/// query, so that its last syllable may be cut short.
fn group_pattern(query: &str, last: bool) -> Option<String> {
    let table = table();
    let mut segmentations = Vec::new();
    let mut current = Vec::new();
    segment(table, query, &mut current, &mut segmentations);
    if !last {
        // Before a space the last syllable is whole.
        segmentations.retain(|s| {
            s.last()
                .is_some_and(|syllable| table.contains_key(*syllable))
        });
    }
    if segmentations.is_empty() {
        return None;
    }
    // Fewer syllables first: with leftmost-first matching they are preferred at one position.
    // Only the likeliest few are kept: each adds classes of hundreds of characters, and the
    // regex is compiled on the UI thread at every keystroke.
    segmentations.sort_by_key(Vec::len);
    segmentations.truncate(MAX_ALTERNATIVES);
    let mut classes: BTreeMap<(&str, bool), String> = BTreeMap::new();
    let mut out = String::new();
    for (n, segmentation) in segmentations.iter().enumerate() {
        if n > 0 {
            out.push('|');
        }
        let end = segmentation.len() - 1;
        for (i, syllable) in segmentation.iter().enumerate() {
            let partial = last && i == end;
            let class = classes
                .entry((syllable, partial))
                .or_insert_with(|| class(table, syllable, partial));
            out.push_str(class);
        }
    }
    Some(out)
}

/// Collects in `found` the ways to split `rest` into syllables, all whole but the last, which
/// may be the start of a syllable.
fn segment<'q>(
    table: &Table,
    rest: &'q str,
    current: &mut Vec<&'q str>,
    found: &mut Vec<Vec<&'q str>>,
) {
    if found.len() >= MAX_SEGMENTATIONS {
        return;
    }
    // The rest as one last, possibly partial, syllable.
    if table
        .range::<str, _>((Bound::Included(rest), Bound::Unbounded))
        .next()
        .is_some_and(|(syllable, _)| syllable.starts_with(rest))
    {
        current.push(rest);
        found.push(current.clone());
        current.pop();
    }
    // A whole syllable, then more; longest first, so that the segmentations with fewest
    // syllables (the likely ones) are found before the cap. Pinyin syllables are at most six
    // letters (`zhuang`).
    for len in (1..rest.len().min(7)).rev() {
        let (head, tail) = rest.split_at(len);
        if table.contains_key(head) {
            current.push(head);
            segment(table, tail, current, found);
            current.pop();
        }
    }
}

/// A bracket class of the characters read `syllable`, or, for the last syllable, read anything
/// starting with it.
fn class(table: &Table, syllable: &str, last: bool) -> String {
    let mut chars: Vec<char> = if last {
        table
            .range::<str, _>((Bound::Included(syllable), Bound::Unbounded))
            .take_while(|(reading, _)| reading.starts_with(syllable))
            .flat_map(|(_, chars)| chars.iter().copied())
            .collect()
    } else {
        table.get(syllable).cloned().unwrap_or_default()
    };
    chars.sort_unstable();
    chars.dedup();
    let mut out = String::with_capacity(chars.len() * 3 + 2);
    out.push('[');
    // Runs of consecutive code points become ranges, which keeps the regex small.
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j + 1 < chars.len() && u32::from(chars[j + 1]) == u32::from(chars[j]) + 1 {
            j += 1;
        }
        if j > i {
            let _ = write!(out, "{}-{}", chars[i], chars[j]);
        } else {
            out.push(chars[i]);
        }
        i = j + 1;
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_knows_common_readings() {
        let table = table();
        assert!(table["xiao"].contains(&'消'));
        assert!(table["fang"].contains(&'防'));
        assert!(table["bin"].contains(&'滨'));
        // Polyphonic: 还 reads hai and huan.
        assert!(table["hai"].contains(&'还'));
        assert!(table["huan"].contains(&'还'));
        assert!(table["lv"].contains(&'绿'));
    }

    #[test]
    fn likely_segmentations_come_first() {
        let table = table();
        let mut found = Vec::new();
        segment(table, "xian", &mut Vec::new(), &mut found);
        found.sort_by_key(Vec::len);
        assert_eq!(found[0], ["xian"]);
        assert!(found.contains(&vec!["xi", "an"]));
        let mut found = Vec::new();
        segment(table, "xiaofang", &mut Vec::new(), &mut found);
        assert!(!found.iter().any(|s| s.contains(&"ng")));
    }

    #[test]
    fn no_pattern_for_non_pinyin() {
        assert_eq!(pattern(""), None);
        assert_eq!(pattern("xyz"), None);
        assert_eq!(pattern("Xiao"), None);
    }
}
