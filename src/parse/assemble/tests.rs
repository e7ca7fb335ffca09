//! Every label shape of the real-transcripts issue, in small documents written the way the
//! tools and archives write them, read to speakers, turns, title, header and notes.

use super::*;
use crate::parse::markdown;

const SAMPLE: &str = include_str!("../../../assets/mudanjiang-police-interview.txt");

/// What a test checks of a reading.
#[derive(Debug, PartialEq)]
struct Read {
    title: Option<String>,
    header: Vec<String>,
    /// Each turn as `speaker: first paragraph` (paragraphs after the first as `| …`).
    turns: Vec<String>,
    notes: Vec<String>,
}

fn read_text(text: &str) -> Read {
    summary(&crate::parse::text::parse(text.to_owned()))
}

fn read_markdown(text: &str) -> Read {
    summary(&markdown::parse(text).expect("markdown"))
}

fn summary(transcript: &Transcript) -> Read {
    Read {
        title: transcript.title.clone(),
        header: transcript.header.clone(),
        turns: transcript
            .turns
            .iter()
            .map(|turn| {
                let name = &transcript.speaker_of(turn).name;
                let text: Vec<&str> = transcript.turn_paragraphs(turn).collect();
                format!("{name}: {}", text.join(" | "))
            })
            .collect(),
        notes: transcript.note_texts().map(str::to_owned).collect(),
    }
}

fn speakers(transcript: &Transcript) -> Vec<&str> {
    transcript
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect()
}

fn turns_of(read: &Read) -> Vec<&str> {
    read.turns.iter().map(String::as_str).collect()
}

#[test]
fn markdown_headings_bold_and_bold_with_time() {
    let read = read_markdown(
        "# Talking to Ada\n\n### Ada:\n\nHello there.\n\n### Bob:\n\nHi.\n\nHow are you?\n\n### Ada:\n\nWell.\n",
    );
    assert_eq!(read.title.as_deref(), Some("Talking to Ada"));
    assert_eq!(
        turns_of(&read),
        ["Ada: Hello there.", "Bob: Hi. | How are you?", "Ada: Well."]
    );
    let read =
        read_markdown("### 主持人：\n你好。\n\n### 江滨：\n你好。\n\n### 主持人：\n再见。\n");
    assert_eq!(
        turns_of(&read),
        ["主持人: 你好。", "江滨: 你好。", "主持人: 再见。"]
    );
    let read = read_markdown("**Ada:** Hello &#39;there&#39;.\n\n**Bob:** Hi.\n\n**Ada:** Bye.\n");
    assert_eq!(
        turns_of(&read),
        ["Ada: Hello 'there'.", "Bob: Hi.", "Ada: Bye."]
    );
    let read = read_markdown(
        "**Kelly** [0:00] Welcome to the show.\n\n**Ali** [0:05] Thanks.\n\n**Kelly** [1:10] Sure.\n",
    );
    assert_eq!(
        turns_of(&read),
        [
            "Kelly: Welcome to the show.",
            "Ali: Thanks.",
            "Kelly: Sure."
        ]
    );
}

#[test]
fn markdown_time_and_name_together_and_bare_stamps() {
    let read = read_markdown(
        "**00:01:02 - Ada**：Hello.\n\n**00:01:09 - Bob**：Hi.\n\n**00:02:00 - Ada**：Bye.\n",
    );
    assert_eq!(turns_of(&read), ["Ada: Hello.", "Bob: Hi.", "Ada: Bye."]);
    let read = read_markdown(
        "**12:05** - _Ada_\n\nHello.\n\n**12:09** - _Bob_\n\nHi.\n\n**12:30**\n\nStill Bob.\n\n**12:40** - _Ada_\n\nBye.\n",
    );
    assert_eq!(
        turns_of(&read),
        ["Ada: Hello.", "Bob: Hi. | Still Bob.", "Ada: Bye."]
    );
}

