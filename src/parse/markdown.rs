//! Markdown interviews: rendered to lines of plain text by a CommonMark parser
//! (pulldown-cmark, linear on every input), then read by the same label inference as plain
//! text ([`super::assemble`]). Emphasis, links and code become their text, HTML comments (often
//! the original of a translated interview) are dropped and inline HTML is reduced to its text,
//! entities are decoded; headings, a bold span opening a line and thematic breaks are kept as
//! line kinds, which is all the inference needs of the markup (`### Name:`, `**Name** text`).
//! YAML front matter gives the title (`title:`) and header lines.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::assemble::{self, Explanation, Labels};
use super::common::{decode_entities, is_cjk as common_is_cjk, separator};
use super::document::{DocLine, Document, is_space, offset};
use super::error::ParseError;
use super::labels::LineKind;
use crate::model::Transcript;

/// Parses a Markdown interview.
///
/// # Errors
/// None today: every text is some Markdown. The `Result` keeps the parsers interchangeable.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    Ok(read(text, Labels::default()).0)
}

/// Parses Markdown, with labels inferred or given, and says what was inferred.
pub fn read(text: &str, labels: Labels<'_>) -> (Transcript, Explanation) {
    assemble::read(render(text), labels)
}

/// Renders Markdown into a document of plain lines.
pub fn render(text: &str) -> Document {
    render_in_pieces(text, PIECE)
}

/// Renders Markdown, parsing about `piece` bytes of it at a time.
fn render_in_pieces(text: &str, piece: usize) -> Document {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (front, body_start) = front_matter(text);
    let body = shallow(space_headings(dedent(&text[body_start..])));
    let line_offset = text[..body_start].matches('\n').count();
    if is_mostly_markup(&body) {
        return plain(body.into_owned(), line_offset, front);
    }
    let mut renderer = Renderer::new(&body, line_offset);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for piece in pieces(&body, piece) {
        let parser = Parser::new_ext(&body[piece.clone()], options);
        for (event, range) in parser.into_offset_iter() {
            renderer.event(event, piece.start + range.start..piece.start + range.end);
        }
    }
    renderer.end_line();
    Document {
        text: renderer.out,
        lines: renderer.lines,
        title: front.title,
        header: front.header,
    }
}

