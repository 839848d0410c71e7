// The image pipeline of ../node.ts in AssemblyScript, same integer rules:
//   luma  = (77 R + 150 G + 29 B + 128) >> 8
//   blur  = (3x3 sum with edge clamping + 4) / 9
//   scale = (2x2 sum + 2) >> 2, odd last row/column clamped; output ceil(w/2) x ceil(h/2)
// Input:  u32 LE width, u32 LE height, width*height RGBA8.
// Output: u32 LE width, u32 LE height, grayscale bytes.
import { setOutputBuffer } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

const HEADER_BYTES: usize = 8;

/** Runs the pipeline on the input the host wrote at `ptr`; publishes the thumbnail. */
export function run(ptr: usize, len: i32): i32 {
  if (<usize>len < HEADER_BYTES) throw new RangeError('image: buffer shorter than its header');
  const width = load<u32>(ptr);
  const height = load<u32>(ptr, 4);
  const pixels = <usize>width * <usize>height;
  if (<u64>len != <u64>HEADER_BYTES + <u64>width * <u64>height * 4) throw new RangeError('image: size does not match header');
  if (pixels == 0) return setOutputBuffer(withHeader(0, 0));

  // The pixels are read in place from the host-written input region (no copy).
  const gray = toGray(ptr + HEADER_BYTES, pixels);
  const blurred = boxBlur3(gray, width, height);
  return setOutputBuffer(downscale2(blurred, width, height));
}

function toGray(src: usize, pixels: usize): Uint8Array {
  const gray = new Uint8Array(<i32>pixels);
  const dst = gray.dataStart;
  for (let p: usize = 0; p < pixels; p++) {
    // One 32-bit load per pixel; bytes are R, G, B, A in little-endian order.
    const rgba = load<u32>(src + (p << 2));
    const r = rgba & 0xff;
    const g = (rgba >>> 8) & 0xff;
    const b = (rgba >>> 16) & 0xff;
    store<u8>(dst + p, (77 * r + 150 * g + 29 * b + 128) >>> 8);
  }
  return gray;
}

/** Separable 3x3 box blur: exact, since integer row sums add up to the 3x3 sum. */
function boxBlur3(gray: Uint8Array, width: u32, height: u32): Uint8Array {
  const w = <usize>width;
  const g = gray.dataStart;
  // Horizontal sums of three (max 765) fit u16.
  const rowSums = new Uint16Array(<i32>(w * <usize>height));
  const rs = rowSums.dataStart;
  for (let y: usize = 0; y < <usize>height; y++) {
    const row = y * w;
    if (w == 1) {
      store<u16>(rs + (row << 1), 3 * <u32>load<u8>(g + row));
      continue;
    }
    store<u16>(rs + (row << 1), 2 * <u32>load<u8>(g + row) + <u32>load<u8>(g + row + 1));
    const end = row + w - 1;
    for (let i = row + 1; i < end; i++) {
      store<u16>(rs + (i << 1), <u32>load<u8>(g + i - 1) + <u32>load<u8>(g + i) + <u32>load<u8>(g + i + 1));
    }
    store<u16>(rs + (end << 1), <u32>load<u8>(g + end - 1) + 2 * <u32>load<u8>(g + end));
  }
  const out = new Uint8Array(<i32>(w * <usize>height));
  const o = out.dataStart;
  for (let y: usize = 0; y < <usize>height; y++) {
    const mid = y * w;
    const up = y > 0 ? mid - w : mid;
    const down = y < <usize>height - 1 ? mid + w : mid;
    for (let x: usize = 0; x < w; x++) {
      const sum = <u32>load<u16>(rs + ((up + x) << 1)) + <u32>load<u16>(rs + ((mid + x) << 1)) + <u32>load<u16>(rs + ((down + x) << 1));
      store<u8>(o + mid + x, (sum + 4) / 9);
    }
  }
  return out;
}

function downscale2(src: Uint8Array, width: u32, height: u32): ArrayBuffer {
  const w = <usize>width;
  const outWidth = (width + 1) >>> 1;
  const outHeight = (height + 1) >>> 1;
  const out = withHeader(outWidth, outHeight);
  const s = src.dataStart;
  let o = changetype<usize>(out) + HEADER_BYTES;
  for (let oy: usize = 0; oy < <usize>outHeight; oy++) {
    const top = (oy << 1) * w;
    const bottom = (oy << 1) + 1 < <usize>height ? top + w : top;
    for (let ox: usize = 0; ox < <usize>outWidth; ox++) {
      const left = ox << 1;
      const right = left + 1 < w ? left + 1 : left;
      const sum = <u32>load<u8>(s + top + left) + <u32>load<u8>(s + top + right)
        + <u32>load<u8>(s + bottom + left) + <u32>load<u8>(s + bottom + right);
      store<u8>(o++, (sum + 2) >>> 2);
    }
  }
  return out;
}

/** A zeroed output buffer for a width x height grayscale image, header written. */
function withHeader(width: u32, height: u32): ArrayBuffer {
  const out = new ArrayBuffer(<i32>(HEADER_BYTES + <usize>width * <usize>height));
  store<u32>(changetype<usize>(out), width);
  store<u32>(changetype<usize>(out), height, 4);
  return out;
}
