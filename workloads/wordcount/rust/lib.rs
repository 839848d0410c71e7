//! wordcount in Rust: the 100 most frequent words as "word\tcount\n" lines,
//! ties broken by UTF-16 code-unit order (node.ts's string comparison). A
//! word is a run of ASCII letters and digits or any non-ASCII character; ASCII
//! letters are folded to lower case.
#[path = "../../../wasm/rust/abi.rs"]
mod abi;
use std::collections::HashMap;

const TOP: usize = 100;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b >= 0x80
}

fn workload(input: &[u8]) -> Vec<u8> {
    let folded = input.to_ascii_lowercase();
    let mut counts: HashMap<&[u8], u32> = HashMap::new();
    for word in folded.split(|&b| !is_word_byte(b)).filter(|w| !w.is_empty()) {
        *counts.entry(word).or_insert(0) += 1;
    }
    // A word is a run of whole UTF-8 characters (split only at ASCII bytes), so it is valid text.
    let mut ranked: Vec<(&str, u32)> = counts.into_iter().map(|(w, c)| (std::str::from_utf8(w).expect("utf-8 input"), c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.encode_utf16().cmp(b.0.encode_utf16())));
    let mut out = Vec::new();
    for (word, count) in ranked.into_iter().take(TOP) {
        out.extend_from_slice(word.as_bytes());
        out.push(b'\t');
        out.extend_from_slice(count.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}