/// The text with every line's indentation taken off, except inside fenced code. In a
/// transcript, an indented line is a web page's or an editor's indentation, never the code
/// block CommonMark would make of it (which would cut a speaker's paragraph in two).
fn dedent(text: &str) -> std::borrow::Cow<'_, str> {
    let indented = |line: &str| line.starts_with([' ', '\t']);
    if !text.lines().any(indented) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        match fence {
            Some(marker) => {
                out.push_str(line);
                if trimmed.starts_with(marker) {
                    fence = None;
                }
            }
            None => {
                fence = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
                out.push_str(trimmed);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The text with a space put after the hashes of a heading written without one, outside
/// fenced code: `###问：…` is a heading to the writer, as it was to Markdown before CommonMark
/// and still is to many editors, where CommonMark would show `###` as text. Only before a CJK
/// character, whose writers leave the space out: `#hashtag` and `#1` stay text, and so does a
/// Weibo topic, `#话题#`.
fn space_headings(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if !text.lines().any(|line| unspaced(line).is_some()) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        match fence {
            Some(marker) => {
                if trimmed.starts_with(marker) {
                    fence = None;
                }
            }
            None => fence = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)),
        }
        match unspaced(line).filter(|_| fence.is_none()) {
            Some(hashes) => {
                out.push_str(&line[..hashes]);
                out.push(' ');
                out.push_str(&line[hashes..]);
            }
            None => out.push_str(line),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The hashes opening a heading written without a space before a CJK character (`###问：…`),
/// which [`render`] reads as a heading; not a Weibo topic (`#话题#`).
pub fn unspaced(line: &str) -> Option<usize> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    let next = rest.chars().next()?;
    let topic = hashes == 1 && rest.contains('#');
    ((1..=6).contains(&hashes) && common_is_cjk(next) && !topic).then_some(hashes)
}

/// About how much of the body one parser sees: its tree, a few dozen bytes for every block and
/// span, stays this size's multiple, however long the file and however short its lines.
const PIECE: usize = 1 << 20;

/// The body in pieces of about `size` bytes that parse on their own as they would together:
/// each cut where a block begins whatever came before it, at a line after a blank line or at the
/// next item of a list, never inside fenced code, an HTML comment or raw HTML (`<pre>`,
/// `<script>`, `<style>`, `<textarea>`). A piece runs longer when the text offers no such place.
/// (A reference link whose definition stands in another piece keeps its brackets.)
fn pieces(body: &str, size: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut at = 0;
    // Fenced code, a comment or raw HTML, open; an HTML block that a blank line ends, open;
    // a line of HTML since the last blank line (perhaps such a block).
    let mut inside: Option<Open> = None;
    let mut html_block = false;
    let mut html = false;
    let mut after_blank = false;
    let mut after_bullet = false;
    let mut lines = body.split_inclusive('\n');
    std::iter::from_fn(move || {
        if start >= body.len() {
            return None;
        }
        for line in lines.by_ref() {
            let line_start = at;
            at += line.len();
            let blank = line.trim().is_empty();
            let bullet = is_bullet_item(line);
            // A bullet item interrupts whatever came before it; a numbered one may not.
            let begins = !blank
                && !line.starts_with([' ', '\t'])
                && (after_blank || bullet && after_bullet && !html);
            let cut = inside.is_none() && !html_block && begins && line_start - start >= size;
            if html_block {
                // Everything up to a blank line is the HTML block's, fences and comments too.
                html_block = !blank;
            } else if inside.is_none() && starts_html_block(line) {
                html_block = true;
            } else {
                inside = enclosure(inside, line);
            }
            html = !blank && (html || inside.is_none() && line.trim_start().starts_with('<'));
            (after_blank, after_bullet) = (blank, bullet);
            if cut {
                let piece = start..line_start;
                start = line_start;
                return Some(piece);
            }
        }
        let piece = start..body.len();
        start = body.len();
        Some(piece)
    })
}

/// A block that a blank line does not end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Fenced code: the fence's character and length.
    Fence(u8, usize),
    /// An HTML comment or raw HTML: what closes it.
    Until(&'static str),
}

/// What a line leaves open, given what was open before it: fenced code, an HTML comment or
/// raw HTML (`<pre>`, `<script>`, `<style>`, `<textarea>`), each only as a block that starts
/// the line.
fn enclosure(open: Option<Open>, line: &str) -> Option<Open> {
    const RAW: [(&str, &str); 4] = [
        ("<pre", "</pre>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ];
    let trimmed = line.trim_start();
    // A fence opens or closes with at most three spaces before it.
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let fenceable = spaces <= 3 && !trimmed.starts_with('\t');
    let fence = |c: u8| {
        let run = trimmed.bytes().take_while(|&b| b == c).count();
        if fenceable { run } else { 0 }
    };
    match open {
        Some(Open::Fence(c, length)) => {
            let closing = fence(c);
            let closed = closing >= length && trimmed[closing..].trim().is_empty();
            return (!closed).then_some(Open::Fence(c, length));
        }
        Some(Open::Until(close)) => {
            let closed = line.to_ascii_lowercase().contains(close);
            return (!closed).then_some(Open::Until(close));
        }
        None => {}
    }
    for c in [b'`', b'~'] {
        let length = fence(c);
        // A backtick fence's info string holds no backtick.
        if length >= 3 && !(c == b'`' && trimmed[length..].contains('`')) {
            return Some(Open::Fence(c, length));
        }
    }
    if trimmed.starts_with("<!--") {
        // `<!-->` and `<!--->` are comments whole.
        return (!trimmed[2..].contains("-->")).then_some(Open::Until("-->"));
    }
    let &(_, close) = RAW.iter().find(|(tag, _)| {
        trimmed
            .get(..tag.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(tag))
    })?;
    (!line.to_ascii_lowercase().contains(close)).then_some(Open::Until(close))
}

/// Whether a line opens an HTML block that a blank line ends (CommonMark's sixth kind):
/// `<div>`, `</table>`, `<p class="x">`, a block-level tag.
fn starts_html_block(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ];
    let Some(tag) = line.trim_start().strip_prefix('<') else {
        return false;
    };
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let name_length = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let after = &tag[name_length..];
    let ends = after.is_empty()
        || after.starts_with([' ', '\t', '\n', '\r', '>'])
        || after.starts_with("/>");
    ends && BLOCK_TAGS
        .iter()
        .any(|name| name.eq_ignore_ascii_case(&tag[..name_length]))
}

/// A bullet list item's first line: `-`, `+` or `*`, a space, and something.
fn is_bullet_item(line: &str) -> bool {
    line.strip_prefix(['-', '+', '*'])
        .and_then(|rest| rest.strip_prefix([' ', '\t']))
        .is_some_and(|rest| !rest.trim().is_empty())
}

/// The deepest nesting of block containers (quotes, list items) a line keeps. No document
/// nests deeper; `- - - - …` or `1. 1. 1. …` a million times over would cost the parser a node
/// per level and some hundred bytes each.
const MAX_NESTING: usize = 32;

/// The text with every line's block containers beyond [`MAX_NESTING`] taken off (borrowed
/// when no line nests that deep).
fn shallow(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let too_deep = |line: &str| nested_markers(line).nth(MAX_NESTING).is_some();
    if !text.lines().any(too_deep) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut markers = nested_markers(line);
        match markers.nth(MAX_NESTING - 1) {
            Some(kept) if markers.next().is_some() => {
                let rest = nested_markers(line).last().unwrap_or(kept);
                out.push_str(&line[..kept]);
                out.push_str(&line[rest..]);
            }
            _ => out.push_str(line),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Where each block container marker at the start of `line` ends: `>` with its space, a
/// bullet (`-`, `+`, `*`) or a number (`1.`, `2)`) followed by a space.
fn nested_markers(line: &str) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &line[at..];
        let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let rest = &rest[indent..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if rest.starts_with(['>', '-', '+', '*']) {
            1
        } else if (1..=9).contains(&digits) && rest[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            return None;
        };
        let spaced = rest[marker..].starts_with([' ', '\t']);
        if !spaced && !rest.starts_with('>') {
            return None;
        }
        at += indent + marker + usize::from(spaced);
        Some(at)
    })
}

/// The share of the text that is Markdown's punctuation above which it is not prose: real
/// Markdown interviews stay under 4%; `[[[[…`, `<<<<…` or `[a](b)[a](b)…` are nothing else.
const MARKUP_SHARE: f64 = 0.2;

/// Whether the text is mostly markup characters. Such text is read as plain text: a
/// CommonMark parser, linear as it is, spends a node on every bracket, and a reader must open
/// any input at once.
fn is_mostly_markup(text: &str) -> bool {
    // Below this a parse is quick whatever the text.
    const SMALL: usize = 64 << 10;
    if text.len() < SMALL {
        return false;
    }
    let markup = text
        .bytes()
        .filter(|b| matches!(b, b'[' | b']' | b'<' | b'>' | b'*' | b'`' | b'_' | b'\\'))
        .count();
    !text.is_empty() && markup as f64 > text.len() as f64 * MARKUP_SHARE
}

/// The body as plain text, its lines numbered after the front matter.
fn plain(body: String, line_offset: usize, front: FrontMatter) -> Document {
    let mut document = Document::plain(body);
    let offset = u32::try_from(line_offset).unwrap_or(u32::MAX);
    for line in &mut document.lines {
        line.number = line.number.saturating_add(offset);
    }
    document.title = front.title;
    document.header = front.header;
    document
}

/// What YAML front matter says: the title and the other keys as header lines.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    header: Vec<String>,
}

/// Reads `---` … `---` (or `...`) at the very top with a YAML parser; returns it and where the
/// body starts. Front matter that is not YAML is shown as header lines as it is.
fn front_matter(text: &str) -> (FrontMatter, usize) {
    let mut front = FrontMatter::default();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (front, 0);
    };
    let yaml_start = text.len() - rest.len();
    let mut at = yaml_start;
    let mut end = None;
    for (count, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            end = Some((at, at + line.len()));
            break;
        }
        at += line.len();
        if count > FRONT_MATTER_LINES {
            break;
        }
    }
    let Some((yaml_end, body_start)) = end else {
        return (front, 0);
    };
    let yaml = &text[yaml_start..yaml_end];
    match yaml_rust2::YamlLoader::load_from_str(yaml) {
        Ok(documents) => {
            if let Some(yaml_rust2::Yaml::Hash(map)) = documents.first() {
                for (key, value) in map {
                    let key = scalar(key);
                    let value = squeeze(&scalar(value));
                    if value.is_empty() {
                        continue;
                    }
                    if key.eq_ignore_ascii_case("title") && front.title.is_none() {
                        front.title = Some(value);
                    } else {
                        front.header.push(format!("{key}: {value}"));
                    }
                }
            }
        }
        Err(_) => {
            let lines = yaml.lines().map(str::trim).filter(|line| !line.is_empty());
            front.header.extend(lines.map(str::to_owned));
        }
    }
    (front, body_start)
}

