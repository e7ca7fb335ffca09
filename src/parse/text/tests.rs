use super::*;

const SAMPLE: &str = include_str!("../../../assets/mudanjiang-police-interview.txt");

fn parsed(text: &str) -> Transcript {
    parse(text.to_owned())
}

fn names(transcript: &Transcript) -> Vec<&str> {
    transcript
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect()
}

/// Each turn as (speaker, paragraphs).
fn turns(transcript: &Transcript) -> Vec<(&str, Vec<&str>)> {
    transcript
        .turns
        .iter()
        .map(|turn| {
            let name = transcript.speaker_of(turn).name.as_str();
            (name, transcript.turn_paragraphs(turn).collect())
        })
        .collect()
}

#[test]
fn sample_parses_as_the_spec_says() {
    let t = parsed(SAMPLE);
    assert_eq!(
        t.title.as_deref(),
        Some("访谈录:牡丹江市公安局党委副书记、常务副局长江滨")
    );
    assert_eq!(names(&t), ["主持人", "江滨"]);
    assert_eq!(t.turns.len(), 25);
    let by = |name: &str| turns(&t).iter().filter(|(n, _)| *n == name).count();
    assert_eq!((by("主持人"), by("江滨")), (13, 12));
    let all = turns(&t);
    assert!(all[0].1[0].starts_with("各位网友,大家好!"));
    assert_eq!(all[24], ("主持人", vec!["各位网友,再见。"]));
    assert_eq!(
        t.note_texts().collect::<Vec<_>>(),
        ["用户登录", "还没有账号?", "立即注册"]
    );
    let four: Vec<_> = all.iter().filter(|(_, p)| p.len() == 4).collect();
    assert_eq!(four.len(), 1);
    assert_eq!(four[0].0, "江滨");
    assert!(four[0].1[0].starts_with("执法规范化建设"));
    assert!(four[0].1[3].starts_with("三是以精细化服务促规范"));
    assert_eq!(t.turns[0].line, Some(3));
}

#[test]
fn ascii_and_full_width_colons_with_and_without_space() {
    let t = parsed("甲:一\n乙： 二\n甲: 三\n乙：四\n");
    assert_eq!(names(&t), ["甲", "乙"]);
    let texts: Vec<_> = turns(&t).into_iter().map(|(_, p)| p[0]).collect();
    assert_eq!(texts, ["一", "二", "三", "四"]);
    assert_eq!(t.title, None);
}

#[test]
fn once_only_role_is_a_speaker_but_a_sentence_with_a_colon_is_not() {
    let text = "主持人:请提问。\n观众:我想问一个问题。\n主持人:好的。\n嘉宾:谢谢。\n他说:我们明天再来。\n主持人:再见。\n嘉宾:再见。\n";
    let t = parsed(text);
    assert_eq!(names(&t), ["主持人", "观众", "嘉宾"]);
    let all = turns(&t);
    assert_eq!(all[1], ("观众", vec!["我想问一个问题。"]));
    // `他说:…` continues 嘉宾's turn as a paragraph of its own.
    assert_eq!(all[3], ("嘉宾", vec!["谢谢。", "他说:我们明天再来。"]));
}

#[test]
fn once_only_name_inside_the_conversation_is_a_speaker() {
    let t = parsed(
        "Host: Welcome.\nGuest: Thanks.\nMr. Haddad: One question.\nHost: Go on.\nGuest: Sure.\n",
    );
    assert_eq!(names(&t), ["Host", "Guest", "Mr. Haddad"]);
    let t = parsed("Host: Welcome.\nHe said: we will see.\nHost: Right.\n");
    assert_eq!(names(&t), ["Host"]);
    assert_eq!(
        turns(&t)[0].1,
        ["Welcome.", "He said: we will see.", "Right."]
    );
}

#[test]
fn clock_times_and_urls_are_not_labels() {
    let text = "甲:会议几点开始?\n会议在17:30开始\n乙:好。\nhttps://example.com/x\n甲:谢谢。\n";
    let t = parsed(text);
    assert_eq!(names(&t), ["甲", "乙"]);
    let all = turns(&t);
    assert_eq!(all[0].1, ["会议几点开始?", "会议在17:30开始"]);
    assert_eq!(all[1].1, ["好。", "https://example.com/x"]);
}

