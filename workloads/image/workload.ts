import { defineWorkload } from '../_kit/define.js';
import { alreadyIdiomatic } from '../../harness/workloads/idiomatic.js';
import { createRandom, seedFor, type Random } from '../_kit/random.js';
import { HEADER_BYTES } from './format.js';

const DIMENSIONS = {
  small: { width: 64, height: 64, shapes: 4 },
  medium: { width: 512, height: 512, shapes: 12 },
  large: { width: 1600, height: 1200, shapes: 24 },
} as const;

export default defineWorkload({
  name: 'image',
  description:
    'Thumbnailer step: RGBA8 image to grayscale, 3x3 box blur (edges clamped), 2x downscale; returns the small grayscale image.',
  stresses: ['byte-wise integer arithmetic', 'sequential memory passes over a large buffer', 'scratch buffers per call'],
  payload: { input: 'bytes', output: 'bytes' },
  sizes: {
    small: { description: '64x64 RGBA (16 KiB) to 32x32', params: DIMENSIONS.small },
    medium: { description: '512x512 RGBA (1 MiB) to 256x256', params: DIMENSIONS.medium },
    large: { description: '1600x1200 RGBA (7.3 MiB) to 800x600', params: DIMENSIONS.large },
  },
  asc: {
    runtime: 'incremental',
    why: 'allocates three image-sized scratch buffers and the output per call; the incremental GC reclaims them without host help',
  },
  unsupportedTargets: { 'node-idiomatic': alreadyIdiomatic("Node has no built-in image processing; typed-array loops are what a handler without dependencies writes (sharp, the usual choice, is an npm native addon rather than part of Node, and follows libvips' own greyscale and resampling formulas, not this pipeline's rounding rules)") },
  generateInput: (size, seed) => {
    const { width, height, shapes } = DIMENSIONS[size];
    return generateImage(width, height, shapes, createRandom(seedFor(size, seed)));
  },
});

/**
 * A photo-like test image: colour gradients, per-pixel noise, then filled
 * rectangles and discs in random colours. Integer arithmetic only, so the
 * bytes are identical on every machine.
 */
export function generateImage(width: number, height: number, shapes: number, random: Random): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + width * height * 4);
  const header = new DataView(bytes.buffer, 0, HEADER_BYTES);
  header.setUint32(0, width, true);
  header.setUint32(4, height, true);
  const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let y = 0, i = HEADER_BYTES; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      const noise = random.int(33) - 16;
      bytes[i] = clamp(Math.floor((x * 256) / width) + noise);
      bytes[i + 1] = clamp(Math.floor((y * 256) / height) + noise);
      bytes[i + 2] = clamp(64 + Math.floor(((x + y) * 128) / (width + height)) + noise);
      bytes[i + 3] = 255;
    }
  }
  for (let s = 0; s < shapes; s++) {
    const [r, g, b] = [random.byte(), random.byte(), random.byte()];
    const cx = random.int(width);
    const cy = random.int(height);
    const extent = 1 + random.int(Math.max(1, Math.floor(Math.min(width, height) / 4)));
    const disc = random.int(2) === 1;
    for (let y = Math.max(0, cy - extent); y < Math.min(height, cy + extent); y++) {
      for (let x = Math.max(0, cx - extent); x < Math.min(width, cx + extent); x++) {
        if (disc && (x - cx) * (x - cx) + (y - cy) * (y - cy) > extent * extent) continue;
        const i = HEADER_BYTES + (y * width + x) * 4;
        bytes[i] = r;
        bytes[i + 1] = g;
        bytes[i + 2] = b;
      }
    }
  }
  return bytes;
}
