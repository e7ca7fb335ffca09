//! The real-transcript corpus (`tests/fixtures/real/`): every transcript, parsed by the real
//! binary (`fangtan --json`), graded against the truth a person wrote by reading it
//! (`tests/fixtures/real/TRUTH.md` says how).
//!
//! `FANGTAN_BIN=/path/to/fangtan cargo test --test real_corpus -- --nocapture` grades another
//! build (the score before a change); `FANGTAN_CORPUS=report` prints the grades without failing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// Every transcript with its truth, by name.
fn corpus() -> Vec<(PathBuf, Value)> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("the corpus folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".truth.json"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|truth_path| {
            let name = truth_path.file_name().unwrap_or_default().to_string_lossy();
            let stem = name.trim_end_matches(".truth.json").to_owned();
            let transcript = std::fs::read_dir(folder())
                .expect("the corpus folder")
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .find(|path| {
                    let file = path.file_name().unwrap_or_default().to_string_lossy();
                    file.strip_prefix(&stem)
                        .is_some_and(|rest| rest.starts_with('.') && !rest.ends_with(".truth.json"))
                })
                .unwrap_or_else(|| panic!("no transcript for {name}"));
            let truth: Value = serde_json::from_str(
                &std::fs::read_to_string(&truth_path).expect("truth readable"),
            )
            .unwrap_or_else(|error| panic!("{name}: {error}"));
            (transcript, truth)
        })
        .collect()
}

/// What the binary under test makes of a file.
fn parsed(path: &Path) -> Result<Value, String> {
    let binary =
        std::env::var("FANGTAN_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_fangtan").into());
    let output = Command::new(binary)
        .arg("--json")
        .arg(path)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())
}

/// Whitespace runs as one space, ends trimmed: line breaks and wrapping never decide a grade.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().or_else(|| item["text"].as_str()))
                .map(squeeze)
                .collect()
        })
        .unwrap_or_default()
}

/// A turn as graded: speaker and paragraphs.
struct TurnView {
    speaker: String,
    paragraphs: Vec<String>,
}

