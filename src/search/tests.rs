//! Engine tests: the background search agrees with a naive per-paragraph search.

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::model::{Parts, Speaker, Transcript, TranscriptBuilder, Turn};

/// Long enough never to fire on a working engine, short enough to fail a hung test.
const PATIENCE: Duration = Duration::from_secs(60);

fn query(pattern: &str) -> Query {
    Query::new(pattern, QueryOptions::default()).expect("valid query")
}

/// Waits for the engine's search to finish.
fn wait_done(engine: &mut SearchEngine) -> &SearchResults {
    assert!(engine.wait_done(PATIENCE), "search did not finish");
    engine.results()
}

/// The matches of a per-paragraph search over the turns of visible speakers.
fn naive(transcript: &Transcript, query: &Query, visible: &[bool]) -> Vec<Match> {
    let mut out = Vec::new();
    for (index, turn) in transcript.turns.iter().enumerate() {
        if !visible.get(turn.speaker).copied().unwrap_or(true) {
            continue;
        }
        for paragraph in turn.paragraphs.clone() {
            let range = transcript.paragraph_ranges()[paragraph].clone();
            for found in query.find_iter(&transcript.text()[range.clone()]) {
                out.push(Match {
                    turn: u32::try_from(index).expect("small"),
                    start: u32::try_from(range.start + found.start).expect("small"),
                    end: u32::try_from(range.start + found.end).expect("small"),
                });
            }
        }
    }
    out
}

/// A transcript whose arena is a plain-text file: labels and line ends between paragraphs.
/// Each line is `(speaker, continues the previous turn, text)`.
fn plain_text(lines: &[(usize, bool, &str)], speakers: usize) -> Transcript {
    let mut text = String::from("访谈录:标题\n\n");
    let mut paragraphs = Vec::new();
    let mut turns: Vec<Turn> = Vec::new();
    for &(speaker, continues, body) in lines {
        if !continues || turns.is_empty() {
            text.push_str(&format!("S{speaker}:"));
            turns.push(Turn {
                speaker,
                paragraphs: paragraphs.len()..paragraphs.len(),
                start: None,
                end: None,
                line: None,
            });
        }
        let start = text.len();
        text.push_str(body);
        paragraphs.push(start..text.len());
        text.push('\n');
        if let Some(turn) = turns.last_mut() {
            turn.paragraphs.end = paragraphs.len();
        }
    }
    let speakers = (0..speakers)
        .map(|n| Speaker {
            name: format!("S{n}"),
        })
        .collect();
    let parts = Parts {
        speakers,
        turns,
        ..Parts::default()
    };
    Transcript::from_parts(text, paragraphs, parts)
}

fn sample() -> Arc<Transcript> {
    let mut builder = TranscriptBuilder::new();
    let text = include_str!("../../assets/mudanjiang-police-interview.txt");
    for line in text.lines().skip(1) {
        if let Some((label, speech)) = line.split_once(':') {
            let speaker = builder.speaker(label);
            builder.start_turn(speaker, None, None, None);
            builder.push_paragraph(speech);
        }
    }
    Arc::new(builder.finish())
}

fn everyone() -> Arc<Vec<bool>> {
    Arc::new(Vec::new())
}

#[test]
fn engine_finds_what_a_naive_search_finds_in_the_sample() {
    let transcript = sample();
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    for pattern in ["消防", "2013", "，", "的", "江滨"] {
        let query = query(pattern);
        engine.start(query.clone(), 7, everyone());
        let results = wait_done(&mut engine);
        let expected = naive(&transcript, &query, &[]);
        assert!(!expected.is_empty(), "{pattern}");
        assert_eq!(results.iter().collect::<Vec<_>>(), expected, "{pattern}");
        assert_eq!(search_all(&transcript, &query, &[]), expected);
        let total: usize = results.hits_per_speaker().iter().sum();
        assert_eq!(total, expected.len());
    }
}

