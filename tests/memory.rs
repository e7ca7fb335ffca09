//! Peak memory per input shape (issue 9): reading and printing any input stays within
//! 2 × its size + 64 MB, whatever its shape: one endless paragraph, nothing but line ends,
//! labels on every line. Measured by a counting allocator around each step, in one test so
//! that nothing else allocates meanwhile.

use std::io;

use fangtan::layout::Measure;
use fangtan::palette::Palette;
use fangtan::print::{PrintOptions, Selection, print_conversation};
use peak_alloc::PeakAlloc;

/// The system allocator, counting the bytes live and their peak.
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

const MB: usize = 1 << 20;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / MB as f64
}

/// The most bytes live at once while `step` runs, above what was live before it.
fn peak_during(step: impl FnOnce()) -> usize {
    let before = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    step();
    ALLOCATOR.peak_usage() - before
}

/// Reads `bytes` as the command line does (content detection) and prints it at `width`.
fn read_and_print(bytes: Vec<u8>, width: usize) {
    let loaded = fangtan::parse::load(bytes, None, None, None).expect("loads");
    let transcript = loaded.transcript;
    let shown = vec![true; transcript.speakers.len()];
    let options = PrintOptions {
        width,
        measure: Measure::default(),
        color: false,
        palette: Palette::Dark,
    };
    print_conversation(
        &mut io::sink(),
        &transcript,
        Selection::All { shown: &shown },
        &options,
    )
    .expect("prints");
}

/// A text of `size` bytes made of `piece` repeated.
fn repeated(piece: &str, size: usize) -> Vec<u8> {
    piece.repeat(size / piece.len()).into_bytes()
}

/// A Markdown interview's opening, then `piece` repeated to `size` bytes, then a last word.
fn markdown(piece: &str, size: usize) -> Vec<u8> {
    let opening = "# A talk\n\n**Ana:** Hello.\n\n**Bo:** Hi.\n\n";
    format!("{opening}{}end\n", piece.repeat(size / piece.len())).into_bytes()
}

/// Subtitles: numbered cues of one short line each, `size` bytes of them.
fn srt_cues(size: usize) -> Vec<u8> {
    let mut text = String::with_capacity(size + 64);
    let mut cue = 0;
    while text.len() < size {
        cue += 1;
        let (h, m, s) = (cue / 3600, cue / 60 % 60, cue % 60);
        let name = ["主持人", "江滨", "记者"][cue % 3];
        text.push_str(&format!(
            "{cue}\n{h:02}:{m:02}:{s:02},000 --> {h:02}:{m:02}:{s:02},900\n{name}：好。\n\n"
        ));
    }
    text.into_bytes()
}

/// A conversation of `size` bytes whose turns are one line each, about 60 bytes long.
fn short_turns(size: usize) -> Vec<u8> {
    repeated(
        "主持人：请您介绍一下宁安消防的特点。\n江滨：宁安消防是一支很好的队伍。\n",
        size,
    )
}

#[test]
fn every_shape_reads_and_prints_within_twice_its_size() {
    let size = 3 * MB;
    let shapes = [
        // One paragraph with no end, at the narrowest width: a million lines.
        (
            "one paragraph, -w 4",
            repeated("中文的段落，没有尽头。", size),
            4,
        ),
        (
            "one paragraph, -w 80",
            repeated("中文的段落，没有尽头。", size),
            80,
        ),
        ("one ASCII line, -w 4", repeated("word ", size), 4),
        ("line ends only", repeated("\n", size), 80),
        (
            "a generated interview",
            fangtan::corpus::generate(size, 1).into_bytes(),
            80,
        ),
        ("a label on every line", short_turns(size), 80),
        ("SRT cues", srt_cues(size), 80),
        // Paragraphs whose breaks the fast tables once did not know, and one with no break at
        // all: each once held its whole paragraph in one window of analysis.
        ("one word, no break anywhere", repeated("a", size), 80),
        ("Korean words", repeated("한국어 문장입니다 ", size), 80),
        ("kana", repeated("ひらがなのぶんしょうです。", size), 80),
        ("cues run together", repeated("[甲] 好。 ", size), 80),
        ("emoji", repeated("😀", size), 80),
        // Markdown whose parser would spend a node on every level or item.
        ("Markdown nested a million deep", markdown("- ", size), 80),
        (
            "a Markdown list",
            markdown("- 我们开始了新的工作，然后一起去看了。\n", size),
            80,
        ),
    ];
    let mut over = Vec::new();
    for (shape, bytes, width) in shapes {
        let input = bytes.len();
        // The input is live already; reading and printing may add its size again and 64 MB.
        let peak = input + peak_during(|| read_and_print(bytes, width));
        eprintln!(
            "{shape}: {:.1} MB at peak for {:.1} MB",
            mb(peak),
            mb(input)
        );
        if peak > 2 * input + 64 * MB {
            over.push(shape);
        }
    }
    assert!(over.is_empty(), "over 2 × input + 64 MB: {over:?}");
}
