import { describe, expect, it } from 'vitest';
import { currentOwner, effectiveRun, ownerLiveness, type LivenessProbe } from './owner.js';
import type { RunRecord } from '../contract/index.js';

/** A fake process table: pid -> start ticks. */
function probe(processes: Record<number, number>, host = 'host-a', boot = 'boot-1'): LivenessProbe {
  return { hostname: host, bootId: boot, exists: (pid) => pid in processes, startTicks: (pid) => processes[pid] };
}

const owner = { pid: 42, hostname: 'host-a', startTicks: 1000, bootId: 'boot-1' };
const running = { runId: 'r', state: 'running', owner } as unknown as RunRecord;

describe('ownerLiveness', () => {
  it('is alive while the pid exists with the recorded start time', () => {
    expect(ownerLiveness(owner, probe({ 42: 1000 }))).toBe('alive');
  });
  it('is dead when the pid is gone, reused by a later process, or the machine rebooted', () => {
    expect(ownerLiveness(owner, probe({}))).toBe('dead');
    expect(ownerLiveness(owner, probe({ 42: 5000 }))).toBe('dead');
    expect(ownerLiveness(owner, probe({ 42: 1000 }, 'host-a', 'boot-2'))).toBe('dead');
  });
  it('cannot tell for another host', () => {
    expect(ownerLiveness(owner, probe({}, 'host-b'))).toBe('unknown');
  });
  it('knows this very process as alive', () => {
    expect(ownerLiveness(currentOwner())).toBe('alive');
  });
});

describe('effectiveRun', () => {
  const now = () => new Date('2026-11-29T00:00:00Z');
  it('reads a running run whose process is dead as interrupted, recorded by the reader', () => {
    const seen = effectiveRun(running, probe({}), now);
    expect(seen.state).toBe('interrupted');
    expect(seen.ending).toMatchObject({ recordedBy: 'reader', at: '2026-11-29T00:00:00.000Z' });
    expect(seen.ending?.reason).toContain('process 42 on host-a');
  });
  it('leaves live, unknown and finished runs alone', () => {
    expect(effectiveRun(running, probe({ 42: 1000 }), now)).toBe(running);
    expect(effectiveRun(running, probe({}, 'host-b'), now)).toBe(running);
    const completed = { ...running, state: 'completed' } as RunRecord;
    expect(effectiveRun(completed, probe({}), now)).toBe(completed);
  });
});
