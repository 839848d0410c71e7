/**
 * `npx tsx harness/tools/kill-test.ts [--only SIGINT,SIGKILL] [--keep]`: the
 * interruption matrix. A `--placements lambda --quick --workloads noop,sha256`
 * run (the built CLI, in its own process group as a terminal job is) is
 * stopped with SIGKILL, SIGINT and SIGTERM at three moments each, detected
 * from its progress lines (never fixed sleeps): while deploying, in the first
 * group's forced-cold rounds, in the last group's second forced-cold round. SIGINT
 * goes to the whole process group, as a terminal's Ctrl-C does; SIGTERM and
 * SIGKILL to the bench process, as `kill` does.
 *
 * Afterwards, for each case: no process of the run left (every descendant seen
 * at the kill moment, by pid and start time, and the process group), no cgroup
 * named after the run's pid, no local-Lambda work directory the run created,
 * run.json says `interrupted` and holds the finished samples (every finished
 * group's rows, and at a cold-round moment every warm sample of the group in
 * progress), and `--resume` completes it with the same rows (keys and
 * statuses) as a clean run. Prints one Markdown table; exit 1 if a case fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitOnError, UsageError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { KILL_TEST_FLAGS } from '../options/tool-flags.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';
import { configurationOf } from '../contract/index.js';

const CLI = join(BUILD_DIR, 'harness', 'cli.mjs');
// 4 forced cold starts: the two that start --quick's environments 2 and 3, then two cold rounds to stop the run in.
const RUN_ARGS = ['--placements', 'lambda', '--quick', '--workloads', 'noop,sha256', '--lambda-cold-samples', '4'];
/** Generous bounds (a shared 2-core machine): a run that does not reach a moment, or cleanup that does not finish, fails the case. */
const MOMENT_LIMIT_MS = 180_000;
const CLEANUP_LIMIT_MS = 30_000;
const WORK_DIR_PREFIX = 'wasm-lambda-bench-local-';

type Signal = 'SIGKILL' | 'SIGINT' | 'SIGTERM';
interface Moment {
  readonly name: string;
  /** True for the progress line at which to stop the run. */
  matches(line: string): boolean;
  /** Whether the run is in a group's cold rounds then (all its warm samples are finished). */
  readonly inColdRounds: boolean;
}

const MOMENTS: readonly Moment[] = [
  { name: 'deploy', matches: (l) => /^lambda deploy \d+\/\d+/.test(l), inColdRounds: false },
  { name: 'first group, cold rounds', matches: (l) => /^lambda 1\/\d+: .* cold 1\/\d+/.test(l), inColdRounds: true },
  // The second cold round: the first one's forced-cold samples must be kept too.
  { name: 'last group, cold round 2', matches: (l) => /^lambda (\d+)\/\1: .* cold 2\/\d+/.test(l) && !/^lambda 1\//.test(l), inColdRounds: true },
];

/** A process seen at the kill moment: pid plus start time, so a reused pid is not mistaken for it. */
interface Seen {
  readonly pid: number;
  readonly ticks: string;
  readonly args: string;
}

function stat(pid: number): { ppid: number; pgid: number; ticks: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), pgid: Number(fields[2]), ticks: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

function argsOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Every descendant of `root` (and root), now. */
function descendants(root: number): Seen[] {
  const table = allPids().flatMap((pid) => {
    const s = stat(pid);
    return s ? [{ pid, ...s }] : [];
  });
  const out: Seen[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const entry = table.find((p) => p.pid === pid);
    if (!entry) continue;
    out.push({ pid, ticks: entry.ticks, args: argsOf(pid) });
    for (const child of table.filter((p) => p.ppid === pid)) queue.push(child.pid);
  }
  return out;
}

/** Processes of the run still alive: seen ones with the same start time, members of its process group, its guardian. */
function leftovers(seen: readonly Seen[], pgid: number, outDir: string): string[] {
  const alive = seen.filter((p) => stat(p.pid)?.ticks === p.ticks).map((p) => `${p.pid} ${p.args.slice(0, 80)}`);
  const group = allPids().filter((pid) => stat(pid)?.pgid === pgid && !seen.some((p) => p.pid === pid)).map((pid) => `${pid} ${argsOf(pid).slice(0, 80)}`);
  const guardians = allPids().filter((pid) => argsOf(pid).includes(join(outDir, 'run.json')) && !seen.some((p) => p.pid === pid)).map((pid) => `${pid} guardian`);
  return [...alive, ...group, ...guardians];
}

/** cgroup directories named after the run's pid (the local Lambda names its root groups `wasm-lambda-bench-<pid>`). */
function cgroupsOf(pid: number): string[] {
  if (!existsSync('/sys/fs/cgroup')) return [];
  const found = spawnSync('find', ['/sys/fs/cgroup', '-maxdepth', '8', '-type', 'd', '-name', `wasm-lambda-bench-${pid}`], { encoding: 'utf8' });
  return found.stdout.split('\n').filter(Boolean);
}

function workDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((name) => name.startsWith(WORK_DIR_PREFIX) && !name.endsWith('registry')));
}

