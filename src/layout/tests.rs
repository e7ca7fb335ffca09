//! Whole-engine tests: SPEC §4's examples, the sample interview, and property tests.

use super::*;

fn show(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width, Measure::default())
        .into_iter()
        .map(|l| &text[l.range])
        .collect()
}

#[test]
fn spec_example_width_12() {
    assert_eq!(
        show(
            "举办了《新刑诉法》培训班，近三年，还对本年度通过国家司法考试的民警进行重奖。",
            12
        ),
        [
            "举办了《新刑",
            "诉法》培训",
            "班，近三年，",
            "还对本年度通",
            "过国家司法考",
            "试的民警进行",
            "重奖。"
        ]
    );
}

#[test]
fn spec_example_width_14() {
    assert_eq!(
        show(
            "宁安市农村火灾起数和财产损失均占全市总数的七成以上。90%的行政村距离公安消防部队达15公里以上,最远的达150公里",
            14
        ),
        [
            "宁安市农村火灾",
            "起数和财产损失",
            "均占全市总数的",
            "七成以上。90%",
            "的行政村距离公",
            "安消防部队达15",
            "公里以上,最远",
            "的达150公里"
        ]
    );
}

#[test]
fn spec_example_width_20() {
    assert_eq!(
        show(
            "We installed 8,511 cameras across villages—a “一村一泵” model.",
            20
        ),
        [
            "We installed 8,511",
            "cameras across",
            "villages—a “一村一",
            "泵” model."
        ]
    );
}
