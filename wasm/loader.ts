/**
 * Host side of the core-module calling convention (see wasm/assembly/abi.ts).
 *
 * Loading is split into the phases a cold start pays, so the cold-start
 * runner can time each: read bytes -> compile -> instantiate -> bind.
 * The bound call copies the input into linear memory and the output back
 * out, because that is what a Lambda handler wrapping the module pays.
 */
import { readFile } from 'node:fs/promises';
import type { Payload, PayloadKind, WorkloadFunction } from '../harness/contract/index.js';

/** Exports every workload core module provides. */
export interface WorkloadModuleExports {
  readonly memory: WebAssembly.Memory;
  inputBuffer(len: number): number;
  run(ptr: number, len: number): number;
  outputPtr(): number;
}

/** A bound, callable workload module. */
export interface BoundWasmWorkload {
  /** Runs the workload on one input; input and output are copied across the boundary. */
  readonly call: WorkloadFunction;
  /** Current size of the module's linear memory, in bytes. */
  memoryBytes(): number;
}

/** Reads a module's bytes from disk (its own phase in a cold start). */
export async function readModuleBytes(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const file = await readFile(path);
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength) as Uint8Array<ArrayBuffer>;
}

/** Compiles module bytes. Note: V8 compiles lazily, so most code generation happens on first call. */
export function compileModule(bytes: Uint8Array<ArrayBuffer>): Promise<WebAssembly.Module> {
  return WebAssembly.compile(bytes);
}

/** Instantiates a compiled module with the imports AssemblyScript needs. */
export async function instantiateModule(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    env: {
      // asc's `abort(message, fileName, line, column)`; strings are AS UTF-16 objects.
      abort(messagePtr: number, filePtr: number, line: number, column: number): never {
        const text = (ptr: number): string => (memory && ptr ? readAsString(memory, ptr) : '?');
        throw new Error(`wasm abort: ${text(messagePtr)} at ${text(filePtr)}:${line}:${column}`);
      },
    },
  };
  const instance = await WebAssembly.instantiate(module, imports);
  memory = (instance.exports as unknown as WorkloadModuleExports).memory;
  return instance;
}

/** Binds the calling convention to an instance, for the workload's payload kinds. */
export function bindWorkload(
  instance: WebAssembly.Instance,
  payload: { readonly input: PayloadKind; readonly output: PayloadKind },
): BoundWasmWorkload {
  const exports = instance.exports as unknown as WorkloadModuleExports;
  for (const name of ['memory', 'inputBuffer', 'run', 'outputPtr'] as const) {
    if (!(name in exports)) throw new Error(`wasm module does not export "${name}"`);
  }
  const { memory } = exports;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // One view of all of memory, replaced only when the module grows memory
  // (growth detaches the old buffer, so its view's length drops to 0).
  let heap = new Uint8Array(memory.buffer);
  const currentHeap = (): Uint8Array => {
    if (heap.byteLength === 0) heap = new Uint8Array(memory.buffer);
    return heap;
  };

  const writeInput = (input: Payload): { ptr: number; len: number } => {
    if (typeof input === 'string') {
      // UTF-8 needs at most 3 bytes per UTF-16 code unit.
      const capacity = input.length * 3;
      const ptr = exports.inputBuffer(capacity);
      const { written } = encoder.encodeInto(input, currentHeap().subarray(ptr, ptr + capacity));
      return { ptr, len: written };
    }
    const ptr = exports.inputBuffer(input.length);
    currentHeap().set(input, ptr);
    return { ptr, len: input.length };
  };

  const call: WorkloadFunction = (input) => {
    if ((typeof input === 'string') !== (payload.input === 'text')) {
      throw new TypeError(`expected ${payload.input} input`);
    }
    const { ptr, len } = writeInput(input);
    const outLen = exports.run(ptr, len);
    const outPtr = exports.outputPtr();
    const memoryNow = currentHeap();
    return payload.output === 'text'
      ? decoder.decode(memoryNow.subarray(outPtr, outPtr + outLen))
      : memoryNow.slice(outPtr, outPtr + outLen);
  };
  return { call, memoryBytes: () => memory.buffer.byteLength };
}

/** Reads, compiles, instantiates and binds in one step (for warm use and tests). */
export async function loadWorkloadModule(
  path: string,
  payload: { readonly input: PayloadKind; readonly output: PayloadKind },
): Promise<BoundWasmWorkload> {
  const module = await compileModule(await readModuleBytes(path));
  return bindWorkload(await instantiateModule(module), payload);
}

/** Reads an AssemblyScript string object (UTF-16, length in the header word before it). */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  const view = new DataView(memory.buffer);
  const byteLength = view.getUint32(ptr - 4, true);
  return Buffer.from(memory.buffer, ptr, byteLength).toString('utf16le');
}
