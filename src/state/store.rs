//! The state store: one SQLite file (WAL, so that two readers can work at once; a busy
//! timeout, so that one waits for the other's write instead of failing). Every change is its
//! own committed transaction, so a `kill -9` right after it loses nothing.
//!
//! Faults never stop reading. A damaged file is moved aside (`state.sqlite3.corrupt-<time>`)
//! and a new one made, with a warning; a file that cannot be written is read for what it
//! remembers and changes are not kept, with a warning; a place where no file can be made
//! means nothing is remembered, with a warning.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::{Change, Fingerprint, Key, Memory};
use crate::state::overlay::Edit;

/// How long a write waits for another fangtan's write to the same file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// Searches kept in the history.
const HISTORY: i64 = 500;

/// The schema, one script per version: script `i` takes a store from version `i` to `i + 1`.
/// A store is never changed but by appending a script here.
const MIGRATIONS: &[&str] = &[
    // 1: transcripts by fingerprint, with the last path and position; marks; the edit log;
    // the search history.
    "CREATE TABLE transcripts (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        path TEXT,
        bytes INTEGER,
        seen INTEGER NOT NULL,
        position INTEGER
    );
    CREATE TABLE marks (
        transcript INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        letter TEXT NOT NULL,
        byte INTEGER NOT NULL,
        PRIMARY KEY (transcript, letter)
    ) WITHOUT ROWID;
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        transcript INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        edit TEXT NOT NULL,
        made INTEGER NOT NULL
    );
    CREATE INDEX edits_of_transcript ON edits (transcript, id);
    CREATE TABLE searches (
        query TEXT PRIMARY KEY,
        used INTEGER NOT NULL
    );",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Why a store could not be opened.
#[derive(Debug)]
enum Fault {
    /// The file is not a database, or a damaged one.
    Damaged(String),
    /// A later fangtan made it; this one does not know its tables.
    Newer(usize),
    /// Another fangtan holds the file for a moment.
    Busy(String),
    /// Anything else: the place cannot be written, the disk is full.
    Other(String),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Damaged(why) | Self::Busy(why) | Self::Other(why) => f.write_str(why),
            Self::Newer(version) => write!(
                f,
                "it was written by a newer fangtan (schema {version}, this one knows {SCHEMA_VERSION})"
            ),
        }
    }
}

impl From<rusqlite::Error> for Fault {
    fn from(error: rusqlite::Error) -> Self {
        let damaged = matches!(
            error.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        );
        let busy = matches!(
            error.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        );
        if damaged {
            Self::Damaged(error.to_string())
        } else if busy {
            Self::Busy(error.to_string())
        } else {
            Self::Other(error.to_string())
        }
    }
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
    /// Opened only to read: what it remembers is shown, changes are not kept.
    read_only: bool,
    /// Transcript row ids already looked up.
    ids: HashMap<Fingerprint, i64>,
}

/// What opening the store for the reader came to.
#[derive(Debug)]
pub struct Opened {
    /// The store, when there is one to read.
    pub store: Option<Store>,
    /// What the status bar should say about it.
    pub warning: Option<String>,
}

impl Store {
    /// Opens (or makes) the store at `path` for the reader, recovering from what can be
    /// recovered from. Never fails: at worst there is no store and a warning says why.
    pub fn open(path: &Path) -> Opened {
        let shown = path.display();
        match Self::open_writable_patiently(path) {
            Ok(store) => Opened {
                store: Some(store),
                warning: None,
            },
            Err(Fault::Damaged(why)) => {
                let aside = match move_aside(path) {
                    Ok(aside) => aside,
                    Err(error) => {
                        return Opened {
                            store: None,
                            warning: Some(format!(
                                "not remembering: {shown} is damaged ({why}) and cannot be moved aside ({error})"
                            )),
                        };
                    }
                };
                let kept = aside.display();
                match Self::open_writable_patiently(path) {
                    Ok(store) => Opened {
                        store: Some(store),
                        warning: Some(format!(
                            "the state file was damaged ({why}): kept as {kept}, starting afresh"
                        )),
                    },
                    Err(fault) => Opened {
                        store: None,
                        warning: Some(format!(
                            "not remembering: the state file was damaged (kept as {kept}) and {shown} cannot be made again: {fault}"
                        )),
                    },
                }
            }
            Err(fault) => {
                // A file that exists but cannot be written still shows what it remembers.
                let store = Self::open_to_read(path).ok().flatten();
                let what = if store.is_some() {
                    "changes are not remembered"
                } else {
                    "not remembering"
                };
                // Say which file, unless the fault already names where.
                let why = fault.to_string();
                let names_it = path
                    .parent()
                    .is_some_and(|dir| why.contains(&*dir.to_string_lossy()));
                let warning = if names_it {
                    format!("{what}: {why}")
                } else {
                    format!("{what}: {shown}: {why}")
                };
                Opened {
                    store,
                    warning: Some(warning),
                }
            }
        }
    }

