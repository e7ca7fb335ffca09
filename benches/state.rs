//! The reading state's store (SPEC §6: opening it takes ≤ 5 ms, off the first frame's path):
//! `cargo bench --bench state`. Opening a new file (made, migrated), opening one that holds
//! a thousand transcripts' state, a recall, and one change committed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use fangtan::state::{Change, Edit, Key, Store};

fn main() {
    divan::main();
}

/// A path in a fresh folder of this benchmark's.
fn fresh() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("fangtan-bench-state-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("{}.sqlite3", NEXT.fetch_add(1, Ordering::Relaxed)))
}

fn key(n: usize) -> Key {
    Key::of(
        format!("transcript {n}").as_bytes(),
        Some(format!("/talks/{n}.txt")),
    )
}

/// A store that has seen a thousand transcripts, each with a position, two marks, twenty
/// edits; and a full search history.
fn used_store() -> PathBuf {
    let path = fresh();
    let mut store = Store::open(&path).store.expect("a store");
    for n in 0..1000 {
        let key = key(n);
        store.recall(&key).expect("recalled");
        let fingerprint = key.fingerprint;
        let mut changes = vec![
            Change::Position {
                fingerprint,
                byte: n,
            },
            Change::Mark {
                fingerprint,
                letter: 'a',
                byte: n,
            },
            Change::Mark {
                fingerprint,
                letter: '\'',
                byte: n,
            },
        ];
        changes.extend((0..20).map(|e| Change::Edit {
            fingerprint,
            edit: Edit::Rename {
                speaker: format!("SPEAKER_{e:02}"),
                name: format!("Name {e}"),
            },
        }));
        changes.push(Change::Search {
            query: format!("query {n}"),
        });
        store.write(&changes).expect("written");
    }
    path
}

/// Making a new store: the folder, the file, WAL, the schema.
#[divan::bench(sample_count = 30)]
fn open_new(bencher: divan::Bencher) {
    bencher
        .with_inputs(fresh)
        .bench_local_values(|path| Store::open(&path).store.expect("a store"));
}

/// Opening a store in use (1,000 transcripts, 20,000 edits), checked.
#[divan::bench(sample_count = 30)]
fn open_used(bencher: divan::Bencher) {
    let path = used_store();
    bencher.bench_local(|| Store::open(&path).store.expect("a store"));
}

/// Opening, then the search history and one transcript's state: all the first screen waits
/// for (the keeper notes the path after it has answered).
#[divan::bench(sample_count = 30)]
fn open_and_recall(bencher: divan::Bencher) {
    let path = used_store();
    let fingerprint = key(500).fingerprint;
    bencher.bench_local(|| {
        let store = Store::open(&path).store.expect("a store");
        let history = store.history().expect("history");
        let memory = store.peek(fingerprint).expect("recalled");
        (history.len(), memory.edits.len(), store)
    });
}

/// One change committed (a rename), as each edit in the reader is.
#[divan::bench(sample_count = 50)]
fn commit_one_change(bencher: divan::Bencher) {
    let path = used_store();
    let mut store = Store::open(&path).store.expect("a store");
    let fingerprint = key(7).fingerprint;
    bencher.bench_local(|| {
        store
            .write(&[Change::Position {
                fingerprint,
                byte: 42,
            }])
            .expect("written");
    });
}
