//! The background search engine: one worker thread per open transcript, fed one search at a
//! time, reporting matches in chunks so the reader can show `i/n…` while counting.

use std::ops::{ControlFlow, Range};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::scan::scan;
use super::{Match, Query};
use crate::model::Transcript;

/// Bytes of paragraphs searched between two checks for cancellation and two reports: about a
/// millisecond of work for a literal, so a keystroke never waits long for the old search.
const CHUNK_BYTES: usize = 1 << 20;

/// The most turns, and bytes, a run may bridge to take in the next turn to search.
const BRIDGE_TURNS: usize = 16;
const BRIDGE_BYTES: usize = 4096;

/// Matches collected before a report is sent early, to bound the batch the UI thread appends.
const BATCH_MATCHES: usize = 1 << 16;

/// Searches a transcript on a worker thread.
///
/// The UI calls [`start`](Self::start) on each keystroke and [`poll`](Self::poll) once per
/// frame or event; [`results`](Self::results) is what is known so far. Starting a search
/// cancels the previous one, whose results never appear.
#[derive(Debug)]
pub struct SearchEngine {
    transcript: Arc<Transcript>,
    /// Bumped by every `start`; the worker abandons a job whose generation is no longer current.
    generation: Arc<AtomicU64>,
    jobs: Option<Sender<Job>>,
    batches: Receiver<Batch>,
    worker: Option<JoinHandle<()>>,
    results: SearchResults,
    /// The speaker visibility the current results were computed with.
    visible: Arc<Vec<bool>>,
}

/// One search for the worker.
#[derive(Debug)]
struct Job {
    generation: u64,
    query: Query,
    origin_turn: usize,
    visible: Arc<Vec<bool>>,
    /// Complete results of a query this one refines: only their turns need searching.
    previous: Option<SearchResults>,
}

/// Matches found by the worker since its last report.
#[derive(Debug)]
struct Batch {
    generation: u64,
    /// The matches lie before the origin turn (found after wrapping around).
    wrapped: bool,
    matches: Vec<Match>,
    /// Of these matches, how many per speaker.
    hits: Vec<usize>,
    /// The search is complete after this batch.
    done: bool,
    /// The job searched only the turns of a previous search's matches.
    refined: bool,
}

impl Batch {
    fn new(
        transcript: &Transcript,
        generation: u64,
        wrapped: bool,
        matches: Vec<Match>,
        done: bool,
        refined: bool,
    ) -> Self {
        let mut hits = vec![0; transcript.speakers.len()];
        for found in &matches {
            if let Some(count) = transcript
                .turns
                .get(found.turn())
                .and_then(|turn| hits.get_mut(turn.speaker))
            {
                *count += 1;
            }
        }
        Self {
            generation,
            wrapped,
            matches,
            hits,
            done,
            refined,
        }
    }
}

impl SearchEngine {
    /// An engine for `transcript`, with its worker thread started and idle.
    pub fn new(transcript: Arc<Transcript>) -> Self {
        let generation = Arc::new(AtomicU64::new(0));
        let (job_sender, job_receiver) = mpsc::channel();
        let (batch_sender, batches) = mpsc::channel();
        let worker = {
            let transcript = Arc::clone(&transcript);
            let generation = Arc::clone(&generation);
            std::thread::Builder::new()
                .name("search".into())
                .spawn(move || {
                    // Build the script tables (about 20 ms) here rather than on the UI thread
                    // at the first keystroke; a query compiled meanwhile waits for them.
                    super::fold::warm_up();
                    work(&transcript, &generation, &job_receiver, &batch_sender);
                })
                .ok()
        };
        // Without a thread (the system refused one), searches run synchronously in `start`.
        let jobs = worker.is_some().then_some(job_sender);
        let speakers = transcript.speakers.len();
        Self {
            transcript,
            generation,
            jobs,
            batches,
            worker,
            results: SearchResults::empty(0, speakers),
            visible: Arc::new(Vec::new()),
        }
    }

