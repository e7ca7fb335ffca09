//! fangtan (访谈): a terminal reader for interview transcripts.

pub mod corpus;
pub mod layout;
pub mod model;
pub mod search;
