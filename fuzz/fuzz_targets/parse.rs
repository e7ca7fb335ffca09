//! Any bytes, decoded and parsed as every format: never a panic; every range of the
//! transcript valid.
#![no_main]

use fangtan::parse::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let formats = [
        None,
        Some(Format::Text),
        Some(Format::Srt),
        Some(Format::Vtt),
        Some(Format::Json),
    ];
    for format in formats {
        if let Ok(loaded) = parse::load(data.to_vec(), format, None, None) {
            let transcript = &loaded.transcript;
            let arena = transcript.text();
            for range in transcript.paragraph_ranges() {
                assert!(range.start <= range.end && range.end <= arena.len());
                assert!(arena.is_char_boundary(range.start) && arena.is_char_boundary(range.end));
            }
            for turn in &transcript.turns {
                assert!(turn.speaker < transcript.speakers.len());
            }
            // What --json writes loads again.
            let json = parse::native::to_json(transcript);
            assert!(parse::native::parse(&json).is_ok());
        }
    }
});
