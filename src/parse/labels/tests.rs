use super::*;

/// The candidate a shape proposes for a plain line, as (name, time, speech).
fn read(shape: Shape, line: &str) -> Option<(&str, Option<f64>, &str)> {
    candidate(shape, line, LineKind::Text).map(|c| (c.name, c.time, &line[c.body..]))
}

#[test]
fn colon_labels_in_every_spelling() {
    assert_eq!(
        read(Shape::Colon, "主持人：你好"),
        Some(("主持人", None, "你好"))
    );
    assert_eq!(read(Shape::Colon, "Host: Hi"), Some(("Host", None, "Hi")));
    assert_eq!(read(Shape::Colon, "Name : Hi"), Some(("Name", None, "Hi")));
    assert_eq!(
        read(Shape::Colon, "▲홍길동 대변인 : 브리핑"),
        Some(("홍길동 대변인", None, "브리핑"))
    );
    assert_eq!(
        read(Shape::Colon, "Jane Doe (00:02:03): Hello"),
        Some(("Jane Doe", Some(123.0), "Hello"))
    );
    assert_eq!(
        read(Shape::Colon, "[00:12:03] Jane: Hello"),
        Some(("Jane", Some(723.0), "Hello"))
    );
    assert_eq!(
        read(Shape::Colon, "00:01:02 - Jane：Hello"),
        Some(("Jane", Some(62.0), "Hello"))
    );
    assert_eq!(
        read(Shape::Colon, "Jane: [04:10] Hi"),
        Some(("Jane", Some(250.0), "Hi"))
    );
    assert_eq!(
        read(Shape::Colon, "[SPEAKER_00]: Hi"),
        Some(("SPEAKER_00", None, "Hi"))
    );
    assert_eq!(
        read(Shape::Colon, "NARRATOR ( whispering ): Hush"),
        Some(("NARRATOR", None, "Hush"))
    );
    assert_eq!(
        read(Shape::Colon, "Witness (second panel): Yes"),
        Some(("Witness (second panel)", None, "Yes"))
    );
    assert_eq!(
        read(Shape::Colon, "Defense Counsel [?]: No"),
        Some(("Defense Counsel [?]", None, "No"))
    );
    assert_eq!(
        read(Shape::Colon, "WOMAN 3: Go"),
        Some(("WOMAN 3", None, "Go"))
    );
    assert_eq!(read(Shape::Colon, "ipa> 你好"), Some(("ipa", None, "你好")));
}

#[test]
fn what_is_not_a_colon_label() {
    for line in [
        "at 17:30 we met",
        "see https://x.org",
        "Well, you know: it",
        "我们认为,其实:不对",
        "这是一个非常非常非常非常非常非常非常长的句子开头:内容",
        "12:30 start",
        "no colon here",
        "(00:02:03): alone",
    ] {
        assert_eq!(read(Shape::Colon, line), None, "{line}");
    }
    assert_eq!(stamp("(00:02:03):"), Some(123.0));
    assert!(is_stamp("[-00:00:00:10]"));
    assert!(!is_stamp("10:30 we met"));
}

