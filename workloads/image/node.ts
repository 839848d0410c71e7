/**
 * Thumbnailer step as a Node Lambda would run it: RGBA8 -> grayscale ->
 * 3x3 box blur -> 2x downscale, all in integer arithmetic on typed arrays.
 *
 * Every rounding rule is spelled out because the AssemblyScript version
 * (assembly/index.ts) must produce the same bytes:
 *  - luma  = (77 R + 150 G + 29 B + 128) >> 8   (BT.601 weights in 1/256ths; alpha ignored)
 *  - blur  = (sum of the 3x3 neighbourhood + 4) / 9, truncated; coordinates outside
 *            the image are clamped to the nearest edge pixel
 *  - scale = (sum of a 2x2 block + 2) >> 2; an odd last row/column is paired with
 *            itself (clamped), so the output is ceil(w/2) x ceil(h/2)
 */
import { HEADER_BYTES, readDimensions, withHeader } from './format.js';

/** Runs the pipeline on one encoded image; returns the encoded thumbnail. */
export function run(input: Uint8Array): Uint8Array {
  const { width, height } = readDimensions(input);
  const pixels = width * height;
  if (input.length !== HEADER_BYTES + pixels * 4) throw new RangeError(`image: expected ${width}x${height} RGBA pixels`);
  if (pixels === 0) return withHeader(0, 0, 0);

  const gray = toGray(input, pixels);
  const blurred = boxBlur3(gray, width, height);
  return downscale2(blurred, width, height);
}

function toGray(input: Uint8Array, pixels: number): Uint8Array {
  const gray = new Uint8Array(pixels);
  for (let p = 0, s = HEADER_BYTES; p < pixels; p++, s += 4) {
    gray[p] = (77 * input[s]! + 150 * input[s + 1]! + 29 * input[s + 2]! + 128) >> 8;
  }
  return gray;
}

/** Separable 3x3 box blur: exact, since integer row sums add up to the 3x3 sum. */
function boxBlur3(gray: Uint8Array, width: number, height: number): Uint8Array {
  // Horizontal sums of three (max 765) fit a Uint16Array.
  const rows = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (width === 1) {
      rows[row] = 3 * gray[row]!;
      continue;
    }
    rows[row] = 2 * gray[row]! + gray[row + 1]!;
    for (let i = row + 1, end = row + width - 1; i < end; i++) rows[i] = gray[i - 1]! + gray[i]! + gray[i + 1]!;
    rows[row + width - 1] = gray[row + width - 2]! + 2 * gray[row + width - 1]!;
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const mid = y * width;
    const up = y > 0 ? mid - width : mid;
    const down = y < height - 1 ? mid + width : mid;
    for (let x = 0; x < width; x++) {
      out[mid + x] = ((rows[up + x]! + rows[mid + x]! + rows[down + x]! + 4) / 9) | 0;
    }
  }
  return out;
}

function downscale2(src: Uint8Array, width: number, height: number): Uint8Array {
  const outWidth = (width + 1) >> 1;
  const outHeight = (height + 1) >> 1;
  const out = withHeader(outWidth, outHeight, outWidth * outHeight);
  let o = HEADER_BYTES;
  for (let oy = 0; oy < outHeight; oy++) {
    const top = 2 * oy * width;
    const bottom = 2 * oy + 1 < height ? top + width : top;
    for (let ox = 0; ox < outWidth; ox++) {
      const left = 2 * ox;
      const right = left + 1 < width ? left + 1 : left;
      out[o++] = (src[top + left]! + src[top + right]! + src[bottom + left]! + src[bottom + right]! + 2) >> 2;
    }
  }
  return out;
}