#[test]
fn markdown_front_matter_comments_inline_html_and_a_two_line_heading() {
    let read = read_markdown(
        "---\ntitle: \"A Talk\"\nauthor: Me\n---\n\n<!--\n**Ada:** The English original.\n-->\n**阿达：**你好，<ruby>漢<rt>かん</rt></ruby><span>字</span>。\n\n**鲍勃：**好。\n\n**阿达：**再见。\n",
    );
    assert_eq!(read.title.as_deref(), Some("A Talk"));
    assert_eq!(read.header, ["author: Me"]);
    assert_eq!(
        turns_of(&read),
        ["阿达: 你好，漢字。", "鲍勃: 好。", "阿达: 再见。"]
    );
    let read =
        read_markdown("Part one of\na long title\n===\n\n**A:** x\n\n**B:** y\n\n**A:** z\n");
    assert_eq!(read.title.as_deref(), Some("Part one of a long title"));
}

#[test]
fn an_otter_export_saved_as_markdown_is_still_read() {
    let otter = "Jane Doe  0:03\nHello there.\n\nBob  0:10\nHi. How are you?\n\nJane Doe  1:02:05\nGood.\n\nTranscribed by https://otter.ai\n";
    for read in [read_text(otter), read_markdown(otter)] {
        assert_eq!(
            turns_of(&read),
            [
                "Jane Doe: Hello there.",
                "Bob: Hi. How are you?",
                "Jane Doe: Good."
            ]
        );
        assert_eq!(read.notes, ["Transcribed by https://otter.ai"]);
    }
    let transcript = crate::parse::text::parse(otter.to_owned());
    let starts: Vec<Option<f64>> = transcript.turns.iter().map(|t| t.start).collect();
    assert_eq!(starts, [Some(3.0), Some(10.0), Some(3725.0)]);
}

#[test]
fn rev_zoom_descript_and_chinese_meeting_tools() {
    let rev = "Ada Lovelace (00:02:03):\nHello.\n\nBob (00:02:09):\nHi.\n\n(00:02:15):\nStill me.\n\nAda Lovelace (00:03:00):\nBye.\n";
    assert_eq!(
        turns_of(&read_text(rev)),
        [
            "Ada Lovelace: Hello.",
            "Bob: Hi. | Still me.",
            "Ada Lovelace: Bye."
        ]
    );
    let zoom =
        "[Ada Lovelace] 11:02:09\nHello.\n\n[Bob] 11:02:15\nHi.\n\n[Ada Lovelace] 11:03:00\nBye.\n";
    assert_eq!(
        turns_of(&read_text(zoom)),
        ["Ada Lovelace: Hello.", "Bob: Hi.", "Ada Lovelace: Bye."]
    );
    let descript = "Ada  00:01:02\nHello.\n\nBob  00:01:09\nHi.\n\nAda  00:02:00\nBye.\n";
    assert_eq!(
        turns_of(&read_text(descript)),
        ["Ada: Hello.", "Bob: Hi.", "Ada: Bye."]
    );
    let feishu =
        "说话人1 00:00:03\n大家好。\n\n说话人2 00:00:09\n你好。\n\n说话人1 00:01:00\n再见。\n";
    assert_eq!(
        turns_of(&read_text(feishu)),
        ["说话人1: 大家好。", "说话人2: 你好。", "说话人1: 再见。"]
    );
    let tingwu = "发言人 1  00:01\n大家好。\n发言人 2  00:09\n你好。\n发言人 1  01:00\n再见。\n";
    assert_eq!(
        turns_of(&read_text(tingwu)),
        ["发言人 1: 大家好。", "发言人 2: 你好。", "发言人 1: 再见。"]
    );
}

#[test]
fn brackets_and_question_answer_without_colons() {
    for (open, close) in [("[", "]"), ("【", "】"), ("［", "］")] {
        let text = format!(
            "{open}主持人{close}各位好。\n{open}记者{close}请问一下。\n{open}主持人{close}请讲。\n"
        );
        assert_eq!(
            turns_of(&read_text(&text)),
            ["主持人: 各位好。", "记者: 请问一下。", "主持人: 请讲。"],
            "{open}"
        );
    }
    let qa = "Interview with a reporter\n\nQ    Where were you?\nA    At home, with the door\nlocked.\nQ\tAlone?\nA\tYes.\n";
    let read = read_text(qa);
    assert_eq!(read.title.as_deref(), Some("Interview with a reporter"));
    assert_eq!(
        turns_of(&read),
        [
            "Q: Where were you?",
            "A: At home, with the door | locked.",
            "Q: Alone?",
            "A: Yes."
        ]
    );
}

