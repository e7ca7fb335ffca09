//! fangtan (访谈): a terminal reader for interview transcripts.
//!
//! - [`model`]: the transcript (title, speakers, turns of paragraphs, notes) over one arena.
//! - [`parse`]: bytes to a transcript: encodings, plain text, fangtan's JSON, other formats.
//! - [`layout`]: widths, Chinese line breaking and wrapping; knows nothing of the terminal.
//! - [`conversation`]: the conversation laid out in blocks and rows (SPEC §4).
//! - [`search`]: the matcher (folding, smart case, regex, pinyin) and the background engine.
//! - [`reader`]: the interactive reader: view, keymap, actions, state, widgets.
//! - [`print`](mod@print): `--print` and `--stats`.
//! - [`explain`]: `--explain`, what the parser inferred about a file.
//! - [`cli`]: the command line, resolved into a [`cli::Config`], and [`cli::run`].
//! - [`config`]: the config file, defaults for the long options.
//! - [`input`]: files, standard input, the bundled sample, and a large file's quick preview.
//! - [`palette`]: the speakers' colours, shared by the printer and the reader.
//! - [`corpus`]: deterministic generated transcripts for benchmarks and tests.
//! - [`state`]: what fangtan remembers between runs (position, marks, names, highlights,
//!   searches) in a SQLite file, and the names overlay every output goes through.
//! - [`quote`]: a passage as a Markdown quote with who said it, for copying and export.

#![warn(missing_docs)]

pub mod cli;
pub mod config;
pub mod conversation;
pub mod corpus;
pub mod explain;
pub mod input;
pub mod layout;
pub mod model;
pub mod palette;
pub mod parse;
pub mod print;
pub mod quote;
pub mod reader;
pub mod search;
pub mod state;
