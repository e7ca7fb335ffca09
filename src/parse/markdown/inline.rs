//! Markdown inline markup to plain text: what a reader sees, without the `*` and `[…](…)`.

/// Renders Markdown inline markup as plain text: backslash escapes resolved, `[text](url)` and
/// `![alt](url)` as their text, `` `code` `` as its content, `<https://…>` as the address, and
/// emphasis (`*`, `**`, `_`, `__`, `~~`) markers removed where they pair up as CommonMark pairs
/// them. A lone `*` (`2 * 3`) or an intraword `_` (`snake_case`) stays.
pub fn plain_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens: Vec<(char, bool)> = Vec::with_capacity(chars.len());
    scan(&chars, &mut tokens);
    pair_emphasis(&mut tokens);
    tokens
        .into_iter()
        .filter(|&(c, _)| c != '\0')
        .map(|(c, _)| c)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// First pass: escapes, code spans, links, autolinks. Each output char is flagged `true` when
/// it is literal (it can never be an emphasis marker).
fn scan(chars: &[char], out: &mut Vec<(char, bool)>) {
    // Closing `](url)` parts to skip, by their start index, with their end.
    let mut skips: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(&(_, end)) = skips.iter().find(|&&(start, _)| start == i) {
            i = end + 1;
            continue;
        }
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push((chars[i + 1], true));
                i += 2;
            }
            '`' => {
                let run = count_run(chars, i, '`');
                match find_run(chars, i + run, '`', run) {
                    Some(close) => {
                        let code: String = chars[i + run..close].iter().collect();
                        out.extend(code.trim().chars().map(|c| (c, true)));
                        i = close + run;
                    }
                    None => {
                        out.extend(std::iter::repeat_n(('`', true), run));
                        i += run;
                    }
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') && link_end(chars, i + 1).is_some() => i += 1,
            '[' => match link_end(chars, i) {
                Some((close, end)) => {
                    skips.push((close, end));
                    i += 1;
                }
                None => {
                    out.push(('[', true));
                    i += 1;
                }
            },
            '<' => match autolink(chars, i) {
                Some(end) => {
                    out.extend(chars[i + 1..end].iter().map(|&c| (c, true)));
                    i = end + 1;
                }
                None => {
                    out.push(('<', true));
                    i += 1;
                }
            },
            _ => {
                out.push((c, false));
                i += 1;
            }
        }
    }
}

/// For `[` at `open`: the index of its `]` and of the end of the `(url)` or `[ref]` after it.
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let close = close?;
    let (opener, closer) = match chars.get(close + 1)? {
        '(' => ('(', ')'),
        '[' => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (offset, &c) in chars[close + 1..].iter().enumerate() {
        if c == opener {
            depth += 1;
        } else if c == closer {
            depth -= 1;
            if depth == 0 {
                return Some((close, close + 1 + offset));
            }
        }
    }
    None
}

/// `<scheme://…>` or `<name@host>`: the index of the closing `>`.
fn autolink(chars: &[char], open: usize) -> Option<usize> {
    let end = open
        + 1
        + chars[open + 1..]
            .iter()
            .position(|&c| c == '>' || c.is_whitespace() || c == '<')?;
    if chars[end] != '>' {
        return None;
    }
    let inner: String = chars[open + 1..end].iter().collect();
    (inner.contains("://") || (inner.contains('@') && !inner.starts_with('@'))).then_some(end)
}

fn count_run(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|&&x| x == c).count()
}

fn find_run(chars: &[char], from: usize, c: char, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        let run = count_run(chars, i, c);
        if run == len {
            return Some(i);
        }
        i += run.max(1);
    }
    None
}

/// Second pass: delimiter runs of `*`, `_`, `~` that open and close each other are replaced by
/// `\0` (dropped later). Flanking follows CommonMark: a run opens when followed by a non-space,
/// closes when preceded by one; `_` inside a word does neither.
fn pair_emphasis(tokens: &mut [(char, bool)]) {
    // Openers: (start index, length, char).
    let mut openers: Vec<(usize, usize, char)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (c, literal) = tokens[i];
        if literal || !matches!(c, '*' | '_' | '~') {
            i += 1;
            continue;
        }
        let run = tokens[i..]
            .iter()
            .take_while(|&&(x, lit)| x == c && !lit)
            .count();
        let before = i.checked_sub(1).map(|b| tokens[b].0);
        let after = tokens.get(i + run).map(|t| t.0);
        let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
        let punct =
            |x: Option<char>| x.is_some_and(|x| x.is_ascii_punctuation() || !x.is_alphanumeric());
        let left = !space(after) && (!punct(after) || space(before) || punct(before));
        let right = !space(before) && (!punct(before) || space(after) || punct(after));
        let (can_open, can_close) = if c == '_' {
            (
                left && (!right || punct(before)),
                right && (!left || punct(after)),
            )
        } else {
            (left, right)
        };
        let mut closed = false;
        if can_close {
            if let Some(pos) = openers
                .iter()
                .rposition(|&(_, len, oc)| oc == c && (c != '~' || len == run))
            {
                let (start, len, _) = openers[pos];
                let used = len.min(run);
                for token in &mut tokens[start + len - used..start + len] {
                    token.0 = '\0';
                }
                for token in &mut tokens[i..i + used] {
                    token.0 = '\0';
                }
                openers.truncate(pos);
                closed = true;
            }
        }
        if can_open && !closed {
            openers.push((i, run, c));
        }
        i += run;
    }
}