    /// Starts searching for `query`, cancelling the search before.
    ///
    /// Matches are reported in turn order, but turns from `origin_turn` to the end are searched
    /// first, then the ones before it, so the match the view jumps to is known soonest.
    /// `visible[speaker]` false leaves that speaker's turns out (a speaker beyond the vector
    /// counts as visible). When `query` refines the finished previous search (the user typed
    /// one more character) only the turns that matched before are searched again.
    pub fn start(&mut self, query: Query, origin_turn: usize, visible: Arc<Vec<bool>>) {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        let speakers = self.transcript.speakers.len();
        let mut fresh = SearchResults::empty(generation, speakers);
        fresh.query = Some(query.clone());
        let previous = std::mem::replace(&mut self.results, fresh);
        let refines = previous.done
            && previous
                .query
                .as_ref()
                .is_some_and(|old| query.refines(old))
            && self.visible == visible;
        self.visible = Arc::clone(&visible);
        if query.is_empty() {
            self.results.done = true;
            return;
        }
        let job = Job {
            generation,
            query,
            origin_turn,
            visible,
            previous: refines.then_some(previous),
        };
        match &self.jobs {
            Some(jobs) => {
                if let Err(mpsc::SendError(job)) = jobs.send(job) {
                    // The worker is gone (it panicked): search here instead.
                    self.run_here(job);
                }
            }
            None => self.run_here(job),
        }
    }

    /// Runs a job on the calling thread.
    fn run_here(&mut self, job: Job) {
        let (sender, receiver) = mpsc::channel();
        run(&self.transcript, job, &self.generation, &sender);
        drop(sender);
        for batch in receiver {
            self.results.apply(batch);
        }
    }

