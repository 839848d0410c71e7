/**
 * One cold sample against a fake child and a fake clock: the parent's phase
 * accounting is exact, and every way a child can fail becomes an errored
 * sample with its reason (never an exception, never a timing).
 */
import { describe, expect, it } from 'vitest';
import { fakeClock, fakeSpawner, goodChild, type FakeStep } from './fake-child.js';
import { takeColdSample, type SampleRequest } from './sample.js';
import type { ColdSample, CompletedColdSample, ErroredColdSample } from './types.js';

const request = (overrides: Partial<SampleRequest> = {}): SampleRequest => ({
  item: { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'default' },
  key: 'noop/node/small/default',
  round: 0,
  sequence: 0,
  argv: ['/usr/bin/node', 'cold-child.mjs', '/tmp/job.json'],
  env: {},
  envRemoved: [],
  expectedOutputSha256: 'aa',
  timeoutMs: 1_000,
  ...overrides,
});

async function sample(steps: readonly FakeStep[], overrides: Partial<SampleRequest> = {}): Promise<ColdSample> {
  const clock = fakeClock();
  const fake = fakeSpawner(clock, () => steps);
  return takeColdSample(request(overrides), fake.spawner, clock.clock);
}

function completed(s: ColdSample): CompletedColdSample {
  if (s.state !== 'completed') throw new Error(`expected completed, got ${s.failure}: ${s.error}`);
  return s;
}

function errored(s: ColdSample): ErroredColdSample {
  if (s.state !== 'errored') throw new Error('expected an errored sample');
  return s;
}

describe('takeColdSample: phase accounting', () => {
  it('derives process start, time to first result and wall time from the shared clock', async () => {
    const s = completed(
      await sample(
        goodChild({
          firstAfterNs: 47_000_000,
          exitAfterNs: 61_000_000,
          result: {
            startedAfterNs: 41_000_000,
            firstResultAfterNs: 46_500_000,
            harnessNs: 250_000,
            phases: [
              { name: 'read', ns: 800_000 },
              { name: 'compile', ns: 900_000 },
              { name: 'instantiate', ns: 150_000 },
            ],
            callsNs: [600_000, 30_000, 8_000, 7_000],
          },
        }),
      ),
    );
    expect(s.processStartNs).toBe(41_000_000);
    // Parent-measured: when the "first" line reached the parent.
    expect(s.timeToFirstResultNs).toBe(47_000_000);
    // Child-measured: when the first call returned, on the same clock.
    expect(s.timeToFirstResultChildNs).toBe(46_500_000);
    expect(s.wallNs).toBe(61_000_000);
    expect(s.phases.map((p) => p.name)).toEqual(['read', 'compile', 'instantiate']);
    expect(s.callsNs).toEqual([600_000, 30_000, 8_000, 7_000]);
    expect(s.harnessNs).toBe(250_000);
    expect(s.verified).toBe(true);
    expect(s.maxRssBytes).toBe(42 * 1024 * 1024);
    expect(s.argv).toEqual(['/usr/bin/node', 'cold-child.mjs', '/tmp/job.json']);
  });

  it('accepts a baseline result with no calls and no digests', async () => {
    const s = completed(
      await sample(goodChild({ result: { phases: [], callsNs: [], firstOutputSha256: undefined, lastOutputSha256: undefined } }), {
        item: { kind: 'baseline', engine: 'default' },
        key: 'baseline/default',
        expectedOutputSha256: undefined,
      }),
    );
    expect(s.callsNs).toEqual([]);
    expect(s.verified).toBeUndefined();
    expect(s.processStartNs).toBe(40_000_000);
  });
});

describe('takeColdSample: failures are data', () => {
  it('kills a child that does not exit in time and records a timeout', async () => {
    const clock = fakeClock();
    const fake = fakeSpawner(clock, () => [{ stderr: 'still loading...\n' }]);
    const s = errored(await takeColdSample(request({ timeoutMs: 20 }), fake.spawner, clock.clock));
    expect(s.failure).toBe('timeout');
    expect(s.error).toContain('20 ms');
    expect(s.signal).toBe('SIGKILL');
    expect(s.stderrTail).toContain('still loading');
    expect(fake.killed).toBe(1);
  });

  it('records a crash by signal with the stderr tail', async () => {
    const s = errored(await sample([{ stderr: 'Segmentation fault\n' }, { close: { code: null, signal: 'SIGSEGV' } }]));
    expect(s.failure).toBe('crash');
    expect(s.error).toContain('SIGSEGV');
    expect(s.stderrTail).toContain('Segmentation fault');
  });

  it('records a nonzero exit even when a result was sent', async () => {
    const steps: FakeStep[] = [...goodChild().slice(0, -1), { stderr: 'Error: boom\n' }, { close: { code: 1, signal: null } }];
    const s = errored(await sample(steps));
    expect(s.failure).toBe('exit-code');
    expect(s.exitCode).toBe(1);
    expect(s.stderrTail).toContain('boom');
  });

  it('records an unparseable message line', async () => {
    const s = errored(await sample([{ line: '{"type":"first"' }, { close: { code: 0, signal: null } }]));
    expect(s.failure).toBe('bad-message');
    expect(s.error).toContain('unparseable');
  });

  it('records a child that exits 0 without reporting', async () => {
    const s = errored(await sample([{ line: JSON.stringify({ type: 'first' }) }, { close: { code: 0, signal: null } }]));
    expect(s.failure).toBe('bad-message');
    expect(s.error).toContain('without a result');
  });

  it('records a result with malformed figures', async () => {
    const s = errored(await sample(goodChild({ result: { callsNs: [Number.NaN] } })));
    expect(s.failure).toBe('bad-message');
    expect(s.error).toContain('callsNs');
  });

  it('records a wrong first output as a mismatch', async () => {
    const s = errored(await sample(goodChild({ result: { firstOutputSha256: 'bb' } })));
    expect(s.failure).toBe('mismatch');
    expect(s.error).toContain('first');
    expect(s.error).toContain('bb');
  });

  it('records a wrong last output as a mismatch', async () => {
    const s = errored(await sample(goodChild({ result: { lastOutputSha256: 'cc' } })));
    expect(s.failure).toBe('mismatch');
    expect(s.error).toContain('last');
  });

  it('records a missing digest on a target as a mismatch', async () => {
    const s = errored(await sample(goodChild({ result: { lastOutputSha256: undefined } })));
    expect(s.failure).toBe('mismatch');
  });

  it('records a spawner that throws', async () => {
    const clock = fakeClock();
    const s = errored(
      await takeColdSample(
        request(),
        () => {
          throw new Error('ENOENT node');
        },
        clock.clock,
      ),
    );
    expect(s.failure).toBe('spawn');
    expect(s.error).toContain('ENOENT');
  });

  it('keeps the sample identity on failures', async () => {
    const s = errored(await sample([{ close: { code: 3, signal: null } }], { round: 4, sequence: 17 }));
    expect(s).toMatchObject({ type: 'cold', key: 'noop/node/small/default', round: 4, sequence: 17 });
  });
});