async function until(check: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

const rowKey = (r: ResultRecord): string => [r.workload, r.target, r.placement, r.size, configurationOf(r), r.state].join('|');
const readRun = (dir: string): RunRecord | undefined => {
  try {
    return readRunRecord(join(dir, 'run.json'));
  } catch {
    return undefined;
  }
};

/** Runs the CLI to its end; returns its exit code. */
function runToEnd(args: readonly string[]): number {
  const result = spawnSync(process.execPath, ['--expose-gc', CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  return result.status ?? 128;
}

interface CaseResult {
  readonly signal: Signal;
  readonly moment: string;
  readonly exit: string;
  readonly processes: string;
  readonly cgroups: string;
  readonly workDirs: string;
  readonly state: string;
  readonly samples: string;
  readonly resumed: string;
  readonly pass: boolean;
}

async function runCase(signal: Signal, moment: Moment, base: string, cleanRows: readonly string[]): Promise<CaseResult> {
  const outDir = join(base, `${signal}-${moment.name.replace(/[^a-z]+/g, '-')}`);
  const dirsBefore = workDirs();
  const child = spawn(process.execPath, ['--expose-gc', CLI, ...RUN_ARGS, '--out', outDir], { cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const pid = child.pid as number;
  const exited = new Promise<string>((resolve) => child.on('exit', (code, sig) => resolve(sig ?? String(code))));
  let seen: Seen[] = [];
  let created = new Set<string>();
  let buffered = '';
  const reached = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), MOMENT_LIMIT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      if (seen.length > 0 || !lines.some((line) => moment.matches(line))) return;
      seen = descendants(pid);
      created = new Set([...workDirs()].filter((d) => !dirsBefore.has(d)));
      clearTimeout(timer);
      resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  if (!(await reached)) {
    process.kill(-pid, 'SIGKILL');
    return { signal, moment: moment.name, exit: await exited, processes: 'moment not reached', cgroups: '', workDirs: '', state: '', samples: '', resumed: '', pass: false };
  }
  if (signal === 'SIGINT') process.kill(-pid, 'SIGINT');
  else process.kill(pid, signal);
  const exit = await exited;
  child.stderr.resume();
  await until(() => leftovers(seen, pid, outDir).length === 0 && cgroupsOf(pid).length === 0 && [...created].every((d) => !existsSync(join(tmpdir(), d))), CLEANUP_LIMIT_MS);
  // The guardian (SIGKILL) may still be rewriting run.json: wait for a final state.
  await until(() => readRun(outDir)?.state !== 'running', CLEANUP_LIMIT_MS);
  const left = leftovers(seen, pid, outDir);
  const cgroups = cgroupsOf(pid);
  const dirsLeft = [...created].filter((d) => existsSync(join(tmpdir(), d)));
  const run = readRun(outDir);
  const { text: samples, ok: samplesOk } = checkSamples(run, outDir, moment);
  const stateOk = run?.state === 'interrupted';
  let resumed = 'not tried';
  let resumeOk = false;
  if (stateOk) {
    const code = runToEnd(['--resume', outDir]);
    const after = readRun(outDir);
    const rows = (after?.results ?? []).map(rowKey).sort();
    resumeOk = code === 0 && after?.state === 'completed' && JSON.stringify(rows) === JSON.stringify(cleanRows);
    resumed = `exit ${code}, ${after?.state}, ${rows.length} rows ${resumeOk ? '= clean run' : '≠ clean run'}`;
  }
  return {
    signal,
    moment: moment.name,
    exit,
    processes: left.length === 0 ? `none (of ${seen.length})` : `${left.length} LEFT: ${left.join('; ')}`,
    cgroups: cgroups.length === 0 ? 'none' : `LEFT: ${cgroups.join(' ')}`,
    workDirs: dirsLeft.length === 0 ? `none (of ${created.size})` : `LEFT: ${dirsLeft.join(' ')}`,
    state: run ? `${run.state}${run.ending ? ` (${run.ending.recordedBy}${run.ending.signal ? `, ${run.ending.signal}` : ''})` : ''}` : 'no run.json',
    samples,
    resumed,
    pass: left.length === 0 && cgroups.length === 0 && dirsLeft.length === 0 && stateOk && samplesOk && resumeOk,
  };
}

/** Checks that run.json holds the finished samples: rows of finished groups, one samples.jsonl line per such row, warm samples of a group in its cold rounds. */
function checkSamples(run: RunRecord | undefined, outDir: string, moment: Moment): { text: string; ok: boolean } {
  if (!run?.progress) return { text: 'no progress', ok: false };
  const lines = existsSync(join(outDir, 'samples.jsonl'))
    ? readFileSync(join(outDir, 'samples.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
  const otherIds = lines.filter((l) => l['runId'] !== run.runId).length;
  const rows = run.results.filter((r) => r.state !== 'unsupported').length;
  const pending = run.progress.lambdaGroup;
  const functions = pending ? Object.values(pending.functions) : [];
  const warm = functions.reduce((sum, f) => sum + f.warm.clientNs.length, 0);
  const cold = functions.reduce((sum, f) => sum + f.cold.clientNs.length, 0);
  // Warm samples per function: per environment, times environments (runs before environments had one).
  const samplesPerFunction = run.config.lambda.samples * (run.config.lambda.environments ?? 1);
  // At a cold-round moment every warm round of the group has finished: all its warm samples must be kept.
  const warmOk = !moment.inColdRounds || (pending !== undefined && warm === samplesPerFunction * functions.length);
  const ok = otherIds === 0 && lines.length === rows && warmOk;
  const text = `${run.progress.finished.length}/${run.progress.planned.length} groups, ${rows} rows, ${lines.length} sample lines${otherIds ? ` (${otherIds} other run ids)` : ''}` +
    (pending ? `; ${pending.group}: ${warm} warm + ${cold} cold kept` : '') + (warmOk ? '' : ' (warm samples missing)');
  return { text, ok };
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs(argv, KILL_TEST_FLAGS);
  if (values.help) {
    console.log(`usage: npx tsx harness/tools/kill-test.ts [--only SIGINT,SIGKILL] [--keep]\n\n${flagHelp(KILL_TEST_FLAGS, { width: 12 })}`);
    return 0;
  }
  const { only, keep } = values;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const base = mkdtempSync(join(tmpdir(), 'kill-test-'));
  process.stderr.write(`kill-test: clean run into ${base}/clean\n`);
  const cleanCode = runToEnd([...RUN_ARGS, '--out', join(base, 'clean')]);
  const clean = readRun(join(base, 'clean'));
  if (cleanCode !== 0 || clean?.state !== 'completed') throw new Error(`the clean run failed (exit ${cleanCode}, state ${clean?.state})`);
  const cleanRows = clean.results.map(rowKey).sort();
  const results: CaseResult[] = [];
  for (const signal of ['SIGKILL', 'SIGINT', 'SIGTERM'] as const) {
    if (only && !only.includes(signal)) continue;
    for (const moment of MOMENTS) {
      process.stderr.write(`kill-test: ${signal} at ${moment.name}\n`);
      results.push(await runCase(signal, moment, base, cleanRows));
    }
  }
  const header = ['signal', 'moment', 'exit', 'processes left', 'cgroups left', 'work dirs left', 'run.json state', 'samples kept', '--resume', 'pass'];
  console.log(`clean run: ${cleanRows.length} rows\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => ' --- ').join('|')}|`);
  for (const r of results) {
    console.log(`| ${[r.signal, r.moment, r.exit, r.processes, r.cgroups, r.workDirs, r.state, r.samples, r.resumed, r.pass ? 'yes' : 'NO'].join(' | ')} |`);
  }
  if (!keep) rmSync(base, { recursive: true, force: true });
  else console.log(`\nrun directories kept in ${base}`);
  return results.every((r) => r.pass) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) exitOnError('kill-test')(error);
    process.stderr.write(`kill-test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
