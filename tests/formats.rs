//! Every real sample in `tests/fixtures/` (see its README for sources and licences), decoded and
//! detected without hints, parses to the speakers, turns and times the file holds.

use std::path::Path;

use fangtan::model::Transcript;
use fangtan::parse::detect::{Format, detect};
use fangtan::parse::encoding::decode;
use fangtan::parse::{markdown, srt, stt, vtt};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Decodes and parses a fixture as `fangtan FILE` would, with the format detected from its
/// content alone.
fn load(name: &str, expected: Format) -> Transcript {
    let decoded = decode(fixture(name), None).expect("decodes");
    assert!(decoded.warning.is_none(), "{name}: {:?}", decoded.warning);
    let format = detect(&decoded.text, None);
    assert_eq!(format, expected, "{name}");
    let parsed = match format {
        Format::Srt => srt::parse(&decoded.text),
        Format::Vtt => vtt::parse(&decoded.text),
        Format::Json => stt::parse(&decoded.text),
        Format::Markdown => markdown::parse(&decoded.text),
        Format::Text => panic!("{name}: plain text is the text parser's"),
    };
    parsed.unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn speakers(transcript: &Transcript) -> Vec<&str> {
    transcript
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect()
}

fn turn_speakers(transcript: &Transcript) -> Vec<&str> {
    transcript
        .turns
        .iter()
        .map(|turn| transcript.speaker_of(turn).name.as_str())
        .collect()
}

fn first_text(transcript: &Transcript) -> String {
    let turn = &transcript.turns[0];
    transcript
        .turn_paragraphs(turn)
        .collect::<Vec<_>>()
        .join("\n")
}

fn times(transcript: &Transcript, index: usize) -> (Option<f64>, Option<f64>, Option<usize>) {
    let turn = &transcript.turns[index];
    (turn.start, turn.end, turn.line)
}

#[test]
fn podcasting20_json_merges_words_into_turns() {
    let transcript = load("podcasting20_example.json", Format::Json);
    assert_eq!(speakers(&transcript), ["Darth Vader", "Luke"]);
    assert_eq!(turn_speakers(&transcript), ["Darth Vader", "Luke"]);
    assert_eq!(first_text(&transcript), "I am your father.");
    assert_eq!(times(&transcript, 0), (Some(0.5), Some(2.5), None));
    assert_eq!(transcript.paragraph(1), "Nooooo");
    assert_eq!(times(&transcript, 1), (Some(2.75), Some(3.0), None));
}

#[test]
fn podcasting20_vtt_voices_and_entities() {
    let transcript = load("podcasting20_example_voice.vtt", Format::Vtt);
    assert_eq!(speakers(&transcript), ["Sarah", "Gillian"]);
    assert_eq!(transcript.turns.len(), 2);
    let first = first_text(&transcript);
    assert!(
        first.starts_with(
            "In today's episode, you'll learn whether or not you should have a podcast trailer."
        ),
        "{first}"
    );
    assert!(
        first.contains("Welcome to Podcasting Q&A, where"),
        "{first}"
    );
    assert!(
        first.ends_with("This week's question comes from Gillian."),
        "{first}"
    );
    assert_eq!(times(&transcript, 0), (Some(0.0), Some(18.63), Some(3)));
    assert_eq!(times(&transcript, 1), (Some(19.08), Some(25.35), Some(18)));
}

#[test]
fn msteams_vtt_unpadded_times_and_overlaps() {
    let transcript = load("msteams_voice_nonstandard_times.vtt", Format::Vtt);
    assert_eq!(speakers(&transcript), ["Yuri Bakulin", "Adrian Petrescu"]);
    assert_eq!(first_text(&transcript), "There you go.");
    assert_eq!(times(&transcript, 0), (Some(0.0), Some(0.57), Some(3)));
    assert_eq!(transcript.paragraph(1), "Why hello there, Yuri.");
    assert_eq!(times(&transcript, 1), (Some(0.21), Some(1.13), Some(6)));
}

#[test]
fn podcasting20_srt_labels_carry_forward() {
    let transcript = load("podcasting20_example_speakers.srt", Format::Srt);
    assert_eq!(speakers(&transcript), ["Travis", "Sarah", "Gilon"]);
    assert_eq!(
        turn_speakers(&transcript),
        [
            "Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon",
            "Travis"
        ]
    );
    let first = first_text(&transcript);
    assert!(
        first.starts_with(
            "When you first get started in podcasting, it's almost guaranteed that you're going"
        ),
        "{first}"
    );
    assert!(first.ends_with("your goals, that much faster"), "{first}");
    assert_eq!(times(&transcript, 0), (Some(0.179), Some(50.34), Some(1)));
    assert_eq!(transcript.turns[1].line, Some(85));
    assert_eq!(transcript.turns[1].start, Some(53.03));
}

#[test]
fn deepgram_integer_speakers() {
    let transcript = load("deepgram_diarized_utterances.json", Format::Json);
    assert_eq!(speakers(&transcript), ["0", "1", "2"]);
    assert_eq!(
        turn_speakers(&transcript),
        ["0", "1", "0", "1", "2", "1", "2", "1"]
    );
    let first = first_text(&transcript);
    assert!(
        first.starts_with("And, Jessica, Christina, we are so proud of you. You're gonna do great"),
        "{first}"
    );
    assert_eq!(times(&transcript, 0), (Some(3.04), Some(17.279_999), None));
}

#[test]
fn assemblyai_milliseconds() {
    let transcript = load("assemblyai_utterances.json", Format::Json);
    assert_eq!(speakers(&transcript), ["A"]);
    assert_eq!(transcript.turns.len(), 1);
    let first = first_text(&transcript);
    assert!(
        first.starts_with("Yeah. As much as it's worth celebrating the first spacewalk"),
        "{first}"
    );
    assert_eq!(times(&transcript, 0), (Some(0.17), Some(25.14), None));
}

#[test]
fn amazon_transcribe_words_and_punctuation() {
    let transcript = load("aws_transcribe_speaker_labels.json", Format::Json);
    assert_eq!(speakers(&transcript), ["spk_0", "spk_1", "spk_2"]);
    assert_eq!(
        turn_speakers(&transcript),
        ["spk_0", "spk_1", "spk_0", "spk_2", "spk_0"]
    );
    let first = first_text(&transcript);
    assert!(
        first.starts_with("From illinois public media news. I'm Kimberly Schofield. You're"),
        "{first}"
    );
    assert_eq!(times(&transcript, 0), (Some(1.84), Some(41.34), None));
    assert_eq!(times(&transcript, 1), (Some(41.349), Some(53.84), None));
}

/// The project's own encoding fixtures: each decodes to exactly its UTF-8 original.
#[test]
fn encodings_decode_to_the_original() {
    let sample = include_str!("../assets/mudanjiang-police-interview.txt");
    for name in [
        "mudanjiang-police-interview.gbk.txt",
        "mudanjiang-police-interview.utf16le-bom.txt",
        "mudanjiang-police-interview.utf16le-nobom.txt",
    ] {
        let decoded = decode(fixture(name), None).expect(name);
        assert_eq!(decoded.text, sample, "{name}");
        assert!(decoded.warning.is_none(), "{name}: {:?}", decoded.warning);
    }
    let original = String::from_utf8(fixture("taipei-bookshop-interview.utf8.txt")).expect("utf-8");
    let decoded = decode(fixture("taipei-bookshop-interview.big5.txt"), None).expect("big5");
    assert_eq!(decoded.encoding, encoding_rs::BIG5);
    assert_eq!(decoded.text, original);
    let forced = decode(fixture("taipei-bookshop-interview.big5.txt"), Some("big5")).expect("big5");
    assert_eq!(forced.text, original);
    let wrong = decode(fixture("taipei-bookshop-interview.big5.txt"), Some("gbk")).expect("gbk");
    let warning = wrong.warning.expect("Big5 read as GBK warns");
    assert!(warning.contains("--encoding big5"), "{warning}");
}

proptest::proptest! {
    /// No input makes any reader panic: text with the formats' own punctuation, and raw bytes
    /// through the decoder.
    #[test]
    fn no_reader_panics(text in "(WEBVTT|-->|00:0[0-9]:0[0-9][,.]000|<v A>|</v>|&amp;|\\*\\*|__|\\[|\\]|\\(|\\)|[A-Z中]:|\\{|\\}|\"|[0-9]|\n| |x|\u{FEFF}){0,40}", bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
        let _ = detect(&text, None);
        let _ = srt::parse(&text);
        let _ = vtt::parse(&text);
        let _ = markdown::parse(&text);
        let _ = stt::parse(&text);
        let _ = fangtan::parse::text::parse(text.clone());
        let _ = decode(bytes, None);
    }
}
