//! Work on every core for large inputs: a file of 100 MB is read in stretches at once, one a
//! thread, and the stretches' results joined in order. Small inputs stay on one thread, where
//! a thread would cost more than it saves.

use std::num::NonZeroUsize;
use std::{panic, thread};

/// How many threads to share `work` units among, each taking at least `per_thread` of them:
/// one for small work, at most one a core.
pub fn threads(work: usize, per_thread: usize) -> usize {
    if work < 2 * per_thread {
        return 1;
    }
    thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(work / per_thread.max(1))
}

/// Runs the jobs at once, the first on this thread and each other on a thread of its own, and
/// returns their results in order. A job's panic goes on in the caller.
pub fn run_all<T: Send, F: FnOnce() -> T + Send>(jobs: Vec<F>) -> Vec<T> {
    let mut jobs = jobs.into_iter();
    let Some(first) = jobs.next() else {
        return Vec::new();
    };
    thread::scope(|scope| {
        let others: Vec<_> = jobs.map(|job| scope.spawn(job)).collect();
        let mut results = Vec::with_capacity(others.len() + 1);
        results.push(first());
        results.extend(others.into_iter().map(|handle| {
            handle
                .join()
                .unwrap_or_else(|payload| panic::resume_unwind(payload))
        }));
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_jobs() {
        let jobs: Vec<_> = (0..5).map(|i| move || i * 10).collect();
        assert_eq!(run_all(jobs), [0, 10, 20, 30, 40]);
        assert!(run_all(Vec::<fn() -> u8>::new()).is_empty());
    }

    #[test]
    fn small_work_stays_on_one_thread() {
        assert_eq!(threads(0, 100), 1);
        assert_eq!(threads(199, 100), 1);
        assert!((1..=2).contains(&threads(200, 100)));
    }
}
