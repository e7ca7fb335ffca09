//! From a labelled document to a transcript: which labels are speakers, where the conversation
//! begins and ends, what is title, header and notes, and the turns in between (SPEC §2).
//!
//! The header (title, metadata lines) stays at the top; everything else keeps its place: page
//! chrome and introductions before the first turn and after the last, stage directions and
//! section headings between turns, are notes where they stand.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::FxHashMap;

use super::common;
use super::document::{DocLine, Document, columns, is_space};
use super::infer::{self, Decision};
use super::labels::{self, Candidate, LineKind, Shape};
use crate::model::{Note, Parts, Speaker, SpeakerId, Transcript, Turn};
use survey::Finder;

/// How labels are found: inferred, or the user's regular expression (`--labels`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Labels<'a> {
    /// A regular expression with a `name` group (and optionally `time`) matched at the start of
    /// each line, replacing the inference.
    pub regex: Option<&'a Regex>,
}

/// What was inferred about a document, for `--explain`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation {
    /// The shapes labels were read with, and how many speaker labels each gave.
    pub shapes: Vec<(Shape, usize)>,
    /// The inference's scores of every shape (empty with `--labels`).
    pub decision: Decision,
    /// Where the title came from.
    pub title: TitleSource,
    /// Lines before the first turn that were taken for page chrome and skipped for the title.
    pub chrome: usize,
    /// Notes before the first turn, between turns, after the last.
    pub notes: [usize; 3],
    /// How sure the reading is, 0 to 1: the share of the text in labelled turns, lowered when
    /// some candidates of the chosen shapes were not taken for speakers.
    pub confidence: f64,
    /// Whether lines were joined into paragraphs (a hard-wrapped text).
    pub joined_lines: bool,
}

/// Where a title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TitleSource {
    /// No title.
    #[default]
    None,
    /// Markdown front matter's `title:`.
    FrontMatter,
    /// A Markdown heading.
    Heading,
    /// A line before the conversation.
    Line,
}

/// One labelled line.
#[derive(Debug, Clone, Copy)]
struct Label {
    /// Index into the document's lines.
    line: u32,
    /// Index into the interned names.
    name: u32,
    /// Byte offset in the line where the speech starts.
    body: u32,
    time: Option<f64>,
    strong: bool,
    shape: Shape,
}

/// Reads the transcript out of a document.
pub fn read(document: Document, options: Labels<'_>) -> (Transcript, Explanation) {
    let decision = match options.regex {
        Some(_) => Decision {
            shapes: vec![Shape::User],
            scores: Vec::new(),
        },
        None => infer::decide(&document),
    };
    let mut explanation = Explanation::default();
    let built = {
        let reading = Reading::new(&document, &decision, options.regex);
        if reading.kinds.iter().any(|k| matches!(k, Kind::Label(..))) {
            reading.build(&mut explanation)
        } else {
            unlabelled(&document, &mut explanation)
        }
    };
    explanation.decision = decision;
    let (transcript, joined) = if document.lines.is_empty() && document.title.is_none() {
        // Nothing but blank lines: nothing to keep of them.
        (Transcript::default(), false)
    } else {
        built.into_transcript(document)
    };
    explanation.joined_lines = joined;
    explanation.notes = count_notes(&transcript);
    (transcript, explanation)
}

/// The state of one reading.
struct Reading<'d> {
    document: &'d Document,
    /// Labelled lines, in line order.
    labels: Vec<Label>,
    names: Vec<&'d str>,
    /// Whether each interned name is a speaker.
    accepted: Vec<bool>,
    /// What each line is.
    kinds: Vec<Kind>,
    /// The lines without a label that later steps look at again.
    unlabelled: Unlabelled,
}

/// Lines without a label that later steps look at again, each list in line order.
#[derive(Debug, Default)]
struct Unlabelled {
    /// Page markers (`--- Page 5 ---`): the line above may be the page's footnote.
    page_markers: Vec<u32>,
    /// Numbered lines (`2. 本院委員…`, `二、…`): agenda items read into the record.
    numbered: Vec<u32>,
}

impl Unlabelled {
    /// What line `index`, which has no label, is, by its own text (see [`unlabelled_kind`]),
    /// noted for the steps that look again.
    fn kind(&mut self, index: usize, text: &str, line: &DocLine) -> Kind {
        let kind = unlabelled_kind(text, line);
        match kind {
            Kind::Page => self.page_markers.push(offset(index)),
            Kind::Speech if is_numbered(text) => self.numbered.push(offset(index)),
            _ => {}
        }
        kind
    }

    /// Puts the lists back in line order after lines were added out of it.
    fn sort(&mut self) {
        self.page_markers.sort_unstable();
        self.numbered.sort_unstable();
    }
}

/// What a line is in the transcript.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// The title.
    Title,
    /// A header line.
    Header,
    /// A note.
    Note,
    /// Page chrome inside someone's speech (`--- Page 5 ---`, a running header, a footnote
    /// above the break): a note after their turn, which goes on across it.
    Page,
    /// A line that is not shown (a rule, a duplicate of the title).
    Skip,
    /// A label that starts (or goes on with) a speaker's turn: the name's index, and where the
    /// speech starts in the line.
    Label(u32, u32),
    /// A time alone: the speaker goes on.
    Stamp,
    /// Speech without a label: goes on with the current turn.
    Speech,
    /// The first paragraph of an answer after the interviewer's dash.
    Answer,
}

impl<'d> Reading<'d> {
    fn new(document: &'d Document, decision: &Decision, regex: Option<&Regex>) -> Self {
        let mut kinds = vec![Kind::Speech; document.lines.len()];
        let finder = Finder {
            shapes: &decision.shapes,
            regex,
        };
        let survey = survey::survey(document, finder, &mut kinds);
        let mut reading = Self {
            document,
            labels: survey.labels,
            names: survey.names,
            accepted: Vec::new(),
            kinds,
            unlabelled: survey.unlabelled,
        };
        reading.accept();
        reading.classify();
        reading
    }

