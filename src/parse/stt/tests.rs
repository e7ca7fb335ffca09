use serde_json::json;

use super::*;
use crate::parse::test_support::s;

/// One turn as the tests compare it: speaker, paragraphs, start, end.
type Row = (String, Vec<String>, Option<f64>, Option<f64>);

fn summary(transcript: &Transcript) -> Vec<Row> {
    let rows = crate::parse::test_support::rows(transcript).into_iter();
    rows.map(|(name, text, start, end, _)| (name, text, start, end))
        .collect()
}

fn ok(value: &Value) -> Transcript {
    match parse_stt(value) {
        Some(Ok(transcript)) => transcript,
        other => panic!("expected a transcript, got {other:?}"),
    }
}

fn err(value: &Value) -> String {
    match parse_stt(value) {
        Some(Err(message)) => message,
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn podcasting_words_merge_without_space_before_punctuation() {
    let value = json!({"version": "1.0.0", "segments": [
        {"speaker": "Host", "startTime": 0.5, "endTime": 0.7, "body": "Hello"},
        {"speaker": "Host", "startTime": 0.8, "endTime": 0.9, "body": ","},
        {"speaker": "Host", "startTime": 1.0, "endTime": 1.2, "body": "world"},
        {"speaker": "Host", "startTime": 1.2, "endTime": 1.3, "body": "."},
        {"speaker": "Guest", "startTime": 2, "endTime": 2.5, "body": "Hi"}
    ]});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s("Host"), vec![s("Hello, world.")], Some(0.5), Some(1.3)),
            (s("Guest"), vec![s("Hi")], Some(2.0), Some(2.5)),
        ]
    );
}

#[test]
fn whisperx_segments_with_speakers() {
    let value = json!({"segments": [
        {"start": 0.0, "end": 1.5, "text": " 我们今天", "speaker": "SPEAKER_00"},
        {"start": 1.5, "end": 3.0, "text": " 来谈谈。", "speaker": "SPEAKER_00"},
        {"start": 3.2, "end": 4.0, "text": " Sure.", "speaker": "SPEAKER_01"},
        {"start": 4.0, "end": 4.5, "text": " Go on."}
    ], "word_segments": []});
    let transcript = ok(&value);
    assert_eq!(
        summary(&transcript),
        [
            (
                s("SPEAKER_00"),
                vec![s("我们今天来谈谈。")],
                Some(0.0),
                Some(3.0)
            ),
            (
                s("SPEAKER_01"),
                vec![s("Sure. Go on.")],
                Some(3.2),
                Some(4.5)
            ),
        ]
    );
    assert!(transcript.turns.iter().all(|turn| turn.line.is_none()));
}

#[test]
fn whisper_without_speakers_is_one_unnamed_turn_split_at_pauses() {
    let value = json!({"text": "…", "language": "en", "segments": [
        {"id": 0, "start": 0.0, "end": 2.0, "text": " First sentence."},
        {"id": 1, "start": 2.1, "end": 4.0, "text": " Still going."},
        {"id": 2, "start": 7.0, "end": 9.0, "text": " After a pause."}
    ]});
    assert_eq!(
        summary(&ok(&value)),
        [(
            s(""),
            vec![s("First sentence. Still going."), s("After a pause.")],
            Some(0.0),
            Some(9.0)
        )]
    );
}

#[test]
fn amazon_items_attach_punctuation_and_map_speakers() {
    let value = json!({"jobName": "x", "results": {
        "transcripts": [{"transcript": "Hi. Hello."}],
        "speaker_labels": {"speakers": 2, "segments": [
            {"start_time": "0.5", "end_time": "0.9", "speaker_label": "spk_0",
             "items": [{"start_time": "0.5", "end_time": "0.9", "speaker_label": "spk_0"}]},
            {"start_time": "1.0", "end_time": "1.6", "speaker_label": "spk_1",
             "items": [{"start_time": "1.0", "end_time": "1.6", "speaker_label": "spk_1"}]}
        ]},
        "items": [
            {"type": "pronunciation", "start_time": "0.5", "end_time": "0.9",
             "alternatives": [{"confidence": "0.9", "content": "Hi"}]},
            {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]},
            {"type": "pronunciation", "start_time": "1.0", "end_time": "1.6",
             "alternatives": [{"confidence": "0.9", "content": "Hello"}]},
            {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]}
        ]
    }});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s("spk_0"), vec![s("Hi.")], Some(0.5), Some(0.9)),
            (s("spk_1"), vec![s("Hello.")], Some(1.0), Some(1.6)),
        ]
    );
}

