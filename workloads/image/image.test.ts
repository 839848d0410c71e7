/**
 * The image pipeline against hand-computed images and an independent, naive
 * reference (direct 3x3 neighbourhood with clamped coordinates), in both the
 * TypeScript implementation and the built Wasm module.
 */
import { describe, expect, it } from 'vitest';
import { workloadArtifacts } from '../../harness/paths.js';
import { loadWorkloadModule } from '../../wasm/loader.js';
import { createRandom } from '../_kit/random.js';
import { HEADER_BYTES, readDimensions, withHeader } from './format.js';
import { run as runNode } from './node.js';
import definition, { generateImage } from './workload.js';

const wasm = await loadWorkloadModule(workloadArtifacts('image').wasm, definition.payload);
const implementations = [
  ['node', runNode],
  ['wasm', (input: Uint8Array) => wasm.call(input) as Uint8Array],
] as const;

/** Encodes an image from rows of [r, g, b] pixels (alpha 255). */
function rgbImage(rows: ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>): Uint8Array {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const bytes = withHeader(width, height, width * height * 4);
  rows.flat().forEach(([r, g, b], p) => bytes.set([r, g, b, 255], HEADER_BYTES + p * 4));
  return bytes;
}

/** Header plus grayscale bytes, as the pipeline returns them. */
function grayImage(width: number, height: number, values: readonly number[]): Uint8Array {
  const bytes = withHeader(width, height, values.length);
  bytes.set(values, HEADER_BYTES);
  return bytes;
}

/** Straight from the definition: no separable passes, no edge special cases. */
function naiveReference(input: Uint8Array): Uint8Array {
  const { width, height } = readDimensions(input);
  const at = (x: number, y: number): number => {
    const cx = Math.min(Math.max(x, 0), width - 1);
    const cy = Math.min(Math.max(y, 0), height - 1);
    const i = HEADER_BYTES + (cy * width + cx) * 4;
    return Math.floor((77 * input[i]! + 150 * input[i + 1]! + 29 * input[i + 2]! + 128) / 256);
  };
  const blurred = (x: number, y: number): number => {
    const cx = Math.min(x, width - 1);
    const cy = Math.min(y, height - 1);
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(cx + dx, cy + dy);
    return Math.floor((sum + 4) / 9);
  };
  const outWidth = Math.ceil(width / 2);
  const outHeight = Math.ceil(height / 2);
  const values: number[] = [];
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const sum = blurred(2 * x, 2 * y) + blurred(2 * x + 1, 2 * y) + blurred(2 * x, 2 * y + 1) + blurred(2 * x + 1, 2 * y + 1);
      values.push(Math.floor((sum + 2) / 4));
    }
  }
  return grayImage(outWidth, outHeight, values);
}

const BLACK = [0, 0, 0] as const;
const WHITE = [255, 255, 255] as const;

describe.each(implementations)('image pipeline (%s)', (_name, run) => {
  it('maps a single pixel to its BT.601 luma', () => {
    // (77*255 + 128) >> 8 = 77; (150*255 + 128) >> 8 = 149; (29*255 + 128) >> 8 = 29
    expect(run(rgbImage([[[255, 0, 0]]]))).toEqual(grayImage(1, 1, [77]));
    expect(run(rgbImage([[[0, 255, 0]]]))).toEqual(grayImage(1, 1, [149]));
    expect(run(rgbImage([[[0, 0, 255]]]))).toEqual(grayImage(1, 1, [29]));
    expect(run(rgbImage([[WHITE]]))).toEqual(grayImage(1, 1, [255]));
  });

  it('blurs with clamped edges and rounds the 2x2 average (hand-computed)', () => {
    // Gray 255 0: row sums 510 255, blur (3*510+4)/9 = 170 and (3*255+4)/9 = 85,
    // one output pixel (2*170 + 2*85 + 2) >> 2 = 128.
    expect(run(rgbImage([[WHITE, BLACK]]))).toEqual(grayImage(1, 1, [128]));
    // A lone white centre in 3x3: every clamped neighbourhood holds it once,
    // so every blurred pixel is (255+4)/9 = 28; the 2x2 output is all 28.
    const centre = rgbImage([[BLACK, BLACK, BLACK], [BLACK, WHITE, BLACK], [BLACK, BLACK, BLACK]]);
    expect(run(centre)).toEqual(grayImage(2, 2, [28, 28, 28, 28]));
    // Columns 255 255 0 0: blurred columns 255 170 85 0; output (2*255+2*170+2)>>2 = 213, (2*85+2)>>2 = 43.
    const half = rgbImage(Array.from({ length: 4 }, () => [WHITE, WHITE, BLACK, BLACK]));
    expect(run(half)).toEqual(grayImage(2, 2, [213, 43, 213, 43]));
  });

  it('keeps a uniform image uniform', () => {
    const rows = Array.from({ length: 5 }, () => Array.from({ length: 7 }, () => [10, 200, 90] as const));
    const gray = (77 * 10 + 150 * 200 + 29 * 90 + 128) >> 8;
    expect(run(rgbImage(rows))).toEqual(grayImage(4, 3, new Array<number>(12).fill(gray)));
  });

  it.each([
    [1, 1],
    [1, 9],
    [9, 1],
    [2, 2],
    [7, 5],
    [64, 33],
  ])('matches the naive reference on a %ix%i generated image', (width, height) => {
    const input = generateImage(width, height, 3, createRandom(width * 1000 + height));
    expect(run(input)).toEqual(naiveReference(input));
  });

  it('matches the naive reference on the small preset', () => {
    const input = definition.generateInput('small', 42) as Uint8Array;
    expect(run(input)).toEqual(naiveReference(input));
  });

  it('returns an empty image for zero pixels', () => {
    expect(run(withHeader(0, 5, 0))).toEqual(grayImage(0, 0, []));
  });
});

describe('image input', () => {
  it('is deterministic and self-describing', () => {
    const a = definition.generateInput('small', 5) as Uint8Array;
    expect(Buffer.from(definition.generateInput('small', 5) as Uint8Array).equals(a)).toBe(true);
    expect(Buffer.from(definition.generateInput('small', 6) as Uint8Array).equals(a)).toBe(false);
    expect(readDimensions(a)).toEqual({ width: 64, height: 64 });
    expect(a.length).toBe(HEADER_BYTES + 64 * 64 * 4);
  });

  it('is rejected when its length does not match the header', async () => {
    const bad = withHeader(4, 4, 10);
    expect(() => runNode(bad)).toThrow(RangeError);
    const fresh = await loadWorkloadModule(workloadArtifacts('image').wasm, definition.payload);
    expect(() => fresh.call(bad)).toThrow(/wasm abort/);
  });
});