    /// Decides which names are speakers: those that recur, roles and machine names; a name
    /// that occurs once counts inside the conversation when its form makes it a label or it
    /// reads like a name. Metadata keys and credits never do.
    fn accept(&mut self) {
        let mut counts = vec![0_usize; self.names.len()];
        for label in &self.labels {
            counts[label.name as usize] += 1;
        }
        let user = self.labels.first().is_some_and(|l| l.shape == Shape::User);
        let metadata: Vec<bool> = self
            .names
            .iter()
            .map(|n| labels::is_metadata_key(n) || labels::is_kicker(n))
            .collect();
        let mut accepted: Vec<bool> = self
            .names
            .iter()
            .enumerate()
            .map(|(id, name)| {
                !metadata[id]
                    && (user
                        || counts[id] >= 2
                        || labels::is_role(name)
                        || labels::is_diarized_name(name))
            })
            .collect();
        // With no name recurring, labels whose form makes them labels carry the text alone: a
        // monologue (`Mr. REID.`) or a short exchange.
        if !accepted.iter().any(|&a| a) {
            for label in self.labels.iter().filter(|label| label.strong) {
                accepted[label.name as usize] = !metadata[label.name as usize];
            }
        }
        // Once-only labels count inside the conversation, and just before it (`Michael
        // KENNEDY:` then `KENNEDY:` ever after), when their form makes them labels or they read
        // like names, on the same kind of line as the conversation's labels.
        let kind_of = |label: &Label| self.document.lines[label.line as usize].kind;
        let core: Vec<&Label> = self
            .labels
            .iter()
            .filter(|l| accepted[l.name as usize])
            .collect();
        // How the conversation's labels are dressed, when most are dressed alike: as headings,
        // in bold, or plain.
        let dress = |kind: LineKind| match kind {
            LineKind::Heading(_) => 1,
            LineKind::Strong(_) => 2,
            LineKind::Text | LineKind::Code => 0,
        };
        let dominant = [0, 1, 2].into_iter().find(|&class| {
            !core.is_empty()
                && core.iter().filter(|l| dress(kind_of(l)) == class).count() * 5 >= core.len() * 4
        });
        let fits = |label: &Label| {
            let id = label.name as usize;
            // Dressed as the conversation's labels are: where labels are plain lines, a
            // heading with a colon (`## 生命傳記：…`) is a section title and a bold line a
            // lead-in.
            let dressed = dominant.is_none_or(|class| dress(kind_of(label)) == class);
            // A name beside a time on a line of its own (`王五 01:20`, the speech below) is
            // dressed as the meeting tools dress every speaker.
            let alone = |label: &Label| {
                let line = &self.document.lines[label.line as usize];
                label.shape == Shape::Timed && label.body as usize >= line.range().len()
            };
            let readable = (matches!(label.shape, Shape::Colon | Shape::Bracket | Shape::Bold)
                || alone(label))
                && labels::reads_like_a_name(self.names[id]);
            // `投影：https://…`: a link with a caption, not someone speaking.
            let line = &self.document.lines[label.line as usize];
            let link = is_link(&self.document.line(line)[label.body as usize..]);
            !metadata[id] && dressed && !link && (label.strong || readable)
        };
        // A cast list above the conversation (`出聲人物：張大春、venev`) names people; it is
        // not one of them speaking.
        let cast = |label: &Label| {
            let line = &self.document.lines[label.line as usize];
            is_cast_list(&self.document.line(line)[label.body as usize..])
        };
        let first_core = self.labels.iter().position(|l| accepted[l.name as usize]);
        let last_core = self.labels.iter().rposition(|l| accepted[l.name as usize]);
        if let (Some(first), Some(last)) = (first_core, last_core) {
            let mut taken = Vec::new();
            for label in self.labels[..first].iter().rev() {
                if !fits(label) || cast(label) {
                    break;
                }
                taken.push(label.name as usize);
            }
            taken.extend(
                self.labels[first..=last]
                    .iter()
                    .filter(|label| !accepted[label.name as usize] && fits(label))
                    .map(|label| label.name as usize),
            );
            // After the last recurring speaker, the conversation goes on until a note (an
            // adjournment, an appendix's heading): rosters after it are not speakers.
            let mut line = self.labels[last].line as usize + 1;
            for label in &self.labels[last + 1..] {
                let ended = (line..label.line as usize)
                    .any(|index| is_note_like(self.document, &self.document.lines[index]));
                if ended || !fits(label) {
                    break;
                }
                taken.push(label.name as usize);
                line = label.line as usize + 1;
            }
            for id in taken {
                accepted[id] = true;
            }
        }
        // The first line is the title when its label occurs nowhere else (SPEC §2), unless
        // the document has its title already (front matter).
        let untitled = self.document.title.is_none();
        if let Some(first) = self
            .labels
            .first()
            .filter(|label| label.line == 0 && untitled)
        {
            let name = first.name as usize;
            if counts[name] == 1 && !labels::is_role(self.names[name]) && !user {
                accepted[name] = false;
            }
        }
        self.accepted = accepted;
    }

    /// Marks every line: labels, the regions before and after the conversation, notes inside.
    fn classify(&mut self) {
        let document = self.document;
        let lines = &document.lines;
        // What the survey could not say before the speakers were known: which labels speak,
        // and what the lines of the others are.
        let mut rejected = false;
        for label in &self.labels {
            let index = label.line as usize;
            if self.kinds[index] == Kind::Skip {
                continue;
            }
            if self.accepted[label.name as usize] {
                self.kinds[index] = Kind::Label(label.name, label.body);
            } else {
                let text = document.line(&lines[index]);
                self.kinds[index] = self.unlabelled.kind(index, text, &lines[index]);
                rejected = true;
            }
        }
        if rejected {
            self.unlabelled.sort();
        }
        // A numbered line right above a page break is the page's footnote.
        for &marker in &self.unlabelled.page_markers {
            let footnote = (marker as usize)
                .checked_sub(1)
                .filter(|&above| self.kinds[above] == Kind::Speech)
                .filter(|&above| is_footnote(document.line(&lines[above])));
            if let Some(above) = footnote {
                self.kinds[above] = Kind::Page;
            }
        }
        self.demote_cast();
        let is_turn = |kind: &Kind| matches!(kind, Kind::Label(..));
        let Some(first) = self.kinds.iter().position(is_turn) else {
            return;
        };
        let last = self.kinds.iter().rposition(is_turn).unwrap_or(first);
        self.classify_front(first);
        self.classify_tail(first, last);
        self.mark_comments();
        self.mark_agenda(first, last);
        self.mark_answers();
        // After a thematic break, text that no label opens is not speech.
        let mut closed = false;
        for (index, line) in lines.iter().enumerate().skip(first) {
            match self.kinds[index] {
                Kind::Skip if line.rule => closed = true,
                Kind::Label(..) => closed = false,
                Kind::Speech | Kind::Stamp if closed => self.kinds[index] = Kind::Note,
                _ => {}
            }
        }
    }

    /// A cast above the conversation, beside its metadata (`时间：…` / `主持人：王五` / `嘉宾：
    /// 李四（院长）`): labels whose speech is only a name, in a block of lines with a metadata
    /// line, before anyone says a sentence, name who takes part; they are header, not turns.
    fn demote_cast(&mut self) {
        let document = self.document;
        let lines = &document.lines;
        let body = |index: usize| match self.kinds[index] {
            Kind::Label(_, body) => {
                let line = document.line(&lines[index]);
                Some(line.get(body as usize..).unwrap_or(""))
            }
            _ => None,
        };
        let Some(first_speech) =
            (0..lines.len()).find(|&i| body(i).is_some_and(|text| !is_name_list(text)))
        else {
            return;
        };
        // Blocks of lines with no blank line between, each in one pass: its labels are a cast
        // when a metadata line stands among them.
        let mut start = 0;
        while start < first_speech {
            let end = (start + 1..first_speech)
                .find(|&j| lines[j].blanks_before > 0)
                .unwrap_or(first_speech);
            let metadata = (start..end)
                .any(|j| self.kinds[j] != Kind::Skip && is_metadata(document.line(&lines[j])));
            if metadata {
                for index in start..end {
                    if matches!(self.kinds[index], Kind::Label(..)) {
                        self.kinds[index] = Kind::Speech;
                    }
                }
            }
            start = end;
        }
    }

    /// Before the first turn: page chrome and introductions are notes; metadata lines (`Key:
    /// value`, dates, times, places beside them, a show's name above the headline) the header;
    /// the headline the title.
    fn classify_front(&mut self, first: usize) {
        let document = self.document;
        let lines = &document.lines;
        let first_metadata = self.first_metadata(first);
        // Above the end of a page's chrome (its breadcrumb or menu) is the site, not the
        // document: notes, never header.
        let chrome_end = self.chrome_end(first_metadata);
        let title = if document.title.is_some() {
            None
        } else {
            self.title_line(first, first_metadata, chrome_end)
        };
        for (index, line) in lines.iter().enumerate().take(first) {
            if self.kinds[index] == Kind::Skip {
                continue;
            }
            let text = document.line(line);
            self.kinds[index] = if Some(index) == title {
                Kind::Title
            } else if index < chrome_end {
                Kind::Note
            } else if document.title.as_deref() == Some(text.trim()) {
                Kind::Skip
            } else if is_identifier(text) || line.kind == LineKind::Code {
                // A document's identifier; a code block of metadata (`{"raw": …}`).
                Kind::Header
            } else if is_proceeding(text)
                || is_chrome(text)
                || is_page_marker(text)
                || is_separator(text)
                || is_stage_direction(text)
                || matches!(line.kind, LineKind::Heading(_))
            {
                Kind::Note
            } else if is_metadata(text) {
                Kind::Header
            } else if labels::leading_time(text.trim()).is_some() || is_link(text) {
                // A chapter list (`[00:48:14] Labor shortages`), a bare link: navigation.
                Kind::Note
            } else if is_key_value(text) || is_short_line(text) {
                // Metadata, and what stands with it: places, rosters, a show's name, the
                // agenda; sentences (an introduction) are notes.
                Kind::Header
            } else {
                Kind::Note
            };
        }
        // A sentence wrapped over lines is one note: a short line that the next line goes on
        // from (`…进行了对话，他是` / `Conformance 子项目的负责人。`) is its beginning.
        for index in (0..first.saturating_sub(1)).rev() {
            let text = document.line(&lines[index]);
            if self.kinds[index] == Kind::Header
                && self.kinds[index + 1] == Kind::Note
                && lines[index + 1].joins
                && ends_mid_sentence(text)
                && !is_metadata(text)
                && !is_key_value(text)
            {
                self.kinds[index] = Kind::Note;
            }
        }
    }

