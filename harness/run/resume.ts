/**
 * `--resume <run dir>`: reads the run.json of a run that did not complete,
 * checks it against the schema and its state, and returns it with the
 * options it was started with. The resumed run measures the same thing:
 * it takes no other option (bench.ts skips finished groups).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toRunRecord } from '../run-file/read.js';
import { readJournal } from './guardian.js';
import type { BenchOptions } from './options.js';
import { resumedOptions } from '../options/record.js';
import type { RunConfig } from '../contract/config.js';
import { withJournalColdSamples } from './progress.js';
import { effectiveRun, localProbe, ownerLiveness, type LivenessProbe } from './owner.js';
import type { RunRecord } from '../contract/index.js';

/** Why a run cannot be resumed (one line; a usage error). */
export class ResumeError extends Error {}

/** A run to continue. */
export interface Resumable {
  /** The record as found (a dead `running` run reads as `interrupted`). */
  readonly run: RunRecord;
  /** Its recorded options, writing into `dir`. */
  readonly options: BenchOptions;
}

/** Loads the run in `dir` for resuming, or throws a ResumeError saying why not. */
export function loadResumable(dir: string, probe: LivenessProbe = localProbe): Resumable {
  const path = join(dir, 'run.json');
  if (!existsSync(path)) throw new ResumeError(`${dir} holds no run.json: nothing to resume`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ResumeError(`${path} is not readable JSON (${(error as Error).message.split('\n')[0]}): cannot resume`);
  }
  let checked: RunRecord;
  try {
    checked = toRunRecord(parsed, path);
  } catch (error) {
    throw new ResumeError(`${(error as Error).message}: cannot resume`);
  }
  // After a SIGKILL the last cold samples may be in samples.jsonl only.
  const recorded = withJournalColdSamples(checked, readJournal(join(dir, 'samples.jsonl')));
  const run = effectiveRun(recorded, probe);
  switch (run.state) {
    case undefined:
    case 'completed':
      throw new ResumeError(`${dir} holds a completed run: nothing to resume`);
    case 'running': {
      const owner = run.owner;
      const where = owner ? `process ${owner.pid} on ${owner.hostname}` : 'a process that recorded no pid';
      const liveness = owner ? ownerLiveness(owner, probe) : 'unknown';
      throw new ResumeError(
        liveness === 'alive'
          ? `${dir} is still being measured by ${where}: stop it first`
          : `${dir} is recorded as running by ${where}, which cannot be checked from here: resume it there`,
      );
    }
    default:
      break;
  }
  if (!run.progress) throw new ResumeError(`${path} records no progress (written before --resume existed): cannot resume`);
  return { run, options: resumedOptions(run.config, dir) };
}
