//! image in Rust: RGBA -> gray (BT.601 weights), 3x3 box blur with clamped
//! edges, 2x downscale by averaging: the integer arithmetic of node.ts.
#[path = "../../../wasm/rust/abi.rs"]
mod abi;
use abi::read_u32le;

const HEADER_BYTES: usize = 8;

fn with_header(width: usize, height: usize, body: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_BYTES + body);
    out.extend_from_slice(&(width as u32).to_le_bytes());
    out.extend_from_slice(&(height as u32).to_le_bytes());
    out
}

fn workload(input: &[u8]) -> Vec<u8> {
    assert!(input.len() >= HEADER_BYTES, "image: buffer shorter than its header");
    let (width, height) = (read_u32le(input, 0) as usize, read_u32le(input, 4) as usize);
    let pixels = width * height;
    assert!(input.len() == HEADER_BYTES + pixels * 4, "image: expected width x height RGBA pixels");
    if pixels == 0 {
        return with_header(0, 0, 0);
    }
    let gray: Vec<u8> = input[HEADER_BYTES..]
        .chunks_exact(4)
        .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32 + 128) >> 8) as u8)
        .collect();
    let mut rows = vec![0u16; pixels];
    for y in 0..height {
        let row = y * width;
        if width == 1 {
            rows[row] = 3 * gray[row] as u16;
            continue;
        }
        rows[row] = 2 * gray[row] as u16 + gray[row + 1] as u16;
        for i in row + 1..row + width - 1 {
            rows[i] = gray[i - 1] as u16 + gray[i] as u16 + gray[i + 1] as u16;
        }
        rows[row + width - 1] = gray[row + width - 2] as u16 + 2 * gray[row + width - 1] as u16;
    }
    let mut blurred = vec![0u8; pixels];
    for y in 0..height {
        let mid = y * width;
        let up = if y > 0 { mid - width } else { mid };
        let down = if y < height - 1 { mid + width } else { mid };
        for x in 0..width {
            blurred[mid + x] = ((rows[up + x] as u32 + rows[mid + x] as u32 + rows[down + x] as u32 + 4) / 9) as u8;
        }
    }
    let (out_width, out_height) = ((width + 1) >> 1, (height + 1) >> 1);
    let mut out = with_header(out_width, out_height, out_width * out_height);
    for oy in 0..out_height {
        let top = 2 * oy * width;
        let bottom = if 2 * oy + 1 < height { top + width } else { top };
        for ox in 0..out_width {
            let left = 2 * ox;
            let right = if left + 1 < width { left + 1 } else { left };
            let sum = blurred[top + left] as u32 + blurred[top + right] as u32 + blurred[bottom + left] as u32 + blurred[bottom + right] as u32;
            out.push(((sum + 2) >> 2) as u8);
        }
    }
    out
}