    /// The headline among the lines before the conversation. In Markdown, the first `#`
    /// heading, or a heading that opens the document; else the first line that reads like a
    /// headline (not chrome, metadata or a time stamp), skipping a shorter line right above a
    /// headline (a site's or show's name).
    fn title_line(&self, first: usize, first_metadata: usize, chrome_end: usize) -> Option<usize> {
        let document = self.document;
        let lines = &document.lines;
        let shown = |i: &usize| self.kinds[*i] != Kind::Skip;
        let text = |i: usize| document.line(&lines[i]);
        if let Some(h1) = (0..first).find(|&i| lines[i].kind == LineKind::Heading(1)) {
            return Some(h1);
        }
        let opening = (0..first)
            .filter(shown)
            .find(|&i| !is_chrome(text(i)) && !is_page_marker(text(i)));
        if let Some(opening) = opening
            && matches!(lines[opening].kind, LineKind::Heading(_))
        {
            return is_title_like(text(opening)).then_some(opening);
        }
        let candidates: Vec<usize> = (chrome_end..first_metadata)
            .filter(shown)
            .filter(|&i| {
                let line = text(i);
                !is_chrome(line)
                    && !is_page_marker(line)
                    && !is_metadata(line)
                    && is_title_like(line)
                    && labels::leading_time(line.trim()).is_none()
            })
            .collect();
        let &chosen = candidates.first()?;
        match candidates.get(1) {
            Some(&next)
                if next == chosen + 1
                    && lines[next].blanks_before == 0
                    && columns(text(chosen).trim()) < columns(text(next).trim()) =>
            {
                Some(next)
            }
            Some(&next)
                if columns(text(chosen).trim()) <= 10
                    && columns(text(next).trim()) > 10
                    && next <= chosen + 3 =>
            {
                Some(next)
            }
            _ => Some(chosen),
        }
    }

    /// The first metadata line before the conversation (or `first`): a headline stands above
    /// the metadata, and minutes that open with `開催日：…` have none.
    fn first_metadata(&self, first: usize) -> usize {
        let document = self.document;
        (0..first)
            .filter(|&i| self.kinds[i] != Kind::Skip)
            .find(|&i| {
                let text = document.line(&document.lines[i]);
                !is_chrome(text) && is_metadata(text)
            })
            .unwrap_or(first)
    }

    /// Where a web page's chrome ends above the headline: the site's name and navigation stand
    /// above the breadcrumb (`当前位置：首页 > 新闻 > 正文`), a menu on one line (`首页 新闻
    /// 体育 财经 …`) or a run of menu items one to a line (`首页` / `新闻` / `财经`). The line
    /// after the last of them, above the first metadata line; 0 when the text has none.
    fn chrome_end(&self, first_metadata: usize) -> usize {
        let document = self.document;
        let text = |i: usize| document.line(&document.lines[i]);
        (0..first_metadata)
            .filter(|&i| self.kinds[i] != Kind::Skip)
            .rfind(|&i| {
                is_breadcrumb(text(i)) || is_menu(text(i)) || self.ends_menu(i, first_metadata)
            })
            .map_or(0, |i| i + 1)
    }

    /// Whether line `index` closes a site's menu: the last of three or more short items
    /// (`首页` / `新闻` / `财经`, `Home` / `News`), each a line of its own, one under the other.
    fn ends_menu(&self, index: usize, end: usize) -> bool {
        let document = self.document;
        let lines = &document.lines;
        let item = |i: usize| {
            let text = document.line(&lines[i]).trim();
            let cols = columns(text);
            (2..=12).contains(&cols)
                && !text.contains([
                    '：', ':', '。', '，', ',', '.', '？', '?', '！', '!', '（', '(',
                ])
                && !text.chars().any(|c| c.is_ascii_digit())
                && matches!(lines[i].kind, LineKind::Text)
        };
        if !item(index)
            || (index + 1 < end && item(index + 1) && lines[index + 1].blanks_before == 0)
        {
            return false;
        }
        let mut run = 1;
        let mut i = index;
        while i > 0 && lines[i].blanks_before == 0 && item(i - 1) {
            run += 1;
            i -= 1;
        }
        run >= 3
    }

    /// After the last turn: text goes on with it until page chrome, a credit, a thematic break
    /// or a wider blank gap than any inside the conversation; from there on it is notes.
    fn classify_tail(&mut self, first: usize, last: usize) {
        let lines = &self.document.lines;
        let mut widest = 0;
        for (line, kind) in lines[first + 1..=last]
            .iter()
            .zip(&self.kinds[first + 1..=last])
        {
            if matches!(kind, Kind::Speech | Kind::Stamp) {
                widest = widest.max(line.blanks_before);
            }
        }
        // After a note past the last turn (an adjournment, a roster's heading) nothing is speech.
        let mut in_notes = false;
        for (index, line) in lines.iter().enumerate().skip(last + 1) {
            let text = self.document.line(line);
            in_notes |= line.blanks_before > widest
                || line.rule
                || matches!(self.kinds[index], Kind::Note | Kind::Page)
                || is_chrome(text)
                || is_metadata(text)
                || is_page_marker(text);
            if in_notes && self.kinds[index] != Kind::Skip {
                self.kinds[index] = Kind::Note;
            }
        }
    }

    /// A quoted block signed as a collaborative pad signs comments (`> 好像沒有結合政治？` /
    /// `> [name=ipa c]`) is a comment on the transcript, not speech.
    fn mark_comments(&mut self) {
        let lines = &self.document.lines;
        let mut index = 0;
        while index < lines.len() {
            if !lines[index].quote {
                index += 1;
                continue;
            }
            let end = (index..lines.len())
                .find(|&i| !lines[i].quote)
                .unwrap_or(lines.len());
            let signed = (index..end).any(|i| is_signature(self.document.line(&lines[i])));
            if signed {
                for i in index..end {
                    if self.kinds[i] != Kind::Skip {
                        self.kinds[i] = Kind::Note;
                    }
                }
            }
            index = end;
        }
    }

    /// A numbered item between two stretches of one speaker, with nothing of theirs after it,
    /// is an agenda item read into the record, not their speech: `主席：…` / `2. 本院委員…擬具…
    /// 請審議案。` / `主席：請問院會…`. (Items a speaker reads out and another speaker follows,
    /// such as an oath's articles, stay theirs.)
    fn mark_agenda(&mut self, first: usize, last: usize) {
        let mut numbered = self
            .unlabelled
            .numbered
            .iter()
            .map(|&i| i as usize)
            .peekable();
        let mut before: Option<u32> = None;
        for index in first..=last {
            match self.kinds[index] {
                Kind::Label(name, _) => before = Some(name),
                Kind::Speech if numbered.next_if(|&i| i <= index) == Some(index) => {
                    let next = (index + 1..=last)
                        .find(|&i| !matches!(self.kinds[i], Kind::Note | Kind::Page | Kind::Skip));
                    let after = next.and_then(|i| match self.kinds[i] {
                        Kind::Label(name, _) => Some(name),
                        _ => None,
                    });
                    if before.is_some() && after == before {
                        self.kinds[index] = Kind::Note;
                    }
                }
                _ => {}
            }
            while numbered.next_if(|&i| i <= index).is_some() {}
        }
    }

