//! Writes the generated benchmark transcript (SPEC §6) to stdout, for trying the reader and
//! comparing with `less` by hand:
//!
//! ```text
//! cargo run --release --example corpus -- 100 > /tmp/corpus.txt   # megabytes
//! ```

use std::io::Write;

fn main() -> std::io::Result<()> {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(100);
    let text = fangtan::corpus::generate(megabytes * 1_000_000, 1);
    std::io::stdout().lock().write_all(text.as_bytes())
}
