//! The store against real files in a temporary folder: what it keeps, and its faults.

use std::path::PathBuf;

use super::*;

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fangtan-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn key(text: &str) -> Key {
    Key::of(text.as_bytes(), Some(format!("/talks/{text}.txt")))
}

fn open(path: &Path) -> Store {
    let opened = Store::open(path);
    assert_eq!(opened.warning, None);
    opened.store.expect("a store")
}

fn rename(speaker: &str, name: &str) -> Edit {
    Edit::Rename {
        speaker: speaker.into(),
        name: name.into(),
    }
}

#[test]
fn what_is_written_is_recalled_in_another_connection() {
    let path = folder("roundtrip").join("deep/er/state.sqlite3");
    let talk = key("talk");
    let fingerprint = talk.fingerprint;
    let mut store = open(&path);
    assert_eq!(store.recall(&talk).expect("recalls"), Memory::default());
    store
        .write(&[
            Change::Position {
                fingerprint,
                byte: 10,
            },
            Change::Position {
                fingerprint,
                byte: 99,
            },
            Change::Mark {
                fingerprint,
                letter: 'a',
                byte: 5,
            },
            Change::Edit {
                fingerprint,
                edit: rename("A", "Ada"),
            },
            Change::Edit {
                fingerprint,
                edit: Edit::Highlight { start: 1, end: 4 },
            },
            Change::Edit {
                fingerprint,
                edit: rename("Ada", "Adele"),
            },
            Change::Undo {
                fingerprint,
                edit: Edit::Highlight { start: 1, end: 4 },
            },
            Change::Search {
                query: "消防".into(),
            },
            Change::Search { query: "x".into() },
            Change::Search {
                query: "消防".into(),
            },
        ])
        .expect("written");
    drop(store);
    let again = open(&path);
    let memory = again.peek(fingerprint).expect("peeks");
    assert_eq!(memory.position, Some(99));
    assert_eq!(memory.marks, [('a', 5)]);
    assert_eq!(memory.edits, [rename("A", "Ada"), rename("Ada", "Adele")]);
    assert_eq!(again.history().expect("history"), ["x", "消防"]);
    // Another transcript remembers nothing of it.
    assert_eq!(
        again.peek(key("other").fingerprint).expect("peeks"),
        Memory::default()
    );
    let read = Store::open_to_read(&path).expect("reads").expect("exists");
    assert!(read.is_read_only());
    assert_eq!(read.peek(fingerprint).expect("peeks").position, Some(99));
}

#[test]
fn a_damaged_file_is_moved_aside_and_a_new_one_made() {
    let dir = folder("damaged");
    let path = dir.join("state.sqlite3");
    std::fs::write(
        &path,
        b"this is not a database, just some bytes that say so. ".repeat(100),
    )
    .expect("written");
    let opened = Store::open(&path);
    let warning = opened.warning.expect("a warning");
    assert!(
        warning.contains("damaged") && warning.contains(".corrupt-"),
        "{warning}"
    );
    let mut store = opened.store.expect("a new store");
    let talk = key("talk");
    store
        .write(&[Change::Position {
            fingerprint: talk.fingerprint,
            byte: 3,
        }])
        .expect("written");
    let aside: Vec<String> = std::fs::read_dir(&dir)
        .expect("listed")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("state.sqlite3.corrupt-20"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
}

#[test]
fn a_file_damaged_inside_is_moved_aside_too() {
    let dir = folder("damaged-inside");
    let path = dir.join("state.sqlite3");
    let mut store = open(&path);
    let talk = key("talk");
    let many: Vec<Change> = (0..2000)
        .map(|n| Change::Edit {
            fingerprint: talk.fingerprint,
            edit: Edit::Highlight {
                start: n,
                end: n + 1,
            },
        })
        .collect();
    store.write(&many).expect("written");
    drop(store);
    // Checkpointed into the main file on close; now overwrite its second half.
    let mut bytes = std::fs::read(&path).expect("read");
    let half = bytes.len() / 2;
    bytes[half..].fill(0x5a);
    std::fs::write(&path, &bytes).expect("damaged");
    let opened = Store::open(&path);
    assert!(
        opened
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("damaged")),
        "{:?}",
        opened.warning
    );
    assert!(opened.store.is_some());
}

#[test]
fn an_unwritable_place_means_no_store_and_a_warning() {
    let dir = folder("unwritable");
    // A file where the folder should be: nothing can be made under it, whoever runs the test.
    std::fs::write(dir.join("blocked"), b"").expect("written");
    let opened = Store::open(&dir.join("blocked/fangtan/state.sqlite3"));
    assert!(opened.store.is_none());
    let warning = opened.warning.expect("a warning");
    assert!(warning.starts_with("not remembering: "), "{warning}");
}

#[test]
fn a_newer_schema_is_read_by_nobody_and_left_alone() {
    let path = folder("newer").join("state.sqlite3");
    drop(open(&path));
    let connection = Connection::open(&path).expect("opens");
    connection
        .pragma_update(None, "user_version", 99)
        .expect("set");
    drop(connection);
    let opened = Store::open(&path);
    assert!(
        opened
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("newer fangtan")),
        "{:?}",
        opened.warning
    );
    assert!(Store::open_to_read(&path).is_err());
    // Not moved aside: it is not damaged, only not this build's.
    assert!(path.exists());
}

#[test]
fn two_readers_write_at_once() {
    let path = folder("two").join("state.sqlite3");
    let talk = key("talk");
    let mut first = open(&path);
    let mut second = open(&path);
    first.recall(&talk).expect("recalls");
    second.recall(&talk).expect("recalls");
    let writers: Vec<_> = [(first, "first"), (second, "second")]
        .into_iter()
        .map(|(mut store, who)| {
            std::thread::spawn(move || {
                for n in 0..50 {
                    store
                        .write(&[Change::Edit {
                            fingerprint: talk.fingerprint,
                            edit: rename(who, &format!("{who}{n}")),
                        }])
                        .expect("written while the other writes");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("no panic");
    }
    let memory = open(&path).peek(talk.fingerprint).expect("peeks");
    assert_eq!(memory.edits.len(), 100);
}

#[test]
fn two_readers_make_a_new_store_at_once() {
    // Each round, two threads open a store that does not exist yet, at the same moment: one
    // switches it to WAL as the other opens it. Both must get a store they can write.
    for round in 0..20 {
        let path = folder(&format!("new-{round}")).join("state.sqlite3");
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let openers: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path)
                })
            })
            .collect();
        for opener in openers {
            let opened = opener.join().expect("no panic");
            assert_eq!(opened.warning, None, "round {round}");
            assert!(opened.store.is_some_and(|store| !store.is_read_only()));
        }
    }
}

#[test]
fn times_are_written_as_utc() {
    assert_eq!(utc_stamp(0), "19700101T000000Z");
    assert_eq!(utc_stamp(1_732_685_520), "20241127T053200Z");
    assert_eq!(utc_stamp(951_782_400), "20000229T000000Z");
}
