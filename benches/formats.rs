//! Reading each timed format, over generated files of the shapes that once cost a gigabyte:
//! `cargo bench --bench formats`. Peak memory, which divan does not measure, is checked on the
//! same shapes at full size (a million segments or cues) with
//! `/usr/bin/time -f %M fangtan --json FILE`.

use std::fmt::Write as _;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use fangtan::parse::{native, srt, stt, vtt};

fn main() {
    divan::main();
}

/// Segments, cues or words in each generated file: large enough to leave the caches behind.
const COUNT: usize = 200_000;

/// Words of the generated speech, with punctuation and Chinese among them.
const WORDS: [&str; 8] = [
    "word",
    "another",
    "thing,",
    "we",
    "said.",
    "好的",
    "是的。",
    "really?",
];

/// Speaker of segment `i`: three people taking turns of seven segments.
fn speaker(i: usize) -> &'static str {
    ["Travis", "Sarah", "Dave"][(i / 7) % 3]
}

/// `seconds` as `hh:mm:ss` followed by `separator` and milliseconds.
fn clock(seconds: usize, millis: usize, separator: char) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("{h:02}:{m:02}:{s:02}{separator}{millis:03}")
}

/// Writes `count` elements made by `element`, comma-separated, between `head` and `tail`.
fn json_array(
    head: &str,
    count: usize,
    tail: &str,
    element: impl Fn(&mut String, usize),
) -> String {
    let mut out = String::from(head);
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        element(&mut out, i);
    }
    out.push_str(tail);
    out
}

/// Podcasting 2.0, one word per segment.
static PODCASTING: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"version":"1.0.0","segments":["#,
        COUNT,
        "]}",
        |out, i| {
            let _ = write!(
                out,
                r#"{{"speaker":"{}","startTime":{i}.5,"endTime":{i}.9,"body":"{}"}}"#,
                speaker(i),
                WORDS[i % WORDS.len()]
            );
        },
    )
});

/// WhisperX: sentences with speakers and word timings.
static WHISPERX: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"segments":["#,
        COUNT,
        r#"],"word_segments":[]}"#,
        |out, i| {
            let who = (i / 7) % 3;
            let _ = write!(
                out,
                r#"{{"start":{i}.0,"end":{i}.9,"text":" Some words here.","words":[{{"word":"Some","start":{i}.0,"end":{i}.3,"score":0.9,"speaker":"SPEAKER_0{who}"}},{{"word":"words","start":{i}.3,"end":{i}.6,"score":0.8,"speaker":"SPEAKER_0{who}"}}],"speaker":"SPEAKER_0{who}"}}"#
            );
        },
    )
});

/// OpenAI Whisper: no speakers, a pause every ninth sentence.
static WHISPER: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"text":"…","language":"en","segments":["#,
        COUNT,
        "]}",
        |out, i| {
            let end = if i % 9 == 0 { 2.9 } else { 0.9 };
            let _ = write!(
                out,
                r#"{{"id":{i},"seek":0,"start":{i}.0,"end":{},"text":" Sentence {i}.","tokens":[1,2,3],"temperature":0.0,"avg_logprob":-0.2,"no_speech_prob":0.01}}"#,
                i as f64 + end
            );
        },
    )
});

/// Amazon Transcribe: words with string times, a punctuation mark every fourth item, speakers
/// by start time in `speaker_labels`.
static AMAZON: LazyLock<String> = LazyLock::new(|| {
    let labels = json_array(
        r#"{"jobName":"job","results":{"transcripts":[{"transcript":"…"}],"speaker_labels":{"speakers":3,"segments":["#,
        COUNT / 10,
        "]},",
        |out, segment| {
            let first = segment * 10;
            let items = json_array("[", 10, "]", |out, j| {
                let at = first + j;
                let _ = write!(
                    out,
                    r#"{{"start_time":"{at}.0","end_time":"{at}.5","speaker_label":"spk_{}"}}"#,
                    segment % 3
                );
            });
            let _ = write!(
                out,
                r#"{{"start_time":"{first}.0","end_time":"{}.5","speaker_label":"spk_{}","items":{items}}}"#,
                first + 9,
                segment % 3
            );
        },
    );
    let items = json_array(r#""items":["#, COUNT, "]}}", |out, i| {
        if i % 4 == 3 {
            out.push_str(
                r#"{"type":"punctuation","alternatives":[{"confidence":"0.0","content":"."}]}"#,
            );
        } else {
            let _ = write!(
                out,
                r#"{{"start_time":"{i}.0","end_time":"{i}.5","alternatives":[{{"confidence":"0.99","content":"{}"}}],"type":"pronunciation"}}"#,
                WORDS[i % 5]
            );
        }
    });
    labels + &items
});

