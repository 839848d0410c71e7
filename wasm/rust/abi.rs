//! The calling convention every Rust workload shares with the host, the same
//! one the AssemblyScript and C modules export (wasm/assembly/abi.ts, read by
//! wasm/loader.ts): `inputBuffer(len)` hands out a scratch region, `run(ptr,
//! len)` computes, `outputPtr()` says where the result is. A workload file
//! includes this module and defines `workload(input: &[u8]) -> Vec<u8>`.
//! std only (Vec, HashMap, sort): no crates, so Debian's rustc with its
//! wasm32 standard library builds it offline.

use std::cell::RefCell;

thread_local! {
    // The input region is reused across calls; the output lives until the next call,
    // as the other languages' modules keep theirs.
    static INPUT: RefCell<Vec<u8>> = RefCell::new(Vec::new());
    static OUTPUT: RefCell<Vec<u8>> = RefCell::new(Vec::new());
}

/// A scratch region of at least `len` bytes for the host to write the input into.
#[export_name = "inputBuffer"]
pub extern "C" fn input_buffer(len: i32) -> *mut u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        let want = (len.max(64)) as usize;
        if input.len() < want {
            *input = vec![0; want];
        }
        input.as_mut_ptr()
    })
}

/// Where the last call's output starts in linear memory.
#[export_name = "outputPtr"]
pub extern "C" fn output_ptr() -> *const u8 {
    OUTPUT.with(|output| output.borrow().as_ptr())
}

/// Runs the workload on `len` bytes at `ptr`; returns the output's length.
#[export_name = "run"]
pub extern "C" fn run(ptr: *const u8, len: i32) -> i32 {
    // Safety: the host wrote `len` bytes at `ptr`, a region inputBuffer handed out.
    let input = unsafe { std::slice::from_raw_parts(ptr, len as usize) };
    let result = crate::workload(input);
    let n = result.len() as i32;
    OUTPUT.with(|output| *output.borrow_mut() = result);
    n
}

/// Little-endian u32 at `at` (every Lambda architecture is little-endian).
#[allow(dead_code)] // noop, sha256 and wordcount read no binary header
pub fn read_u32le(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}
