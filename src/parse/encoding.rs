//! Turning a file's bytes into text: BOMs, UTF-16 without a BOM, UTF-8, and the legacy Chinese
//! encodings (GBK/GB18030, Big5) guessed by chardetng, or an encoding the user names.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// Text decoded from a file.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: &'static Encoding,
    /// Set when the text may be wrong: malformed bytes were replaced, or the result is full of
    /// private-use characters (Big5 read as GBK does that). Names the encoding used and how to
    /// choose another.
    pub warning: Option<String>,
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EncodingError {
    /// `--encoding` named something encoding_rs does not know.
    #[error("unknown encoding label {0:?}")]
    UnknownLabel(String),
    /// NUL bytes that are not UTF-16: not a text file.
    #[error("binary file (NUL byte at offset {offset})")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
}

/// How much of a file chardetng and the UTF-16 sniffer look at: enough to be sure, without
/// reading 100 MB twice.
const SNIFF_LEN: usize = 1 << 20;

/// Decodes a file's bytes. `label` is `--encoding`: `None` or `"auto"` detects, anything else
/// must be an encoding label (`gbk`, `big5`, `utf-16le`, …).
///
/// Detection order: a BOM; UTF-16 without a BOM (NUL bytes at alternating offsets); valid
/// UTF-8; else chardetng's guess. Pass a `Vec<u8>` to decode UTF-8 without copying it: the
/// vector becomes the string.
///
/// # Errors
/// [`EncodingError::UnknownLabel`] for a label that names no encoding,
/// [`EncodingError::Binary`] for NUL bytes in anything but UTF-16.
pub fn decode(bytes: impl Into<Vec<u8>>, label: Option<&str>) -> Result<Decoded, EncodingError> {
    let bytes = bytes.into();
    match label.map(str::trim) {
        None => detect_and_decode(bytes),
        Some(label) if label.eq_ignore_ascii_case("auto") => detect_and_decode(bytes),
        Some(label) => {
            let encoding = Encoding::for_label(label.as_bytes())
                .ok_or_else(|| EncodingError::UnknownLabel(label.to_owned()))?;
            if encoding != UTF_16LE && encoding != UTF_16BE {
                reject_nul(&bytes)?;
            }
            Ok(decode_as(bytes, encoding))
        }
    }
}

/// Whether the first bytes of an input are already enough to tell it is not text: NUL bytes
/// that are not UTF-16. Checked on the first block read, so `/dev/zero` or `/dev/urandom` end
/// at once instead of being read to the end.
///
/// # Errors
/// [`EncodingError::Binary`] when the head is binary.
pub fn check_head(head: &[u8]) -> Result<(), EncodingError> {
    if Encoding::for_bom(head).is_some() {
        return Ok(());
    }
    let Some(offset) = memchr::memchr(0, head) else {
        return Ok(());
    };
    // A block may end in the middle of a UTF-16 code unit.
    let even = &head[..head.len() & !1];
    match sniff_utf16(even) {
        Some(_) => Ok(()),
        None => Err(EncodingError::Binary { offset }),
    }
}

fn reject_nul(bytes: &[u8]) -> Result<(), EncodingError> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(EncodingError::Binary { offset }),
        None => Ok(()),
    }
}

fn detect_and_decode(mut bytes: Vec<u8>) -> Result<Decoded, EncodingError> {
    if let Some((encoding, _)) = Encoding::for_bom(&bytes) {
        return Ok(decode_as(bytes, encoding));
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return match sniff_utf16(&bytes) {
            Some(encoding) => Ok(decode_as(bytes, encoding)),
            None => Err(EncodingError::Binary { offset }),
        };
    }
    // Valid UTF-8, the common case, is validated once and becomes the string as it is; it
    // cannot have decoding errors, so it needs no further look for a warning either.
    match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: UTF_8,
                warning: None,
            });
        }
        Err(error) => bytes = error.into_bytes(),
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    // chardetng 1.0 names the options `new()`/`guess(None, true)` had: ISO-2022-JP is 7-bit,
    // so valid UTF-8 and already handled; the bytes are not UTF-8, so no point allowing it.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    Ok(decode_as(bytes, encoding))
}

/// UTF-16 without a BOM: ASCII characters (line ends, punctuation, Latin names) leave NUL high
/// bytes, all at odd offsets (LE) or all at even ones (BE). A few CJK characters have a NUL low
/// byte (一 is U+4E00: about one NUL in seven in the sample), so the other parity may hold some. Binary data fails the final check:
/// it decodes with unpaired surrogates or is full of control characters.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let encoding = if odd > even * 3 {
        UTF_16LE
    } else if even > odd * 3 {
        UTF_16BE
    } else {
        return None;
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let chars = text.chars().count();
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    (controls * 100 <= chars).then_some(encoding)
}