#[test]
fn assemblyai_times_are_milliseconds() {
    let value = json!({"status": "completed", "utterances": [
        {"speaker": "A", "text": "Yeah.", "start": 170, "end": 718, "words": []},
        {"speaker": "B", "text": "Right.", "start": 1000, "end": 1500}
    ]});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s("A"), vec![s("Yeah.")], Some(0.17), Some(0.718)),
            (s("B"), vec![s("Right.")], Some(1.0), Some(1.5)),
        ]
    );
}

#[test]
fn deepgram_utterances_and_words() {
    let value = json!({"results": {"utterances": [
        {"speaker": 0, "transcript": "And,", "start": 3.04, "end": 3.54},
        {"speaker": 0, "transcript": "Jessica.", "start": 4.64, "end": 7.5},
        {"speaker": 1, "transcript": "Drew.", "start": 8.0, "end": 9.0}
    ]}});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s("0"), vec![s("And, Jessica.")], Some(3.04), Some(7.5)),
            (s("1"), vec![s("Drew.")], Some(8.0), Some(9.0)),
        ]
    );
    let value = json!({"results": {"channels": [{"alternatives": [{"transcript": "", "words": [
        {"word": "hi", "punctuated_word": "Hi,", "start": 0.1, "end": 0.2, "speaker": 0},
        {"word": "you", "start": 0.3, "end": 0.4, "speaker": 0},
        {"word": "yes", "punctuated_word": "Yes.", "start": 0.5, "end": 0.6, "speaker": 1}
    ]}]}]}});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s("0"), vec![s("Hi, you")], Some(0.1), Some(0.4)),
            (s("1"), vec![s("Yes.")], Some(0.5), Some(0.6)),
        ]
    );
}

#[test]
fn wrong_fields_are_named_with_their_place() {
    let value = json!({"utterances": [
        {"speaker": "A", "text": "a", "start": 0, "end": 1},
        {"speaker": "A", "text": "b", "start": 1, "end": 2},
        {"speaker": "A", "text": "c", "start": 2, "end": 3},
        {"speaker": "A", "text": "d", "start": "3", "end": 4}
    ]});
    assert_eq!(
        err(&value),
        "utterances[3].start: expected a number, found a string"
    );
    let value = json!({"segments": [{"speaker": "A", "body": 5}]});
    assert_eq!(
        err(&value),
        "segments[0].body: expected a string, found a number"
    );
    let value = json!({"results": {"utterances": [{"speaker": 0, "start": 0, "end": 1}]}});
    assert_eq!(err(&value), "results.utterances[0].transcript: missing");
    let value = json!({"results": {"speaker_labels": {"segments": []}, "items": [
        {"type": "pronunciation", "start_time": "zero", "alternatives": [{"content": "x"}]}
    ]}});
    assert_eq!(
        err(&value),
        "results.items[0].start_time: expected a time in seconds in a string, found \"zero\""
    );
    for bad in ["NaN", "inf", "-1"] {
        let value = json!({"results": {"speaker_labels": {"segments": []}, "items": [
            {"type": "pronunciation", "start_time": bad, "alternatives": [{"content": "x"}]}
        ]}});
        assert_eq!(
            err(&value),
            format!(
                "results.items[0].start_time: expected a time in seconds in a string, found {bad:?}"
            )
        );
    }
}

#[test]
fn other_json_is_not_claimed() {
    for value in [
        json!({"version": 1, "title": null, "speakers": [], "turns": [], "notes": []}),
        json!({"segments": [{"foo": 1}]}),
        json!([1, 2, 3]),
        json!("text"),
        json!({"results": {"other": 1}}),
    ] {
        assert!(parse_stt(&value).is_none(), "{value}");
    }
    assert_eq!(parse("{\"a\": 1}"), Err(ParseError::UnknownSchema));
    assert!(matches!(parse("{"), Err(ParseError::Json { line: 1, .. })));
}

#[test]
fn random_shapes_never_panic() {
    let parts = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"segments\"",
        "\"utterances\"",
        "\"results\"",
        "\"items\"",
        "\"speaker_labels\"",
        "\"text\"",
        "\"body\"",
        "\"start\"",
        "1",
        "\"x\"",
        "null",
        "\"channels\"",
        "\"alternatives\"",
        "\"start_time\"",
    ];
    let texts =
        crate::parse::test_support::random_texts(&parts, 0xDEAD_BEEF_CAFE_F00Du64, 20_000, 30);
    for input in texts {
        let _ = parse(&input);
    }
}