#[test]
fn broadcast_captions_mark_a_change_of_speaker_with_chevrons() {
    let text =
        ">> HOST: Good evening.\n>> GUEST: Thank you for having me.\n>> HOST: Let us begin.\n";
    assert_eq!(
        turns_of(&read_text(text)),
        [
            "HOST: Good evening.",
            "GUEST: Thank you for having me.",
            "HOST: Let us begin."
        ]
    );
    // Without names the chevrons are no breadcrumb: the text is one unnamed speaker's.
    let read = read_text(">> Good evening.\n>> Thank you for having me.\n");
    assert_eq!(turns_of(&read).len(), 1);
    assert!(read.notes.is_empty());
}

#[test]
fn minutes_with_markers() {
    let korean = "◯위원장 홍길동 감사를 시작하겠습니다.\n◯김가람 위원 장관님, 대책이 무엇입니까?\n◯농림축산식품부장관 정마루 검토하겠습니다.\n◯위원장 홍길동 수고하셨습니다.\n";
    let transcript = crate::parse::text::parse(korean.to_owned());
    assert_eq!(
        speakers(&transcript),
        ["위원장 홍길동", "김가람 위원", "농림축산식품부장관 정마루"]
    );
    assert_eq!(transcript.turns.len(), 4);
    let diet = "○議長（大島理森君）　これより会議を開きます。\n○内閣総理大臣（安倍晋三君）　お答えします。\n　続けます。\n○議長（大島理森君）　散会します。\n";
    let read = read_text(diet);
    assert_eq!(
        turns_of(&read),
        [
            "議長（大島理森君）: これより会議を開きます。",
            "内閣総理大臣（安倍晋三君）: お答えします。 | 続けます。",
            "議長（大島理森君）: 散会します。"
        ]
    );
    let above = "○議長（梶　泰久）\n開会します。\n○18番議員（山下富美子）\n18番　山下富美子です。\n○議長（梶　泰久）\n以上です。\n";
    let transcript = crate::parse::text::parse(above.to_owned());
    assert_eq!(
        speakers(&transcript),
        ["議長（梶　泰久）", "18番議員（山下富美子）"]
    );
    assert_eq!(transcript.turns.len(), 3);
}

#[test]
fn a_name_alone_on_its_line_and_the_interviewers_dash() {
    let magazine = "山田\nそうですね。\n\n佐藤\nなるほど。\n\n山田\nはい。\n\n佐藤\nありがとうございました。\n";
    assert_eq!(
        turns_of(&read_text(magazine)),
        [
            "山田: そうですね。",
            "佐藤: なるほど。",
            "山田: はい。",
            "佐藤: ありがとうございました。"
        ]
    );
    let dashes = "对话作家\n\n——您是怎么开始写作的？\n\n我小时候就喜欢读书。\n\n——后来呢？\n\n后来就写了。\n\n——谢谢。\n\n不客气。\n";
    let read = read_text(dashes);
    assert_eq!(read.title.as_deref(), Some("对话作家"));
    assert_eq!(
        turns_of(&read),
        [
            "——: 您是怎么开始写作的？",
            ": 我小时候就喜欢读书。",
            "——: 后来呢？",
            ": 后来就写了。",
            "——: 谢谢。",
            ": 不客气。"
        ]
    );
    let named = "──最初の質問です。\n山田　はい、そうです。\n──次は？\n山田　ありません。\n──ありがとう。\nいいえ。\n";
    let transcript = crate::parse::text::parse(named.to_owned());
    assert_eq!(speakers(&transcript), ["──", "山田"]);
    assert_eq!(transcript.turns.len(), 6);
}