/// AssemblyAI: utterances with their words.
static ASSEMBLYAI: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"id":"x","status":"completed","text":"…","utterances":["#,
        COUNT,
        "]}",
        |out, i| {
            let who = ["A", "B", "C"][i % 3];
            let ms = i * 1000;
            let _ = write!(
                out,
                r#"{{"speaker":"{who}","text":"This is utterance number {i}, with a few words.","start":{ms},"end":{},"confidence":0.9,"words":[{{"text":"This","start":{ms},"end":{},"confidence":0.9,"speaker":"{who}"}}]}}"#,
                ms + 900,
                ms + 100
            );
        },
    )
});

/// Deepgram: utterances with numeric speakers.
static DEEPGRAM: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"metadata":{"request_id":"x"},"results":{"channels":[{"alternatives":[{"transcript":"…","words":[]}]}],"utterances":["#,
        COUNT,
        "]}}",
        |out, i| {
            let _ = write!(
                out,
                r#"{{"start":{i}.0,"end":{i}.9,"confidence":0.9,"channel":0,"transcript":"This is utterance number {i}, with a few words.","words":[{{"word":"this","start":{i}.0,"end":{i}.2,"speaker":{},"punctuated_word":"This"}}],"speaker":{},"id":"abc"}}"#,
                i % 3,
                i % 3
            );
        },
    )
});

/// Deepgram without utterances: the words of the first channel.
static DEEPGRAM_WORDS: LazyLock<String> = LazyLock::new(|| {
    json_array(
        r#"{"metadata":{"request_id":"x"},"results":{"channels":[{"alternatives":[{"transcript":"…","words":["#,
        COUNT,
        "]}]}]}}",
        |out, i| {
            let _ = write!(
                out,
                r#"{{"word":"word","start":{i}.0,"end":{i}.2,"confidence":0.9,"speaker":{},"punctuated_word":"Word."}}"#,
                (i / 7) % 3
            );
        },
    )
});

/// fangtan's own JSON, as `--json` writes it: a one-word turn for each of two speakers in turn.
static FANGTAN: LazyLock<String> = LazyLock::new(|| {
    let head =
        r#"{"version":2,"title":null,"header":[],"speakers":[{"name":"A"},{"name":"B"}],"turns":["#;
    json_array(head, COUNT, r#"],"notes":[]}"#, |out, i| {
        let _ = write!(
            out,
            r#"{{"speaker":"{}","paragraphs":["{}"],"start":{i}.5,"end":{i}.9,"line":null}}"#,
            ["A", "B"][i % 2],
            WORDS[i % WORDS.len()]
        );
    })
});

/// SRT: numbered cues, `Travis:` on every fifth.
static SRT: LazyLock<String> = LazyLock::new(|| {
    let mut out = String::new();
    for i in 0..COUNT {
        let label = if i % 5 == 0 { "Travis: " } else { "" };
        let _ = write!(
            out,
            "{}\n{} --> {}\n{label}so this is what we said here\n\n",
            i + 1,
            clock(i, 0, ','),
            clock(i, 900, ',')
        );
    }
    out
});

/// WebVTT: a voice tag on every cue.
static VTT: LazyLock<String> = LazyLock::new(|| {
    let mut out = String::from("WEBVTT\n\n");
    for i in 0..COUNT {
        let _ = write!(
            out,
            "{}\n{} --> {}\n<v {}>text of cue number {i}</v>\n\n",
            i + 1,
            clock(i, 0, '.'),
            clock(i, 900, '.'),
            speaker(i)
        );
    }
    out
});

/// Reading one speech-to-text shape, reporting bytes per second.
#[divan::bench(
    sample_count = 10,
    sample_size = 1,
    args = ["podcasting", "whisperx", "whisper", "amazon", "assemblyai", "deepgram", "deepgram_words"]
)]
fn speech_to_text(bencher: divan::Bencher, shape: &str) {
    let text: &str = match shape {
        "podcasting" => &PODCASTING,
        "whisperx" => &WHISPERX,
        "whisper" => &WHISPER,
        "amazon" => &AMAZON,
        "assemblyai" => &ASSEMBLYAI,
        "deepgram" => &DEEPGRAM,
        _ => &DEEPGRAM_WORDS,
    };
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| stt::parse(divan::black_box(text)).map(|t| t.turns.len()));
}

/// Reading fangtan's own JSON back.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn fangtan_json(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(FANGTAN.len()))
        .bench(|| native::parse(divan::black_box(&FANGTAN)).map(|t| t.turns.len()));
}

/// Reading SRT cues.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn subrip(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(SRT.len()))
        .bench(|| srt::parse(divan::black_box(&SRT)).map(|t| t.turns.len()));
}

/// Reading WebVTT cues.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn webvtt(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(VTT.len()))
        .bench(|| vtt::parse(divan::black_box(&VTT)).map(|t| t.turns.len()));
}
