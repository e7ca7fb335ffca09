//! Any query in every mode compiles or is refused, and matching never panics.
#![no_main]

use fangtan::search::{Query, QueryOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, bool, bool, &str, &str)| {
    let (regex, pinyin, same_script, pattern, haystack) = input;
    let options = QueryOptions {
        regex,
        pinyin,
        same_script,
    };
    if let Ok(query) = Query::new(pattern, options) {
        for found in query.find_iter(haystack) {
            assert!(haystack.get(found).is_some());
        }
    }
});