    /// After a paragraph of the interviewer's dash, the next unlabelled paragraph is the
    /// answer: a turn of its own.
    fn mark_answers(&mut self) {
        let mut dash = vec![false; self.names.len()];
        for label in self
            .labels
            .iter()
            .filter(|label| label.shape == Shape::Dash)
        {
            dash[label.name as usize] = true;
        }
        let mut after_dash = false;
        for (line, kind) in self.document.lines.iter().zip(&mut self.kinds) {
            match *kind {
                Kind::Label(name, _) => after_dash = dash[name as usize],
                Kind::Speech if after_dash && !line.joins => {
                    *kind = Kind::Answer;
                    after_dash = false;
                }
                _ => {}
            }
        }
    }

    /// Builds the turns and notes, and fills in the explanation.
    fn build(&self, explanation: &mut Explanation) -> Built {
        let document = self.document;
        let answerer = self.answerer();
        let mut builder = Builder::new(document, self.labels.len());
        let mut name_speaker: Vec<Option<SpeakerId>> = vec![None; self.names.len()];
        let mut labels = self.labels.iter().peekable();
        let mut in_turns = 0;
        for (index, line) in document.lines.iter().enumerate() {
            let label = labels.next_if(|label| label.line as usize == index);
            match self.kinds[index] {
                Kind::Title => builder.title = Some(document.line(line).trim().to_owned()),
                Kind::Header => builder.header.push(document.line(line).trim().to_owned()),
                Kind::Note => builder.note(line),
                Kind::Page => builder.defer(line),
                Kind::Skip => builder.close(),
                Kind::Label(name, body) => {
                    let speaker = *name_speaker[name as usize]
                        .get_or_insert_with(|| builder.speaker(self.names[name as usize]));
                    if let Some(label) = label {
                        match explanation
                            .shapes
                            .iter_mut()
                            .find(|(s, _)| *s == label.shape)
                        {
                            Some((_, count)) => *count += 1,
                            None => explanation.shapes.push((label.shape, 1)),
                        }
                    }
                    let body = body as usize + builder.manner_note(line, body as usize);
                    builder.label(speaker, line, body, label.and_then(|l| l.time));
                }
                Kind::Answer => {
                    let speaker = builder.speaker(answerer);
                    builder.label(speaker, line, 0, None);
                }
                Kind::Speech => builder.speech(line),
                // The speaker goes on, in a paragraph of its own.
                Kind::Stamp => builder.break_paragraph(),
            }
            if matches!(
                self.kinds[index],
                Kind::Label(..) | Kind::Answer | Kind::Speech | Kind::Stamp
            ) {
                in_turns += line.range().len();
            }
        }
        let total: usize = document.lines.iter().map(|l| l.range().len()).sum();
        let taken = self
            .labels
            .iter()
            .filter(|l| self.accepted[l.name as usize])
            .count();
        explanation.confidence = (in_turns as f64 / total.max(1) as f64)
            * (taken as f64 / self.labels.len().max(1) as f64);
        let title_kind = self
            .kinds
            .iter()
            .zip(&document.lines)
            .find(|(kind, _)| **kind == Kind::Title)
            .map(|(_, line)| line.kind);
        explanation.title = match (&document.title, title_kind) {
            (Some(_), _) => TitleSource::FrontMatter,
            (None, Some(LineKind::Heading(_))) => TitleSource::Heading,
            (None, Some(_)) => TitleSource::Line,
            (None, None) => TitleSource::None,
        };
        builder.built()
    }

    /// Who answers the interviewer's dash: the one other speaker when there is exactly one,
    /// else nobody named.
    fn answerer(&self) -> &'d str {
        let mut others = self
            .labels
            .iter()
            .filter(|label| self.accepted[label.name as usize] && label.shape != Shape::Dash);
        match others.next() {
            Some(first) if others.all(|label| label.name == first.name) => {
                self.names[first.name as usize]
            }
            _ => "",
        }
    }
}

/// Notes before the first turn, between turns, and after the last.
fn count_notes(transcript: &Transcript) -> [usize; 3] {
    let turns = transcript.turns.len();
    let mut counts = [0; 3];
    for note in &transcript.notes {
        let at = if note.before_turn == 0 {
            0
        } else if note.before_turn >= turns {
            2
        } else {
            1
        };
        counts[at] += 1;
    }
    counts
}

/// What a line without a label is, by its own text: a time stamp alone (the speaker goes on),
/// a page marker, a note (a stage direction, a proceeding, a heading, metadata, a separator),
/// or speech.
fn unlabelled_kind(text: &str, line: &DocLine) -> Kind {
    if labels::is_stamp(text) {
        Kind::Stamp
    } else if is_page_marker(text) {
        Kind::Page
    } else if is_stage_direction(text)
        || is_proceeding(text)
        || is_heading(text, line.kind)
        || is_metadata(text)
        || is_separator(text)
    {
        Kind::Note
    } else {
        Kind::Speech
    }
}

/// A `--labels` match at the start of the line.
fn user_label<'l>(regex: &Regex, line: &'l str) -> Option<Candidate<'l>> {
    let captures = regex.captures(line)?;
    let whole = captures.get(0)?;
    let name = captures.name("name")?;
    if whole.start() != 0 || name.as_str().trim().is_empty() {
        return None;
    }
    let time = captures
        .name("time")
        .and_then(|time| super::common::parse_clock(time.as_str()));
    let rest = &line[whole.end()..];
    Some(Candidate {
        shape: Shape::User,
        name: name.as_str().trim(),
        time,
        body: line.len() - rest.trim_start_matches(is_space).len(),
        strong: true,
    })
}

/// The bytes a time stamp takes at the start of speech, if it has a stamp's form: bracketed,
/// or with hours (`00:00:05 text`); `10:30 is when we met` keeps its time.
fn stamp_length(text: &str) -> usize {
    let stamped = text.starts_with(['[', '(', '（'])
        || text
            .split(' ')
            .next()
            .is_some_and(|t| t.matches(':').count() >= 2);
    labels::leading_time(text)
        .filter(|&(_, used)| stamped && used < text.len() && !labels::is_time_of_day(text))
        .map_or(0, |(_, used)| used)
}

/// Whether a line stops where a sentence cannot: on a Han character or a lower-case word (a
/// line break in the middle of a sentence), not on a name or a mark.
fn ends_mid_sentence(text: &str) -> bool {
    let text = text.trim_end();
    let last_word = text.rsplit(' ').next().unwrap_or(text);
    let lower_word = last_word.starts_with(|c: char| c.is_ascii_lowercase());
    text.chars().next_back().is_some_and(|c| {
        lower_word && c.is_ascii_lowercase()
            || matches!(c, ',' | '，' | '、')
            || common::is_cjk(c) && c.is_alphabetic()
    })
}

/// A line of minutes that records what the meeting did and when: `午前10時00分　開会`,
/// `〇午後２時３７分休憩`, `(10시00분 개의)` written bare.
fn is_proceeding(text: &str) -> bool {
    const ACTIONS: &[&str] = &[
        "開会", "開議", "散会", "休憩", "再開", "閉会", "延会", "開會", "散會", "休會", "休息",
        "开会", "散会", "休会", "개의", "산회", "정회", "속개", "개회", "폐회",
    ];
    let text = text.trim();
    labels::is_time_of_day(text) && ACTIONS.iter().any(|action| text.contains(action))
}

