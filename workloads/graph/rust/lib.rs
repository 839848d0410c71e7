//! graph in Rust: PageRank over a CSR graph (format.ts) in node.ts's update
//! order (dangling mass, teleport, damping 0.85): the doubles match bit for bit.
#[path = "../../../wasm/rust/abi.rs"]
mod abi;
use abi::read_u32le;

const HEADER_BYTES: usize = 12;
const DAMPING: f64 = 0.85;

fn workload(input: &[u8]) -> Vec<u8> {
    assert!(input.len() >= HEADER_BYTES, "graph: input shorter than its header");
    let (nodes, edges, iterations) = (read_u32le(input, 0) as usize, read_u32le(input, 4) as usize, read_u32le(input, 8));
    assert!(input.len() == HEADER_BYTES + 4 * (nodes + 1 + edges), "graph: size does not match header");
    let offsets: Vec<u32> = (0..=nodes).map(|i| read_u32le(input, HEADER_BYTES + 4 * i)).collect();
    let targets: Vec<u32> = (0..edges).map(|e| read_u32le(input, HEADER_BYTES + 4 * (nodes + 1 + e))).collect();
    assert!(offsets[0] == 0 && offsets[nodes] as usize == edges, "graph: offsets must run from 0 to the edge count");
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "graph: offsets must not decrease");
    assert!(targets.iter().all(|&t| (t as usize) < nodes), "graph: edge target out of range");
    let mut rank = vec![1.0 / nodes as f64; nodes];
    let mut next = vec![0f64; nodes];
    let teleport = (1.0 - DAMPING) / nodes as f64;
    for _ in 0..iterations {
        next.iter_mut().for_each(|x| *x = 0.0);
        let mut dangling = 0.0;
        for u in 0..nodes {
            let (start, end) = (offsets[u] as usize, offsets[u + 1] as usize);
            let r = rank[u];
            if start == end {
                dangling += r;
                continue;
            }
            let share = r / (end - start) as f64;
            for &t in &targets[start..end] {
                next[t as usize] += share;
            }
        }
        let base = teleport + (DAMPING * dangling) / nodes as f64;
        for v in next.iter_mut() {
            *v = base + DAMPING * *v;
        }
        std::mem::swap(&mut rank, &mut next);
    }
    rank.iter().flat_map(|x| x.to_le_bytes()).collect()
}
