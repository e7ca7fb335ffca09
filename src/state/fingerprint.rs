//! How a transcript is known from one run to the next: by a fingerprint of its bytes, so that
//! moving or renaming the file keeps what was remembered of it, and changing a byte of it
//! starts afresh (byte offsets into a changed text would point at the wrong words).
//!
//! The fingerprint is XXH3-128 of the whole file. It is not a cryptographic hash, and needs
//! not be: nobody forges a transcript to read another's notes on it. It runs at memory speed
//! (about 10 ms for 100 MB here, next to the half second the same file takes to parse, on the
//! same background thread), so sampling blocks of large files, which would miss an edit in
//! the middle, buys nothing.

use std::fmt;

/// The fingerprint of a transcript's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(u128);

impl Fingerprint {
    /// The fingerprint of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// Reads a fingerprint as [`fmt::Display`] writes it.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix(PREFIX)?;
        (hex.len() == 32)
            .then(|| u128::from_str_radix(hex, 16).ok())
            .flatten()
            .map(Self)
    }
}

/// Names the hash, so that another one could be used later beside it.
const PREFIX: &str = "xxh3-128:";

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{:032x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_and_read_back() {
        let print = Fingerprint::of("主持人: 你好\n".as_bytes());
        let text = print.to_string();
        assert!(
            text.starts_with("xxh3-128:") && text.len() == 9 + 32,
            "{text}"
        );
        assert_eq!(Fingerprint::parse(&text), Some(print));
        assert_eq!(Fingerprint::parse("md5:00"), None);
        assert_ne!(print, Fingerprint::of(b"other"));
    }
}