    /// Opens an existing store only to read it (`--print`, `--json`, `--highlights`): `None`
    /// when there is no file, an error when there is one that cannot be read.
    pub fn open_to_read(path: &Path) -> Result<Option<Self>, String> {
        if !path.exists() {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let opened = Connection::open_with_flags(path, flags).and_then(|connection| {
            connection.busy_timeout(BUSY_TIMEOUT)?;
            Ok(connection)
        });
        let connection = opened.map_err(|error| error.to_string())?;
        let version = schema_version(&connection).map_err(|fault| fault.to_string())?;
        if version > SCHEMA_VERSION {
            return Err(Fault::Newer(version).to_string());
        }
        if version < SCHEMA_VERSION {
            // Made by an older fangtan and not yet brought up to date: nothing it holds is
            // in tables this build reads.
            return Ok(None);
        }
        Ok(Some(Self {
            connection,
            read_only: true,
            ids: HashMap::new(),
        }))
    }

    /// Opens for writing, trying again while another fangtan holds the file: two readers that
    /// make a new store at once (one switching it to WAL as the other opens it) are answered
    /// "locked" at once, without the busy timeout's wait. Tries for as long as a write waits.
    fn open_writable_patiently(path: &Path) -> Result<Self, Fault> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            match Self::open_writable(path) {
                Err(Fault::Busy(_)) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                outcome => return outcome,
            }
        }
    }

    fn open_writable(path: &Path) -> Result<Self, Fault> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|error| Fault::Other(format!("cannot make {}: {error}", dir.display())))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut connection = Connection::open_with_flags(path, flags)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        if connection.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Fault::Other("the file is read-only".to_owned()));
        }
        // WAL: readers never wait for a writer, and a commit costs one append, no fsync
        // (synchronous=NORMAL keeps every commit across a crash of the program; only a power
        // cut may lose the last ones).
        let mode: String =
            connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Fault::Other(format!(
                "the journal cannot be {mode}, not WAL"
            )));
        }
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        let check: String = connection.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
        if check != "ok" {
            return Err(Fault::Damaged(check));
        }
        migrate(&mut connection)?;
        Ok(Self {
            connection,
            read_only: false,
            ids: HashMap::new(),
        })
    }

    /// Whether changes are kept.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// What is remembered of a transcript, which is remembered from now on under its
    /// fingerprint with this path.
    pub fn recall(&mut self, key: &Key) -> rusqlite::Result<Memory> {
        self.register(key)?;
        self.peek(key.fingerprint)
    }

    /// Remembers a transcript under its fingerprint, with the path it was read from and when.
    pub fn register(&mut self, key: &Key) -> rusqlite::Result<()> {
        if !self.read_only {
            let id: i64 = self.connection.query_row(
                "INSERT INTO transcripts (fingerprint, path, bytes, seen) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (fingerprint) DO UPDATE
                 SET path = coalesce(excluded.path, path), bytes = excluded.bytes, seen = excluded.seen
                 RETURNING id",
                params![
                    key.fingerprint.to_string(),
                    key.path,
                    i64::try_from(key.bytes).unwrap_or(i64::MAX),
                    now()
                ],
                |row| row.get(0),
            )?;
            self.ids.insert(key.fingerprint, id);
        }
        Ok(())
    }

    /// What is remembered of a transcript, changing nothing.
    pub fn peek(&self, fingerprint: Fingerprint) -> rusqlite::Result<Memory> {
        let found: Option<(i64, Option<i64>)> = self
            .connection
            .query_row(
                "SELECT id, position FROM transcripts WHERE fingerprint = ?1",
                [fingerprint.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((id, position)) = found else {
            return Ok(Memory::default());
        };
        let mut marks = Vec::new();
        let mut statement = self.connection.prepare_cached(
            "SELECT letter, byte FROM marks WHERE transcript = ?1 ORDER BY letter",
        )?;
        let rows = statement.query_map([id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (letter, byte) = row?;
            if let (Some(letter), Ok(byte)) = (letter.chars().next(), usize::try_from(byte)) {
                marks.push((letter, byte));
            }
        }
        let mut edits = Vec::new();
        let mut statement = self
            .connection
            .prepare_cached("SELECT edit FROM edits WHERE transcript = ?1 ORDER BY id")?;
        for row in statement.query_map([id], |row| row.get::<_, String>(0))? {
            // An edit this build does not know (a later fangtan's) is left alone.
            if let Ok(edit) = serde_json::from_str::<Edit>(&row?) {
                edits.push(edit);
            }
        }
        Ok(Memory {
            position: position.and_then(|p| usize::try_from(p).ok()),
            marks,
            edits,
        })
    }

    /// The search history, oldest first.
    pub fn history(&self) -> rusqlite::Result<Vec<String>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT query FROM searches ORDER BY used")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        rows.collect()
    }

    /// Keeps changes, in one transaction, committed before this returns. A store opened only
    /// to read keeps nothing.
    pub fn write(&mut self, changes: &[Change]) -> rusqlite::Result<()> {
        if self.read_only || changes.is_empty() {
            return Ok(());
        }
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids = std::mem::take(&mut self.ids);
        let mut id = |fingerprint: Fingerprint| -> rusqlite::Result<i64> {
            if let Some(&id) = ids.get(&fingerprint) {
                return Ok(id);
            }
            let id = transaction.query_row(
                "INSERT INTO transcripts (fingerprint, seen) VALUES (?1, ?2)
                 ON CONFLICT (fingerprint) DO UPDATE SET seen = seen RETURNING id",
                params![fingerprint.to_string(), now()],
                |row| row.get(0),
            )?;
            ids.insert(fingerprint, id);
            Ok(id)
        };
        let result = changes.iter().try_for_each(|change| match change {
            Change::Position { fingerprint, byte } => transaction
                .execute(
                    "UPDATE transcripts SET position = ?2 WHERE id = ?1",
                    params![id(*fingerprint)?, to_sql(*byte)],
                )
                .map(drop),
            Change::Mark {
                fingerprint,
                letter,
                byte,
            } => transaction
                .execute(
                    "INSERT OR REPLACE INTO marks (transcript, letter, byte) VALUES (?1, ?2, ?3)",
                    params![id(*fingerprint)?, letter.to_string(), to_sql(*byte)],
                )
                .map(drop),
            Change::Edit { fingerprint, edit } => transaction
                .execute(
                    "INSERT INTO edits (transcript, edit, made) VALUES (?1, ?2, ?3)",
                    params![id(*fingerprint)?, edit_json(edit), now()],
                )
                .map(drop),
            Change::Undo { fingerprint, edit } => transaction
                .execute(
                    "DELETE FROM edits WHERE id =
                     (SELECT max(id) FROM edits WHERE transcript = ?1 AND edit = ?2)",
                    params![id(*fingerprint)?, edit_json(edit)],
                )
                .map(drop),
            Change::Search { query } => transaction
                .execute(
                    "INSERT INTO searches (query, used)
                     VALUES (?1, (SELECT coalesce(max(used), 0) + 1 FROM searches))
                     ON CONFLICT (query) DO UPDATE SET used = excluded.used",
                    [query],
                )
                .and_then(|_| {
                    transaction.execute(
                        "DELETE FROM searches WHERE used <= (SELECT max(used) FROM searches) - ?1",
                        [HISTORY],
                    )
                })
                .map(drop),
        });
        self.ids = ids;
        result?;
        transaction.commit()
    }
}

/// The store's schema version (`PRAGMA user_version`).
fn schema_version(connection: &Connection) -> Result<usize, Fault> {
    let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(usize::try_from(version).unwrap_or(usize::MAX))
}

/// Brings the schema up to this build's version, in one transaction: a second fangtan
/// opening the same new file at the same moment waits, then finds it done.
fn migrate(connection: &mut Connection) -> Result<(), Fault> {
    if schema_version(connection)? == SCHEMA_VERSION {
        return Ok(());
    }
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = schema_version(&transaction)?;
    if version > SCHEMA_VERSION {
        return Err(Fault::Newer(version));
    }
    for script in &MIGRATIONS[version..] {
        transaction.execute_batch(script)?;
    }
    transaction.pragma_update(None, "user_version", to_sql(SCHEMA_VERSION))?;
    transaction.commit()?;
    Ok(())
}

/// An edit as the store keeps it: JSON, so that later kinds of edit need no new table.
fn edit_json(edit: &Edit) -> String {
    serde_json::to_string(edit).unwrap_or_default()
}

/// A byte offset as SQLite's integer (offsets past 2^63 do not occur).
fn to_sql(byte: usize) -> i64 {
    i64::try_from(byte).unwrap_or(i64::MAX)
}

/// Seconds since 1970.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// Moves a damaged store (and its WAL files) aside as `<name>.corrupt-<UTC time>`, so that
/// nothing is lost that a person might still get out of it.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path.file_name().map_or_else(
        || "state".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let aside = path.with_file_name(format!("{name}.corrupt-{}", utc_stamp(now())));
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = aside.as_os_str().to_owned();
        to.push(suffix);
        // The WAL files may not exist; the database itself was moved.
        let _ = std::fs::rename(&from, &to);
    }
    Ok(aside)
}

/// `20251127T053200Z` for a time in seconds since 1970 (the civil calendar from days, after
/// Howard Hinnant's algorithm).
fn utc_stamp(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let time = seconds.rem_euclid(86_400);
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

#[cfg(test)]
mod tests;