#[test]
fn labels_and_line_ends_never_match() {
    let transcript = Arc::new(plain_text(
        &[(0, false, "你好S1"), (1, false, "好的"), (1, true, "S0说")],
        2,
    ));
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    for (pattern, count) in [
        ("S1", 1),
        ("S0", 1),
        (":", 0),
        ("S", 2),
        ("标题", 0),
        ("好\n", 0),
    ] {
        engine.start(query(pattern), 0, everyone());
        let results = wait_done(&mut engine);
        assert_eq!(results.len(), count, "{pattern}");
        for found in results.iter() {
            let inside = transcript
                .paragraph_ranges()
                .iter()
                .any(|p| p.start <= found.range().start && found.range().end <= p.end);
            assert!(inside, "{pattern}: {found:?}");
        }
    }
}

#[test]
fn hidden_speakers_are_not_searched() {
    let transcript = Arc::new(plain_text(
        &[
            (0, false, "消防"),
            (1, false, "消防"),
            (2, false, "消防"),
            (0, false, "消防"),
        ],
        3,
    ));
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    engine.start(query("消防"), 0, Arc::new(vec![true, false, true]));
    let results = wait_done(&mut engine);
    assert_eq!(results.turns().collect::<Vec<_>>(), [0, 2, 3]);
    assert_eq!(results.hits_per_speaker(), [2, 0, 1]);
}

#[test]
fn a_new_search_supersedes_the_old_one() {
    let transcript = Arc::new(crate::corpus::generate_transcript(2_000_000, 3));
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    // Many matches in many batches, cancelled at once.
    engine.start(query("的"), 0, everyone());
    engine.start(query("e"), 100, everyone());
    engine.start(query("消防"), 50, everyone());
    let results = wait_done(&mut engine);
    assert_eq!(results.query().map(Query::pattern), Some("消防"));
    assert_eq!(
        results.iter().collect::<Vec<_>>(),
        naive(&transcript, &query("消防"), &[])
    );
    // Batches still queued from the cancelled searches change nothing.
    assert!(!engine.poll());
    assert_eq!(
        engine.results().len(),
        naive(&transcript, &query("消防"), &[]).len()
    );
}

#[test]
fn a_grown_literal_query_searches_only_previous_turns() {
    let transcript = Arc::new(crate::corpus::generate_transcript(500_000, 4));
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    engine.start(query("公"), 10, everyone());
    wait_done(&mut engine);
    for pattern in ["公安", "公安局", "公安局长"] {
        engine.start(query(pattern), 10, everyone());
        let results = wait_done(&mut engine);
        assert!(results.refined, "{pattern}");
        assert_eq!(
            results.iter().collect::<Vec<_>>(),
            naive(&transcript, &query(pattern), &[]),
            "{pattern}"
        );
    }
    // Not a refinement: a different prefix, regex mode, other visibility.
    engine.start(query("安局"), 0, everyone());
    assert!(!wait_done(&mut engine).refined);
    engine.start(query("安局长"), 0, Arc::new(vec![true, false]));
    assert!(!wait_done(&mut engine).refined);
    let regex = QueryOptions {
        regex: true,
        ..QueryOptions::default()
    };
    engine.start(Query::new("安", regex).expect("valid"), 0, everyone());
    wait_done(&mut engine);
    engine.start(Query::new("安局", regex).expect("valid"), 0, everyone());
    assert!(!wait_done(&mut engine).refined);
}

#[test]
fn navigation_wraps_and_ranges_use_offsets() {
    let transcript = Arc::new(plain_text(
        &[(0, false, "a-a"), (1, false, "bbb"), (0, false, "aa")],
        2,
    ));
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    engine.start(query("a"), 2, everyone());
    let results = wait_done(&mut engine);
    let starts: Vec<usize> = results.iter().map(|m| m.range().start).collect();
    assert_eq!(starts.len(), 4);
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    let turn_two = transcript.turn_span(&transcript.turns[2]).start;
    assert_eq!(results.index_at_or_after(turn_two), 2);
    assert_eq!(results.first_from(turn_two), Some(2));
    assert_eq!(results.first_from(starts[3] + 1), Some(0));
    assert_eq!(results.next_after(starts[1]), Some(2));
    assert_eq!(results.next_after(starts[3]), Some(0));
    assert_eq!(results.previous_before(starts[0]), Some(3));
    assert_eq!(results.previous_before(starts[2]), Some(1));
    let middle = transcript.turn_span(&transcript.turns[1]);
    assert_eq!(results.in_range(middle.clone()).count(), 0);
    assert_eq!(results.in_range(starts[1]..turn_two + 1).count(), 2);
    assert_eq!(results.count_in(0..transcript.text().len()), 4);
    assert_eq!(results.get(4), None);
}

