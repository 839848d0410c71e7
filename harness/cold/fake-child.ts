/**
 * Test doubles for the cold sampler: a clock the test moves by hand and a
 * spawner whose "child" plays a script of messages, stderr and exit events.
 * With both, every duration a sample reports is known exactly in advance.
 */
import type { ChildHandlers, Clock, Spawner } from './sample.js';
import type { ChildResultMessage, MemoryFigures } from './types.js';

/** A hand-moved monotonic clock. */
export interface FakeClock {
  readonly clock: Clock;
  advance(ns: number): void;
}

/** Creates a clock starting at `start` ns. */
export function fakeClock(start = 5_000_000_000n): FakeClock {
  let now = start;
  return { clock: () => now, advance: (ns) => void (now += BigInt(ns)) };
}

/** One step of a fake child's life; steps run in order, each on its own macrotask. */
export type FakeStep =
  | { readonly advanceNs: number }
  | { readonly line: string | ((spawnAt: bigint) => string) }
  | { readonly stderr: string }
  | { readonly close: { readonly code: number | null; readonly signal: string | null } };

/** A fake spawner plus what it was asked to start. */
export interface FakeSpawner {
  readonly spawner: Spawner;
  readonly started: Array<{ readonly argv: readonly string[]; readonly env: NodeJS.ProcessEnv }>;
  /** How many children were killed. */
  killed: number;
}

/**
 * A spawner whose children play `script(argv)`. A script without a `close`
 * step hangs until killed, then closes with SIGKILL (as a real child would).
 */
export function fakeSpawner(clock: FakeClock, script: (argv: readonly string[]) => readonly FakeStep[]): FakeSpawner {
  const fake: FakeSpawner = {
    started: [],
    killed: 0,
    spawner: (argv, env, handlers: ChildHandlers) => {
      fake.started.push({ argv, env });
      const spawnAt = clock.clock();
      let closed = false;
      const close = (code: number | null, signal: string | null): void => {
        if (closed) return;
        closed = true;
        handlers.close(code, signal);
      };
      const steps = [...script(argv)];
      const next = (): void => {
        if (closed) return;
        const step = steps.shift();
        if (!step) return; // hangs: waits for kill()
        if ('advanceNs' in step) clock.advance(step.advanceNs);
        else if ('line' in step) handlers.line(typeof step.line === 'string' ? step.line : step.line(spawnAt));
        else if ('stderr' in step) handlers.stderr(step.stderr);
        else close(step.close.code, step.close.signal);
        setImmediate(next);
      };
      setImmediate(next);
      return {
        kill: () => {
          fake.killed += 1;
          setImmediate(() => close(null, 'SIGKILL'));
        },
      };
    },
  };
  return fake;
}

const MEMORY: MemoryFigures = { rssBytes: 40e6, heapUsedBytes: 4e6, heapTotalBytes: 6e6, externalBytes: 1e6, arrayBuffersBytes: 1e4 };

/** A complete, valid result message relative to the spawn time; override any field. */
export function resultMessage(spawnAt: bigint, overrides: Partial<Omit<ChildResultMessage, 'type'>> & { startedAfterNs?: number; firstResultAfterNs?: number } = {}): string {
  const { startedAfterNs = 40_000_000, firstResultAfterNs = 45_000_000, ...rest } = overrides;
  const message: ChildResultMessage = {
    type: 'result',
    startedAtNs: (spawnAt + BigInt(startedAfterNs)).toString(),
    firstResultAtNs: (spawnAt + BigInt(firstResultAfterNs)).toString(),
    harnessNs: 300_000,
    phases: [{ name: 'import', ns: 1_000_000 }],
    callsNs: [500_000, 20_000, 10_000],
    firstOutputSha256: 'aa',
    lastOutputSha256: 'aa',
    memoryAfterFirstCall: MEMORY,
    memoryAtEnd: { ...MEMORY, heapUsedBytes: 5e6 },
    maxRssBytes: 42 * 1024 * 1024,
    cpuUserUs: 30_000,
    cpuSystemUs: 8_000,
    node: 'v20.0.0-fake',
    v8: 'fake',
    execArgv: [],
    ...rest,
  };
  return JSON.stringify(message);
}

/** The script of a well-behaved child: starts, sends "first" after `firstAfterNs`, reports, exits 0. */
export function goodChild(options: { firstAfterNs?: number; exitAfterNs?: number; result?: Parameters<typeof resultMessage>[1] } = {}): FakeStep[] {
  const firstAfterNs = options.firstAfterNs ?? 46_000_000;
  return [
    { advanceNs: firstAfterNs },
    { line: JSON.stringify({ type: 'first' }) },
    { advanceNs: (options.exitAfterNs ?? 60_000_000) - firstAfterNs },
    { line: (spawnAt) => resultMessage(spawnAt, options.result) },
    { close: { code: 0, signal: null } },
  ];
}
