//! matmul in Rust: C = A x B on little-endian f64 matrices (format.ts), the
//! i-p-j loop and accumulation order of node.ts, so the doubles match bit for
//! bit (Rust never fuses a multiply and an add on its own).
#[path = "../../../wasm/rust/abi.rs"]
mod abi;
use abi::read_u32le;

const HEADER_BYTES: usize = 16;
const MAX_OUTPUT_BYTES: u64 = (1 << 30) - 64;

fn f64_at(bytes: &[u8], at: usize) -> f64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    f64::from_le_bytes(b)
}

fn workload(input: &[u8]) -> Vec<u8> {
    assert!(input.len() >= HEADER_BYTES, "matmul: input shorter than its header");
    let (rows, inner, cols) = (read_u32le(input, 0) as u64, read_u32le(input, 4) as u64, read_u32le(input, 8) as u64);
    assert!(input.len() as u64 == HEADER_BYTES as u64 + 8 * (rows * inner + inner * cols), "matmul: size does not match header");
    assert!(8 * rows * cols <= MAX_OUTPUT_BYTES, "matmul: result too large");
    let (rows, inner, cols) = (rows as usize, inner as usize, cols as usize);
    let a: Vec<f64> = (0..rows * inner).map(|k| f64_at(input, HEADER_BYTES + 8 * k)).collect();
    let b_start = HEADER_BYTES + 8 * rows * inner;
    let b: Vec<f64> = (0..inner * cols).map(|k| f64_at(input, b_start + 8 * k)).collect();
    let mut c = vec![0f64; rows * cols];
    for i in 0..rows {
        let c_row = &mut c[i * cols..(i + 1) * cols];
        for p in 0..inner {
            let aip = a[i * inner + p];
            let b_row = &b[p * cols..(p + 1) * cols];
            for (cij, bpj) in c_row.iter_mut().zip(b_row) {
                *cij += aip * bpj;
            }
        }
    }
    c.iter().flat_map(|x| x.to_le_bytes()).collect()
}
