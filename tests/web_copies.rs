//! Web pages copied with select-all, chrome and all (`tests/fixtures/web-copies/`): written by
//! the project in the shapes of Chinese and English news, government and broadcaster pages
//! (menus on one line or one item a line, breadcrumbs, kickers before the headline, datelines,
//! font-size and share buttons, attachments and footers). Each must read to its conversation:
//! the headline as the title, the speakers and turns, and no chrome inside a turn.

use std::path::Path;

use fangtan::model::Transcript;

/// A page and what a reader must make of it.
struct Page {
    file: &'static str,
    title: &'static str,
    speakers: &'static [&'static str],
    turns: usize,
    /// Lines of chrome that must stand outside every turn.
    chrome: &'static [&'static str],
}

const PAGES: &[Page] = &[
    Page {
        file: "people.txt",
        title: "专访国家统计局副局长：经济运行总体平稳",
        speakers: &["记者", "李明"],
        turns: 6,
        chrome: &[
            "人民网>>财经>>正文",
            "小字号",
            "（责编：王磊、刘洋）",
            "分享让更多人看到",
        ],
    },
    Page {
        file: "govtw.txt",
        title: "總統接受日本媒體專訪",
        speakers: &["問", "答"],
        turns: 6,
        chrome: &[
            "發布日期：2023-08-09",
            "字級：小中大",
            "列印",
            "回上頁",
            "瀏覽人次：1234",
        ],
    },
    Page {
        file: "voa.txt",
        title: "专访：前官员谈美中关系的下一步",
        speakers: &["美国之音记者", "史密斯"],
        turns: 6,
        chrome: &[
            "跳转到主导航",
            "美国之音记者 张三",
            "电邮本文",
            "相关内容",
            "评论",
        ],
    },
    Page {
        file: "sina.txt",
        title: "对话某科技公司CEO：大模型落地还需要三年",
        speakers: &["新浪财经", "王强"],
        turns: 6,
        chrome: &["新浪财经 > 正文", "责任编辑：李四", "新浪财经公众号"],
    },
    Page {
        file: "mfa.txt",
        title: "2024年5月20日外交部发言人汪文斌主持例行记者会",
        speakers: &["汪文斌", "法新社记者", "彭博社记者", "总台央视记者"],
        turns: 7,
        chrome: &["【大 中 小】 打印", "分享到："],
    },
    Page {
        file: "sohu.txt",
        title: "对话青年导演：我拍的都是身边人的故事",
        speakers: &["主持人", "导演"],
        turns: 6,
        chrome: &["发布于：北京市", "返回搜狐，查看更多", "阅读 (1234)"],
    },
    Page {
        file: "ey.txt",
        title: "行政院會後記者會逐字稿",
        speakers: &["主持人", "發言人", "記者問"],
        turns: 8,
        chrome: &[
            "資料來源：行政院",
            "相關附件",
            "記者會簡報.pdf",
            "友善列印",
            "回上一頁",
        ],
    },
    Page {
        file: "bbc.txt",
        title: "专访：作家谈流亡与写作",
        speakers: &["BBC中文", "作家"],
        turns: 6,
        chrome: &["BBC News, 中文", "分享", "热门内容"],
    },
    Page {
        file: "en.txt",
        title: "Interview With Jane Doe of Example News",
        speakers: &["QUESTION", "SECRETARY BLINKEN"],
        turns: 6,
        chrome: &[
            "Home > Remarks > Interview",
            "Share",
            "Print",
            "Back to Top",
        ],
    },
];

fn read(file: &str) -> Transcript {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/web-copies")
        .join(file);
    let bytes = std::fs::read(&path).expect("the page");
    fangtan::parse::load(bytes, None, None, Some(&path))
        .expect("a page reads")
        .transcript
}

#[test]
fn web_pages_copied_with_their_chrome_read_as_conversations() {
    let mut wrong = Vec::new();
    for page in PAGES {
        let transcript = read(page.file);
        let speakers: Vec<&str> = transcript
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        if transcript.title.as_deref() != Some(page.title) {
            wrong.push(format!("{}: title {:?}", page.file, transcript.title));
        }
        if speakers != page.speakers {
            wrong.push(format!("{}: speakers {speakers:?}", page.file));
        }
        if transcript.turns.len() != page.turns {
            wrong.push(format!("{}: {} turns", page.file, transcript.turns.len()));
        }
        for chrome in page.chrome {
            let spoken = transcript
                .turns
                .iter()
                .flat_map(|turn| transcript.turn_paragraphs(turn))
                .any(|paragraph| paragraph.contains(chrome));
            if spoken {
                wrong.push(format!("{}: {chrome} inside a turn", page.file));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