#[test]
fn court_and_question_answer_labels() {
    let t = parsed(
        "MR. JUSTICE DOUGLAS: Counsel?\nMR. SMITH: Yes.\nMR. JUSTICE DOUGLAS: Proceed.\nMR. SMITH: Thank you.\n",
    );
    assert_eq!(names(&t), ["MR. JUSTICE DOUGLAS", "MR. SMITH"]);
    let t = parsed("Q: Where were you?\nA: At home.\nQ: Alone?\nA: Yes.\n");
    assert_eq!(names(&t), ["Q", "A"]);
    let t = parsed("问:你好吗?\n答:很好。\n");
    assert_eq!(names(&t), ["问", "答"]);
    assert_eq!(t.turns.len(), 2);
}

#[test]
fn title_line_and_front_matter_notes() {
    let t = parsed(
        "Interview: A Life in Film\n\nRecorded in Paris.\n\nHost: Hello.\nGuest: Hi.\nHost: Bye.\n",
    );
    assert_eq!(t.title.as_deref(), Some("Interview: A Life in Film"));
    assert_eq!(t.note_texts().collect::<Vec<_>>(), ["Recorded in Paris."]);
    assert_eq!(t.turns.len(), 3);
    let t = parsed("An Interview\n\nHost: Hello.\nGuest: Hi.\nHost: Bye.\n");
    assert_eq!(t.title.as_deref(), Some("An Interview"));
}

#[test]
fn continuation_paragraphs_and_same_speaker_merge() {
    let t = parsed("甲:一\n二\n甲:三\n乙:四\n\n五\n乙:六\n");
    let all = turns(&t);
    assert_eq!(
        all,
        [
            ("甲", vec!["一", "二", "三"]),
            ("乙", vec!["四", "五", "六"])
        ]
    );
    assert_eq!(t.turns[0].line, Some(1));
    assert_eq!(t.turns[1].line, Some(4));
}

#[test]
fn trailing_boilerplate_after_a_blank_line_is_notes() {
    let t = parsed("甲:一\n乙:二\n甲:三\n补充一句\n\n版权所有\n联系我们\n");
    assert_eq!(turns(&t)[2].1, ["三", "补充一句"]);
    assert_eq!(t.note_texts().collect::<Vec<_>>(), ["版权所有", "联系我们"]);
}

#[test]
fn blank_separated_paragraph_style_needs_a_wider_gap_for_notes() {
    let text = "A: one\n\nmore of one\nB: two\nA: three\n\nmore of three\n\n\nfooter\n";
    let t = parsed(text);
    assert_eq!(turns(&t)[2].1, ["three", "more of three"]);
    assert_eq!(t.note_texts().collect::<Vec<_>>(), ["footer"]);
}

#[test]
fn crlf_and_bom() {
    let t = parsed("\u{feff}甲:一\r\n乙:二\r\n甲:三\r\n");
    assert_eq!(names(&t), ["甲", "乙"]);
    assert_eq!(turns(&t)[0].1, ["一"]);
    assert_eq!(t.turns.len(), 3);
}

#[test]
fn old_mac_line_ends_and_a_single_line() {
    // CR alone ended lines on old Macs: each is a line, nothing shows `␍`.
    let t = parsed("甲:一\r乙:二\r甲:三\r");
    assert_eq!(names(&t), ["甲", "乙"]);
    assert_eq!(turns(&t)[1], ("乙", vec!["二"]));
    // A one-line file without labels is its text, not an empty page under a title.
    let t = parsed("Just one line of text.\n");
    assert_eq!(t.title, None);
    assert_eq!(turns(&t), [("", vec!["Just one line of text."])]);
}

#[test]
fn empty_and_blank_files() {
    assert_eq!(parsed(""), Transcript::default());
    assert_eq!(parsed("\n\n  \n"), Transcript::default());
}

