/**
 * Calls a porffor-compiled workload from Node: the host side of shim.ts.
 *
 * A porffor export takes, after two hidden (value, type) pairs (new.target
 * and this), one pair per argument, and returns the (value, type) pair of its
 * result. Values that live in memory are pointers to porffor's layouts,
 * which its own wrapper (compiler/wrap.js) reads the same way:
 * - a typed array: a header [u32 length, u32 buffer pointer], the bytes at
 *   buffer pointer + 4 (an ArrayBuffer is [u32 byteLength][bytes]);
 * - a Latin-1 string: [u32 length][one byte per character];
 * - a UTF-16 string: [u32 length][two bytes per code unit, little-endian].
 * The type numbers are porffor's internal ones, so they are learned from the
 * module itself (what each allocator returns), never hard-coded.
 */
import { SHIM_EXPORTS } from './shim.js';
import type { Payload, PayloadKind } from '../../contract/index.js';

/** porffor's type number of a plain number (its first public type: stable across versions). */
const NUMBER = 1;

/** What the binding uses of a WebAssembly.Exception. */
interface WasmException {
  is(tag: unknown): boolean;
  getArg(tag: unknown, index: number): unknown;
}

type RawExport = (...args: number[]) => [number, number];

/** A porffor module's exports as the binding uses them. */
interface PorfforExports {
  readonly $: WebAssembly.Memory;
  /** The module's top level (porffor names it `m`): runs the bundle's initialisers. */
  readonly m: () => unknown;
  readonly [name: string]: unknown;
}

function exported(exports: PorfforExports, name: string): RawExport {
  const fn = exports[name];
  if (typeof fn !== 'function') throw new Error(`the porffor module does not export ${name}`);
  return fn as RawExport;
}

/** A workload bound to a porffor instance: `call` converts, runs, reads back. */
export interface PorfforBinding {
  call(input: Payload): Payload;
  memoryBytes(): number;
}

/** One instance's binding, which also tells how far its allocations have reached. */
interface InstanceBinding extends PorfforBinding {
  /** The highest address porffor has handed out for an input or an output so far. */
  heapTop(): number;
}

/** The payload kinds of a workload. */
type PayloadKinds = { readonly input: PayloadKind; readonly output: PayloadKind };

/**
 * Linear memory past which the next call starts on a fresh instance: 1 GiB,
 * a quarter of wasm32's 4 GiB, so that one more call of the largest payload
 * (7.3 MiB in, its output out) cannot reach the limit.
 */
export const RECYCLE_BYTES = 1024 * 1024 * 1024;

/** The share of linear memory porffor's allocations may reach before the next call starts on a fresh instance. */
const RECYCLE_HEAP_SHARE = 0.5;

/** A binding that can also say how often it started over. */
export interface RecyclingBinding extends PorfforBinding {
  /** Fresh instances started because memory passed the threshold. */
  recycles(): number;
}

/**
 * Binds a porffor module for calling again and again. porffor 0.61 has no
 * garbage collector: every call's input, output and temporaries stay
 * allocated. Its allocator does not always grow memory either (it hands out
 * addresses past the end, and a call then fails out of bounds), so a long
 * warm loop would crash. A handler deployed with porffor would have to do
 * what this does: start a fresh instance of the compiled module when
 * porffor's allocations pass half of linear memory, or memory itself passes
 * `recycleBytes`. The fresh
 * instance's cost falls inside the call that triggers it, so timings include
 * it, amortised over the calls between two recycles.
 */
export function bindPorffor(module: WebAssembly.Module, payload: PayloadKinds, options: { readonly instance?: WebAssembly.Instance; readonly recycleBytes?: number } = {}): RecyclingBinding {
  const limit = options.recycleBytes ?? RECYCLE_BYTES;
  let current = bindInstance(options.instance ?? new WebAssembly.Instance(module, {}), payload);
  let recycles = 0;
  return {
    call(input) {
      if (current.memoryBytes() > limit || current.heapTop() > current.memoryBytes() * RECYCLE_HEAP_SHARE) {
        current = bindInstance(new WebAssembly.Instance(module, {}), payload);
        recycles += 1;
      }
      return current.call(input);
    },
    memoryBytes: () => current.memoryBytes(),
    recycles: () => recycles,
  };
}