/// Every way `document` differs from `truth`.
fn grade(truth: &Value, document: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    let speakers: Vec<String> = document["speakers"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|s| s["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let turns: Vec<TurnView> = document["turns"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|t| TurnView {
                    speaker: t["speaker"].as_str().unwrap_or_default().to_owned(),
                    paragraphs: strings(&t["paragraphs"]),
                })
                .collect()
        })
        .unwrap_or_default();
    // Stretches: consecutive turns of one speaker, which notes between them may have split.
    let mut stretches: Vec<TurnView> = Vec::new();
    for turn in &turns {
        match stretches.last_mut() {
            Some(last) if last.speaker == turn.speaker => {
                last.paragraphs.extend(turn.paragraphs.iter().cloned());
            }
            _ => stretches.push(TurnView {
                speaker: turn.speaker.clone(),
                paragraphs: turn.paragraphs.clone(),
            }),
        }
    }
    let header = strings(&document["header"]);
    let notes = strings(&document["notes"]);

    let title = document["title"].as_str().map(squeeze);
    let expected_title = truth["title"].as_str().map(squeeze);
    if title != expected_title {
        faults.push(format!("title {title:?}, expected {expected_title:?}"));
    }
    let expected: Vec<String> = truth["speakers"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if speakers != expected {
        faults.push(format!("speakers {speakers:?}, expected {expected:?}"));
    }
    let count = turns.len();
    match &truth["turns"] {
        Value::Number(n) if n.as_u64() != Some(count as u64) => {
            faults.push(format!("{count} turns, expected {n}"));
        }
        Value::Object(range) => {
            let min = range["min"].as_u64().unwrap_or(0) as usize;
            let max = range["max"].as_u64().unwrap_or(u64::MAX) as usize;
            if !(min..=max).contains(&count) {
                faults.push(format!("{count} turns, expected {min}–{max}"));
            }
        }
        _ => {}
    }
    if let Some(by) = truth["turns_by_speaker"].as_object() {
        for (name, expected) in by {
            let got = turns.iter().filter(|t| &t.speaker == name).count();
            if Some(got as u64) != expected.as_u64() {
                faults.push(format!("{got} turns by {name:?}, expected {expected}"));
            }
        }
    }
    // Notes between stretches of one speaker may split them or not (TRUTH.md): the first and
    // last turns and the samples are compared as stretches, and a sample is found by how it
    // starts, since its index depends on the reading.
    let mut samples: Vec<(String, &Value, Option<&TurnView>)> = Vec::new();
    let starts_as = |turn: Option<&TurnView>, sample: &Value| {
        let starts = squeeze(sample["starts"].as_str().unwrap_or_default());
        turn.is_some_and(|t| t.paragraphs.first().is_some_and(|p| p.starts_with(&starts)))
    };
    let (first, last) = (&truth["first_turn"], &truth["last_turn"]);
    let first_turn = if starts_as(turns.first(), first) {
        turns.first()
    } else {
        stretches.first()
    };
    let last_turn = if starts_as(turns.last(), last) {
        turns.last()
    } else {
        stretches.last()
    };
    samples.push(("first turn".into(), first, first_turn));
    samples.push(("last turn".into(), last, last_turn));
    for sample in truth["turn_samples"].as_array().into_iter().flatten() {
        let index = sample["index"].as_u64().unwrap_or(0) as usize;
        let starts = squeeze(sample["starts"].as_str().unwrap_or_default());
        let speaker = sample["speaker"].as_str().unwrap_or_default();
        let opens = |turn: &&TurnView| {
            turn.paragraphs
                .first()
                .is_some_and(|p| p.starts_with(&starts))
        };
        let found = stretches
            .iter()
            .filter(opens)
            .find(|turn| turn.speaker == speaker)
            .or_else(|| stretches.iter().find(opens));
        samples.push((format!("turn {index}"), sample, found.or(turns.get(index))));
    }
    for (what, sample, turn) in samples {
        if sample.is_null() {
            continue;
        }
        let Some(turn) = turn else {
            faults.push(format!("{what}: missing"));
            continue;
        };
        let speaker = sample["speaker"].as_str().unwrap_or_default();
        if turn.speaker != speaker {
            faults.push(format!(
                "{what}: speaker {:?}, expected {speaker:?}",
                turn.speaker
            ));
        }
        let starts = squeeze(sample["starts"].as_str().unwrap_or_default());
        let first = turn.paragraphs.first().cloned().unwrap_or_default();
        if !first.starts_with(&starts) {
            let shown: String = first.chars().take(40).collect();
            faults.push(format!("{what}: starts {shown:?}, expected {starts:?}"));
        }
        if let Some(paragraphs) = sample["paragraphs"].as_u64()
            && turn.paragraphs.len() as u64 != paragraphs
        {
            faults.push(format!(
                "{what}: {} paragraphs, expected {paragraphs}",
                turn.paragraphs.len()
            ));
        }
    }
    let in_turns = |text: &str| {
        turns
            .iter()
            .any(|turn| turn.paragraphs.iter().any(|p| p.contains(text)))
    };
    // A header line or note taken for speech becomes a paragraph of its own, or opens one.
    let opens_paragraph = |text: &str| {
        turns
            .iter()
            .any(|turn| turn.paragraphs.iter().any(|p| p.starts_with(text)))
    };
    // Header and notes are graded together: whether a credit or a line of page furniture at
    // the top is metadata or a note is a matter of taste (the issue allows both); what counts
    // is that it is kept out of the speech.
    let kept = |line: &str| header.iter().chain(&notes).any(|kept| kept.contains(line));
    for (what, list) in [("header", &truth["header"]), ("notes", &truth["notes"])] {
        for line in strings(list) {
            if !kept(&line) {
                faults.push(format!(
                    "{line:?} is neither header nor note (truth: {what})"
                ));
            }
            if opens_paragraph(&line) {
                faults.push(format!("{what} line {line:?} is inside a turn"));
            }
        }
    }
    for name in strings(&truth["not_speakers"]) {
        if speakers.contains(&name) {
            faults.push(format!("{name:?} is a speaker"));
        }
    }
    for text in strings(&truth["not_in_turns"]) {
        if in_turns(&text) {
            faults.push(format!("{text:?} is inside a turn"));
        }
    }
    faults
}

#[test]
fn every_real_transcript_reads_as_its_truth() {
    let corpus = corpus();
    let mut report = String::new();
    let mut passed = 0;
    for (path, truth) in &corpus {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let faults = match parsed(path) {
            Ok(document) => grade(truth, &document),
            Err(error) => vec![format!("error: {error}")],
        };
        if faults.is_empty() {
            passed += 1;
        } else {
            let _ = writeln!(report, "{name}:");
            for fault in &faults {
                let _ = writeln!(report, "    {fault}");
            }
        }
    }
    println!(
        "{report}{passed} of {} transcripts read as their truth",
        corpus.len()
    );
    if std::env::var("FANGTAN_CORPUS").as_deref() != Ok("report") {
        assert_eq!(passed, corpus.len(), "\n{report}");
    }
}

#[test]
fn every_format_is_detected_by_content() {
    let mut wrong = Vec::new();
    for (path, truth) in corpus() {
        let bytes = std::fs::read(&path).expect("readable");
        let text = fangtan::parse::encoding::decode(bytes, None)
            .expect("decodes")
            .text;
        // No path: the content alone decides.
        let detected = fangtan::parse::detect::detect(&text, None);
        if Some(detected.name()) != truth["format"].as_str() {
            wrong.push(format!("{}: {detected}", path.display()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_transcript_has_an_attribution_row() {
    let readme = std::fs::read_to_string(folder().join("README.md")).expect("README.md");
    for (path, truth) in corpus() {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        assert!(readme.contains(&format!("| {name} |")), "{name} has no row");
        let repo = truth["source"]["repo"].as_str().unwrap_or_default();
        assert!(readme.contains(repo), "{name}: {repo} not named");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert!(size <= 300 * 1024, "{name} is {size} bytes");
    }
}
