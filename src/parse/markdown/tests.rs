use super::*;

use crate::parse::test_support::s;

/// One turn as the tests compare it: speaker, paragraphs, start, line.
type Row = (String, Vec<String>, Option<f64>, Option<usize>);

fn summary(transcript: &Transcript) -> Vec<Row> {
    let rows = crate::parse::test_support::rows(transcript).into_iter();
    rows.map(|(name, text, start, _, line)| (name, text, start, line))
        .collect()
}

const INTERVIEW: &str = "\
# A conversation with *Mei Lin*

Recorded in Harbin, [see the notes](https://example.org/notes).

**Interviewer:** Thank you for coming.
How did it __start__?

**Mei Lin**: It started in *2013*, when we read
[the report](https://example.org/r) about `snake_case`.

It was a long year.

\\[04:01\\] __Interviewer:__ And then?

**Mei Lin:** \\[04:10\\] 我们开始
了新的工作。

## Afterword

---

Thanks to everyone.
";

#[test]
fn labels_paragraphs_title_and_notes() {
    let transcript = parse(INTERVIEW).expect("markdown");
    assert_eq!(
        transcript.title.as_deref(),
        Some("A conversation with Mei Lin")
    );
    assert_eq!(
        summary(&transcript),
        [
            (
                s("Interviewer"),
                vec![s("Thank you for coming. How did it start?")],
                None,
                Some(5)
            ),
            (
                s("Mei Lin"),
                vec![
                    s("It started in 2013, when we read the report about snake_case."),
                    s("It was a long year.")
                ],
                None,
                Some(8)
            ),
            (
                s("Interviewer"),
                vec![s("And then?")],
                Some(241.0),
                Some(13)
            ),
            (
                s("Mei Lin"),
                vec![s("我们开始了新的工作。")],
                Some(250.0),
                Some(15)
            ),
        ]
    );
    assert_eq!(
        transcript.note_texts().collect::<Vec<_>>(),
        [
            "Recorded in Harbin, see the notes.",
            "Afterword",
            "Thanks to everyone."
        ]
    );
}

#[test]
fn front_matter_and_thematic_breaks() {
    let text = "---\ntitle: \"Talk\"\ndate: 2024-01-01\n---\n**A:** Hi.\n\n***\n\nFooter.\n\n**B:** Back.\n";
    let transcript = parse(text).expect("markdown");
    assert_eq!(transcript.title.as_deref(), Some("Talk"));
    assert_eq!(transcript.header, ["date: 2024-01-01"]);
    assert_eq!(transcript.note_texts().collect::<Vec<_>>(), ["Footer."]);
    assert_eq!(transcript.notes[0].before_turn, 1);
    assert_eq!(transcript.turns.len(), 2);
    assert_eq!(transcript.turns[0].line, Some(5));
}

#[test]
fn random_input_never_panics() {
    let alphabet = [
        "*",
        "**",
        "_",
        "__",
        "~~",
        "[",
        "](",
        ")",
        "]",
        "!",
        "`",
        "\\",
        "<",
        ">",
        "#",
        "---",
        "\n",
        "\n\n",
        "A:",
        "x",
        " ",
        "中",
        "\\[04:01\\]",
    ];
    let texts =
        crate::parse::test_support::random_texts(&alphabet, 0x0F0F_1234_5678_9ABCu64, 5000, 30);
    for input in texts {
        let _ = parse(&input);
    }
}

/// A document's lines as the tests compare them: text, source line, kind, flags.
fn lines_of(document: &Document) -> Vec<(String, u32, LineKind, bool, bool, bool, u16)> {
    document
        .lines
        .iter()
        .map(|line| {
            let text = document.line(line).to_owned();
            let flags = (line.rule, line.joins, line.quote, line.blanks_before);
            (
                text,
                line.number,
                line.kind,
                flags.0,
                flags.1,
                flags.2,
                flags.3,
            )
        })
        .collect()
}

#[test]
fn pieces_parse_as_the_whole_document_does() {
    // Every kind of block, with blank lines inside the ones a cut must not enter.
    let block = "\
## Part

**Ana:** One.

- first
- second

  more of the second

1. one
2. two

> quoted
>
> still quoted

```
code

still code
```

<!-- a comment

still the comment -->

<pre>
raw

still raw
</pre>

| a | b |
|---|---|
| 1 | 2 |

**Bo:** Two,
and a soft break.

---

";
    let text = format!("---\ntitle: T\n---\n{}", block.repeat(20));
    let whole = render_in_pieces(&text, usize::MAX);
    for size in [1, 7, 64, 300] {
        let pieces = render_in_pieces(&text, size);
        assert_eq!(
            lines_of(&pieces),
            lines_of(&whole),
            "pieces of {size} bytes"
        );
    }
    // Every piece starts where a block may begin: never inside the comment, code or raw HTML.
    for piece in pieces(&text, 1) {
        let head = &text[piece.start..];
        assert!(
            !head.starts_with("still") && !head.starts_with("code"),
            "{:?}",
            &head[..head.len().min(20)]
        );
    }
}

#[test]
fn containers_nested_beyond_reason_are_cut_to_a_reasonable_depth() {
    for marker in ["- ", "> ", "1. ", "* > "] {
        let deep = marker.repeat(100_000);
        let text = format!(
            "**Ana:** Hello.\n\n**Bo:** Hi.\n\n**Ana:** So.\n\n{deep}deep\n\n**Bo:** Bye.\n"
        );
        let document = render(&text);
        let texts: Vec<&str> = document.lines.iter().map(|l| document.line(l)).collect();
        assert!(
            texts.iter().any(|t| t.ends_with("deep")),
            "{marker:?}: {texts:?}"
        );
        let kept = shallow(text.as_str().into());
        assert!(kept.len() < 100 + MAX_NESTING * marker.len(), "{marker:?}");
        assert_eq!(transcript_speakers(&text), ["Ana", "Bo"]);
    }
}

fn transcript_speakers(text: &str) -> Vec<String> {
    let transcript = parse(text).expect("parses");
    transcript.speakers.iter().map(|s| s.name.clone()).collect()
}

/// (Reference links are left out: one defined in another piece shows its brackets.)
#[test]
fn pieces_parse_as_the_whole_of_random_markdown() {
    let alphabet = [
        "**", "*", "_", "[", "](", ")", "]", "`", "<", ">", "> ", "#", "# ", "---", "===", "\n",
        "\n\n", "- ", "1. ", "2) ", "* ", "```", "~~~", "<!--", "-->", "<pre>", "</pre>", "<div>",
        "| a |", "|---|", "A:", "**B:** ", "x", " ", "    ", "中",
    ];
    let texts = crate::parse::test_support::random_texts(&alphabet, 0x5EED_0F91_ECE5_u64, 3000, 60);
    for text in texts {
        let whole = lines_of(&render_in_pieces(&text, usize::MAX));
        for size in [1, 16] {
            assert_eq!(
                lines_of(&render_in_pieces(&text, size)),
                whole,
                "pieces of {size} bytes of {text:?}"
            );
        }
    }
}