#[test]
fn empty_query_is_done_at_once() {
    let mut engine = SearchEngine::new(sample());
    engine.start(query(""), 0, everyone());
    assert!(engine.results().is_done());
    assert!(engine.results().is_empty());
}

/// Paragraph text drawn from characters that fold into each other, labels' letters and
/// separators, so that matches touch paragraph edges often.
fn paragraph_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "a", "A", "ａ", "2", "２", "消", "防", " ", "\u{3000}", "S", ":", "好",
        ]),
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn engine_equals_naive_search(
        lines in proptest::collection::vec((0..3usize, any::<bool>(), paragraph_text()), 1..40),
        pattern in proptest::collection::vec(
            prop::sample::select(vec!["a", "A", "2", "２", "消", " ", "S", ":", "好", "a+", "."]),
            1..4,
        ),
        regex in any::<bool>(),
        extra in prop::sample::select(vec!["a", "２", "防", " ", "好"]),
        origin in 0..50usize,
        visible in proptest::collection::vec(any::<bool>(), 3),
    ) {
        let borrowed: Vec<(usize, bool, &str)> =
            lines.iter().map(|(s, c, t)| (*s, *c, t.as_str())).collect();
        let transcript = Arc::new(plain_text(&borrowed, 3));
        let query = Query::new(&pattern.concat(), QueryOptions { regex, ..QueryOptions::default() })
            .expect("valid");
        let expected = naive(&transcript, &query, &visible);
        let mut engine = SearchEngine::new(Arc::clone(&transcript));
        engine.start(query.clone(), origin, Arc::new(visible.clone()));
        let results = wait_done(&mut engine);
        prop_assert_eq!(results.iter().collect::<Vec<_>>(), expected.clone());
        prop_assert_eq!(search_all(&transcript, &query, &visible), expected);
        // Typing one more character reuses the finished search.
        let grown = Query::new(&format!("{}{extra}", pattern.concat()), query.options())
            .expect("valid");
        engine.start(grown.clone(), origin / 2, Arc::new(visible.clone()));
        let results = wait_done(&mut engine);
        prop_assert_eq!(results.refined, !regex);
        prop_assert_eq!(results.iter().collect::<Vec<_>>(), naive(&transcript, &grown, &visible));
    }
}

#[test]
fn notes_are_searched_but_count_for_no_speaker() {
    let mut builder = TranscriptBuilder::new();
    builder.note("消防 before everyone", None);
    let host = builder.speaker("Host");
    let guest = builder.speaker("Guest");
    builder.start_turn(host, None, None, None);
    builder.push_paragraph("a question about 消防");
    builder.note("(消防 between the turns)", None);
    builder.start_turn(guest, None, None, None);
    builder.push_paragraph("an answer");
    builder.note("消防 after everyone", None);
    let transcript = Arc::new(builder.finish());
    let query = query("消防");
    let found = search_all(&transcript, &query, &[]);
    let in_notes: Vec<bool> = found.iter().map(|m| m.in_note()).collect();
    assert_eq!(in_notes, [true, false, true, true]);
    assert_eq!(found[1].turn(), Some(0));
    // Hidden speakers hide their turns, never the notes.
    assert_eq!(search_all(&transcript, &query, &[false, false]).len(), 3);
    let mut engine = SearchEngine::new(Arc::clone(&transcript));
    engine.start(query, 1, everyone());
    let results = wait_done(&mut engine);
    assert_eq!(results.iter().collect::<Vec<_>>(), found);
    assert_eq!(results.hits_per_speaker(), [1, 0]);
}
