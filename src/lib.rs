//! fangtan (访谈): a terminal reader for interview transcripts.

pub mod layout;
pub mod model;
pub mod parse;
