//! Any text as Markdown: never a panic, ranges valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(transcript) = fangtan::parse::markdown::parse(text) {
        let arena = transcript.text();
        for range in transcript.paragraph_ranges() {
            assert!(arena.get(range.clone()).is_some());
        }
    }
});