#[test]
fn a_magazine_interview_names_the_answerer_alone_below_each_dashed_question() {
    let answers = [
        "二十九歳のときでした。",
        "その夜からです。",
        "朝の四時間ほどです。",
        "大きいですね。",
    ];
    let mut text = String::from("作家・村上氏インタビュー\n");
    for (question, answer) in ["最初の作品は？", "それから？", "毎日は？", "走ることは？"]
        .iter()
        .zip(answers)
    {
        text += &format!("\n──{question}\n\n村上\n{answer}\n");
    }
    let read = read_text(&text);
    assert_eq!(read.title.as_deref(), Some("作家・村上氏インタビュー"));
    assert_eq!(
        turns_of(&read),
        [
            "──: 最初の作品は？",
            "村上: 二十九歳のときでした。",
            "──: それから？",
            "村上: その夜からです。",
            "──: 毎日は？",
            "村上: 朝の四時間ほどです。",
            "──: 走ることは？",
            "村上: 大きいですね。"
        ]
    );
    assert!(read.notes.is_empty(), "{:?}", read.notes);
}

#[test]
fn decorated_labels() {
    let text = "▲홍길동 대변인 : 브리핑을 시작하겠습니다.\n▲기자 : 질문 있습니다.\n▲홍길동 대변인 : 말씀하십시오.\n";
    let transcript = crate::parse::text::parse(text.to_owned());
    assert_eq!(speakers(&transcript), ["홍길동 대변인", "기자"]);
    for bullet in ["●", "■", "-", "*", "•"] {
        let text = format!("{bullet} Ada: one\n{bullet} Bob: two\n{bullet} Ada: three\n");
        let transcript = crate::parse::text::parse(text);
        assert_eq!(speakers(&transcript), ["Ada", "Bob"], "{bullet}");
    }
    let script = "NARRATOR ( whispering ): Long ago.\nGIRL (laughing): No!\nWOMAN 3: Yes.\nNARRATOR: And so.\nGIRL: Fine.\nWOMAN 3: Done.\n";
    let transcript = crate::parse::text::parse(script.to_owned());
    assert_eq!(speakers(&transcript), ["NARRATOR", "GIRL", "WOMAN 3"]);
    let court = "Defense Counsel [?]: Objection.\nWitness (second panel): I saw it.\nDefense Counsel [?]: Nothing further.\nWitness (second panel): Thank you.\n";
    let transcript = crate::parse::text::parse(court.to_owned());
    assert_eq!(
        speakers(&transcript),
        ["Defense Counsel [?]", "Witness (second panel)"]
    );
}

#[test]
fn hearing_records_with_periods_and_hard_wrapped_lines() {
    let hearing = "HEARING BEFORE THE COMMITTEE\n\nThe CHAIRMAN. The committee will come to order. We\nwelcome our witness.\n\nMr. SMITH. Thank you, Mr. Chairman. It is an honor\nto be here.\n\nCHAIRMAN JONES. Let me add one thing to what was said\nbefore we begin.\n\nMr. SMITH. Of course.\n\nThe CHAIRMAN. We are adjourned.\n\n(Whereupon, at 11:45 a.m., the hearing was adjourned.)\n";
    let read = read_text(hearing);
    assert_eq!(read.title.as_deref(), Some("HEARING BEFORE THE COMMITTEE"));
    assert_eq!(
        turns_of(&read),
        [
            "The CHAIRMAN: The committee will come to order. We welcome our witness.",
            "Mr. SMITH: Thank you, Mr. Chairman. It is an honor to be here.",
            "CHAIRMAN JONES: Let me add one thing to what was said before we begin.",
            "Mr. SMITH: Of course.",
            "The CHAIRMAN: We are adjourned."
        ]
    );
    assert_eq!(
        read.notes,
        ["(Whereupon, at 11:45 a.m., the hearing was adjourned.)"]
    );
    let wrapped = "Mr. NAME: The committee will come to order. We welcome our\nwitness today and thank her for coming.\nMs. OTHER: Thank you, Mr. Chairman. It is an honor to be here\nwith you today and I look forward to it.\nMr. NAME: Please proceed with your statement when you are\nready to do so, we have plenty of time.\nMs. OTHER: Thank you very much for that and for the kind words\nabout my long career in public service.\n";
    let read = read_text(wrapped);
    assert_eq!(read.turns.len(), 4);
    assert!(read.turns[0].ends_with("We welcome our witness today and thank her for coming."));
}