/// Front matter longer than this is not front matter.
const FRONT_MATTER_LINES: usize = 500;

/// A YAML value as one line of text: lists and maps flattened, `, ` between items.
fn scalar(value: &yaml_rust2::Yaml) -> String {
    use yaml_rust2::Yaml;
    match value {
        Yaml::String(text) | Yaml::Real(text) => text.clone(),
        Yaml::Integer(number) => number.to_string(),
        Yaml::Boolean(flag) => flag.to_string(),
        Yaml::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Yaml::Hash(map) => map
            .iter()
            .map(|(key, value)| format!("{}: {}", scalar(key), scalar(value)))
            .collect::<Vec<_>>()
            .join(", "),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => String::new(),
    }
}

/// Whitespace runs as one space (YAML's no-break spaces too), ends trimmed.
fn squeeze(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the document's lines from the parser's events.
struct Renderer<'s> {
    source: &'s str,
    /// Whether each open list is ordered.
    ordered: Vec<bool>,
    /// How far line ends have been counted, and how many there were before it.
    counted: usize,
    counted_lines: usize,
    /// Lines of the file before the body (front matter).
    line_offset: usize,
    out: String,
    lines: Vec<DocLine>,
    /// The line being rendered: where it starts in `out`, its source line, its kind.
    start: usize,
    number: usize,
    kind: LineKind,
    joins: bool,
    /// The source line where the last rendered line ended.
    last_end: usize,
    /// Inside a heading: soft breaks join, one heading is one line.
    heading: bool,
    /// Where a bold span opened at the start of the line, until it closes.
    strong_at: Option<usize>,
    /// Inside an image, an HTML comment or ruby annotation: nothing is shown.
    hidden: usize,
    comment: bool,
    /// Inside a code block: text comes with its line ends.
    code: bool,
    /// A heading's soft break: the next text joins the line as a separator says.
    glue: bool,
    /// An ordered list item's number was just written.
    after_marker: bool,
    /// Block quotes open around the line.
    quotes: usize,
}

