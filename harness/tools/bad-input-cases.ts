/**
 * Wrong inputs for every command the README names (bench, build, report,
 * expected, compare, control-rates, mutation, lambda:local, deploy,
 * teardown), each command's --help, what each must answer, and how to run
 * one through the real command. Shared by `harness/tools/bad-inputs.ts` (prints the table)
 * and its test (asserts the answers).
 *
 * Every case must fail before any network traffic other than loopback: the
 * Lambda ones either fail while parsing or point at a closed loopback port.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../paths.js';
import { sampleRun } from '../report/fixtures.js';

/** The npm scripts the cases exercise: every script the README names except `test` (vitest's own). */
export const SCRIPT_NAMES = ['bench', 'build', 'report', 'expected', 'compare', 'control-rates', 'mutation', 'lambda:local', 'deploy', 'teardown'] as const;

/** One of SCRIPT_NAMES. */
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** Paths and ports the cases refer to, made by createFixtures. */
export interface Fixtures {
  readonly root: string;
  /** A loopback port with a listening server (for "port in use"). */
  readonly busyPort: number;
  /** A loopback port nothing listens on (for "endpoint unreachable"). */
  readonly closedPort: number;
}

/** One wrong input and the answer it must get. */
export interface BadInput {
  readonly script: ScriptName;
  readonly args: (fx: Fixtures) => string[];
  /** The exit code it must end with: 2 the user's input, 1 the surroundings, 0 a warning only or help. */
  readonly exit: 0 | 1 | 2;
  /** The case reaches the build (cached) before failing; left out where a test must not build. */
  readonly builds?: boolean;
}

const stale = (fx: Fixtures): string => `http://127.0.0.1:${fx.closedPort}`;
const plain = (...args: string[]) => (): string[] => args;
const dir = (name: string) => (fx: Fixtures): string[] => [join(fx.root, name)];