#[test]
fn credits_metadata_and_page_chrome_are_not_speakers() {
    let page = "\
人民网 > 访谈 > 正文
人民网
专访：一位消防员的二十年
时间：2019年5月12日 地点：北京
来源：人民网
作者：张三
主持人：各位网友好。
李四：大家好。
主持人：您从事消防多少年了？
李四：二十年。
（笑声）
主持人：谢谢。

责任编辑：王五
分享到
";
    let read = read_text(page);
    assert_eq!(read.title.as_deref(), Some("专访：一位消防员的二十年"));
    assert!(read.header.iter().any(|h| h.starts_with("时间：")));
    assert!(read.header.iter().any(|h| h == "作者：张三"));
    assert_eq!(
        turns_of(&read),
        [
            "主持人: 各位网友好。",
            "李四: 大家好。",
            "主持人: 您从事消防多少年了？",
            "李四: 二十年。",
            "主持人: 谢谢。"
        ]
    );
    assert!(read.notes.contains(&"（笑声）".to_owned()));
    assert!(read.notes.contains(&"责任编辑：王五".to_owned()));
    assert!(read.notes.contains(&"人民网 > 访谈 > 正文".to_owned()));
    let english = "\
This page has been archived and is no longer updated
A Conversation About Rivers
Date: May 12, 2019
Video: https://example.org/v/12
Participants: Ada, Bob

Ada: Welcome.
Bob: Thanks.
[laughter]
Ada: Let us begin.
Bob: Sure.

Transcribed by a volunteer. Author: Ada
";
    let read = read_text(english);
    assert_eq!(read.title.as_deref(), Some("A Conversation About Rivers"));
    assert_eq!(
        read.header,
        [
            "Date: May 12, 2019",
            "Video: https://example.org/v/12",
            "Participants: Ada, Bob"
        ]
    );
    assert_eq!(read.turns.len(), 4);
    assert_eq!(
        read.notes,
        [
            "This page has been archived and is no longer updated",
            "[laughter]",
            "Transcribed by a volunteer. Author: Ada"
        ]
    );
}

#[test]
fn an_opening_turn_right_after_the_header_is_a_turn() {
    let text = "会议纪要\n议程：一、审议报告；二、表决\n时间：2024年3月1日\n主持人：现在开会，第一项议程是审议报告。\n委员甲：我同意。\n主持人：通过。\n";
    let read = read_text(text);
    assert_eq!(read.header.len(), 2);
    assert_eq!(read.turns[0], "主持人: 现在开会，第一项议程是审议报告。");
}

#[test]
fn a_stray_machine_label_inside_named_speech_is_a_speaker() {
    let text = "Lex: So tell me.\nGuido: Well, it started\nSPEAKER_S3: in the nineties.\nGuido: Anyway.\nLex: Thanks.\n";
    let transcript = crate::parse::text::parse(text.to_owned());
    assert_eq!(speakers(&transcript), ["Lex", "Guido", "SPEAKER_S3"]);
}

#[test]
fn labels_given_with_a_regular_expression() {
    let regex = regex::Regex::new(r"^(?<name>[A-Z]{2,})> (?<time>\d+:\d\d)?").expect("valid");
    let text = "Notes first\nADA> 0:03 Hello.\nBOB> Hi.\nnot a label> no\n".to_owned();
    let (transcript, explanation) = crate::parse::text::read(
        text,
        Labels {
            regex: Some(&regex),
        },
    );
    assert_eq!(speakers(&transcript), ["ADA", "BOB"]);
    assert_eq!(transcript.turns[0].start, Some(3.0));
    assert_eq!(explanation.shapes, [(Shape::User, 2)]);
    let turns = summary(&transcript).turns;
    assert_eq!(turns[1], "BOB: Hi. | not a label> no");
}

#[test]
fn explanation_names_the_shape_the_title_and_the_notes() {
    let (_, explanation) = crate::parse::text::read(SAMPLE.to_owned(), Labels::default());
    assert_eq!(explanation.shapes, [(Shape::Colon, 28)]);
    assert_eq!(explanation.title, TitleSource::Line);
    assert_eq!(explanation.notes, [0, 0, 3]);
    assert!(explanation.confidence > 0.9, "{}", explanation.confidence);
    let (_, explanation) =
        crate::parse::text::read("Just some prose.\nNo labels.\n".into(), Labels::default());
    assert!(explanation.shapes.is_empty());
}

