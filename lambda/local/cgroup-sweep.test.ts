import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStale } from './cgroup-sweep.js';
import { createCgroupManager } from './cgroup.js';
import { HYBRID_MOUNTINFO, UNIFIED_MOUNTINFO, deadPid, fakeHost, frozenProcess, type FakeHost } from './cgroup-tree.fixture.js';

let fake: FakeHost | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  fake?.dispose();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Resolves with the signal that ended `child` (generous timeout: the machine is shared). */
function exitSignal(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pid ${child.pid} still running after 30 s`)), 30_000);
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe('sweep of groups left by a dead server (fake trees, real processes)', () => {
  it('thaws and kills a frozen runtime left in a v1 group, removes the dead server\'s groups, spares the living', async () => {
    const dead = await deadPid();
    const frozen = await frozenProcess();
    children.push(frozen);
    const cpu = 'sys/fs/cgroup/cpu,cpuacct';
    const memory = 'sys/fs/cgroup/memory';
    fake = fakeHost({
      'proc/self/mountinfo': HYBRID_MOUNTINFO,
      'proc/self/cgroup': '5:memory:/\n2:cpu,cpuacct:/\n0::/\n',
      [`${cpu}/wasm-lambda-bench-${dead}/env1/cgroup.procs`]: `${frozen.pid}\n`,
      [`${cpu}/wasm-lambda-bench-${dead}/env2/cgroup.procs`]: '',
      [`${memory}/wasm-lambda-bench-${dead}/env1/cgroup.procs`]: `${frozen.pid}\n`,
      // A server that is still running (this test's parent) keeps its groups.
      [`${cpu}/wasm-lambda-bench-${process.ppid}/env9/cgroup.procs`]: '',
      // Not ours at all.
      [`${cpu}/system.slice/cgroup.procs`]: '',
    });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager.mode).toBe('cgroup-v1');
    expect(await exitSignal(frozen)).toBe('SIGKILL');
    expect(fake.read(`${cpu}/wasm-lambda-bench-${dead}/env2/cgroup.procs`)).toBeUndefined();
    expect(fake.read(`${cpu}/wasm-lambda-bench-${dead}/env1/cgroup.procs`)).toBeUndefined();
    expect(fake.read(`${memory}/wasm-lambda-bench-${dead}/env1/cgroup.procs`)).toBeUndefined();
    expect(fake.read(`${cpu}/wasm-lambda-bench-${process.ppid}/env9/cgroup.procs`)).toBe('');
    expect(fake.read(`${cpu}/system.slice/cgroup.procs`)).toBe('');
  });

  it('does the same under the server\'s v2 group, leaving the leaf alone', async () => {
    const dead = await deadPid();
    const frozen = await frozenProcess();
    children.push(frozen);
    const g = 'sys/fs/cgroup/bench.scope';
    fake = fakeHost({
      'proc/self/mountinfo': UNIFIED_MOUNTINFO,
      'proc/self/cgroup': '0::/bench.scope/wasm-lambda-bench.leaf\n',
      [`${g}/cgroup.type`]: 'domain\n',
      [`${g}/cgroup.controllers`]: 'cpu memory pids\n',
      [`${g}/cgroup.subtree_control`]: 'cpu memory\n',
      [`${g}/wasm-lambda-bench.leaf/cgroup.procs`]: `${process.pid}\n`,
      [`${g}/wasm-lambda-bench-${dead}/cgroup.subtree_control`]: 'cpu memory\n',
      [`${g}/wasm-lambda-bench-${dead}/env1/cgroup.procs`]: `${frozen.pid}\n`,
      [`${g}/wasm-lambda-bench-${dead}/env1/cpu.max`]: '7236 100000\n',
    });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager.mode).toBe('cgroup-v2');
    expect(await exitSignal(frozen)).toBe('SIGKILL');
    expect(fake.read(`${g}/wasm-lambda-bench-${dead}/cgroup.subtree_control`)).toBeUndefined();
    expect(fake.read(`${g}/wasm-lambda-bench.leaf/cgroup.procs`)).toBe(`${process.pid}\n`);
  });

  it('reports what it killed, removed and could not remove', async () => {
    const dead = await deadPid();
    const frozen = await frozenProcess();
    children.push(frozen);
    fake = fakeHost({
      [`base/wasm-lambda-bench-${dead}/env1/cgroup.procs`]: `${frozen.pid}\n`,
    });
    const result = sweepStale(fake.host, fake.path('base'), process.pid);
    expect(result).toEqual({ removed: [fake.path(`base/wasm-lambda-bench-${dead}`)], killed: [frozen.pid], left: [] });
    expect(await exitSignal(frozen)).toBe('SIGKILL');
    // A group whose removal the kernel refuses (here: no permission) is reported, not retried for ever.
    const refusing = { ...fake.host, rmdir: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } };
    const other = await deadPid();
    fake.dispose();
    fake = fakeHost({ [`base/wasm-lambda-bench-${other}/cgroup.procs`]: '' });
    expect(sweepStale(refusing, fake.path('base'), process.pid)).toEqual({ removed: [], killed: [], left: [fake.path(`base/wasm-lambda-bench-${other}`)] });
  });
});
