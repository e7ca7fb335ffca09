//! The command line, run as a user runs it: the real binary, its output, its exit status.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use unicode_width::UnicodeWidthStr;

const SAMPLE: &str = include_str!("../assets/mudanjiang-police-interview.txt");
const SAMPLE_JSON: &str = include_str!("../assets/mudanjiang-police-interview.json");

fn fangtan(args: &[&str]) -> Output {
    command(args).output().expect("fangtan runs")
}

/// fangtan with `args`, away from the user's own config file and terminal width.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fangtan"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("XDG_CONFIG_HOME", config_home(""))
        .env("FANGTAN_STATE", state_file("none"));
    command
}

/// A reading state file of this test binary's own (never the user's), not made yet.
fn state_file(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("state folder");
    dir.join(format!("{name}.sqlite3"))
}

/// A folder holding `config` as fangtan's config file (none when it is empty).
fn config_home(config: &str) -> PathBuf {
    let name = format!("config-{:x}", {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        config.hash(&mut hasher);
        hasher.finish()
    });
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(home.join("fangtan")).expect("config folder");
    if !config.is_empty() {
        std::fs::write(home.join("fangtan/config.toml"), config).expect("config written");
    }
    home
}

/// fangtan with `input` on standard input.
fn with_stdin(args: &[&str], input: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = command(args);
    command.envs(env.iter().copied());
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("written");
    child.wait_with_output().expect("finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

/// A file in a fresh temporary folder of this test binary.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("written");
    path
}

#[test]
fn json_of_the_sample_is_the_bundled_json() {
    let output = fangtan(&["--json"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), SAMPLE_JSON);
}

#[test]
fn json_round_trips() {
    let path = temp_file("sample.json", SAMPLE_JSON.as_bytes());
    let output = fangtan(&["--json", path.to_str().expect("path")]);
    assert_eq!(stdout(&output), SAMPLE_JSON);
}

/// Marks that may not start a line (SPEC §4).
const NO_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '】', '》', '〉', '”', '’', '…',
    '—', '·', '～', ',', '.', ';', ':', '?', '!', ')',
];
/// Marks that may not end a line.
const NO_END: &[char] = &['（', '「', '『', '【', '《', '〈', '“', '‘'];

#[test]
fn printed_sample_keeps_every_rule_at_every_width_from_12_to_120() {
    let paragraphs: Vec<&str> = SAMPLE
        .lines()
        .skip(2)
        .filter_map(|line| line.split_once(':').map(|(_, text)| text))
        .collect();
    let expected: String = paragraphs
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for width in 12..=120 {
        let output = fangtan(&["-p", "-w", &width.to_string()]);
        assert!(output.status.success());
        let text = stdout(&output);
        let mut body = String::new();
        for line in text.lines() {
            assert!(
                line.width() <= width,
                "width {width}: {line:?} is {} wide",
                line.width()
            );
            if let Some(wrapped) = line.strip_prefix("  ") {
                let first = wrapped.chars().next();
                assert!(
                    !first.is_some_and(|c| NO_START.contains(&c)),
                    "width {width}: line starts with a prohibited mark: {line:?}"
                );
                let last = wrapped.chars().last();
                assert!(
                    !last.is_some_and(|c| NO_END.contains(&c)),
                    "width {width}: line ends with an opening mark: {line:?}"
                );
                body.extend(wrapped.chars().filter(|c| !c.is_whitespace()));
            }
        }
        assert_eq!(
            body, expected,
            "width {width}: characters lost, duplicated or reordered"
        );
    }
}

#[test]
fn stats_show_both_speakers() {
    let output = fangtan(&["--stats"]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["speaker", "turns", "chars", "share", "first", "last"]
    );
    let host: Vec<&str> = lines[1].split_whitespace().collect();
    let guest: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        (host[0], host[1], host[4], host[5]),
        ("主持人", "13", "1", "25")
    );
    assert_eq!(
        (guest[0], guest[1], guest[4], guest[5]),
        ("江滨", "12", "2", "24")
    );
    let share = |s: &str| s.trim_end_matches('%').parse::<f64>().expect("a share");
    assert!((share(host[3]) + share(guest[3]) - 100.0).abs() < 0.2);
}