#[test]
fn a_web_page_copied_line_by_line_keeps_its_chrome_out_of_the_conversation() {
    // No blank line anywhere, as many pages copy: a breadcrumb with a colon (no label), a
    // dateline that starts with the date, buttons at the foot; in every label style.
    for (asks, answers) in [
        ("记者：", "李华："),
        ("问：", "答："),
        ("【記者】", "【李華】"),
    ] {
        let page = format!(
            "新华日报网\n首页\n新闻\n评论\n目前位置：首页 > 访谈\n专访丨城市更新的下一步\n\
             2024-05-12 10:23:01\u{3000}来源：新华日报\u{3000}作者：王晓\n\
             {asks}您认为最难的是什么？\n{answers}最难的是人。\n\
             {asks}那资金呢？\n{answers}办法总比困难多。\n\
             {asks}谢谢。\n{answers}不客气。\n\
             回上頁\n【分享】\n列印\n版权所有 新华日报网\n"
        );
        let read = read_text(&page);
        assert_eq!(
            read.title.as_deref(),
            Some("专访丨城市更新的下一步"),
            "{asks}"
        );
        let asker = asks.trim_matches(['：', '【', '】']);
        let answerer = answers.trim_matches(['：', '【', '】']);
        let turns: Vec<String> = ["您认为最难的是什么？", "最难的是人。", "那资金呢？"]
            .iter()
            .chain(&["办法总比困难多。", "谢谢。", "不客气。"])
            .enumerate()
            .map(|(i, said)| format!("{}: {said}", [asker, answerer][i % 2]))
            .collect();
        assert_eq!(read.turns, turns, "{asks}");
        let kept: Vec<&String> = read.header.iter().chain(&read.notes).collect();
        for chrome in [
            "目前位置：首页 > 访谈",
            "来源：新华日报",
            "回上頁",
            "【分享】",
            "列印",
        ] {
            assert!(
                kept.iter().any(|k| k.contains(chrome)),
                "{asks}: {chrome} kept out"
            );
        }
    }
}

#[test]
fn a_web_page_copy_takes_the_headline_below_the_site_chrome_for_its_title() {
    // Select-all on a news page: the site's name and menu, a breadcrumb, the headline, a
    // source/author/date line, the interview, then the page's footer.
    let page = "晨光新闻网\n首页\n新闻\n财经\n访谈\n当前位置：首页 > 新闻 > 正文\n\n\
        专访社区医生：把健康送到家门口\n\n来源：本网　作者：周一\u{3000}时间：2022-06-01 10:00\n\n\
        记者：您好，这项服务是怎么开始的？\n\n赵敏：去年春天，我们先在两个小区试点。\n\n\
        记者：居民反响如何？\n\n赵敏：预约的人一直很多。\n\n责任编辑：钱二\n分享到：微信 微博\n\
        版权所有 © 晨光新闻网\n";
    let read = read_text(page);
    assert_eq!(
        read.title.as_deref(),
        Some("专访社区医生：把健康送到家门口")
    );
    let transcript = crate::parse::text::parse(page.to_owned());
    assert_eq!(speakers(&transcript), ["记者", "赵敏"]);
    assert_eq!(
        turns_of(&read),
        [
            "记者: 您好，这项服务是怎么开始的？",
            "赵敏: 去年春天，我们先在两个小区试点。",
            "记者: 居民反响如何？",
            "赵敏: 预约的人一直很多。",
        ]
    );
    let kept: Vec<&String> = read.header.iter().chain(&read.notes).collect();
    for chrome in [
        "晨光新闻网",
        "当前位置：首页 > 新闻 > 正文",
        "责任编辑：钱二",
    ] {
        assert!(kept.iter().any(|k| k.contains(chrome)), "{chrome} kept out");
    }
    // Without a breadcrumb the menu alone closes the chrome.
    let menu_only = page.replace("当前位置：首页 > 新闻 > 正文\n", "");
    assert_eq!(
        read_text(&menu_only).title.as_deref(),
        Some("专访社区医生：把健康送到家门口")
    );
}

