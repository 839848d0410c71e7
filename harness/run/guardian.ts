/**
 * The run's guardian: a small process that outlives a run killed with
 * SIGKILL (or by the OOM killer, or a crash in native code) and records, in
 * its run.json, that the run was interrupted. Nothing runs in a process killed
 * with SIGKILL, so without it run.json would keep saying `running`.
 *
 * Why a process and not only the reader's check (owner.ts): the reader's
 * check needs the same host and boot and a pid that is not reused, and every
 * reader would have to apply it; the guardian makes the file itself true. The
 * reader's check stays as the fallback for when the guardian died too.
 *
 * How: the run starts it detached (its own process group: a Ctrl-C sent to
 * the terminal's group does not reach it) with a pipe on its stdin that only
 * the run holds. The kernel closes the pipe when the run ends, however it
 * ends; at EOF the guardian reads run.json and, if it still says `running`
 * for that pid, rewrites it as `interrupted` (adding the cold samples that
 * only samples.jsonl holds: run.json is rewritten at most once a second while
 * they arrive), then exits. While the run
 * lives the guardian sleeps in a read: no CPU, nothing measured disturbed.
 * It is the same bundle as the CLI, started with GUARDIAN_ARG, so it needs no
 * build step of its own.
 */
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withJournalColdSamples } from './progress.js';
import type { RunRecord } from '../contract/index.js';

/** First argument that turns the CLI into a guardian. Not a user option. */
export const GUARDIAN_ARG = '--internal-run-guardian';

/**
 * Starts the guardian of the run whose run.json is at `runJsonPath`. The
 * returned function stops it early (tests); normally it ends by itself when
 * this process does.
 */
export function startGuardian(runJsonPath: string, script: string = process.argv[1] ?? ''): () => void {
  const child = spawn(process.execPath, [script, GUARDIAN_ARG, runJsonPath, String(process.pid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => undefined);
  // Neither the process nor its pipe may keep this process's event loop alive.
  child.unref();
  child.stdin?.on('error', () => undefined);
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return () => child.stdin?.destroy();
}

/**
 * What the guardian writes: `run` unchanged unless it says `running` for
 * `pid`; then `interrupted`, with the reason and who recorded it.
 */
export function guardedEnding(run: RunRecord, pid: number, now: Date): RunRecord | undefined {
  if (run.state !== 'running' || run.owner?.pid !== pid) return undefined;
  return {
    ...run,
    state: 'interrupted',
    ending: {
      at: now.toISOString(),
      reason: `process ${pid} ended without recording why (killed with SIGKILL, out of memory, or a crash)`,
      recordedBy: 'guardian',
    },
  };
}

/** samples.jsonl's text, or nothing when there is none. */
export function readJournal(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The guardian's main: waits for EOF on stdin, then fixes run.json if needed, then exits. */
export function runGuardian(args: readonly string[]): void {
  const [runJsonPath, pidText] = args;
  const pid = Number(pidText);
  if (!runJsonPath || !Number.isInteger(pid)) process.exit(2);
  // Signals meant for the run (a terminal's Ctrl-C, a kill of its process group) must not end the guardian first.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.on('SIGHUP', () => undefined);
  const finish = (): void => {
    try {
      // Read as written, not validated: the ending of a dead run is recorded whatever else its run.json holds.
      const run = JSON.parse(readFileSync(runJsonPath, 'utf8')) as RunRecord;
      const ended = guardedEnding(withJournalColdSamples(run, readJournal(join(dirname(runJsonPath), 'samples.jsonl'))), pid, new Date());
      if (ended) {
        const temporary = `${runJsonPath}.guardian.tmp`;
        writeFileSync(temporary, `${JSON.stringify(ended, null, 2)}\n`);
        renameSync(temporary, runJsonPath);
      }
    } catch {
      // Nothing to fix (no run.json yet, or unreadable): the reader's check remains.
    }
    process.exit(0);
  };
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', finish);
  process.stdin.on('error', finish);
  process.stdin.resume();
}
