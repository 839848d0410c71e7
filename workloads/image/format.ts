/**
 * The image workload's wire format, shared by its generator, its TypeScript
 * implementation and its tests (the AssemblyScript side mirrors it in
 * assembly/index.ts).
 *
 * Input:  u32 LE width, u32 LE height, then width*height RGBA8 pixels, row-major.
 * Output: u32 LE width, u32 LE height, then width*height grayscale bytes, row-major,
 *         where the output size is ceil(input / 2) in each dimension.
 */

/** Bytes before the pixels in both input and output. */
export const HEADER_BYTES = 8;

/** Reads the width and height header of an input or output buffer. */
export function readDimensions(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < HEADER_BYTES) throw new RangeError('image: buffer shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return { width: view.getUint32(0, true), height: view.getUint32(4, true) };
}

/** Allocates a buffer of `HEADER_BYTES + body` bytes with the width/height header written. */
export function withHeader(width: number, height: number, bodyBytes: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + bodyBytes);
  const view = new DataView(bytes.buffer, 0, HEADER_BYTES);
  view.setUint32(0, width, true);
  view.setUint32(4, height, true);
  return bytes;
}