/// Decodes with a known encoding, reusing the buffer when it is valid UTF-8, and explains in a
/// warning when the result looks wrong.
fn decode_as(mut bytes: Vec<u8>, encoding: &'static Encoding) -> Decoded {
    let (text, had_errors) = if encoding == UTF_8 {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            // Shifts the text in place: no second buffer for a 100 MB file.
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => (text, false),
            Err(error) => (String::from_utf8_lossy(error.as_bytes()).into_owned(), true),
        }
    } else {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        (text.into_owned(), had_errors)
    };
    let warning = warning(&text, encoding, had_errors);
    Decoded {
        text,
        encoding,
        warning,
    }
}

fn warning(text: &str, encoding: &'static Encoding, had_errors: bool) -> Option<String> {
    // Big5 and GBK are each other's usual mistake; for anything else, GB18030 reads the most.
    let other = if encoding == BIG5 { "gb18030" } else { "big5" };
    let name = encoding.name();
    if had_errors {
        return Some(format!(
            "decoded as {name} with malformed bytes replaced by \u{FFFD}; \
             if the text looks wrong, choose the encoding, e.g. --encoding {other}"
        ));
    }
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return None;
    }
    let mut chars = 0usize;
    let mut private = 0usize;
    for c in text.chars() {
        chars += 1;
        private += usize::from(matches!(c, '\u{E000}'..='\u{F8FF}'));
    }
    let many = private >= 3 || (private > 0 && private * 200 >= chars);
    let likely = encoding == GBK || encoding == GB18030 || encoding == BIG5;
    (many && likely).then(|| {
        format!(
            "decoded as {name}, but {private} characters are private-use, which suggests another \
             encoding; try --encoding {other}"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../assets/mudanjiang-police-interview.txt");

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_is_reused_and_bom_removed() {
        let decoded = decode(b"\xEF\xBB\xBFA: hi\n".to_vec(), None).expect("text");
        assert_eq!(decoded.text, "A: hi\n");
        assert_eq!(decoded.encoding, UTF_8);
        assert!(decoded.warning.is_none());

        let bytes = SAMPLE.as_bytes().to_vec();
        let pointer = bytes.as_ptr();
        let decoded = decode(bytes, None).expect("text");
        assert_eq!(decoded.text.as_ptr(), pointer, "the buffer must be reused");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(utf16le(SAMPLE));
        let decoded = decode(with_bom, None).expect("text");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, UTF_16LE)
        );

        let decoded = decode(utf16le(SAMPLE), None).expect("text");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, UTF_16LE)
        );

        let be: Vec<u8> = "A: 你好\nB: hi\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let decoded = decode(be, None).expect("text");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("A: 你好\nB: hi\n", UTF_16BE)
        );
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GBK.encode(SAMPLE);
        let decoded = decode(&*bytes, None).expect("text");
        assert_eq!(decoded.text, SAMPLE);
        assert!(decoded.warning.is_none(), "{:?}", decoded.warning);
    }

    #[test]
    fn binary_and_unknown_labels_are_errors() {
        let error = decode(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x01"[..], None).unwrap_err();
        assert_eq!(error.to_string(), "binary file (NUL byte at offset 8)");
        let error = decode(&b"a\0b"[..], Some("gbk")).unwrap_err();
        assert_eq!(error, EncodingError::Binary { offset: 1 });
        let error = decode(&b"abc"[..], Some("foo")).unwrap_err();
        assert_eq!(error.to_string(), "unknown encoding label \"foo\"");
    }

    #[test]
    fn explicit_labels_win() {
        let (bytes, _, _) = BIG5.encode("記者：你好。");
        let decoded = decode(&*bytes, Some("big5")).expect("text");
        assert_eq!(decoded.text, "記者：你好。");
        let decoded = decode(&b"plain"[..], Some("auto")).expect("text");
        assert_eq!(decoded.encoding, UTF_8);
    }

    #[test]
    fn wrong_encodings_warn_with_the_way_out() {
        let (bytes, _, _) =
            BIG5.encode("記者：請問，您對這次選舉有什麼看法？受訪者：我覺得，很好。");
        let decoded = decode(&*bytes, Some("gbk")).expect("text");
        let warning = decoded.warning.expect("a warning");
        assert!(
            warning.contains("GBK") && warning.contains("--encoding big5"),
            "{warning}"
        );

        let decoded = decode(&b"caf\xE9"[..], Some("utf-8")).expect("text");
        assert_eq!(decoded.text, "caf\u{FFFD}");
        assert!(decoded.warning.expect("a warning").contains("UTF-8"));
    }

    #[test]
    fn random_bytes_never_panic() {
        // A small deterministic generator: the crate has no rand dependency.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()[0]
                })
                .collect();
            let _ = decode(bytes.clone(), None);
            let _ = decode(bytes, Some("utf-16be"));
        }
    }
}
