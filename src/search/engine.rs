//! The background search engine: one worker thread per open transcript, fed one search at a
//! time, reporting matches in chunks so the reader can show `i/n…` while counting.

use std::ops::{ControlFlow, Range};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::results::SearchResults;
use super::scan::scan;
use super::{Match, NOTE, Query};
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
pub(super) struct Batch {
    pub(super) generation: u64,
    /// The matches lie before the origin turn (found after wrapping around).
    pub(super) wrapped: bool,
    pub(super) matches: Vec<Match>,
    /// Of these matches, how many per speaker.
    pub(super) hits: Vec<usize>,
    /// The search is complete after this batch.
    pub(super) done: bool,
    /// The job searched only the turns of a previous search's matches.
    pub(super) refined: bool,
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
        // Notes belong to no speaker: they count in no speaker's hits.
        let mut hits = vec![0; transcript.speakers.len()];
        for found in &matches {
            if let Some(count) = found
                .turn()
                .and_then(|turn| transcript.turns.get(turn))
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
        let mut turns: Vec<u32> = previous
            .iter()
            .map(|found| u32::try_from(found.unit()).unwrap_or(u32::MAX))
            .collect();
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
            // One unit past the last turn: the notes after it.
            _ => Box::new(origin..=transcript.turns.len()),
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

/// The paragraphs of search unit `unit`: the notes that stand before turn `unit` (the notes
/// after the last turn when `unit` is the number of turns), then the turn itself when its
/// speaker is visible. Notes belong to no speaker and are always searched.
fn unit_paragraphs(transcript: &Transcript, visible: &[bool], unit: usize) -> Range<usize> {
    let notes = &transcript.notes;
    let first_note = notes.partition_point(|note| note.before_turn < unit);
    let end_note = notes.partition_point(|note| note.before_turn <= unit);
    let notes_part = match (
        notes.get(first_note),
        end_note.checked_sub(1).and_then(|n| notes.get(n)),
    ) {
        (Some(first), Some(last)) if first_note < end_note => first.paragraph..last.paragraph + 1,
        _ => 0..0,
    };
    let turn_part = transcript
        .turns
        .get(unit)
        .filter(|turn| visible.get(turn.speaker).copied().unwrap_or(true))
        .map_or(0..0, |turn| turn.paragraphs.clone());
    match (notes_part.is_empty(), turn_part.is_empty()) {
        (true, _) => turn_part,
        (false, true) => notes_part,
        // The notes come right before the turn's first paragraph.
        (false, false) if notes_part.end == turn_part.start => notes_part.start..turn_part.end,
        (false, false) => turn_part,
    }
}

/// Whether every paragraph of search unit `unit` is searched: its turn is visible (or it has
/// none), so a run may pass over it.
fn unit_whole(transcript: &Transcript, visible: &[bool], unit: usize) -> bool {
    transcript
        .turns
        .get(unit)
        .is_none_or(|turn| visible.get(turn.speaker).copied().unwrap_or(true))
}

/// Searches the search units `units` (ascending: a unit is a turn with the notes before it),
/// appending matches to `matches`, grouping consecutive units into runs of up to
/// [`CHUNK_BYTES`] searched in one pass, and calling `after_run(matches, bytes searched)`
/// after each run, which may stop the search.
fn search_turns(
    transcript: &Transcript,
    query: &Query,
    visible: &[bool],
    units: impl Iterator<Item = usize>,
    matches: &mut Vec<Match>,
    mut after_run: impl FnMut(&mut Vec<Match>, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let paragraphs = transcript.paragraph_ranges();
    let last_unit = transcript.turns.len();
    // The arena bytes of a run of paragraphs.
    let span = |run: &Range<usize>| -> Range<usize> {
        paragraphs[run.start].start..paragraphs[run.end - 1].end
    };
    // The run being gathered: its paragraphs, and the last unit in it.
    let mut run: Option<(Range<usize>, usize)> = None;
    for unit in units {
        if unit > last_unit {
            break;
        }
        let here = unit_paragraphs(transcript, visible, unit);
        if here.is_empty() {
            continue;
        }
        if let Some((current, last)) = &mut run {
            // Units skipped between the run and this one are searched along with them when
            // they are few and wholly visible: they were skipped only because a refined query
            // cannot match them (or they are empty), and one long pass beats many short ones.
            let joins = unit > *last
                && unit - *last <= BRIDGE_TURNS
                && span(current).len() < CHUNK_BYTES
                && current.end <= here.start
                && paragraphs[here.start].start - span(current).end <= BRIDGE_BYTES
                && {
                    // Every unit between is searched whole and their paragraphs follow on.
                    let mut end = current.end;
                    (*last + 1..unit).all(|gap| {
                        let between = unit_paragraphs(transcript, visible, gap);
                        let follows = between.is_empty() || between.start == end;
                        end = end.max(between.end);
                        follows && unit_whole(transcript, visible, gap)
                    }) && end == here.start
                };
            if joins {
                current.end = here.end;
                *last = unit;
                continue;
            }
            let done = current.clone();
            search_run(transcript, query, done.clone(), matches);
            after_run(matches, span(&done).len())?;
        }
        run = Some((here, unit));
    }
    if let Some((done, _)) = run {
        search_run(transcript, query, done.clone(), matches);
        after_run(matches, span(&done).len())?;
    }
    ControlFlow::Continue(())
}

/// Searches paragraphs `run` (consecutive, of turns and notes in document order).
fn search_run(transcript: &Transcript, query: &Query, run: Range<usize>, out: &mut Vec<Match>) {
    let turns = &transcript.turns;
    let paragraphs = &transcript.paragraph_ranges()[run.clone()];
    // The first turn that ends after the run's first paragraph; moves on with the matches.
    let mut turn = turns.partition_point(|t| t.paragraphs.end <= run.start);
    scan(query, transcript.text(), paragraphs, |index, range| {
        let paragraph = run.start + index;
        while turns
            .get(turn)
            .is_some_and(|t| t.paragraphs.end <= paragraph)
        {
            turn += 1;
        }
        let in_turn = turns
            .get(turn)
            .is_some_and(|t| t.paragraphs.contains(&paragraph));
        // Past 4 GiB (or 2^31 turns) the compact form cannot hold it (see `Match`).
        let Ok(unit) = u32::try_from(turn) else {
            return;
        };
        if unit & NOTE != 0 {
            return;
        }
        let turn = if in_turn { unit } else { unit | NOTE };
        if let (Ok(start), Ok(end)) = (u32::try_from(range.start), u32::try_from(range.end)) {
            out.push(Match { turn, start, end });
        }
    });
}

/// Every match of `query` in the turns of visible speakers and in the notes, in order, found
/// on the calling thread. For `--print --search`, benchmarks and tests.
pub fn search_all(transcript: &Transcript, query: &Query, visible: &[bool]) -> Vec<Match> {
    let mut matches = Vec::new();
    let _ = search_turns(
        transcript,
        query,
        visible,
        0..=transcript.turns.len(),
        &mut matches,
        |_, _| ControlFlow::Continue(()),
    );
    matches
}