/// A numbered item: `2. …`, `2、…`, `（二）…`, `二、…`.
fn is_numbered(text: &str) -> bool {
    let text = text.trim_start();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let arabic = (1..=3).contains(&digits)
        && [". ", "、", "．"]
            .iter()
            .any(|mark| text[digits..].starts_with(mark));
    let chinese = text.split_once('、').is_some_and(|(number, _)| {
        !number.is_empty()
            && number.chars().count() <= 3
            && number.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    let bracketed = text.starts_with(['（', '('])
        && text.chars().nth(2).is_some_and(|c| matches!(c, '）' | ')'));
    arabic || chinese || bracketed
}

/// A name, or names, and nothing said: `王五`, `李四（某研究院院长）`, `Ada Lovelace, Charles
/// Babbage`; never a sentence.
fn is_name_list(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && columns(text) <= 48
        && !text.contains(['.', '。', '!', '！', '?', '？', '，', '；', ';', '…'])
        && (is_cast_list(text) || columns(text) <= 24)
}

/// Names in a list: `張大春、venev、（臨時被點名的 Bropheus）`, `Ada, Bob and Cy`.
fn is_cast_list(text: &str) -> bool {
    let text = text.trim();
    // What a name's note in parentheses says does not count: `（臨時被點名的 Bropheus）`.
    let mut names = String::with_capacity(text.len());
    let mut depth = 0_usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => names.push(c),
            _ => {}
        }
    }
    let text = names.trim();
    let separators =
        text.matches(['、', '，', ',', '；', ';']).count() + text.matches(" and ").count();
    separators >= 1
        && columns(text) <= 80
        && !text.contains(['.', '。', '!', '！', '?', '？'])
        && text
            .split(['、', '，', ',', '；', ';'])
            .all(|item| columns(item.trim()) <= 24)
}

/// A collaborative pad's signature: `[name=Audrey T]`, `--[name=ipa]`.
fn is_signature(text: &str) -> bool {
    let text = text.trim().trim_start_matches(['-', '—', ' ']);
    text.starts_with("[name=") && text.ends_with(']')
}

/// A line that is only a web address.
fn is_link(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
        && !text.contains(char::is_whitespace)
}

/// A line that is no one's speech: a stage direction, a heading, metadata, a separator, page
/// chrome.
fn is_note_like(document: &Document, line: &DocLine) -> bool {
    let text = document.line(line);
    is_stage_direction(text)
        || is_heading(text, line.kind)
        || is_metadata(text)
        || is_separator(text)
        || is_page_marker(text)
        || is_chrome(text)
}

/// A line wholly in parentheses or brackets that names no one: `(Laughter.)`, `[Music]`,
/// `（拍手）`, `(10시00분 개의)`, `(Whereupon, the hearing was adjourned.)`.
pub(super) fn is_stage_direction(text: &str) -> bool {
    const PAIRS: [(char, char); 6] = [
        ('(', ')'),
        ('[', ']'),
        ('（', '）'),
        ('【', '】'),
        ('［', '］'),
        ('〔', '〕'),
    ];
    let text = text.trim().trim_matches(['*', '_']);
    let Some(&(open, close)) = text
        .chars()
        .next()
        .and_then(|first| PAIRS.iter().find(|&&(open, _)| open == first))
    else {
        return false;
    };
    if !text.ends_with(close) {
        return false;
    }
    // The bracket that opens the line closes at its end: `（ 研究報告： …（PDF） ）`.
    let mut depth = 0_usize;
    let mut closed_at = None;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                closed_at = Some(at + c.len_utf8());
                break;
            }
        }
    }
    closed_at == Some(text.len()) && text.chars().count() > 2
}

/// A section heading: a Markdown heading, or a plain line in capitals (`OPENING STATEMENT OF
/// HON. JANE DOE`).
fn is_heading(text: &str, kind: LineKind) -> bool {
    // `◎会期の決定`: an agenda item in minutes.
    if matches!(kind, LineKind::Heading(_)) || text.trim_start().starts_with('◎') {
        return true;
    }
    if !text.starts_with(|c: char| c.is_ascii_uppercase())
        || text.trim_end().ends_with(['.', '?', '!'])
        || text.chars().any(char::is_lowercase)
    {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = text.chars().filter(char::is_ascii_uppercase).count();
    capitals >= 6 && capitals * 5 >= letters * 4 && text.split_whitespace().count() >= 2
}

/// Page chrome: breadcrumbs, navigation, login links, copyright and cookie notices, archive
/// banners, credits of a transcription service.
pub fn is_chrome(text: &str) -> bool {
    // Page furniture is a line of its own, never a long one.
    if text.len() > 512 {
        return false;
    }
    let text = text.trim();
    let (_, separators) = site_path(text);
    let short = columns(text) <= 32;
    let bare = text.trim_matches(|c: char| c.is_whitespace() || "[]【】()（）<>《》«»".contains(c));
    let button = bare.len() <= 16 && CHROME_BUTTONS.iter().any(|b| bare.eq_ignore_ascii_case(b));
    button
        || is_menu(text)
        || is_attachment(text)
        || CHROME_PHRASES
            .find_overlapping_iter(text)
            .any(|found| found.pattern().as_usize() < CHROME_ALWAYS.len() || short)
        || separators >= 2 && columns(text) <= 120
        || text.starts_with("首页") && separators >= 1
}

/// An attachment's file name on a line of its own (`記者會簡報.pdf`): a page's link.
fn is_attachment(text: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".zip", ".mp3",
        ".mp4",
    ];
    let bytes = text.as_bytes();
    let ends_with = |extension: &&str| {
        bytes.len() > extension.len()
            && bytes[bytes.len() - extension.len()..].eq_ignore_ascii_case(extension.as_bytes())
    };
    columns(text) <= 80 && !text.contains(char::is_whitespace) && EXTENSIONS.iter().any(ends_with)
}

/// A site's menu on one line: four or more short items parted by spaces or bars, one of them
/// a menu's word (`新浪首页 新闻 体育 财经 …`, `Home | News | Sport`).
fn is_menu(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "首页", "首頁", "新闻", "新聞", "主页", "主頁", "导航", "導覽", "登录", "登入", "注册",
        "註冊", "搜索", "搜尋", "更多", "home", "news", "menu", "search", "login", "more",
    ];
    let text = text.trim();
    if text.len() > 400 {
        return false;
    }
    // Words of a sentence are parted by spaces too: in alphabetic text a menu needs bars or
    // dots between its items; Chinese items are parted by spaces alone.
    let bars = text.contains(['|', '｜', '·', '•']);
    if !bars && !text.chars().any(common::is_cjk) {
        return false;
    }
    let items: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "|｜·•".contains(c))
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 4
        && items.iter().all(|item| {
            (1..=10).contains(&columns(item))
                && item.chars().all(|c| c.is_alphabetic() && !c.is_numeric())
        })
        && items.iter().any(|item| {
            WORDS
                .iter()
                .any(|word| item.ends_with(word) || item.eq_ignore_ascii_case(word))
        })
}

/// Phrases of page chrome, unmistakable wherever they stand.
const CHROME_ALWAYS: &[&str] = &[
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "當前位置",
    "首页 >",
    "首頁 >",
    "版权所有",
    "版權所有",
    "icp备",
    "icp證",
    "icp证",
    "网安备",
    "all rights reserved",
    "copyright ©",
    "copyright (c)",
    "©",
    "this page has been archived",
    "transcribed by",
    "transcript by",
    "powered by",
    "跳转到主要内容",
    "跳到主要內容",
    "跳到主要内容",
    "跳转到主导航",
];

/// Page furniture only as a short line of its own: in speech they are words.
const CHROME_SHORT: &[&str] = &[
    "用户登录",
    "分享到",
    "扫一扫",
    "掃一掃",
    "打印本页",
    "关闭窗口",
    "關閉窗口",
    "返回顶部",
    "字号",
    "字級",
    "字级",
    "字體大小",
    "字体大小",
    "【大 中 小】",
    "相关新闻",
    "相關新聞",
    "相关阅读",
    "相关内容",
    "相關內容",
    "热门内容",
    "熱門內容",
    "热门文章",
    "熱門文章",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
    "推薦閱讀",
    "相关链接",
    "相關連結",
    "查看更多",
    "平台声明",
    "阅读原文",
    "閱讀原文",
    "上一篇",
    "下一篇",
    "点击进入",
    "手机看",
    "微信扫",
    "cookie",
    "skip to",
    "archived content",
    "sign in",
    "log in",
    "subscribe",
    "advertisement",
    "电邮本文",
    "電郵本文",
    "share this",
    "follow us",
    "related articles",
    "read more",
    "back to top",
];

