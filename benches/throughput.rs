//! Throughput benchmarks over generated corpora: `cargo bench --bench throughput`.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use fangtan::layout::{self, Measure};

fn main() {
    divan::main();
}

/// The bundled interview, the source of the Chinese sentences.
const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");

/// English sentences mixed in, as in a bilingual transcript.
const ENGLISH: &[&str] = &[
    "We installed 8,511 cameras across villages—a “one village, one pump” model.",
    "The clearance rate rose by 17.79% in 2013, compared with 8.67% the year before.",
    "Details are at https://www.example.gov.cn/police/report-2013.html for anyone interested.",
    "Honestly, I think the most important thing is trust between the police and the public.",
    "It took 1.5 hours to reach the farthest village, which is about 150 km away.",
    "Thank you (and thanks to everyone watching online) for having me today!",
];

/// Deterministic pseudo-random numbers (a 64-bit LCG), so every run wraps the same text.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % n.max(1)
    }
}

/// About 10 MB of paragraphs: 3–12 sentences each, one in five English.
static PARAGRAPHS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let chinese: Vec<&str> = SAMPLE
        .lines()
        .filter_map(|line| line.split_once(':').map(|(_, text)| text))
        .flat_map(|text| text.split_inclusive(['。', '!', '?', '！', '？']))
        .filter(|s| !s.trim().is_empty())
        .collect();
    let mut rng = Lcg(2013);
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < 10_000_000 {
        let mut paragraph = String::new();
        for _ in 0..3 + rng.below(10) {
            if rng.below(5) == 0 {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(ENGLISH[rng.below(ENGLISH.len())]);
            } else {
                paragraph.push_str(chinese[rng.below(chinese.len())]);
            }
        }
        total += paragraph.len();
        paragraphs.push(paragraph);
    }
    paragraphs
});

/// Wrapping every paragraph at 78 columns: the hot path of `--print` and of the reader.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn wrap_mixed_78(bencher: divan::Bencher) {
    let paragraphs = &*PARAGRAPHS;
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for paragraph in paragraphs {
            divan::black_box(layout::wrap(paragraph, 78, Measure::default()));
        }
    });
}

/// Turning every line of the wrapped corpus into cells, as the conversation widget does.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn cells_of_wrapped_lines_78(bencher: divan::Bencher) {
    let paragraphs = &*PARAGRAPHS;
    let lines: Vec<(&str, Vec<layout::Line>)> = paragraphs
        .iter()
        .map(|p| (p.as_str(), layout::wrap(p, 78, Measure::default())))
        .collect();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut width = 0;
        for (paragraph, lines) in &lines {
            for line in lines {
                let text = paragraph.get(line.range.clone()).unwrap_or_default();
                width += layout::cells(text, Measure::default())
                    .map(|c| c.width)
                    .sum::<usize>();
            }
        }
        divan::black_box(width)
    });
}

/// The generated 100 MB transcript of SPEC §6 (mixed Chinese and English, six speakers).
static CORPUS: LazyLock<String> = LazyLock::new(|| fangtan::corpus::generate(100_000_000, 1));

/// Decoding and parsing the 100 MB transcript from its bytes, as opening a file does.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn parse_100mb(bencher: divan::Bencher) {
    let corpus = &*CORPUS;
    bencher
        .counter(BytesCount::new(corpus.len()))
        .with_inputs(|| corpus.clone().into_bytes())
        .bench_values(|bytes| fangtan::parse::load(bytes, None, None, None));
}

/// Laying out every turn of the 100 MB transcript at 80 columns, as `--print` does.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn layout_100mb_80(bencher: divan::Bencher) {
    let transcript = fangtan::parse::text::parse(CORPUS.clone());
    let bytes: usize = transcript.paragraph_ranges().iter().map(|r| r.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for turn in 0..transcript.turns.len() {
            let block = fangtan::conversation::Block::Turn(turn);
            divan::black_box(fangtan::conversation::layout_block(
                &transcript,
                block,
                80,
                Measure::default(),
            ));
        }
    });
}

/// Markdown built to be slow for a naive inline parser: brackets, links, emphasis markers,
/// backticks, angle brackets, deep nesting (`> `, `- `, `1. ` on one line) and a list of
/// one-word items, 4 MB each. Parsing stays linear.
#[divan::bench(
    args = ["[", "[a](b)", "*", "`", "<", "> ", "- ", "1. ", "**a:** [", "- [ ]", "![", "  - a\n", "\\(", "&#"],
    sample_count = 5,
    sample_size = 1
)]
fn markdown_adversarial(bencher: divan::Bencher, piece: &str) {
    let text = piece.repeat(4_000_000 / piece.len());
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| fangtan::parse::markdown::parse(&text));
}

/// One paragraph of `bytes` bytes: the mixed paragraphs run together, as a transcript whose
/// turns were never split would be.
fn one_paragraph(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    for paragraph in PARAGRAPHS.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(paragraph);
    }
    text
}

/// 50 MB in one paragraph, wrapped line by line at 78 columns and dropped, as `--print` streams
/// it: memory stays at one window of analysis, whatever the paragraph's length.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn lines_of_one_50mb_paragraph_78(bencher: divan::Bencher) {
    let text = one_paragraph(50_000_000);
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        layout::lines(&text, 78, Measure::default())
            .map(|line| line.width)
            .sum::<usize>()
    });
}

/// The lines of a screenful (60 rows) at 10 MB into a 20 MB paragraph, laid out from the
/// nearest restart point, as the reader does on opening there or after a resize.
#[divan::bench(args = [78, 160], sample_count = 20, sample_size = 1)]
fn screenful_10mb_into_a_20mb_paragraph(bencher: divan::Bencher, width: usize) {
    let text = one_paragraph(20_000_000);
    let offset = 10_000_000;
    bencher.bench(|| {
        let start = layout::restart_point(&text, offset);
        layout::lines_from(&text, start, width, Measure::default())
            .skip_while(|line| line.range.end <= offset)
            .take(60)
            .count()
    });
}