impl<'s> Renderer<'s> {
    fn new(source: &'s str, line_offset: usize) -> Self {
        Self {
            source,
            ordered: Vec::new(),
            counted: 0,
            counted_lines: 0,
            line_offset,
            out: String::with_capacity(source.len()),
            lines: Vec::new(),
            start: 0,
            number: 0,
            kind: LineKind::Text,
            joins: false,
            last_end: line_offset,
            heading: false,
            strong_at: None,
            hidden: 0,
            comment: false,
            code: false,
            glue: false,
            after_marker: false,
            quotes: 0,
        }
    }

    /// The 1-based source line of a byte of the body, counted on from the byte asked about
    /// before: the parser's events come in the order of the text.
    fn line_of(&mut self, at: usize) -> usize {
        let between = &self.source.as_bytes()[self.counted.min(at)..self.counted.max(at)];
        let line_ends = memchr::memchr_iter(b'\n', between).count();
        if at >= self.counted {
            self.counted_lines += line_ends;
        } else {
            self.counted_lines -= line_ends;
        }
        self.counted = at;
        self.counted_lines + 1 + self.line_offset
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start_tag(&tag, range),
            Event::End(tag) => self.end_tag(tag),
            Event::Text(text) if self.code => self.code_text(&text, range.start),
            Event::Text(text) | Event::Code(text) => {
                if self.hidden == 0 && !self.comment {
                    self.push_text(&text, range.start);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, range.start),
            Event::SoftBreak if self.heading => self.glue = true,
            Event::SoftBreak => {
                self.end_line();
                self.joins = true;
            }
            Event::HardBreak => self.end_line(),
            Event::Rule => {
                self.end_line();
                let number = self.line_of(range.start);
                self.push_line(self.out.len(), number, true);
            }
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start_tag(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.end_line();
                self.kind = LineKind::Heading(*level as u8);
                self.heading = true;
            }
            Tag::List(first) => self.ordered.push(first.is_some()),
            Tag::Item => {
                self.end_line();
                // An ordered list's number is part of what it says (`1. 开 式`).
                if self.ordered.last() == Some(&true) {
                    let marker = self.source[range.clone()]
                        .split([' ', '\t'])
                        .next()
                        .unwrap_or("");
                    self.push_text(&format!("{marker} "), range.start);
                    self.after_marker = true;
                }
            }
            // A loose list item's paragraph goes on the line of its number.
            Tag::Paragraph if std::mem::take(&mut self.after_marker) => {}
            Tag::Paragraph | Tag::TableRow | Tag::TableHead => self.end_line(),
            Tag::CodeBlock(_) => {
                self.end_line();
                self.code = true;
            }
            Tag::Strong if self.line_is_empty() => self.strong_at = Some(self.out.len()),
            Tag::Image { .. } => self.hidden += 1,
            Tag::BlockQuote(_) => {
                self.end_line();
                self.quotes += 1;
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.end_line();
                self.heading = false;
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead => {
                self.end_line();
            }
            TagEnd::TableCell => self.out.push_str("  "),
            TagEnd::List(_) => {
                self.ordered.pop();
            }
            TagEnd::CodeBlock => {
                self.end_line();
                self.code = false;
            }
            TagEnd::Image => self.hidden = self.hidden.saturating_sub(1),
            TagEnd::BlockQuote(_) => {
                self.end_line();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::Strong => {
                if let Some(at) = self.strong_at.take() {
                    let length = self.out[at..].trim_end_matches(is_space).len();
                    if self.kind == LineKind::Text && length > 0 {
                        self.kind = LineKind::Strong(offset(length));
                    }
                }
            }
            _ => {}
        }
    }

    /// A code block's text: its lines are lines of the document, as they are.
    fn code_text(&mut self, text: &str, at: usize) {
        let mut source_line = self.line_of(at);
        for line in text.split_inclusive('\n') {
            if self.out.len() == self.start {
                self.number = source_line;
                self.kind = LineKind::Code;
            }
            self.out.push_str(line.trim_end_matches(['\n', '\r']));
            if line.ends_with('\n') {
                self.end_line();
                source_line += 1;
            }
        }
    }

    /// HTML: comments hidden (possibly across events), `<rt>`/`<rp>` annotations hidden, tags
    /// dropped, the text between them kept.
    fn html(&mut self, html: &str, at: usize) {
        let mut rest = html;
        while !rest.is_empty() {
            if self.comment {
                match rest.find("-->") {
                    Some(end) => {
                        self.comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => return,
                }
                continue;
            }
            let Some(open) = rest.find('<') else {
                if self.hidden == 0 {
                    self.push_text(&decode_entities(rest), at);
                }
                return;
            };
            if self.hidden == 0 && open > 0 {
                self.push_text(&decode_entities(&rest[..open]), at);
            }
            rest = &rest[open..];
            if rest.starts_with("<!--") {
                // Its end may share the opening's dashes: `<!-->` and `<!--->` are comments.
                self.comment = true;
                rest = &rest[2..];
                continue;
            }
            let close = rest.find('>').map_or(rest.len(), |end| end + 1);
            let tag = rest[..close].to_ascii_lowercase();
            if tag.starts_with("<rt") || tag.starts_with("<rp") {
                self.hidden += 1;
            } else if tag.starts_with("</rt") || tag.starts_with("</rp") {
                self.hidden = self.hidden.saturating_sub(1);
            } else if tag.starts_with("<br") || tag.starts_with("<p") || tag.starts_with("</p") {
                self.end_line();
            }
            rest = &rest[close..];
        }
        if html.ends_with('\n') && !self.comment {
            self.end_line();
        }
    }

    fn line_is_empty(&self) -> bool {
        self.out[self.start..].trim_matches(is_space).is_empty()
    }

    /// Appends text to the line being rendered, starting it if it is new.
    fn push_text(&mut self, text: &str, source_at: usize) {
        if text.is_empty() {
            return;
        }
        if self.out.len() == self.start {
            self.number = self.line_of(source_at);
        }
        if !text.trim().is_empty() && !text.ends_with(". ") {
            self.after_marker = false;
        }
        if std::mem::take(&mut self.glue) {
            // A heading broken over two lines is one heading.
            let glue = separator(&self.out[self.start..], text);
            self.out.push_str(glue);
        }
        self.out.push_str(text);
    }

    /// Bold that CommonMark left as `**` because it touches CJK punctuation (`**记者：**你好`
    /// cannot close by the flanking rules): the markers are taken off, and a bold span opening
    /// the line makes it a [`LineKind::Strong`] line as real bold would.
    fn cjk_bold(&mut self) {
        let line = &self.out[self.start..];
        if !line.contains("**") || self.kind == LineKind::Code {
            return;
        }
        let mut cleaned = String::with_capacity(line.len());
        let mut rest = line;
        let mut opening = None;
        while let Some(open) = rest.find("**") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("**").filter(|&c| c > 0) else {
                break;
            };
            let inner = &after[..close];
            let touches_cjk = inner.chars().next_back().is_some_and(common_is_cjk)
                || after[close + 2..].chars().next().is_some_and(common_is_cjk)
                || rest[..open].chars().next_back().is_some_and(common_is_cjk);
            cleaned.push_str(&rest[..open]);
            if touches_cjk {
                if cleaned.trim().is_empty() && opening.is_none() {
                    opening = Some(inner.trim_end().len());
                }
                cleaned.push_str(inner);
            } else {
                cleaned.push_str(&rest[open..open + 2 + close + 2]);
            }
            rest = &after[close + 2..];
        }
        cleaned.push_str(rest);
        if cleaned.len() != line.len() {
            self.out.truncate(self.start);
            self.out.push_str(&cleaned);
            if let (Some(length), LineKind::Text) = (opening, self.kind) {
                self.kind = LineKind::Strong(offset(length));
            }
        }
    }

    /// Ends the line being rendered, keeping it if it has text.
    fn end_line(&mut self) {
        self.cjk_bold();
        let text = &self.out[self.start..];
        let kept = text.trim_end_matches(is_space).len();
        let leading = kept - text[..kept].trim_start_matches(is_space).len();
        if leading == kept {
            self.out.truncate(self.start);
        } else {
            self.out.truncate(self.start + kept);
            let start = self.start + leading;
            let number = self.number;
            self.push_line(start, number, false);
            self.out.push('\n');
        }
        self.start = self.out.len();
        self.kind = LineKind::Text;
        self.joins = false;
        self.strong_at = None;
    }

    fn push_line(&mut self, start: usize, number: usize, rule: bool) {
        let end = if rule { start } else { self.out.len() };
        let blanks = number.saturating_sub(self.last_end + 1);
        let kind = self.kind;
        self.lines.push(DocLine {
            start: offset(start),
            end: offset(end),
            number: offset(number),
            blanks_before: u16::try_from(blanks).unwrap_or(u16::MAX),
            rule,
            joins: self.joins && !rule,
            quote: self.quotes > 0,
            kind,
        });
        self.last_end = number;
    }
}

#[cfg(test)]
mod tests;