#[test]
fn speaker_option_limits_print_and_stats() {
    let output = fangtan(&["-p", "--speaker", "江滨"]);
    let text = stdout(&output);
    assert!(!text.lines().any(|line| line == "主持人"));
    assert_eq!(text.lines().filter(|line| *line == "江滨").count(), 12);
    let output = fangtan(&["--stats", "--speaker", "主持人"]);
    assert_eq!(stdout(&output).lines().count(), 2);
    let output = fangtan(&["-p", "--speaker", "无名"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with(
        "fangtan: mudanjiang-police-interview.txt: --speaker: no speaker called \"无名\""
    ));
}

#[test]
fn search_prints_matching_turns_and_exits_like_grep() {
    let output = fangtan(&["-p", "-s", "宁安消防"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "主持人\n  能为广大网友介绍一下宁安消防的特点吗?\n"
    );
    let output = fangtan(&["-p", "-s", "2013"]);
    assert_eq!(
        stdout(&output)
            .lines()
            .filter(|line| *line == "江滨")
            .count(),
        3
    );
    let output = fangtan(&["-p", "-s", "不存在的词"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let output = fangtan(&["-p", "-s", "消防", "--speaker", "主持人"]);
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = fangtan(&["-p", "-s", "消防"]);
    assert!(!plain.stdout.contains(&0x1b));
    let coloured = fangtan(&["-p", "-s", "消防", "--color", "always"]);
    let text = stdout(&coloured);
    assert!(text.contains("\x1b[7m消防\x1b[27m"), "{text}");
    let never = fangtan(&["-p", "--color", "never"]);
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(["--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(SAMPLE.as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(stdout(&output), SAMPLE_JSON);
}

#[test]
fn errors_are_one_line_with_status_2() {
    let dir = temp_file("x.txt", b"x").parent().expect("dir").to_owned();
    let binary = temp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let bad_json = temp_file(
        "bad.json",
        br#"{"version": 1, "speakers": [], "turns": [{"speaker": 3}]}"#,
    );
    let random_json = temp_file("random.json", br#"{"weather": "fine"}"#);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["/no/such/file.txt".into()],
            "fangtan: /no/such/file.txt: no such file",
        ),
        (vec![dir.display().to_string()], "is a directory"),
        (
            vec![binary.display().to_string()],
            "binary file (NUL byte at offset 8)",
        ),
        (
            vec![bad_json.display().to_string()],
            "turns[0].speaker: invalid type: integer `3`, expected a string",
        ),
        (
            vec![random_json.display().to_string()],
            "JSON matches no known transcript schema",
        ),
        (
            vec!["--bogus".into()],
            "fangtan: unexpected argument '--bogus' found",
        ),
        (
            vec!["--encoding".into(), "klingon".into()],
            "unknown encoding label \"klingon\"",
        ),
        (
            vec!["--format".into(), "docx".into()],
            "unknown format \"docx\"",
        ),
        (
            vec!["--theme".into(), "purple".into()],
            "fangtan: invalid value 'purple' for '--theme <THEME>'",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = fangtan(&[&["-p"], args.as_slice()].concat());
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {error}");
        assert_eq!(error.lines().count(), 1, "{args:?}: {error}");
        assert!(
            error.starts_with("fangtan: ") && error.contains(message),
            "{args:?}: {error}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let big = temp_file(
        "big.txt",
        fangtan::corpus::generate(2_000_000, 7).as_bytes(),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(["-p", big.to_str().expect("path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let path = temp_file(
        "evil.txt",
        "A: hello \x1b[2J\x1b]0;pwned\x07 there\u{9b}31m\nB: fine\nA: ok\n".as_bytes(),
    );
    let output = fangtan(&["-p", "--color", "always", path.to_str().expect("path")]);
    let text = stdout(&output);
    assert!(!text.contains("\x1b[2J") && !text.contains('\x07') && !text.contains('\u{9b}'));
    assert!(text.contains("␛[2J"), "{text}");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_encoding_of_the_sample_gives_the_same_json() {
    for name in [
        "mudanjiang-police-interview.gbk.txt",
        "mudanjiang-police-interview.utf16le-bom.txt",
        "mudanjiang-police-interview.utf16le-nobom.txt",
    ] {
        let output = fangtan(&["--json", &fixture(name)]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert_eq!(stdout(&output), SAMPLE_JSON, "{name}");
        assert_eq!(stderr(&output), "", "{name}");
    }
    let original = fangtan(&["--json", &fixture("taipei-bookshop-interview.utf8.txt")]);
    let big5 = fangtan(&["--json", &fixture("taipei-bookshop-interview.big5.txt")]);
    assert_eq!(stdout(&big5), stdout(&original));
    assert!(stdout(&original).contains("\"turns\""));
}

#[test]
fn a_wrong_encoding_is_reported_with_the_way_out() {
    let output = fangtan(&[
        "--json",
        "--encoding",
        "gbk",
        &fixture("taipei-bookshop-interview.big5.txt"),
    ]);
    assert!(output.status.success());
    let warning = stderr(&output);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(warning.contains("--encoding big5"), "{warning}");
}

#[test]
fn formats_are_detected_without_help() {
    for (name, first_speaker) in [
        ("podcasting20_example_speakers.srt", "Travis · 00:00:00"),
        ("podcasting20_example_voice.vtt", "Sarah · 00:00:00"),
        ("podcasting20_example.json", "Darth Vader · 00:00:00"),
        ("deepgram_diarized_utterances.json", "0 · 00:00:03"),
    ] {
        let output = fangtan(&["-p", &fixture(name)]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert_eq!(
            stdout(&output).lines().next(),
            Some(first_speaker),
            "{name}"
        );
    }
}

#[test]
fn several_files_are_printed_under_their_names() {
    let srt = fixture("podcasting20_example_speakers.srt");
    let output = fangtan(&["--stats", &srt, "-"]);
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!("==> {srt} <==\nspeaker")),
        "{text}"
    );
    assert!(
        text.contains("\n\n==> standard input <==\nspeaker"),
        "{text}"
    );
    let output = fangtan(&[
        "-p",
        "-s",
        "宁安消防",
        &srt,
        &fixture("mudanjiang-police-interview.gbk.txt"),
    ]);
    let text = stdout(&output);
    assert!(
        !text.contains(&srt),
        "files without a match get no header: {text}"
    );
    assert!(text.starts_with("==> "), "{text}");
    assert!(
        text.ends_with("<==\n主持人\n  能为广大网友介绍一下宁安消防的特点吗?\n"),
        "{text}"
    );
}

#[test]
fn explain_says_what_was_inferred() {
    let output = fangtan(&["--explain"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "format: text (detected from the content)",
        "labels: `Name: text` — 28 lines",
        "speakers: 2 in 25 turns: 主持人 (13 turns), 江滨 (12 turns)",
        "title: “访谈录:牡丹江市公安局党委副书记、常务副局长江滨”, from a line before the conversation",
        "notes: 3 (0 before the first turn, 0 between turns, 3 after the last)",
        "confidence: high",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    let prose = temp_file("prose.txt", b"A story.\nNo one speaks in it.\n");
    let text = stdout(&fangtan(&["--explain", prose.to_str().expect("path")]));
    assert!(text.contains("labels: none recognised"), "{text}");
    assert!(text.contains("--labels REGEX"), "{text}");
}

#[test]
fn labels_override_the_inference() {
    let chat = temp_file("chat.txt", "<ada> hi\n<bob> hello\n<ada> bye\n".as_bytes());
    let path = chat.to_str().expect("path");
    let output = fangtan(&["--json", "--labels", r"^<(?<name>\w+)>", path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["speakers"][1]["name"], "bob");
    assert_eq!(json["turns"][2]["paragraphs"][0], "bye");
    let output = fangtan(&["--explain", "--labels", r"^<(?<name>\w+)>", path]);
    assert!(
        stdout(&output).contains("labels: --labels — 3 lines"),
        "{}",
        stdout(&output)
    );

    let output = fangtan(&["--labels", r"^(\w+):", path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("fangtan: --labels: the expression needs a group named `name`"),
        "{}",
        stderr(&output)
    );
    let output = fangtan(&["--labels", "(?<name>[", path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("fangtan: --labels: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn standard_input_is_read_without_a_dash_when_it_is_a_pipe() {
    let output = with_stdin(&["--stats"], b"A: one\nB: two\nA: three\n", &[]);
    let text = stdout(&output);
    assert!(
        text.lines().nth(1).is_some_and(|l| l.starts_with('A')),
        "{text}"
    );
    assert!(
        text.lines().nth(2).is_some_and(|l| l.starts_with('B')),
        "{text}"
    );
    // Standard input that is no pipe (here /dev/null): the sample, as before.
    let sample = command(&["--stats"])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert!(stdout(&sample).contains("主持人"));
}

#[test]
fn a_missing_file_among_several_is_reported_and_skipped() {
    let srt = fixture("podcasting20_example_speakers.srt");
    let output = fangtan(&["-p", "/no/such/file.txt", &srt]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("==> "), "{}", stdout(&output));
    assert!(stdout(&output).contains("Travis"));
    let error = stderr(&output);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.starts_with("fangtan: /no/such/file.txt: no such file"),
        "{error}"
    );
}

#[test]
fn json_of_several_files_is_json_lines_with_the_file() {
    let srt = fixture("podcasting20_example_speakers.srt");
    let vtt = fixture("podcasting20_example_voice.vtt");
    let output = fangtan(&["--json", &srt, &vtt]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, file) in lines.iter().zip([&srt, &vtt]) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(value["file"].as_str(), Some(file.as_str()));
        assert!(value["turns"].as_array().is_some_and(|t| !t.is_empty()));
    }
}

#[test]
fn filters_apply_or_are_refused() {
    for args in [
        vec!["--json", "--speaker", "江滨"],
        vec!["--json", "-s", "消防"],
        vec!["--stats", "-s", "消防"],
    ] {
        let output = fangtan(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = stderr(&output);
        assert!(
            error.starts_with("fangtan: --") && error.contains("apply"),
            "{error}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn piped_output_wraps_to_columns() {
    let output = with_stdin(&["-p", "-"], SAMPLE.as_bytes(), &[("COLUMNS", "50")]);
    let text = stdout(&output);
    let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    assert!((45..=50).contains(&widest), "{widest}");
}

#[test]
fn the_config_file_sets_defaults_and_names_a_bad_line() {
    let home = config_home("width = 40\ncolor = \"never\"\n");
    let output = command(&["-p"])
        .env("XDG_CONFIG_HOME", &home)
        .output()
        .expect("runs");
    let widest = stdout(&output)
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!((36..=40).contains(&widest), "{widest}");
    // The command line wins.
    let output = command(&["-p", "-w", "60"])
        .env("XDG_CONFIG_HOME", &home)
        .output()
        .expect("runs");
    let widest = stdout(&output)
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!((56..=60).contains(&widest), "{widest}");
    let bad = config_home("theme = \"dark\"\ncolour = \"never\"\n");
    let output = command(&["-p"])
        .env("XDG_CONFIG_HOME", &bad)
        .output()
        .expect("runs");
    let error = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.contains("config.toml: line 2: unknown field `colour`"),
        "{error}"
    );
}

#[test]
fn man_page_completions_and_help_with_values() {
    let man = stdout(&fangtan(&["--generate", "man"]));
    assert!(man.contains(".TH fangtan"), "{man}");
    assert!(man.contains("\\-\\-theme"), "{man}");
    for (kind, mark) in [
        ("complete-bash", "_fangtan"),
        ("complete-zsh", "#compdef fangtan"),
        ("complete-fish", "complete -c fangtan"),
    ] {
        let script = stdout(&fangtan(&["--generate", kind]));
        assert!(script.contains(mark), "{kind}: {script}");
    }
    let help = stdout(&fangtan(&["--help"]));
    assert!(help.contains("- always: Always colour"), "{help}");
    assert!(
        help.contains("- light: Colours for a light background"),
        "{help}"
    );
    assert!(
        help.contains("auto, text, markdown, srt, vtt, json"),
        "{help}"
    );
}

#[test]
fn a_search_prints_a_matching_note() {
    let output = fangtan(&["-p", "-s", "立即注册"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "用户登录\n还没有账号?\n立即注册\n");
}

/// Bytes a terminal would obey: a title change (OSC 0), a clipboard write (OSC 52), a screen
/// clear, a C1 control, DEL, a bidi override.
const INJECTION: &str = "\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\u{9b}31m\x7f\u{202e}";

/// Whether output would reach a terminal raw: ESC, BEL, C1, DEL or a bidi control in it.
fn raw_controls(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\x1b' | '\x07' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn nothing_from_a_file_or_its_name_reaches_the_terminal_raw() {
    let name = format!("evil{INJECTION}.txt");
    let file = temp_file(
        &name,
        format!("A: hi{INJECTION}\nB: yo\nA: bye\n").as_bytes(),
    );
    let path = file.to_str().expect("path");
    let missing = format!("{path}.missing");
    // Several files: the header with each name, a missing one reported and skipped.
    for mode in [&["-p"][..], &["--stats"], &["--explain"]] {
        let mut args = mode.to_vec();
        args.extend([path, &missing]);
        let output = fangtan(&args);
        assert_eq!(output.status.code(), Some(2), "{mode:?}");
        assert!(
            !raw_controls(&stdout(&output)),
            "{mode:?}: {:?}",
            stdout(&output)
        );
        assert!(
            !raw_controls(&stderr(&output)),
            "{mode:?}: {:?}",
            stderr(&output)
        );
        assert!(stdout(&output).contains('␛'), "{mode:?} shows the controls");
    }
    // Speaker names from a JSON file: the list in the --speaker error, and -p, --stats.
    let escaped: String = INJECTION
        .chars()
        .map(|c| format!("\\u{:04x}", u32::from(c)))
        .collect();
    let json = temp_file(
        &format!("names{INJECTION}.json"),
        format!(
            r#"{{"version":2,"title":"T{escaped}","header":["H{escaped}"],"speakers":[{{"name":"A{escaped}"}}],"turns":[{{"speaker":"A{escaped}","paragraphs":["x{escaped}"],"start":null,"end":null,"line":null}}],"notes":[{{"text":"n{escaped}","line":null,"before_turn":1}}]}}"#
        )
        .as_bytes(),
    );
    let json_path = json.to_str().expect("path");
    let output = fangtan(&["-p", "--speaker", "C", json_path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("(speakers: A␛"),
        "{}",
        stderr(&output)
    );
    assert!(!raw_controls(&stderr(&output)));
    for mode in ["-p", "--stats", "--explain"] {
        let output = fangtan(&[mode, "--color", "never", json_path]);
        assert!(output.status.success(), "{mode}: {}", stderr(&output));
        assert!(
            !raw_controls(&stdout(&output)),
            "{mode}: {:?}",
            stdout(&output)
        );
    }
    // A JSON error that quotes the file's text.
    let bad = temp_file(
        &format!("bad{INJECTION}.json"),
        format!(
            r#"{{"version":2,"title":null,"speakers":[],"turns":[{{"speaker":"X{escaped}","paragraphs":["x"],"start":null,"end":null,"line":null}}]}}"#
        )
        .as_bytes(),
    );
    let output = fangtan(&["--json", bad.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not in speakers"),
        "{}",
        stderr(&output)
    );
    assert!(!raw_controls(&stderr(&output)), "{:?}", stderr(&output));
    // --json escapes what JSON would let through: DEL, C1, bidi controls.
    let output = fangtan(&["--json", json_path]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(!raw_controls(&text), "{text:?}");
    assert!(text.contains("\\u009b") && text.contains("\\u007f") && text.contains("\\u202e"));
    let value: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
    assert!(
        value["speakers"][0]["name"]
            .as_str()
            .is_some_and(|n| n.contains('\u{9b}'))
    );
}

/// Runs fangtan, killing it if it has not ended within ten seconds (then the test fails).
fn fangtan_within_seconds(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fangtan"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fangtan runs");
    for _ in 0..1000 {
        if child.try_wait().expect("waits").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.kill();
    panic!("fangtan {args:?} did not end");
}

#[test]
fn endless_and_binary_devices_end_at_once() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let output = fangtan_within_seconds(&["-p", device]);
        assert_eq!(output.status.code(), Some(2), "{device}");
        let error = stderr(&output);
        assert!(
            error.starts_with(&format!("fangtan: {device}: binary file")),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1);
    }
}

#[test]
fn no_printed_line_is_wider_than_the_width_from_four_columns_on() {
    let text = "主持人:中文\t好\t\t“一村一泵”👍🏽🏽🏽🏽ｶﾞﾞﾞﾞ——么?——这\n江滨:\tab\tcd 2013年8.67%\n";
    let path = temp_file("narrow.txt", text.as_bytes());
    let path = path.to_str().expect("path");
    for width in 4..=12 {
        let output = fangtan(&["-p", "-w", &width.to_string(), path]);
        assert!(output.status.success(), "{width}: {}", stderr(&output));
        for line in stdout(&output).lines() {
            let drawn = fangtan::layout::display_width(line, fangtan::layout::Measure::default());
            assert!(
                !line.contains('\t') && drawn <= width,
                "width {width}: {line:?}"
            );
        }
    }
    for width in 1..=3 {
        let output = fangtan(&["-p", "-w", &width.to_string(), path]);
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{width}: {error}");
        assert!(error.starts_with("fangtan: --width: "), "{error}");
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}

#[test]
fn a_socket_is_refused_in_words() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("sock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("s");
    let _ = std::fs::remove_file(&path);
    let _listener = std::os::unix::net::UnixListener::bind(&path).expect("socket");
    let output = fangtan(&["-p", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(!error.contains("os error"), "{error}");
    assert_eq!(error.lines().count(), 1);
}

#[test]
fn search_flags_read_pinyin_regex_and_either_script() {
    let plain = stdout(&fangtan(&["-p", "-w", "80", "-s", "消防"]));
    let pinyin = fangtan(&["-p", "-w", "80", "-s", "xiao fang", "--pinyin"]);
    assert!(pinyin.status.success(), "{}", stderr(&pinyin));
    assert_eq!(stdout(&pinyin), plain);
    // Without --pinyin the letters are letters: nothing found, exit 1.
    assert_eq!(fangtan(&["-p", "-s", "xiao fang"]).status.code(), Some(1));
    let regex = fangtan(&["-p", "-w", "80", "-s", "消(防|火)", "--regex"]);
    assert!(regex.status.success(), "{}", stderr(&regex));
    assert!(stdout(&regex).contains("消防"));
    // Traditional characters find the simplified text.
    assert_eq!(
        stdout(&fangtan(&["-p", "-w", "80", "-s", "消防隊"])),
        stdout(&fangtan(&["-p", "-w", "80", "-s", "消防队"]))
    );
    assert!(fangtan(&["-p", "-s", "消防隊"]).status.success());
    // --same-script keeps to the script typed: the sample is simplified.
    assert_eq!(
        fangtan(&["-p", "-s", "消防隊", "--same-script"])
            .status
            .code(),
        Some(1)
    );
    // The flags need a search, and exclude each other.
    for args in [
        &["-p", "--regex"][..],
        &["-p", "-s", "x", "--regex", "--pinyin"],
    ] {
        let output = fangtan(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).starts_with("fangtan: "), "{args:?}");
    }
}
