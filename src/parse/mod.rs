//! Readers for every transcript format and text encoding (SPEC §2).
//!
//! TEMPORARY: the `formats` branch's own module list; the lead merges it with the plain-text
//! and native-JSON parsers' `mod.rs`.

pub mod common;
pub mod detect;
pub mod encoding;
pub mod error;
pub mod markdown;
pub mod srt;
pub mod stt;
pub mod timed;
pub mod vtt;