/** The cases, in table order: each command's --help first (it must answer at once, without a build), then its wrong inputs. */
export const BAD_INPUTS: readonly BadInput[] = [
  ...SCRIPT_NAMES.map((script): BadInput => ({ script, args: plain('--help'), exit: 0 })),
  { script: 'bench', args: plain('--list'), exit: 0 },
  { script: 'bench', args: plain('--time', '-5'), exit: 2 },
  { script: 'bench', args: plain('--cold-samples', '-3'), exit: 2 },
  { script: 'bench', args: plain('--time', '99999999999999999999'), exit: 2 },
  { script: 'bench', args: plain('--rounds', '0'), exit: 2 },
  { script: 'bench', args: plain('--seed', '4294967296'), exit: 2 },
  { script: 'bench', args: plain('--cold-timeout', '50'), exit: 2 },
  { script: 'bench', args: plain('--time', '0', '--cold-samples', '0'), exit: 2 },
  { script: 'bench', args: plain('--time', '0', '--rounds', '5'), exit: 2 },
  { script: 'bench', args: plain('--cold-samples', '0', '--engines', 'all'), exit: 2 },
  { script: 'bench', args: plain('--memory', '512'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--time', '100'), exit: 2 },
  { script: 'bench', args: plain('--workloads', 'sha265'), exit: 2 },
  { script: 'bench', args: plain('--targets', 'jvm'), exit: 2 },
  { script: 'bench', args: plain('--sizes', 'huge'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'cloud'), exit: 2 },
  { script: 'bench', args: plain('--engines', 'turbo'), exit: 2 },
  { script: 'bench', args: plain('--cold-sample', '3'), exit: 2 },
  { script: 'bench', args: plain('--time'), exit: 2 },
  { script: 'bench', args: plain('--quick=yes'), exit: 2 },
  { script: 'bench', args: plain('sha256'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--memory', '64'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--arch', 'arm'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--aws'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--endpoint', 'not-a-url'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--lambda-timeout', '901'), exit: 2 },
  { script: 'bench', args: plain('--forks', '0'), exit: 2 },
  { script: 'bench', args: plain('--forks', '4', '--max-forks', '3'), exit: 2 },
  { script: 'bench', args: plain('--max-forks', '101'), exit: 2 },
  { script: 'bench', args: plain('--resolve-budget', '3601'), exit: 2 },
  { script: 'bench', args: plain('--resolve-budget', '-1'), exit: 2 },
  { script: 'bench', args: plain('--time', '0', '--forks', '3'), exit: 2 },
  { script: 'bench', args: plain('--time', '0', '--skip-controls'), exit: 2 },
  { script: 'bench', args: plain('--placements', 'lambda', '--forks', '3'), exit: 2 },
  { script: 'bench', args: plain('--self-check', '--workloads', 'sha256'), exit: 2 },
  { script: 'bench', args: plain('--self-check', '--time', '0'), exit: 2 },
  { script: 'bench', args: plain('--self-check', '--skip-controls'), exit: 2 },
  { script: 'bench', args: plain('--out', '/etc/hostname/run', '--workloads', 'noop', '--time', '10', '--cold-samples', '0'), exit: 2, builds: true },
  { script: 'report', args: plain(), exit: 2 },
  { script: 'report', args: (fx) => ['--index', join(fx.root, 'ok')], exit: 2 },
  { script: 'report', args: plain('--frob'), exit: 2 },
  { script: 'report', args: plain('/nonexistent/run'), exit: 2 },
  { script: 'report', args: dir('empty'), exit: 2 },
  { script: 'report', args: (fx) => [join(fx.root, 'ok', 'run.json')], exit: 2 },
  { script: 'report', args: dir('empty-json'), exit: 2 },
  { script: 'report', args: dir('cut'), exit: 2 },
  { script: 'report', args: dir('not-json'), exit: 2 },
  { script: 'report', args: dir('schema'), exit: 2 },
  { script: 'report', args: dir('unwritable'), exit: 2 },
  { script: 'report', args: dir('cut-samples'), exit: 0 },
  { script: 'expected', args: plain('nope'), exit: 2 },
  { script: 'expected', args: plain('sha265'), exit: 2 },
  { script: 'expected', args: plain('--all'), exit: 2 },
  { script: 'build', args: plain('--frob'), exit: 2 },
  { script: 'build', args: plain('sha256'), exit: 2 },
  { script: 'compare', args: plain('nonexistent', 'other'), exit: 2 },
  { script: 'compare', args: dir('ok'), exit: 2 },
  { script: 'compare', args: (fx) => [join(fx.root, 'ok'), join(fx.root, 'not-json')], exit: 2 },
  { script: 'compare', args: (fx) => [join(fx.root, 'ok'), join(fx.root, 'ok'), '--noise', '200'], exit: 2 },
  { script: 'compare', args: plain('--frob'), exit: 2 },
  { script: 'control-rates', args: plain('--repeats', '0'), exit: 2 },
  { script: 'control-rates', args: plain('--forks', '-2'), exit: 2 },
  { script: 'control-rates', args: plain('20'), exit: 2 },
  { script: 'mutation', args: plain('--frob'), exit: 2 },
  { script: 'mutation', args: plain('--concurrency', '0'), exit: 2 },
  { script: 'mutation', args: plain('harness/stats/rng.ts'), exit: 2 },
  { script: 'lambda:local', args: plain('--max-concurrency', '0'), exit: 2 },
  { script: 'lambda:local', args: plain('--port', '70000'), exit: 2 },
  { script: 'lambda:local', args: plain('--port', '-1'), exit: 2 },
  { script: 'lambda:local', args: plain('--idle-ms', '9999999999'), exit: 2 },
  { script: 'lambda:local', args: plain('--runtime-client', 'ric'), exit: 2 },
  { script: 'lambda:local', args: plain('--region', 'Mars'), exit: 2 },
  { script: 'lambda:local', args: plain('--verbose'), exit: 2 },
  { script: 'lambda:local', args: (fx) => ['--port', String(fx.busyPort)], exit: 1 },
  { script: 'deploy', args: plain(), exit: 2 },
  { script: 'deploy', args: plain('--role', 'admin'), exit: 2 },
  { script: 'deploy', args: (fx) => ['--endpoint', stale(fx), '--memory', '64'], exit: 2 },
  { script: 'deploy', args: (fx) => ['--endpoint', stale(fx), '--arch', 'riscv'], exit: 2 },
  { script: 'deploy', args: (fx) => ['--endpoint', stale(fx), '--lambda-samples', '5'], exit: 2 },
  { script: 'deploy', args: (fx) => ['--endpoint', stale(fx), '--workloads', 'sha265'], exit: 2 },
  { script: 'deploy', args: (fx) => ['--endpoint', stale(fx), '--lambda-timeout', '0'], exit: 2 },
  { script: 'deploy', args: plain('--endpoint', 'ftp://127.0.0.1'), exit: 2 },
  { script: 'deploy', args: (fx) => ['--aws', '--endpoint', stale(fx)], exit: 2 },
  { script: 'teardown', args: plain('--memory', '128'), exit: 2 },
  { script: 'teardown', args: plain('--region', 'mars'), exit: 2 },
  { script: 'teardown', args: plain('--prefix', 'a b'), exit: 2 },
  { script: 'teardown', args: (fx) => ['--endpoint', stale(fx)], exit: 1 },
];

/** Makes the run directories and ports the cases use; `close` removes them. */
export async function createFixtures(): Promise<Fixtures & { close(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'wlb-bad-inputs-'));
  const runJson = `${JSON.stringify(sampleRun(), null, 2)}\n`;
  const runDir = (name: string, files: Record<string, string>): string => {
    const path = join(root, name);
    mkdirSync(path);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
    return path;
  };
  runDir('ok', { 'run.json': runJson });
  runDir('empty', {});
  runDir('empty-json', { 'run.json': '' });
  runDir('cut', { 'run.json': runJson.slice(0, 300) });
  runDir('not-json', { 'run.json': 'schemaVersion: 1\n' });
  runDir('schema', { 'run.json': JSON.stringify({ ...sampleRun(), schemaVersion: 'one' }) });
  runDir('cut-samples', { 'run.json': runJson, 'samples.jsonl': '{"kind":"warm","workload":"noop"}\n{"kind":"warm","work' });
  // Unwritable for everyone: root ignores the mode bits, but not a directory where report.md must go.
  const unwritable = runDir('unwritable', { 'run.json': runJson });
  mkdirSync(join(unwritable, 'report.md'));
  chmodSync(unwritable, 0o555);
  const busy = await listen();
  const closed = await listen();
  const closedPort = port(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return {
    root,
    busyPort: port(busy),
    closedPort,
    close: async () => {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      chmodSync(unwritable, 0o755);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function port(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** What one case did. */
export interface Outcome {
  readonly exit: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/**
 * Runs one case: through `npm run --silent <script> -- args` (what a user
 * types), or directly as the script's `tsx <file>` command under
 * `node --import tsx` (the same code without npm's half second).
 */
export function runCase(input: BadInput, fx: Fixtures, how: { viaNpm: boolean; timeoutMs: number }): Promise<Outcome> {
  const args = input.args(fx);
  let command: string;
  let argv: string[];
  if (how.viaNpm) {
    command = 'npm';
    argv = ['run', '--silent', input.script, '--', ...args];
  } else {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const words = (scripts[input.script] ?? '').split(/\s+/);
    if (words[0] !== 'tsx') throw new Error(`script ${input.script} is not "tsx <file>": ${scripts[input.script]}`);
    command = process.execPath;
    argv = ['--import', 'tsx', ...words.slice(1), ...args];
  }
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, how.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exit: code, stdout, stderr, timedOut });
    });
  });
}

/** Build progress on stderr: `npm run build`'s "[build] ..." lines and the bench launcher's build phase ("build 3/57 · ...", "build done in ..."). */
const BUILD_PROGRESS = /^(?:\[build\] |build (?:\d|done in ))/;

/** Lines a case's stderr holds once build progress is set aside. */
export function answerLines(outcome: Outcome): string[] {
  return outcome.stderr.split('\n').filter((line) => line.trim() !== '' && !BUILD_PROGRESS.test(line));
}

/** Whether the case got what it must: its exit code, at most one line, no stack trace, no timeout. */
export function judge(input: BadInput, outcome: Outcome): string | undefined {
  const lines = answerLines(outcome);
  if (outcome.timedOut) return 'timed out';
  if (outcome.exit !== input.exit) return `exit ${outcome.exit}, expected ${input.exit}`;
  if (lines.some((line) => /^\s+at /.test(line))) return 'stack trace';
  if (input.exit !== 0 && lines.length !== 1) return `${lines.length} lines on stderr`;
  if (input.exit === 0 && lines.length > 1) return `${lines.length} lines on stderr`;
  return undefined;
}
