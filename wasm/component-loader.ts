/**
 * Host side of a transpiled component (`jco transpile --instantiation async`).
 *
 * The glue is used exactly as jco generates it; the loader only supplies the
 * two hooks its instantiation mode offers, so each cold-start phase can be
 * timed on its own:
 *   import-glue  import the generated ES module (its own parse/evaluate cost),
 *   read         read every core module it will ask for,
 *   compile      WebAssembly.compile each (V8 compiles lazily: most code
 *                generation still happens on the first call),
 *   instantiate  the glue's `instantiate()`: core instantiation, the guest's
 *                start function, and binding the lifted exports.
 * The hook for `instantiateCore` calls WebAssembly.instantiate as the glue's
 * default does, and keeps the instance's memory for `memoryBytes()`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileModule, readModuleBytes } from './loader.js';
import type { LoadedTarget, Payload, PayloadKind, PhaseTimer } from '../harness/contract/index.js';

/** The ES module `jco transpile --instantiation async` generates. */
export interface TranspiledGlue {
  instantiate(
    getCoreModule: (name: string) => WebAssembly.Module,
    imports: Record<string, unknown>,
    instantiateCore?: (module: WebAssembly.Module, imports: Record<string, unknown>) => Promise<WebAssembly.Instance>,
  ): Promise<{ run?: (input: Payload) => Payload }>;
}

/** Where a transpiled component's files are. */
export interface TranspiledFiles {
  /** The generated ES module. */
  readonly glue: string;
  /** Folder of the core modules. */
  readonly dir: string;
  /** Core module file names, as the glue asks for them. */
  readonly coreModules: readonly string[];
}

/** Loads a transpiled component in named phases; the result calls its `run` export. */
export async function loadTranspiledComponent(
  files: TranspiledFiles,
  payload: { readonly input: PayloadKind; readonly output: PayloadKind },
  phase: PhaseTimer,
): Promise<LoadedTarget> {
  const glue = await phase('import-glue', () => import(pathToFileURL(files.glue).href) as Promise<TranspiledGlue>);
  if (typeof glue.instantiate !== 'function') throw new Error(`${files.glue} has no instantiate(): transpile with --instantiation async`);
  const bytes = await phase('read', () => Promise.all(files.coreModules.map((name) => readModuleBytes(join(files.dir, name)))));
  const compiled = await phase('compile', () => Promise.all(bytes.map((b) => compileModule(b))));
  const modules = new Map(files.coreModules.map((name, i) => [name, compiled[i]!] as const));

  let memory: WebAssembly.Memory | undefined;
  const instantiateCore = async (module: WebAssembly.Module, imports: Record<string, unknown>): Promise<WebAssembly.Instance> => {
    const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
    const exported = instance.exports['memory'];
    if (memory === undefined && exported instanceof WebAssembly.Memory) memory = exported;
    return instance;
  };
  const getCoreModule = (name: string): WebAssembly.Module => {
    const module = modules.get(name);
    if (!module) throw new Error(`the glue asked for core module "${name}", not in the transpile output`);
    return module;
  };
  const exports = await phase('instantiate', () => glue.instantiate(getCoreModule, {}, instantiateCore));
  const run = exports.run;
  if (typeof run !== 'function') throw new Error(`${files.glue}: the component does not export run`);
  const expectText = payload.input === 'text';
  return {
    call: (input) => {
      // Same contract as the other targets: the wrong payload kind is a caller bug.
      if ((typeof input === 'string') !== expectText) throw new TypeError(`expected ${payload.input} input`);
      return run(input);
    },
    memoryBytes: () => memory?.buffer.byteLength ?? 0,
  };
}