#[test]
fn markdown_questions_as_headings_without_the_space_and_answers_below_their_label() {
    // Older Chinese Markdown: `###问：` with no space after the hashes (a heading to its writer,
    // text to CommonMark), and `答：` alone with the answer indented on the line below.
    let interview = "访谈\n===\n\n以下是访谈详情。\n\n###问：你好吗？\n\n答：\n    很好。\n\n\
        还有一段。\n\n###问：再见？\n\t\t\n答：\n    再见。\n\n---\n\n译者：某人\n";
    let read = read_markdown(interview);
    assert_eq!(read.title.as_deref(), Some("访谈"));
    assert_eq!(
        turns_of(&read),
        [
            "问: 你好吗？",
            "答: 很好。 | 还有一段。",
            "问: 再见？",
            "答: 再见。"
        ]
    );
    assert!(read.notes.iter().any(|n| n.contains("以下是访谈详情")));
    assert_eq!(
        crate::parse::detect::detect(interview, None),
        crate::parse::detect::Format::Markdown
    );
    // `#话题#`, a Weibo topic, and `#hashtag` stay text.
    let read = read_markdown("#话题# 你好\n\n#hashtag\n");
    let shown = format!("{:?}{:?}{:?}", read.title, read.turns, read.notes);
    assert!(
        shown.contains("#话题# 你好") && shown.contains("#hashtag"),
        "{shown}"
    );
}

#[test]
fn a_label_alone_on_its_line_starts_a_paragraph_when_the_speaker_goes_on() {
    // The same speaker labelled again, the speech on the line below the label: the speech is a
    // paragraph of its own, never the rest of the paragraph above the label.
    let read = read_markdown("**甲：** 你好。\n\n乙：\n第一段。\n\n乙：\n第二段。\n\n甲：\n好。\n");
    assert_eq!(
        turns_of(&read),
        ["甲: 你好。", "乙: 第一段。 | 第二段。", "甲: 好。"]
    );
}

#[test]
fn an_editors_note_on_a_label_is_not_part_of_the_name() {
    // `（LCTT 译注：本文作者）`: the translator's note holds a colon of its own, which is not the
    // label's; the name is the label without the note.
    let markdown = "# 访谈\n\n**Don Watkins（LCTT 译注：本文作者）：** 你好吗？\n\n**Peter Farrell：** 很好。\n\n\
        **DW：** 为什么？\n\n**PF：** 因为。\n";
    let transcript = markdown::parse(markdown).expect("markdown");
    assert_eq!(
        speakers(&transcript),
        ["Don Watkins", "Peter Farrell", "DW", "PF"]
    );
    assert_eq!(summary(&transcript).turns[0], "Don Watkins: 你好吗？");
    let text =
        "访谈\n\n记者（编者注：本报实习生）：您好。\n张三：你好。\n记者：再见。\n张三：再见。\n";
    let transcript = crate::parse::text::parse(text.to_owned());
    assert_eq!(speakers(&transcript), ["记者", "张三"]);
    // A qualifier that is not a note stays, and so does a note in a label without a colon.
    assert_eq!(
        labels::candidate(Shape::Colon, "Witness (second panel): yes", LineKind::Text)
            .map(|c| c.name),
        Some("Witness (second panel)")
    );
}

#[test]
fn a_meeting_tools_export_keeps_a_speaker_who_speaks_once() {
    // 飞书妙记 and its kind: the meeting's name, its date and length, keywords, then each
    // speaker's name beside a time on a line of its own; 王五 speaks once, at the end.
    let export = "产品周会\n2024年3月1日 下午 2:00|45分钟 12秒\n\n关键词:\n用户增长、留存、渠道\n\n\
        文字记录:\n张三 00:00\n好，我们开始吧。\n\n李四 00:12\n上个月新增用户大概是两万。\n\
        另外留存比上个月好一点。\n\n张三 01:05\n留存具体是多少？\n\n李四 01:09\n百分之四十二。\n\n\
        王五 01:20\n我补充一下，渠道成本也降了。\n";
    let read = read_text(export);
    assert_eq!(read.title.as_deref(), Some("产品周会"));
    assert_eq!(
        turns_of(&read),
        [
            "张三: 好，我们开始吧。",
            "李四: 上个月新增用户大概是两万。 | 另外留存比上个月好一点。",
            "张三: 留存具体是多少？",
            "李四: 百分之四十二。",
            "王五: 我补充一下，渠道成本也降了。",
        ]
    );
}

