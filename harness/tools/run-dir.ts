/**
 * Reading a run directory for `npm run report`, with every way it can be
 * wrong (no such directory, no run.json, a run.json cut off or not JSON, one
 * that does not match the schema, a directory that cannot take the reports)
 * turned into one line that says what to do. These are the user's input, so
 * they are UsageErrors (exit 2); a crash while rendering is a bug and keeps
 * its stack.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../options/errors.js';
import type { RunRecord } from '../contract/index.js';
import { toRunRecord } from '../run-file/read.js';

/** Reads and checks `<dir>/run.json`; throws a one-line UsageError for anything that is not a valid run. */
export function readRunDir(dir: string): RunRecord {
  if (!existsSync(dir)) throw new UsageError(`${dir}: no such directory (pass a run directory, e.g. results/runs/<run-id>)`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a directory (pass the run directory, not a file in it)`);
  const path = join(dir, 'run.json');
  if (!existsSync(path)) throw new UsageError(`${path} not found: ${dir} is not a run directory`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw new UsageError(`${path} is empty: the run stopped before its first checkpoint; nothing to render`);
  let run: unknown;
  try {
    run = JSON.parse(text);
  } catch (error) {
    // A run.json that starts as an object but does not end as one was cut off mid-write (a full disk, a copy interrupted).
    const cut = text.trimStart().startsWith('{') && !text.trimEnd().endsWith('}');
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 120);
    throw new UsageError(`${path} is ${cut ? 'cut off' : 'not valid JSON'} (${reason}); nothing rendered`);
  }
  // Version-1 runs are migrated on read; anything that does not match the contract is named by its path.
  try {
    return toRunRecord(run, path);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; nothing rendered`);
  }
}

/** How much of samples.jsonl's end is read to check its last line (lines are a few KB; files can be hundreds of MB). */
const TAIL_BYTES = 1 << 20;

/**
 * A one-line warning when samples.jsonl ends in a cut-off line (the run was
 * stopped mid-write); undefined when it is whole or absent. The reports come
 * from run.json, so they are still rendered.
 */
export function samplesWarning(dir: string): string | undefined {
  const path = join(dir, 'samples.jsonl');
  if (!existsSync(path)) return undefined;
  const fd = openSync(path, 'r');
  let tail: string;
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    tail = buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
  if (tail === '') return undefined;
  const lines = tail.split('\n');
  const last = tail.endsWith('\n') ? lines[lines.length - 2] : lines[lines.length - 1];
  let whole = tail.endsWith('\n');
  if (whole && last !== undefined && last !== '') {
    try {
      JSON.parse(last);
    } catch {
      whole = false;
    }
  }
  return whole ? undefined : `${path} ends in a cut-off line (the run was stopped while writing): raw samples are incomplete; the reports come from run.json and are unaffected`;
}

/** Error codes that mean "this directory cannot take the reports" (the user's directory, so exit 2). */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EEXIST']);

/** Turns a failed report write into one line: a UsageError when the directory cannot be written, else a plain error (exit 1). */
export function writeFailure(dir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const message = `cannot write the reports into ${dir} (${(error as Error).message}); make it writable, or copy the run directory and render the copy`;
  if (code !== undefined && UNWRITABLE.has(code)) return new UsageError(message);
  return typeof code === 'string' ? Object.assign(new Error(message), { code }) : (error as Error);
}