/// A page's buttons and links, as a line of their own and nothing else (`分享`, `【列印】`,
/// `Print`): in speech they would be words of a sentence.
const CHROME_BUTTONS: &[&str] = &[
    "分享",
    "列印",
    "打印",
    "回上頁",
    "回上页",
    "返回",
    "返回列表",
    "返回首页",
    "回首頁",
    "收藏",
    "回到顶部",
    "回到頂部",
    "顶部",
    "關閉",
    "关闭",
    "转发",
    "轉寄",
    "点赞",
    "评论",
    "評論",
    "留言",
    "友善列印",
    "回上一頁",
    "回上一页",
    "返回上一页",
    "回頁首",
    "回顶端",
    "回頂端",
    "相關附件",
    "相关附件",
    "附件",
    "下載",
    "下载",
    "更多",
    "登录",
    "登入",
    "注册",
    "註冊",
    "登录/注册",
    "share",
    "print",
    "email",
    "tweet",
    "top",
];

/// Both lists in one automaton, the unmistakable first: one pass over a line, in any case,
/// for every line of a document that might be chrome.
static CHROME_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CHROME_ALWAYS.iter().chain(CHROME_SHORT))
        .expect("the chrome phrases make an automaton")
});

/// `text` as a path through a site, and how many separators (`>`, `»`, `›`, `＞`) part it; a
/// caption's `>>` before the text is no path.
fn site_path(text: &str) -> (&str, usize) {
    let path = text.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    (path, path.matches(['>', '»', '›', '＞']).count())
}

/// A breadcrumb: where a page stands in its site (`当前位置：首页 > 新闻 > 正文`,
/// `首页 > 访谈`, `Home > News > Article`, `您的位置：新闻中心`).
fn is_breadcrumb(text: &str) -> bool {
    const HERE: &[&str] = &[
        "当前位置",
        "您的位置",
        "你的位置",
        "您现在的位置",
        "當前位置",
        "目前位置",
        "現在位置",
    ];
    const HOME: &[&str] = &["首页", "首頁", "home"];
    // Where a breadcrumb ends: the article itself.
    const ARTICLE: &[&str] = &["正文", "内文", "內文", "详情", "詳情"];
    let text = text.trim();
    if text.len() > 512 {
        return false;
    }
    let (path, separators) = site_path(text);
    let starts = |words: &[&str]| {
        words.iter().any(|word| {
            path.get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
        })
    };
    let ends_at_article = ARTICLE.iter().any(|word| path.ends_with(word));
    starts(HERE)
        || separators >= 1 && (starts(HOME) || ends_at_article)
        || separators >= 2 && columns(path) <= 120 && !path.contains("://")
}

/// A metadata line: `时间：2019年5月12日`, `Date: …`, `Participants: …`, a bare date, a time
/// of day, an episode number, a document's identifier.
fn is_metadata(text: &str) -> bool {
    let text = text.trim();
    if let Some(candidate) = labels::candidate(Shape::Colon, text, LineKind::Text)
        && labels::is_metadata_key(candidate.name)
    {
        return true;
    }
    // `_page : 8`: a machine's key.
    if text.starts_with('_') {
        let head = text.get(..64).unwrap_or(text);
        let key = head.split([':', '：']).next().unwrap_or("").trim();
        if head.contains([':', '：']) && !key.contains(' ') {
            return true;
        }
    }
    is_date(text)
        || labels::is_time_of_day(text)
        || is_episode(text)
        || is_identifier(text)
        || is_dateline(text)
}

/// A dateline: fields side by side, some of them a metadata key with its value, the others
/// dates and times (`2024-05-12 10:23　来源：新华日报　作者：王晓`, `Date: 5/12 | By: Ann`).
fn is_dateline(text: &str) -> bool {
    if text.len() > 240 || !text.contains([':', '：']) {
        return false;
    }
    let fields = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | '｜'))
        .filter(|field| !field.is_empty());
    let (mut keyed, mut dated, mut other) = (0, 0, 0);
    for field in fields {
        let key = labels::candidate(Shape::Colon, field, LineKind::Text)
            .is_some_and(|candidate| labels::is_metadata_key(candidate.name));
        if key {
            keyed += 1;
        } else if is_date(field) || labels::is_time_of_day(field) {
            dated += 1;
        } else {
            other += 1;
        }
    }
    keyed >= 1 && dated + keyed >= 2 && other <= keyed
}

/// A footnote at the foot of a page: a small number, then text.
fn is_footnote(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits) && text[digits..].starts_with(' ') && text.len() > digits + 8
}

/// `Key: value` with a key that could be a name: before the conversation, metadata.
fn is_key_value(text: &str) -> bool {
    labels::candidate(Shape::Colon, text.trim(), LineKind::Text).is_some()
}

/// `EPISODE 7`, `Episode #50`, `第12期`, `Part 2`: a number in a series.
fn is_episode(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "episode", "ep", "ep.", "vol", "vol.", "volume", "part", "session", "season", "chapter",
        "no.", "issue",
    ];
    if text.len() > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let numbered = |word: &str| {
        let digits = word.trim_start_matches('#');
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    };
    let series = words.len() == 2 && WORDS.contains(&words[0]) && numbered(words[1]);
    let chinese = text.starts_with('第')
        && text.ends_with(['期', '集', '回', '话', '話', '讲', '講'])
        && text.chars().count() <= 8;
    series || chinese
}

/// A document's identifier: one long token of hex digits or of letters and digits.
fn is_identifier(text: &str) -> bool {
    let token = text.trim().trim_matches('`');
    if token.len() > 128 {
        return false;
    }
    token.len() >= 16
        && !token.contains(char::is_whitespace)
        && token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// A page break a PDF or print copy left in the text: `--- Page 5 ---`, `Page 5 of 83`,
/// `October 4, 2019 5 of 83`, `- 12 -`.
fn is_page_marker(text: &str) -> bool {
    if text.len() > 200 || !text.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lower = text.trim().to_lowercase();
    let core = lower.trim_matches(|c: char| matches!(c, '-' | '=' | '—' | ' ' | '*' | '_'));
    let numbered_page = core
        .strip_prefix("page")
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    let bare_number = core.len() <= 4
        && !core.is_empty()
        && core.chars().all(|c| c.is_ascii_digit())
        && lower.len() > core.len();
    let of_pages = {
        let words: Vec<&str> = lower.split_whitespace().collect();
        words.len() >= 3
            && columns(&lower) <= 48
            && words[words.len() - 2] == "of"
            && [words[words.len() - 3], words[words.len() - 1]]
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
    };
    let tag = lower.starts_with("<page") && lower.ends_with('>');
    numbered_page || bare_number || of_pages || tag
}

/// A short line that is not a sentence: a place, a name, a roster line, a show's title.
fn is_short_line(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 400 {
        return false;
    }
    // Rosters are spaced out in columns (`１番　後　藤　さちこ　　　２番…`): count the words.
    let squeezed: usize = text.split(is_space).map(columns).sum();
    squeezed <= 72
        && !text.ends_with([
            '.', '。', '!', '！', '?', '？', '…', ',', '，', '、', ';', '；',
        ])
        && text.chars().any(char::is_alphabetic)
}

/// A rule drawn with characters: `――――◇―――◇――――`, `* * *`, `======`.
fn is_separator(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 400 || text.starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    text.chars().count() >= 3
        && text.chars().all(|c| {
            matches!(
                c,
                '-' | '='
                    | '_'
                    | '*'
                    | '~'
                    | '―'
                    | '─'
                    | '—'
                    | '━'
                    | '═'
                    | '◇'
                    | '◆'
                    | '・'
                    | '·'
                    | '#'
                    | '+'
                    | ' '
                    | '\u{3000}'
            )
        })
}

/// A line that is only a date: `2019年5月12日`, `2019-05-12`, `May 12, 2019`.
fn is_date(text: &str) -> bool {
    // Forty columns are at most 160 bytes: a long line is no date, and costs nothing more.
    if text.len() > 160 {
        return false;
    }
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let digits = text
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if digits < 4 || columns(text) > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    let cjk_date = text.contains('年') && (text.contains('月') || text.contains('日'));
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' ' | ':'));
    let english = MONTHS.iter().any(|month| lower.contains(month));
    cjk_date || numeric || english && lower.split_whitespace().count() <= 6
}