#[test]
fn a_bare_time_stamp_goes_on_with_the_speaker_in_a_paragraph_of_its_own() {
    // `**00:01:02 - Name**：` labels, and a stamp alone whose text follows on the next line of
    // the same Markdown paragraph: the speaker goes on, the stamp is no text, and the line
    // after it never joins the paragraph before it.
    let read = read_markdown(
        "**00:01:02 - Alice**：Good morning.\n\n**00:01:10 - Bob**：Morning, Alice.\n\n\
         00:01:20\nAnd we are live.\n\n**00:01:30 - Alice**：Let's begin.\n",
    );
    assert_eq!(
        turns_of(&read),
        [
            "Alice: Good morning.",
            "Bob: Morning, Alice. | And we are live.",
            "Alice: Let's begin.",
        ]
    );
}

#[test]
fn a_cast_beside_the_metadata_is_header_though_its_roles_speak() {
    // The roles that speak below (`主持人`) are named in the header first, beside the time and
    // the place: those lines say who takes part, they are no turns.
    let text = "科技创新圆桌访谈\n时间：2019年5月12日\n地点：北京国际会议中心\n主持人：王五\n\
        嘉宾：李四（某研究院院长）\n\n主持人：各位好，欢迎来到今天的圆桌访谈。\n李四：谢谢主持人。\n\
        主持人：请您先谈谈今年的研究重点。\n李四：我们今年重点在新材料方向。\n";
    let read = read_text(text);
    assert_eq!(read.title.as_deref(), Some("科技创新圆桌访谈"));
    assert_eq!(
        read.header,
        [
            "时间：2019年5月12日",
            "地点：北京国际会议中心",
            "主持人：王五",
            "嘉宾：李四（某研究院院长）"
        ]
    );
    assert_eq!(read.turns.len(), 4);
    assert!(read.turns[0].starts_with("主持人: 各位好"));
    // Without the metadata beside it, a short first answer is a turn.
    let read = read_text("主持人：王五\n李四：你好\n主持人：请讲。\n李四：好的，我说两句。\n");
    assert_eq!(read.turns.len(), 4);
}

#[test]
fn a_deposition_reads_questions_answers_and_counsels_objections() {
    // `Q.` / `A.` under `BY MR. JONES:`, and counsel's colloquy in between (`MR. BROWN:`), each
    // once: the objection is counsel's turn, not the end of the witness's answer.
    let deposition = "                              EXAMINATION\nBY MR. JONES:\n\
        \u{20}    Q.   Please state your name for the record.\n     A.   John Smith.\n\
        \u{20}    Q.   How long have you lived there?\n     A.   About ten years.\n\
        \u{20}              MR. BROWN:  Objection, relevance.\n\
        \u{20}              MR. JONES:  I'll move on.\n\
        \u{20}    Q.   Where were you on June 3rd?\n     A.   At home.\n";
    let read = read_text(deposition);
    assert_eq!(
        turns_of(&read),
        [
            "Q: Please state your name for the record.",
            "A: John Smith.",
            "Q: How long have you lived there?",
            "A: About ten years.",
            "MR. BROWN: Objection, relevance.",
            "MR. JONES: I'll move on.",
            "Q: Where were you on June 3rd?",
            "A: At home.",
        ]
    );
    assert!(read.header.iter().any(|line| line == "BY MR. JONES:"));
    // Copied from a court reporter's pages, every line numbered: the numbers are no text.
    let numbered = " 1          Q.   Please state your name for the record.\n 2          A.   John Smith.\n\
        \u{20}3\n 4          Q.   Where do you live?\n 5          A.   In Springfield.\n\
        \u{20}6               MR. BROWN:  Objection.\n 7          Q.   How long?\n 8          A.   Ten years.\n";
    let read = read_text(numbered);
    assert_eq!(
        turns_of(&read),
        [
            "Q: Please state your name for the record.",
            "A: John Smith.",
            "Q: Where do you live?",
            "A: In Springfield.",
            "MR. BROWN: Objection.",
            "Q: How long?",
            "A: Ten years.",
        ]
    );
}
