//! Search over the SPEC §6 corpus: 100 MB, six speakers, ~600k turns, mixed Chinese and English.
//!
//! `cargo bench --bench search`. The corpus is generated in memory (deterministic, seed 1) once
//! per run, with the generated file as the arena (labels between paragraphs, as when a file is
//! parsed); every benchmark but `first_match` is one complete search of all of it.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use fangtan::corpus;
use fangtan::model::Transcript;
use fangtan::search::{Query, QueryOptions, SearchEngine, search_all};

const CORPUS_BYTES: usize = 100 << 20;

/// Generous: a search that takes this long has failed anyway.
const PATIENCE: Duration = Duration::from_secs(60);

static TRANSCRIPT: LazyLock<Arc<Transcript>> =
    LazyLock::new(|| Arc::new(corpus::generate_transcript(CORPUS_BYTES, 1)));

const LITERAL: QueryOptions = QueryOptions {
    regex: false,
    pinyin: false,
    same_script: false,
};
const REGEX: QueryOptions = QueryOptions {
    regex: true,
    pinyin: false,
    same_script: false,
};
const PINYIN: QueryOptions = QueryOptions {
    regex: false,
    pinyin: true,
    same_script: false,
};
/// Folding widths and case only, as before simplified and traditional forms folded.
const SAME_SCRIPT: QueryOptions = QueryOptions {
    regex: false,
    pinyin: false,
    same_script: true,
};

fn main() {
    let started = std::time::Instant::now();
    let transcript = &*TRANSCRIPT;
    eprintln!(
        "corpus: {} bytes, {} turns, {} paragraphs, generated in {:?}",
        transcript.text().len(),
        transcript.turns.len(),
        transcript.paragraph_ranges().len(),
        started.elapsed()
    );
    divan::main();
}

fn query(pattern: &str, options: QueryOptions) -> Query {
    Query::new(pattern, options).expect("valid query")
}

/// A whole search on the calling thread: absent (`不存在的词`, `zyxwv`), present, folded
/// (`2013` also finds `２０１３`), very frequent (`的`), case-insensitive English.
#[divan::bench(
    args = ["不存在的词", "zyxwv", "消防", "2013", "的", "police"],
    sample_count = 10,
    sample_size = 1
)]
fn literal(bencher: divan::Bencher, pattern: &str) {
    let query = query(pattern, LITERAL);
    bencher.bench(|| search_all(&TRANSCRIPT, &query, &[]).len());
}

/// The same searches matching only the script typed (no simplified/traditional folding), to
/// see what the folding costs.
#[divan::bench(args = ["不存在的词", "消防", "2013"], sample_count = 10, sample_size = 1)]
fn literal_same_script(bencher: divan::Bencher, pattern: &str) {
    let query = query(pattern, SAME_SCRIPT);
    bencher.bench(|| search_all(&TRANSCRIPT, &query, &[]).len());
}

/// Regular expressions: with a literal to look for, and one without (Unicode `\d`).
#[divan::bench(args = ["公安(局|厅)", r"\d{4}年"], sample_count = 10, sample_size = 1)]
fn regex(bencher: divan::Bencher, pattern: &str) {
    let query = query(pattern, REGEX);
    bencher.bench(|| search_all(&TRANSCRIPT, &query, &[]).len());
}

/// Pinyin: a query that spells Han text, and one that spells nothing (literal only).
#[divan::bench(args = ["xiaofang", "jiangbin", "zyxwv"], sample_count = 10, sample_size = 1)]
fn pinyin(bencher: divan::Bencher, pattern: &str) {
    let query = query(pattern, PINYIN);
    bencher.bench(|| search_all(&TRANSCRIPT, &query, &[]).len());
}

/// A whole search through the engine's worker thread, as the reader runs it.
#[divan::bench(args = ["不存在的词", "消防", "的"], sample_count = 10, sample_size = 1)]
fn engine(bencher: divan::Bencher, pattern: &str) {
    let query = query(pattern, LITERAL);
    let mut engine = SearchEngine::new(Arc::clone(&TRANSCRIPT));
    bencher.bench_local(|| {
        // Forget the last run's results, which the same query would otherwise reuse.
        engine.clear();
        engine.start(query.clone(), 0, Arc::new(Vec::new()));
        assert!(engine.wait_done(PATIENCE));
        engine.results().len()
    });
}

/// Keystroke to first match: start a search mid-file and wait for the first batch.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_match(bencher: divan::Bencher) {
    let query = query("消防", LITERAL);
    let mut engine = SearchEngine::new(Arc::clone(&TRANSCRIPT));
    let origin = TRANSCRIPT.turns.len() / 2;
    bencher.bench_local(|| {
        engine.clear();
        engine.start(query.clone(), origin, Arc::new(Vec::new()));
        while engine.results().is_empty() && !engine.results().is_done() {
            engine.poll();
            std::thread::yield_now();
        }
        engine.results().len()
    });
}

/// Typing one more character after a finished search: `公安` → `公安局` searches only the
/// turns `公安` matched.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn grown_query(bencher: divan::Bencher) {
    let short = query("公安", LITERAL);
    let long = query("公安局", LITERAL);
    bencher
        .with_inputs(|| {
            let mut engine = SearchEngine::new(Arc::clone(&TRANSCRIPT));
            engine.start(short.clone(), 0, Arc::new(Vec::new()));
            assert!(engine.wait_done(PATIENCE));
            engine
        })
        .bench_local_values(|mut engine| {
            engine.start(long.clone(), 0, Arc::new(Vec::new()));
            assert!(engine.wait_done(PATIENCE));
            engine
        });
}

/// Compiling a query, which happens on the UI thread at each keystroke. Pinyin prefixes build
/// the largest regexes (`x` stands for every character read x…).
#[divan::bench(args = ["消防", "队长", "2013", "x", "zh", "xiao", "xiaofang", "xiao fang bu dui", "aaaaaaaa"])]
fn compile(pattern: &str) -> Query {
    query(pattern, PINYIN)
}