    /// Takes in what the worker has found since the last call, without blocking. Returns
    /// whether the results changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok(batch) = self.batches.try_recv() {
            changed |= self.results.apply(batch);
        }
        changed
    }

    /// Blocks until the current search is complete or `timeout` has passed; returns whether it
    /// is complete. For `--print --search` and tests; the reader polls instead.
    pub fn wait_done(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while !self.results.done {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.batches.recv_timeout(left) {
                Ok(batch) => {
                    self.results.apply(batch);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        self.results.done
    }

    /// What is known so far of the current search.
    pub fn results(&self) -> &SearchResults {
        &self.results
    }

    /// Forgets the current search (cancelling it), as when the search bar is closed.
    pub fn clear(&mut self) {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        self.results = SearchResults::empty(generation, self.transcript.speakers.len());
    }
}

impl Drop for SearchEngine {
    fn drop(&mut self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        // Closing the job channel ends the worker's loop once its chunk is done.
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The worker's loop: run the newest job, skip superseded ones.
fn work(
    transcript: &Transcript,
    generation: &AtomicU64,
    jobs: &Receiver<Job>,
    batches: &Sender<Batch>,
) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        run(transcript, job, generation, batches);
    }
}

/// Runs one job, sending batches, until done or superseded.
fn run(transcript: &Transcript, job: Job, generation: &AtomicU64, batches: &Sender<Batch>) {
    let current = || generation.load(Ordering::Acquire) == job.generation;
    let origin = job.origin_turn.min(transcript.turns.len());
    // Turns of a refined query's matches: already in order, one entry per match.
    let candidates: Option<Vec<u32>> = job.previous.map(|previous| {
        let mut turns: Vec<u32> = previous.iter().map(|found| found.turn).collect();
        turns.dedup();
        turns
    });
    let refined = candidates.is_some();
    let split = candidates
        .as_ref()
        .map(|turns| turns.partition_point(|&turn| (turn as usize) < origin));
    for wrapped in [false, true] {
        let order: Box<dyn Iterator<Item = usize>> = match (&candidates, split) {
            (Some(turns), Some(split)) => {
                let part = if wrapped {
                    &turns[..split]
                } else {
                    &turns[split..]
                };
                Box::new(part.iter().map(|&turn| turn as usize))
            }
            _ if wrapped => Box::new(0..origin),
            _ => Box::new(origin..transcript.turns.len()),
        };
        let mut matches = Vec::new();
        let mut scanned = 0;
        let flow = search_turns(
            transcript,
            &job.query,
            &job.visible,
            order,
            &mut matches,
            |matches, bytes| {
                if !current() {
                    return ControlFlow::Break(());
                }
                scanned += bytes;
                if scanned >= CHUNK_BYTES || matches.len() >= BATCH_MATCHES {
                    scanned = 0;
                    let taken = std::mem::take(matches);
                    let batch =
                        Batch::new(transcript, job.generation, wrapped, taken, false, refined);
                    if batches.send(batch).is_err() {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            },
        );
        if flow.is_break() || !current() {
            return;
        }
        let batch = Batch::new(
            transcript,
            job.generation,
            wrapped,
            matches,
            wrapped,
            refined,
        );
        if batches.send(batch).is_err() {
            return;
        }
    }
}

/// Searches the visible ones of `turns` (ascending), appending matches to `matches`, grouping
/// consecutive turns into runs of up to [`CHUNK_BYTES`] searched in one pass, and calling
/// `after_run(matches, bytes searched)` after each run, which may stop the search.
fn search_turns(
    transcript: &Transcript,
    query: &Query,
    visible: &[bool],
    turns: impl Iterator<Item = usize>,
    matches: &mut Vec<Match>,
    mut after_run: impl FnMut(&mut Vec<Match>, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let all = &transcript.turns;
    let paragraphs = transcript.paragraph_ranges();
    // The arena bytes of the paragraphs of turns `run`.
    let span = |run: &Range<usize>| -> Range<usize> {
        let first = all[run.start].paragraphs.start;
        let last = all[run.end - 1].paragraphs.end - 1;
        paragraphs[first].start..paragraphs[last].end
    };
    let mut run: Option<Range<usize>> = None;
    for index in turns {
        let Some(turn) = all.get(index) else { break };
        if turn.paragraphs.is_empty() || !visible.get(turn.speaker).copied().unwrap_or(true) {
            continue;
        }
        if let Some(current) = &mut run {
            // Turns skipped between the run and this one are searched along with them when
            // they are few and visible: they were skipped only because a refined query cannot
            // match them (or they are empty), and one long pass beats many short ones.
            let joins = index >= current.end
                && index - current.end <= BRIDGE_TURNS
                && span(current).len() < CHUNK_BYTES
                && paragraphs[turn.paragraphs.start].start - span(current).end <= BRIDGE_BYTES
                && (current.end..=index)
                    .all(|k| all[k - 1].paragraphs.end == all[k].paragraphs.start)
                && all[current.end..index]
                    .iter()
                    .all(|gap| visible.get(gap.speaker).copied().unwrap_or(true));
            if joins {
                current.end = index + 1;
                continue;
            }
            let done = current.clone();
            search_run(transcript, query, done.clone(), matches);
            after_run(matches, span(&done).len())?;
        }
        run = Some(index..index + 1);
    }
    if let Some(done) = run {
        search_run(transcript, query, done.clone(), matches);
        after_run(matches, span(&done).len())?;
    }
    ControlFlow::Continue(())
}

/// Searches turns `run` (consecutive, with consecutive non-empty paragraph lists).
fn search_run(transcript: &Transcript, query: &Query, run: Range<usize>, out: &mut Vec<Match>) {
    let turns = &transcript.turns;
    let first = turns[run.start].paragraphs.start;
    let last = turns[run.end - 1].paragraphs.end;
    let paragraphs = &transcript.paragraph_ranges()[first..last];
    let mut turn = run.start;
    scan(query, transcript.text(), paragraphs, |index, range| {
        let paragraph = first + index;
        while turns[turn].paragraphs.end <= paragraph {
            turn += 1;
        }
        // Past 4 GiB the compact form cannot hold the offsets (see `Match`).
        if let (Ok(turn), Ok(start), Ok(end)) = (
            u32::try_from(turn),
            u32::try_from(range.start),
            u32::try_from(range.end),
        ) {
            out.push(Match { turn, start, end });
        }
    });
}

/// Every match of `query` in the turns of visible speakers, in order, found on the calling
/// thread. For `--print --search`, benchmarks and tests.
pub fn search_all(transcript: &Transcript, query: &Query, visible: &[bool]) -> Vec<Match> {
    let mut matches = Vec::new();
    let _ = search_turns(
        transcript,
        query,
        visible,
        0..transcript.turns.len(),
        &mut matches,
        |_, _| ControlFlow::Continue(()),
    );
    matches
}

/// The matches of one search, as known so far, sorted by offset.
///
/// Indices shift while a search is running (matches before the origin arrive last), so the
/// reader should remember the current match by its offset and look its index up each frame;
/// every lookup is a binary search.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    generation: u64,
    query: Option<Query>,
    /// Matches in turns before the origin, found after wrapping around.
    head: Vec<Match>,
    /// Matches in turns from the origin on, found first.
    tail: Vec<Match>,
    hits: Vec<usize>,
    done: bool,
    /// Only the turns of the previous results were searched (checked by tests).
    pub(crate) refined: bool,
}

impl SearchResults {
    fn empty(generation: u64, speakers: usize) -> Self {
        Self {
            generation,
            hits: vec![0; speakers],
            ..Self::default()
        }
    }

    /// Adds a batch of the current search; returns whether anything changed.
    fn apply(&mut self, batch: Batch) -> bool {
        if batch.generation != self.generation {
            return false;
        }
        let target = if batch.wrapped {
            &mut self.head
        } else {
            &mut self.tail
        };
        target.extend_from_slice(&batch.matches);
        if self.hits.len() < batch.hits.len() {
            self.hits.resize(batch.hits.len(), 0);
        }
        for (total, count) in self.hits.iter_mut().zip(&batch.hits) {
            *total += count;
        }
        self.done |= batch.done;
        self.refined |= batch.refined;
        !batch.matches.is_empty() || batch.done
    }

    /// The query searched for, `None` before any search.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// Matches found so far.
    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    /// Whether no match has been found (yet).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the search is complete (`i/n` rather than `i/n…`).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The match at `index` in offset order.
    pub fn get(&self, index: usize) -> Option<Match> {
        match index.checked_sub(self.head.len()) {
            None => self.head.get(index).copied(),
            Some(index) => self.tail.get(index).copied(),
        }
    }

    /// All matches so far, in offset order; their `start`s are the scrollbar's marks.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Match> + '_ {
        self.head.iter().chain(&self.tail).copied()
    }

    /// The number of matches for which `before` holds, given that it holds for a prefix.
    fn partition(&self, before: impl Fn(&Match) -> bool) -> usize {
        if self.head.last().is_none_or(&before) {
            self.head.len() + self.tail.partition_point(before)
        } else {
            self.head.partition_point(before)
        }
    }

    /// Index of the first match starting at or after byte `offset` of the arena (for a turn:
    /// its [`turn_span`](crate::model::Transcript::turn_span)`.start`), or [`len`](Self::len)
    /// when there is none.
    pub fn index_at_or_after(&self, offset: usize) -> usize {
        self.partition(|found| (found.start as usize) < offset)
    }

    /// Index of the match the view jumps to when searching from `offset`: the first at or
    /// after it, else (wrapping) the first of all.
    pub fn first_from(&self, offset: usize) -> Option<usize> {
        let index = self.index_at_or_after(offset);
        if index < self.len() {
            Some(index)
        } else {
            (!self.is_empty()).then_some(0)
        }
    }

    /// Index of the next match after the one starting at `offset` (`n`), wrapping around.
    pub fn next_after(&self, offset: usize) -> Option<usize> {
        self.first_from(offset.saturating_add(1))
    }

    /// Index of the match before the one starting at `offset` (`N`), wrapping around.
    pub fn previous_before(&self, offset: usize) -> Option<usize> {
        let index = self.index_at_or_after(offset);
        match index.checked_sub(1) {
            Some(previous) => Some(previous),
            None => self.len().checked_sub(1),
        }
    }

    /// The matches overlapping byte `range` of the arena (the lines on screen), in order.
    pub fn in_range(&self, range: Range<usize>) -> impl Iterator<Item = Match> + '_ {
        // Matches never overlap, so their ends are sorted like their starts.
        let first = self.partition(|found| (found.end as usize) <= range.start);
        let end = self.partition(|found| (found.start as usize) < range.end);
        (first..end.max(first)).filter_map(|index| self.get(index))
    }

    /// How many matches start within byte `range` of the arena: a scrollbar row's marker.
    pub fn count_in(&self, range: Range<usize>) -> usize {
        let first = self.index_at_or_after(range.start);
        let end = self.index_at_or_after(range.end);
        end.saturating_sub(first)
    }

    /// Matches so far per speaker, indexed by speaker id.
    pub fn hits_per_speaker(&self) -> &[usize] {
        &self.hits
    }

    /// The turns with matches, in order, each once.
    pub fn turns(&self) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.iter().filter_map(move |found| {
            let turn = found.turn();
            (last.replace(turn) != Some(turn)).then_some(turn)
        })
    }
}