#[test]
fn no_labels_at_all_is_one_unnamed_speaker() {
    // One speaker, so one turn of paragraphs (SPEC §2: a turn is a speaker's uninterrupted
    // speech).
    let t = parsed("A Title\n\nFirst line.\nSecond line.\n\nAnother block.\n");
    assert_eq!(t.title.as_deref(), Some("A Title"));
    assert_eq!(names(&t), [""]);
    let all = turns(&t);
    assert_eq!(
        all,
        [("", vec!["First line.", "Second line.", "Another block."])]
    );
}

#[test]
fn paragraphs_are_ranges_of_the_file_itself() {
    let t = parsed(SAMPLE);
    assert_eq!(t.text(), SAMPLE);
    let range = t.paragraph_ranges()[0].clone();
    assert_eq!(&SAMPLE[range], t.paragraph(0));
}

mod random {
    use proptest::prelude::*;

    use super::*;

    /// Lines made of labels, colons, clock times, CJK, Latin, blanks and odd characters.
    fn document() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "主持人",
            "江滨",
            "Q",
            "A",
            "Mr. Haddad",
            "他说",
            ":",
            "：",
            ": ",
            "17:30",
            "https://x.cn",
            "各位网友,大家好!",
            "We installed 8,511 cameras.",
            " ",
            "\t",
            "\r",
            "\u{feff}",
            "\u{1b}[2J",
            "“",
            "”",
            "。",
            "，",
            "🇨🇳",
            "e\u{301}",
            "○",
            "◯",
            "▲",
            "【",
            "】",
            "——",
            "──",
            "**",
            "### ",
            "[00:01]",
            "0:03",
            "  ",
            "\u{3000}",
            "Mr. SMITH.",
            "> ",
            "_page :",
            "ipa> ",
            "（笑）",
            "1. ",
            "---",
            "<!--",
            "-->",
            "위원장 홍길동",
            "[name=x]",
            "\n\n",
        ]);
        let line = prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat());
        prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #[test]
        fn any_text_parses_into_valid_ranges(text in document()) {
            // Markdown reads the same lines another way: it must not panic either.
            let _ = crate::parse::markdown::parse(&text);
            let transcript = parse(text.clone());
            let arena = transcript.text();
            let mut previous_end = 0;
            for range in transcript.paragraph_ranges() {
                prop_assert!(range.start >= previous_end && range.end <= arena.len());
                prop_assert!(arena.is_char_boundary(range.start) && arena.is_char_boundary(range.end));
                prop_assert!(!arena[range.clone()].trim().is_empty());
                previous_end = range.end;
            }
            // Notes stand between the turns there are, in order; every speaker speaks; what
            // --json writes reads back to the same JSON.
            let mut before = 0;
            for note in &transcript.notes {
                prop_assert!(note.before_turn >= before && note.before_turn <= transcript.turns.len());
                before = note.before_turn;
            }
            for speaker in 0..transcript.speakers.len() {
                prop_assert!(transcript.turns.iter().any(|turn| turn.speaker == speaker));
            }
            let json = crate::parse::native::to_json(&transcript);
            let again = crate::parse::native::parse(&json).map(|t| crate::parse::native::to_json(&t));
            prop_assert_eq!(again, Ok(json));
            for turn in &transcript.turns {
                prop_assert!(turn.speaker < transcript.speakers.len());
                prop_assert!(!turn.paragraphs.is_empty());
                prop_assert!(turn.paragraphs.end <= transcript.paragraph_ranges().len());
            }
            // Every paragraph is a line's text, or lines of it joined: nothing is invented.
            let squeezed = |text: &str| -> String {
                text.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}').collect()
            };
            let source = squeezed(&text);
            for paragraph in transcript.paragraph_ranges() {
                let paragraph = &arena[paragraph.clone()];
                prop_assert!(!paragraph.contains('\n'));
                prop_assert!(source.contains(&squeezed(paragraph)), "{paragraph:?}");
            }
        }
    }
}

/// A corpus large enough to be split into lines and surveyed on several threads parses to the
/// transcript it was generated as, exactly as a small one does.
#[test]
fn a_large_corpus_parses_to_the_transcript_it_was_generated_as() {
    for size in [200_000, 12_000_000] {
        let parsed = parse(crate::corpus::generate(size, 5));
        assert!(
            parsed == crate::corpus::generate_transcript(size, 5),
            "{size} bytes"
        );
    }
}
