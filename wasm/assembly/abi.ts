// The calling convention every workload's core module shares with the host
// (wasm/loader.ts). Bytes cross the boundary through linear memory directly:
// the host writes the input into a scratch region it asks for with
// `inputBuffer`, calls `run(ptr, len)`, and copies `outputPtr()..+len` out.
// No generated glue: asc's --bindings were 5-10x slower for byte payloads.

let inputPtr: usize = 0;
let inputCapacity: i32 = 0;
// Rooted in a global so the GC keeps the result alive until the host has
// copied it out; it is released when the next call replaces it.
let output: ArrayBuffer | null = null;

/** A scratch region of at least `len` bytes for the host to write the input into. Reused across calls. */
export function inputBuffer(len: i32): usize {
  if (len > inputCapacity) {
    if (inputPtr != 0) heap.free(inputPtr);
    inputCapacity = max(len, 64);
    inputPtr = heap.alloc(<usize>inputCapacity);
  }
  return inputPtr;
}

/** Where the last call's output starts in linear memory. */
export function outputPtr(): usize {
  const out = output;
  return out === null ? 0 : changetype<usize>(out);
}

/** Publishes a byte result; returns its length for `run` to return. */
export function setOutputBuffer(buffer: ArrayBuffer): i32 {
  output = buffer;
  return buffer.byteLength;
}

/** Publishes a byte result held in a Uint8Array view (copies only if the view is partial). */
export function setOutputBytes(bytes: Uint8Array): i32 {
  if (bytes.byteOffset == 0 && bytes.byteLength == bytes.buffer.byteLength) return setOutputBuffer(bytes.buffer);
  return setOutputBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Publishes a text result as UTF-8. */
export function setOutputString(text: string): i32 {
  return setOutputBuffer(String.UTF8.encode(text));
}

/** Decodes a UTF-8 input the host wrote at `ptr`. */
export function inputString(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

/** Copies a byte input the host wrote at `ptr` into a managed array. */
export function inputBytes(ptr: usize, len: i32): Uint8Array {
  const bytes = new Uint8Array(len);
  memory.copy(bytes.dataStart, ptr, <usize>len);
  return bytes;
}
