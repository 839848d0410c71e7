/**
 * The run directory: raw samples appended as each task finishes and run.json
 * rewritten after every task, so a crash loses nothing already measured.
 */
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../paths.js';
import { scrubPaths } from './display-path.js';
import type { RunRecord } from '../contract/index.js';
import type { SampleLine } from '../contract/index.js';

/** Writes one run's files. */
export class RunWriter {
  /** The run directory. */
  readonly dir: string;

  /**
   * Creates the directory; throws a one-line error when it cannot be written,
   * or, with `fresh`, when it already holds a run: a second run would replace
   * its run.json and mix its lines into samples.jsonl (`--resume` continues it).
   */
  constructor(dir: string, { fresh = false }: { fresh?: boolean } = {}) {
    this.dir = dir;
    if (fresh && existsSync(join(dir, 'run.json'))) {
      throw new Error(`${dir} already holds a run (run.json): choose another --out, or continue that run with --resume ${dir}`);
    }
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new Error(`cannot write to ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Appends one raw-sample record to samples.jsonl (the run adds its runId to every record). */
  appendSamples(record: SampleLine): void {
    appendFileSync(join(this.dir, 'samples.jsonl'), `${JSON.stringify(record, sampleReplacer)}\n`);
  }

  /** Atomically (re)writes run.json. */
  writeRun(run: RunRecord): void {
    this.writeFile('run.json', `${JSON.stringify(run, pathReplacer, 2)}\n`);
  }

  /**
   * Writes any file of the run (run.json, reports); `name` may contain a
   * subfolder. Absolute project and home paths are rewritten (scrubPaths):
   * these files are shared and published.
   */
  writeFile(name: string, contents: string): void {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, scrubPaths(contents, ROOT));
    renameSync(temporary, path);
  }
}

/**
 * Typed arrays serialise as plain arrays (JSON.stringify would make them
 * objects), rounded to 0.1 ns: finer digits are float noise from ms->ns
 * conversion and would triple the file.
 */
function sampleReplacer(key: string, value: unknown): unknown {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return pathReplacer(key, value);
  return Array.from(value as unknown as ArrayLike<number>, (x) => Math.round(x * 10) / 10);
}

/** Results are shared and published: no absolute project or home paths in them (see scrubPaths). */
function pathReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? scrubPaths(value, ROOT) : value;
}