/** Runs an instance's top level, then binds the shim's exports for this workload's payload kinds. */
function bindInstance(instance: WebAssembly.Instance, payload: PayloadKinds): InstanceBinding {
  const exports = instance.exports as unknown as PorfforExports;
  const memory = exports.$;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('the porffor module exports no memory named $');
  exports.m();
  const bytes = exported(exports, SHIM_EXPORTS.bytes);
  const latin1 = exported(exports, SHIM_EXPORTS.latin1);
  const utf16 = exported(exports, SHIM_EXPORTS.utf16);
  const run = exported(exports, SHIM_EXPORTS.call);
  // The type numbers, from allocations of nothing (each is a fresh, empty value).
  const types = { bytes: bytes(0, 0, 0, 0, 0, NUMBER)[1], latin1: latin1(0, 0, 0, 0, 0, NUMBER)[1], utf16: utf16(0, 0, 0, 0, 0, NUMBER)[1] };
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  // Views are made per call: memory.grow inside the module detaches the old buffer.
  const u32 = (ptr: number): number => new DataView(memory.buffer).getUint32(ptr, true);

  let top = 0;
  const reached = (end: number): void => {
    top = Math.max(top, end);
    if (end > memory.buffer.byteLength) throw new Error(`porffor placed a value at ${end}, past the end of its ${memory.buffer.byteLength}-byte memory`);
  };

  const writeInput = (input: Payload): [number, number] => {
    if (typeof input !== 'string') {
      const [ptr, type] = bytes(0, 0, 0, 0, input.length, NUMBER);
      reached(u32(ptr + 4) + 4 + input.length);
      new Uint8Array(memory.buffer, u32(ptr + 4) + 4, input.length).set(input);
      return [ptr, type];
    }
    let wide = false;
    for (let i = 0; i < input.length && !wide; i++) wide = input.charCodeAt(i) > 0xff;
    const [ptr, type] = (wide ? utf16 : latin1)(0, 0, 0, 0, input.length, NUMBER);
    reached(ptr + 4 + input.length * (wide ? 2 : 1));
    // porffor 0.61's repeat() of a UTF-16 string stores its length in bytes (twice the code units, with room for them): set the real length.
    if (u32(ptr) < input.length) throw new Error(`porffor allocated a string of ${u32(ptr)} characters for ${input.length}`);
    new DataView(memory.buffer).setUint32(ptr, input.length, true);
    const units = wide ? new Uint16Array(memory.buffer, ptr + 4, input.length) : new Uint8Array(memory.buffer, ptr + 4, input.length);
    for (let i = 0; i < input.length; i++) units[i] = input.charCodeAt(i);
    return [ptr, type];
  };

  const readString = (value: number, type: number): string | undefined => {
    if (type !== types.latin1 && type !== types.utf16) return undefined;
    const length = u32(value);
    const units = type === types.latin1 ? new Uint8Array(memory.buffer, value + 4, length) : new Uint16Array(memory.buffer.slice(value + 4, value + 4 + length * 2));
    let text = '';
    // Chunks keep fromCharCode's argument list bounded.
    for (let i = 0; i < length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
    return text;
  };

  // A JavaScript exception thrown inside the module arrives as a WebAssembly.Exception of porffor's tag (export "0")
  // carrying a (value, type) pair; an Error's value points at [u32 message][u8 message type].
  // Node 20's TypeScript lib has no WebAssembly.Tag/Exception types (the runtime has them): typed here as used.
  const tag = exports['0'];
  const wasmApi = WebAssembly as unknown as { Exception?: new (...args: never[]) => WasmException };
  const describeThrow = (error: unknown): Error => {
    if (tag === undefined || wasmApi.Exception === undefined || !(error instanceof wasmApi.Exception) || !error.is(tag)) return error instanceof Error ? error : new Error(String(error));
    const value = Number(error.getArg(tag, 0));
    const type = Number(error.getArg(tag, 1));
    const direct = readString(value, type);
    const message = direct ?? readString(u32(value), new Uint8Array(memory.buffer, value + 4, 1)[0]!);
    return new Error(`porffor threw: ${message ?? `a value of type ${type}`}`);
  };

  const readOutput = ([value, type]: [number, number]): Payload => {
    if (type === types.bytes) {
      const length = u32(value);
      reached(u32(value + 4) + 4 + length);
      return new Uint8Array(memory.buffer, u32(value + 4) + 4, length).slice();
    }
    const text = readString(value, type);
    if (text !== undefined) return payload.output === 'bytes' ? encoder.encode(text) : text;
    throw new Error(`porffor returned a value of type ${type}, not a Uint8Array or a string`);
  };

  return {
    call(input) {
      const wire = payload.input === 'text' && typeof input !== 'string' ? decoder.decode(input) : input;
      let result: [number, number];
      try {
        result = run(0, 0, 0, 0, ...writeInput(wire));
      } catch (error) {
        throw describeThrow(error);
      }
      return readOutput(result);
    },
    memoryBytes: () => memory.buffer.byteLength,
    heapTop: () => top,
  };
}