/// Whether a line could be a headline: short, with letters, not a sentence run on.
fn is_title_like(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 480 {
        return false;
    }
    let cols = columns(text);
    let sentences = text
        .chars()
        .filter(|c| matches!(c, '。' | '！' | '？' | '.' | '!' | '?'))
        .count();
    (4..=120).contains(&cols)
        && text.chars().any(char::is_alphabetic)
        && sentences <= 2
        && !text.ends_with(['，', '、', ',', ';', '；'])
        && !text.contains("://")
}

/// A document no shape labels: one unnamed speaker, a turn per block of lines, the first line
/// the title when it stands alone above the rest.
fn unlabelled(document: &Document, explanation: &mut Explanation) -> Built {
    let lines = &document.lines;
    let title_line = lines.first().filter(|first| {
        let text = document.line(first);
        document.title.is_none()
            && lines.get(1).is_some_and(|next| next.blanks_before > 0)
            && is_title_like(text)
            && !is_chrome(text)
            && labels::leading_time(text.trim()).is_none()
    });
    let title_line = title_line.map(|_| 0);
    let front = front_matter_lines(document, title_line.map_or(0, |t| t + 1));
    let mut builder = Builder::new(document, 1);
    for (index, line) in lines.iter().enumerate() {
        let text = document.line(line);
        if Some(index) == title_line {
            builder.title = Some(text.trim().to_owned());
        } else if index < front {
            builder.header.push(text.trim().to_owned());
        } else if line.rule {
            builder.close();
        } else if is_chrome(text) || is_stage_direction(text) || is_heading(text, line.kind) {
            builder.note(line);
        } else if !builder.is_open() && builder.turns.is_empty() {
            // One speaker, so one turn (SPEC §2); after a note, another turn.
            let nobody = builder.speaker("");
            builder.label(nobody, line, 0, None);
            builder.unstamp_last();
        } else {
            builder.speech(line);
        }
    }
    explanation.title = match (&document.title, &builder.title) {
        (Some(_), _) => TitleSource::FrontMatter,
        (None, Some(_)) => TitleSource::Line,
        (None, None) => TitleSource::None,
    };
    builder.built()
}

/// Where the metadata at the top of a text without labels ends (minutes: `時間：…`, `地點：…`,
/// their indented continuations, tables of attendees, a date above a table): the first line
/// from `start` that is none of these.
fn front_matter_lines(document: &Document, start: usize) -> usize {
    let lines = &document.lines;
    let text = |i: usize| document.line(&lines[i]);
    let table_row = |i: usize| {
        let line = text(i).trim();
        line.len() > 2 && line.starts_with('|') && line.ends_with('|')
    };
    let keyed = |i: usize| is_metadata(text(i)) || is_key_value(text(i)) || table_row(i);
    let mut end = start;
    while end < lines.len() {
        let indented = text(end).starts_with(is_space) && end > start;
        let dated_table = is_date(text(end).trim()) && end + 1 < lines.len() && table_row(end + 1);
        if keyed(end) || indented || dated_table {
            end += 1;
        } else {
            break;
        }
    }
    // A lone line is not a header block: it is where the text begins.
    if end - start >= 2 { end } else { start }
}

/// Builds turns and notes over the document's arena, paragraph ranges first; lines joined into
/// one paragraph (hard wraps, Markdown soft breaks) are joined in a new arena at the end.
struct Builder<'d> {
    document: &'d Document,
    paragraphs: Vec<Range<usize>>,
    speakers: Vec<Speaker>,
    speaker_ids: FxHashMap<&'d str, SpeakerId>,
    turns: Vec<TurnDraft>,
    notes: Vec<Note>,
    title: Option<String>,
    header: Vec<String>,
    /// Whether the last paragraph is the current turn's and may take more lines.
    open: bool,
    /// Page chrome met inside the current turn, to be noted after it.
    pending: Vec<&'d DocLine>,
    /// After page chrome the next line starts a paragraph of its own.
    broken: bool,
    /// The source line of the last note, so a note wrapped over lines stays one.
    last_note_line: usize,
}

impl<'d> Builder<'d> {
    /// A builder for at most `turns` turns (a hint: the labels found), reserved at once so that
    /// a file of short turns is not held twice while its lists double.
    fn new(document: &'d Document, turns: usize) -> Self {
        Self {
            document,
            paragraphs: Vec::with_capacity(document.lines.len()),
            speakers: Vec::new(),
            speaker_ids: FxHashMap::default(),
            turns: Vec::with_capacity(turns),
            notes: Vec::new(),
            title: None,
            header: Vec::new(),
            open: false,
            pending: Vec::new(),
            broken: false,
            last_note_line: 0,
        }
    }

    /// Page chrome inside a turn: noted after the turn, which goes on.
    fn defer(&mut self, line: &'d DocLine) {
        if self.open {
            self.pending.push(line);
            self.broken = true;
        } else {
            self.note(line);
        }
    }

    /// Notes the page chrome held back.
    fn flush(&mut self) {
        for line in std::mem::take(&mut self.pending) {
            self.push_note(line);
        }
    }

    fn speaker(&mut self, name: &'d str) -> SpeakerId {
        let next = self.speakers.len();
        *self.speaker_ids.entry(name).or_insert_with(|| {
            self.speakers.push(Speaker {
                name: name.to_owned(),
            });
            next
        })
    }

    fn is_open(&self) -> bool {
        self.open
    }

    /// Nothing more joins the current paragraph or turn.
    fn close(&mut self) {
        self.open = false;
    }

    /// The next line of speech starts a paragraph, whatever it says of joining.
    fn break_paragraph(&mut self) {
        self.broken = true;
    }

    /// A labelled line: the speaker's turn goes on (consecutive labels of one speaker are one
    /// turn) or a new one starts; the speech after the label is a new paragraph.
    fn label(&mut self, speaker: SpeakerId, line: &DocLine, body: usize, time: Option<f64>) {
        let continues = self.open
            && self
                .turns
                .last()
                .is_some_and(|turn| turn.speaker as usize == speaker);
        if !continues {
            self.flush();
            let at = self.paragraphs.len();
            self.turns
                .push(TurnDraft::new(speaker, at, line.number, time));
        }
        self.open = true;
        let start = (line.start as usize + body).min(line.end as usize);
        // A label alone on its line (`答：`, the speech below it) starts a paragraph: the line
        // below, joined to it, never goes on with a paragraph above the label.
        if start == line.end as usize {
            self.broken = true;
        }
        self.push_paragraph(start..line.end as usize, false);
    }

