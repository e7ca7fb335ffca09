//! What fangtan remembers of the transcripts it reads, from one run to the next: where each
//! was left, its marks, the names given to its speakers (and merges and turns given to
//! others), its highlights; and the search history. Knows nothing of the terminal.
//!
//! - [`fingerprint`]: how a transcript is known (a hash of its bytes), wherever it is moved.
//! - [`overlay`]: the edits, and the one function that makes the transcript shown from the
//!   transcript parsed and the edits.
//! - [`store`]: the SQLite file, its schema and migrations, and its faults.
//! - [`keeper`]: the store on a thread of its own, so that opening it is never on the way to
//!   the first screen and a write never holds up a key.
//! - [`location`]: where the file is (`--state`, `FANGTAN_STATE`, `$XDG_STATE_HOME`), or that
//!   there is none (`--no-state`).

pub mod fingerprint;
pub mod keeper;
pub mod location;
pub mod overlay;
pub mod store;

pub use self::fingerprint::Fingerprint;
pub use self::keeper::{Keeper, Reply, Request};
pub use self::location::Location;
pub use self::overlay::Edit;
pub use self::store::Store;

/// A transcript as the store knows it: its fingerprint, and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The fingerprint of its bytes.
    pub fingerprint: Fingerprint,
    /// The path it was last read from (`None` for standard input and the sample).
    pub path: Option<String>,
    /// Its size in bytes.
    pub bytes: u64,
}

impl Key {
    /// The key of `bytes` read from `path`.
    pub fn of(bytes: &[u8], path: Option<String>) -> Self {
        Self {
            fingerprint: Fingerprint::of(bytes),
            path,
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        }
    }
}

/// What is remembered of one transcript.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Where the view was left: the arena byte at its top (which names the turn and the line
    /// in it at any width).
    pub position: Option<usize>,
    /// Marks: a letter and the arena byte at the top of the view when it was set. `'` is where
    /// the last jump started.
    pub marks: Vec<(char, usize)>,
    /// The edits, in the order they were made.
    pub edits: Vec<Edit>,
}

/// A change to what is remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The view of a transcript is now at this arena byte.
    Position {
        /// Which transcript.
        fingerprint: Fingerprint,
        /// The arena byte at the top of the view.
        byte: usize,
    },
    /// A mark is set.
    Mark {
        /// Which transcript.
        fingerprint: Fingerprint,
        /// Its letter.
        letter: char,
        /// The arena byte it marks.
        byte: usize,
    },
    /// An edit is made.
    Edit {
        /// Which transcript.
        fingerprint: Fingerprint,
        /// The edit.
        edit: Edit,
    },
    /// The last edit equal to this one is undone.
    Undo {
        /// Which transcript.
        fingerprint: Fingerprint,
        /// The edit.
        edit: Edit,
    },
    /// A search was made (it goes to the end of the history).
    Search {
        /// What was searched for.
        query: String,
    },
}

/// The transcript as the edits remembered for it show it: the one place every way of printing
/// a file (`-p`, `--json`, `--stats`, `--highlights`) reads the reading state through.
#[derive(Debug)]
pub struct Remembered {
    /// The store, opened to read, once.
    store: Option<Store>,
    /// Why it could not be read, to be said once.
    pub warning: Option<String>,
}

impl Remembered {
    /// The store at `location`, opened to read when it exists.
    pub fn open(location: &Location) -> Self {
        match location.path() {
            None => Self {
                store: None,
                warning: None,
            },
            Some(path) => match Store::open_to_read(path) {
                Ok(store) => Self {
                    store,
                    warning: None,
                },
                Err(why) => Self {
                    store: None,
                    warning: Some(format!("{}: {why}; going on without it", path.display())),
                },
            },
        }
    }

    /// What is remembered of the transcript with this fingerprint (nothing when there is no
    /// store); an error says why it could not be read.
    pub fn memory(&self, fingerprint: Fingerprint) -> Result<Memory, String> {
        match &self.store {
            None => Ok(Memory::default()),
            Some(store) => store.peek(fingerprint).map_err(|error| error.to_string()),
        }
    }
}