#[test]
fn the_other_shapes() {
    assert_eq!(
        read(Shape::Bracket, "【主持人】各位好"),
        Some(("主持人", None, "各位好"))
    );
    assert_eq!(
        read(Shape::Bracket, "[Jane Doe] 11:02:09"),
        Some(("Jane Doe", Some(39729.0), ""))
    );
    assert_eq!(read(Shape::Bracket, "[laughter]"), None);
    assert_eq!(read(Shape::Bracket, "[link](https://x)"), None);
    assert_eq!(
        read(Shape::Timed, "Jane Doe  0:33"),
        Some(("Jane Doe", Some(33.0), ""))
    );
    assert_eq!(
        read(Shape::Timed, "发言人 1  00:01"),
        Some(("发言人 1", Some(1.0), ""))
    );
    assert_eq!(
        read(Shape::Timed, "12:05 - Jane"),
        Some(("Jane", Some(725.0), ""))
    );
    assert_eq!(
        read(Shape::Timed, "Kelly [0:05] Thanks."),
        Some(("Kelly", Some(5.0), "Thanks."))
    );
    assert_eq!(read(Shape::Timed, "00:03:12 Yeah."), None);
    assert_eq!(read(Shape::Timed, "11:16 A.M. EDT"), None);
    assert_eq!(
        read(Shape::Spaced, "Q    Where?"),
        Some(("Q", None, "Where?"))
    );
    assert_eq!(read(Shape::Spaced, "A\tHome."), Some(("A", None, "Home.")));
    assert_eq!(
        read(Shape::Spaced, "山田　そうです。"),
        Some(("山田", None, "そうです。"))
    );
    assert_eq!(read(Shape::Spaced, "Yes.  I think so."), None);
    assert_eq!(
        read(Shape::Marker, "○議長（梶　泰久）"),
        Some(("議長（梶　泰久）", None, ""))
    );
    assert_eq!(
        read(Shape::Marker, "◯위원장 홍길동 감사를 시작하겠습니다."),
        Some(("위원장 홍길동", None, "감사를 시작하겠습니다."))
    );
    assert_eq!(
        read(Shape::Marker, "○（伊藤よしのり議長）　開会します。"),
        Some(("伊藤よしのり議長", None, "開会します。"))
    );
    assert_eq!(
        read(Shape::Period, "Mr. SMITH. Thank you."),
        Some(("Mr. SMITH", None, "Thank you."))
    );
    assert_eq!(
        read(Shape::Period, "MS. ZOBEL.1 Thank you."),
        Some(("MS. ZOBEL", None, "Thank you."))
    );
    assert_eq!(
        read(Shape::Period, "The CHAIRMAN. Order."),
        Some(("The CHAIRMAN", None, "Order."))
    );
    assert_eq!(read(Shape::Period, "This is it. Then"), None);
    assert_eq!(read(Shape::Dash, "——您好？"), Some(("——", None, "您好？")));
    assert_eq!(read(Shape::Dash, "────────"), None);
    assert_eq!(read(Shape::NameLine, "山田"), Some(("山田", None, "")));
    assert_eq!(read(Shape::NameLine, "9月30日（星期三）"), None);
    let bold = candidate(Shape::Bold, "Jane text", LineKind::Strong(4));
    assert_eq!(bold.map(|c| c.name), Some("Jane"));
}

#[test]
fn names_roles_metadata_and_machine_names() {
    assert!(is_name("Mr. Haddad") && is_name("主持人") && is_name("SPEAKER_00"));
    assert!(!is_name("_page") && !is_name("https://x") && !is_name("12") && !is_name("a, b"));
    assert!(is_role("Q") && is_role("主持人") && !is_role("Jane"));
    assert!(
        is_metadata_key("作者") && is_metadata_key("Date") && is_metadata_key("程序委員會意見")
    );
    assert!(
        is_diarized_name("SPEAKER_S3")
            && is_diarized_name("说话人1")
            && !is_diarized_name("Speaker")
    );
    assert!(reads_like_a_name("Mr. Haddad") && !reads_like_a_name("He said"));
    assert!(!reads_like_a_name("他说") && !reads_like_a_name("通過臨時提案9項"));
    assert!(is_manner("laughing") && is_manner("As interpreted.") && !is_manner("second panel"));
    assert!(is_time_of_day("11:16 A.M. EDT") && is_time_of_day("午前10時00分　開会"));
}

#[test]
fn found_by_fuzzing() {
    // A middle dot is two bytes: the bullet test must step over all of it.
    assert_eq!(read(Shape::Colon, "·\u{9a}d: x"), None);
    assert!(read(Shape::Colon, "· Ada: hi").is_some());
}