    /// A note of how someone speaks opening what they say (`(As interpreted.) Mr. President`),
    /// made a note before their turn; returns the bytes it took of the speech.
    fn manner_note(&mut self, line: &DocLine, body: usize) -> usize {
        let start = line.start as usize + body;
        let text = &self.document.text[start..line.end as usize];
        let Some(close) = [('(', ')'), ('（', '）'), ('[', ']')]
            .iter()
            .find_map(|&(open, close)| text.strip_prefix(open).and_then(|_| text.find(close)))
        else {
            return 0;
        };
        let end = close + text[close..].chars().next().map_or(1, char::len_utf8);
        let rest = text[end..].trim_start_matches(is_space);
        let inner = text[..end].chars().skip(1).collect::<String>();
        let inner = inner.trim_end_matches([')', '）', ']']);
        // Only how they speak (`(As interpreted.)`, `（笑）`); `(Inaudible)` is part of the speech.
        if rest.is_empty() || columns(&text[..end]) > 32 || !labels::is_manner(inner) {
            return 0;
        }
        self.open = false;
        self.notes.push(Note {
            paragraph: self.paragraphs.len(),
            line: Some(line.number as usize),
            before_turn: self.turns.len(),
        });
        self.paragraphs.push(start..start + end);
        text.len() - rest.len()
    }

    /// Takes a time stamp off the start of the last paragraph (`00:00:05 Hello`), the way
    /// [`Self::speech`] does.
    fn unstamp_last(&mut self) {
        if let Some(last) = self.paragraphs.last_mut() {
            let text = &self.document.text[last.clone()];
            let used = stamp_length(text);
            let rest = text[used..].trim_start_matches(is_space);
            last.start = last.end - rest.len();
        }
    }

    /// An unlabelled line of speech: a new paragraph of the current turn, or the rest of the
    /// paragraph when the line joins the one before. A time stamp opening it is taken off.
    fn speech(&mut self, line: &DocLine) {
        if !self.open {
            // Speech after a note: the same speaker goes on in a turn after the note.
            let Some(last) = self.turns.last() else {
                return;
            };
            let speaker = last.speaker as usize;
            let at = self.paragraphs.len();
            self.turns
                .push(TurnDraft::new(speaker, at, line.number, None));
            self.open = true;
        }
        let text = &self.document.text[line.range()];
        // Only a stamp's form: bracketed, or with hours (`00:00:05 text`); `10:30 is when we
        // met` keeps its time.
        let stamped = text.starts_with(['[', '(', '（'])
            || text
                .split(' ')
                .next()
                .is_some_and(|t| t.matches(':').count() >= 2);
        let stamp = labels::leading_time(text)
            .filter(|&(_, used)| stamped && used < text.len() && !labels::is_time_of_day(text))
            .map_or(0, |(_, used)| used);
        self.push_paragraph(line.start as usize + stamp..line.end as usize, line.joins);
    }

    fn push_paragraph(&mut self, range: Range<usize>, joins: bool) {
        let text = &self.document.text[range.clone()];
        let trimmed = text.trim_start_matches(is_space);
        let start = range.start + (text.len() - trimmed.len());
        let end = start + trimmed.trim_end_matches(is_space).len();
        if start == end {
            return;
        }
        let Some(turn) = self.turns.last_mut() else {
            return;
        };
        let own_last = turn.end as usize == self.paragraphs.len() && turn.start < turn.end;
        // The line after a break starts a paragraph, and only that line.
        let joins = !std::mem::take(&mut self.broken) && joins;
        match self.paragraphs.last_mut() {
            Some(last) if joins && own_last => last.end = end,
            _ => {
                self.paragraphs.push(start..end);
                turn.end = offset(self.paragraphs.len());
            }
        }
    }

    /// A note where it stands; the turn before it is closed.
    fn note(&mut self, line: &DocLine) {
        self.flush();
        self.open = false;
        self.push_note(line);
    }

    fn push_note(&mut self, line: &DocLine) {
        let text = &self.document.text[line.range()];
        let trimmed = text.trim_matches(is_space);
        if trimmed.is_empty() {
            return;
        }
        let start = line.start as usize + (text.len() - text.trim_start_matches(is_space).len());
        // A note wrapped over lines is one note.
        let last_is_note = self
            .notes
            .last()
            .is_some_and(|note| note.paragraph + 1 == self.paragraphs.len());
        if line.joins && last_is_note && self.last_note_line + 1 == line.number as usize {
            if let Some(last) = self.paragraphs.last_mut() {
                last.end = start + trimmed.len();
            }
            self.last_note_line = line.number as usize;
            return;
        }
        self.last_note_line = line.number as usize;
        self.notes.push(Note {
            paragraph: self.paragraphs.len(),
            line: Some(line.number as usize),
            before_turn: self.turns.len(),
        });
        self.paragraphs.push(start..start + trimmed.len());
    }

    /// What was built, to be made a transcript once the document is free.
    fn built(mut self) -> Built {
        self.flush();
        let document = self.document;
        let parts = Parts {
            title: document.title.clone().or(self.title),
            header: document.header.iter().cloned().chain(self.header).collect(),
            speakers: self.speakers,
            turns: Vec::new(),
            notes: self.notes,
        };
        Built {
            paragraphs: self.paragraphs,
            turns: self.turns,
            parts,
        }
    }
}

/// A turn as the builder keeps it: a [`Turn`] in 24 bytes instead of 72. A 100 MB file has
/// half a million turns, built while the document's lines and labels are still held; they
/// become [`Turn`]s once those are freed, which keeps the parse's peak memory down.
#[derive(Debug, Clone, Copy)]
struct TurnDraft {
    speaker: u32,
    /// Paragraphs `start..end`.
    start: u32,
    end: u32,
    line: u32,
    /// The time at its label, in seconds; NaN when the label has none.
    time: f64,
}

impl TurnDraft {
    fn new(speaker: SpeakerId, paragraph: usize, line: u32, time: Option<f64>) -> Self {
        Self {
            speaker: offset(speaker),
            start: offset(paragraph),
            end: offset(paragraph),
            line,
            time: time.unwrap_or(f64::NAN),
        }
    }

    fn turn(self) -> Turn {
        Turn {
            speaker: self.speaker as usize,
            paragraphs: self.start as usize..self.end as usize,
            start: (!self.time.is_nan()).then_some(self.time),
            end: None,
            line: Some(self.line as usize),
        }
    }
}

/// Paragraph ranges of a document's arena, the turns as drafts, and everything else of the
/// transcript.
struct Built {
    paragraphs: Vec<Range<usize>>,
    turns: Vec<TurnDraft>,
    parts: Parts,
}

impl Built {
    /// The transcript over the document's text, and whether lines were joined into
    /// paragraphs. Usually the text is the arena as it is and nothing is copied; paragraphs of
    /// several lines (hard wraps, Markdown soft breaks) are joined in a new arena.
    fn into_transcript(mut self, document: Document) -> (Transcript, bool) {
        // Only lines that join the one before make paragraphs of several lines; only page
        // chrome noted after a turn puts paragraphs out of order.
        let may_join = document.lines.iter().any(|line| line.joins);
        let text = document.text;
        // The lines are freed before the turns take their full size.
        drop(document.lines);
        self.parts.turns = std::mem::take(&mut self.turns)
            .into_iter()
            .map(TurnDraft::turn)
            .collect();
        self.parts.prune();
        let joined = may_join
            && self
                .paragraphs
                .iter()
                .any(|range| memchr::memchr(b'\n', &text.as_bytes()[range.clone()]).is_some());
        let ordered = self.paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
        if !joined && ordered {
            return (
                Transcript::from_parts(text, self.paragraphs, self.parts),
                false,
            );
        }
        let mut arena = String::with_capacity(text.len());
        let mut paragraphs = Vec::with_capacity(self.paragraphs.len());
        for range in &self.paragraphs {
            if !arena.is_empty() {
                arena.push('\n');
            }
            let start = arena.len();
            for piece in text[range.clone()].split('\n') {
                let piece = piece.trim_matches(is_space);
                if piece.is_empty() {
                    continue;
                }
                let separator = super::common::separator(&arena[start..], piece);
                arena.push_str(separator);
                arena.push_str(piece);
            }
            paragraphs.push(start..arena.len());
        }
        (
            Transcript::from_parts(arena, paragraphs, self.parts),
            joined,
        )
    }
}

fn offset(at: usize) -> u32 {
    super::document::offset(at)
}

mod survey;

#[cfg(test)]
mod tests;
