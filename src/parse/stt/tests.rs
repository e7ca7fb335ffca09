use serde_json::{Value, json};

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
    match parse(&value.to_string()) {
        Ok(transcript) => transcript,
        other => panic!("expected a transcript, got {other:?}"),
    }
}

fn err(value: &Value) -> String {
    match parse(&value.to_string()) {
        Err(ParseError::Schema(message)) => message,
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
        assert_eq!(
            parse(&value.to_string()),
            Err(ParseError::UnknownSchema),
            "{value}"
        );
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

#[test]
fn a_speaker_named_after_a_pause_keeps_the_paragraphs_joined() {
    // Read in one pass, the pause first splits the paragraph; the speaker who turns up later
    // means the source has speakers, where pauses split nothing.
    let value = json!({"segments": [
        {"start": 0.0, "end": 1.0, "text": "One."},
        {"start": 5.0, "end": 6.0, "text": "Two."},
        {"start": 6.0, "end": 7.0, "text": "Three.", "speaker": "A"}
    ]});
    assert_eq!(
        summary(&ok(&value)),
        [
            (s(""), vec![s("One. Two.")], Some(0.0), Some(6.0)),
            (s("A"), vec![s("Three.")], Some(6.0), Some(7.0)),
        ]
    );
}

#[test]
fn escapes_repeated_keys_and_numeric_speakers_read_as_values_do() {
    let text = r#"{"segments": [
        {"speaker": "Jos\u00e9", "body": "caf\u00e9", "body": "th\u00e9"},
        {"speaker": "Jos\u00e9", "body": "\"ok\""}
    ]}"#;
    let transcript = parse(text).expect("podcasting");
    assert_eq!(
        summary(&transcript),
        [(s("José"), vec![s("thé \"ok\"")], None, None)]
    );
    let value = json!({"results": {"utterances": [
        {"speaker": 1.5, "transcript": "a", "start": 0, "end": 1},
        {"speaker": 12_345_678_901_234_567_890_u128, "transcript": "b", "start": 1, "end": 2}
    ]}});
    let names: Vec<String> = ok(&value).speakers.into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["1.5", "12345678901234567890"]);
}

#[test]
fn one_body_anywhere_makes_segments_podcasting() {
    let value = json!({"segments": [{"text": "a"}, {"text": "b"}, {"body": "c"}]});
    assert_eq!(err(&value), "segments[0].body: missing");
    let value = json!([{"text": "a"}, {"start": 1}]);
    assert_eq!(parse(&value.to_string()), Err(ParseError::UnknownSchema));
}

#[test]
fn broken_json_gets_the_error_serde_json_gives_for_the_whole_document() {
    let deep = format!("{{\"segments\": {}{}}}", "[".repeat(200), "]".repeat(200));
    for text in [
        "{\"segments\": [{\"body\": \"x\",\n \"startTime\": 1e400}]}",
        "{\"segments\": [{\"body\": \"x\"}],\n \"notes\": [1e999]}",
        deep.as_str(),
        "{\"segments\": [{\"body\": \"x\"}]} trailing",
    ] {
        let expected = serde_json::from_str::<Value>(text).map_err(ParseError::from);
        assert_eq!(parse(text).err(), expected.err(), "{text}");
    }
}

#[test]
fn errors_in_a_part_are_placed_in_the_whole_document() {
    // A checked document does not fail when its parts are read; were one to, the error would
    // still name its line and column in the file.
    let text = "{\n  \"a\": [1,\n    1e400]}";
    let expected = serde_json::from_str::<Value>(text)
        .map_err(ParseError::from)
        .err();
    let document = raw::Document::new(text);
    let Ok(Some(Ok([Some(a)]))) = document.path(text, &[], &["a"]) else {
        panic!("the member is picked");
    };
    let walked = document.for_each(a.get(), &[], |_, _| Ok::<(), ()>(()));
    assert!(
        matches!(&walked, Err(raw::Stop::Json(error)) if Some(error) == expected.as_ref()),
        "{walked:?} {expected:?}"
    );
}
