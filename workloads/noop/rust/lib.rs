//! noop in Rust: returns its input (the call boundary's floor).
#[path = "../../../wasm/rust/abi.rs"]
mod abi;

fn workload(input: &[u8]) -> Vec<u8> {
    input.to_vec()
}
