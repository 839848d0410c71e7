import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { V2_MEMORY, cpuQuotaUs } from './cgroup-controllers.js';
import { createCgroupManager } from './cgroup.js';
import { UNIFIED_MOUNTINFO, fakeHost, type FakeHost } from './cgroup-tree.fixture.js';

const G = 'sys/fs/cgroup/system.slice/bench.service';
const ROOT = `${G}/wasm-lambda-bench-${process.pid}`;
const LEAF = `${G}/wasm-lambda-bench.leaf`;
const MB128 = String(128 * 1024 * 1024);

/** A v2-only host; the server's group G holds the server and one other process, with nothing enabled for children. */
function unifiedHost(extra: Record<string, string> = {}, procPath = '/system.slice/bench.service'): FakeHost {
  const files: Record<string, string> = {
    'proc/self/mountinfo': UNIFIED_MOUNTINFO,
    'proc/self/cgroup': `0::${procPath}\n`,
    'sys/fs/cgroup/cgroup.controllers': 'cpuset cpu io memory hugetlb pids rdma misc\n',
    [`${G}/cgroup.type`]: 'domain\n',
    [`${G}/cgroup.controllers`]: 'cpu io memory pids\n',
    [`${G}/cgroup.subtree_control`]: '\n',
    [`${G}/cgroup.procs`]: `${process.ppid}\n${process.pid}\n`,
    ...extra,
  };
  // An extra `name/` (a directory) replaces the file `name`.
  for (const key of Object.keys(extra)) if (key.endsWith('/')) delete files[key.slice(0, -1)];
  return fakeHost(files);
}

let fake: FakeHost | undefined;
afterEach(() => fake?.dispose());

describe('cgroup v2 (fake tree)', () => {
  it('moves the group\'s processes to a leaf, enables cpu and memory for children, and limits with v2 files', () => {
    fake = unifiedHost();
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'cgroup-v2', memoryMode: 'cgroup-v2', reason: undefined });
    // "No internal processes": G's processes (the server among them) now live in the leaf.
    expect(fake.read(`${LEAF}/cgroup.procs`)).toBe(`${process.ppid}\n${process.pid}\n`);
    expect(fake.read(`${G}/cgroup.subtree_control`)).toBe('+cpu +memory');
    expect(fake.read(`${ROOT}/cgroup.subtree_control`)).toBe('+cpu +memory');
    const env = manager.create('env1', 128);
    // One hierarchy: both files are the environment's one group.
    expect(env?.procsFiles).toEqual([fake.path(`${ROOT}/env1/cgroup.procs`), fake.path(`${ROOT}/env1/cgroup.procs`)]);
    expect(fake.read(`${ROOT}/env1/cpu.max`)).toBe('max 100000');
    expect(fake.read(`${ROOT}/env1/memory.max`)).toBe(MB128);
    // No swap accounting in this tree: memory.swap.max is not invented.
    expect(fake.read(`${ROOT}/env1/memory.swap.max`)).toBeUndefined();
    env?.setCpu('throttled');
    expect(fake.read(`${ROOT}/env1/cpu.max`)).toBe(`${cpuQuotaUs(128)} 100000`);
    env?.setCpu('unlimited');
    expect(fake.read(`${ROOT}/env1/cpu.max`)).toBe('max 100000');
    expect(fake.read(`${ROOT}/probe/cpu.max`)).toBeUndefined();
    expect(env?.remove()).toBe(true);
    manager.removeRoot();
    expect(fake.read(`${ROOT}/cgroup.subtree_control`)).toBeUndefined();
    // The move is not undone: the leaf stays with its processes, G keeps its controllers.
    expect(fake.read(`${LEAF}/cgroup.procs`)).toContain(String(process.pid));
  });

  it('reads OOM kills from memory.events and the peak from memory.peak, undefined before kernel 5.19', () => {
    fake = unifiedHost();
    const env = createCgroupManager('auto', fake.host).create('env1', 128);
    const dir = fake.path(`${ROOT}/env1`);
    expect(env?.peakBytes()).toBeUndefined();
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\noom_group_kill 0\n');
    expect(env?.oomKilled()).toBe(false);
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 40\noom 2\noom_kill 1\noom_group_kill 0\n');
    expect(env?.oomKilled()).toBe(true);
    writeFileSync(join(dir, 'memory.peak'), '134213632\n');
    expect(env?.peakBytes()).toBe(134_213_632);
  });

  it('sets memory.swap.max to 0 where swap is accounted', () => {
    fake = unifiedHost();
    const dir = fake.path('group');
    mkdirSync(dir);
    writeFileSync(join(dir, 'memory.swap.max'), 'max\n');
    V2_MEMORY.setLimit(dir, 256 * 1024 * 1024);
    expect(fake.read('group/memory.swap.max')).toBe('0');
    expect(fake.read('group/memory.max')).toBe(String(256 * 1024 * 1024));
  });

  it('a second server in the same group finds itself in the leaf and uses the group as it is', () => {
    fake = unifiedHost(
      { [`${G}/cgroup.subtree_control`]: 'cpu memory\n', [`${G}/cgroup.procs`]: '', [`${LEAF}/cgroup.procs`]: `${process.pid}\n` },
      '/system.slice/bench.service/wasm-lambda-bench.leaf',
    );
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'cgroup-v2', memoryMode: 'cgroup-v2' });
    expect(fake.read(`${G}/cgroup.subtree_control`)).toBe('cpu memory\n');
    expect(manager.create('env1', 512)?.procsFiles[0]).toBe(fake.path(`${ROOT}/env1/cgroup.procs`));
  });

  it('leaves the processes of the real root group where they are (the root is exempt from the rule)', () => {
    fake = fakeHost({
      'proc/self/mountinfo': UNIFIED_MOUNTINFO,
      'proc/self/cgroup': '0::/\n',
      'sys/fs/cgroup/cgroup.controllers': 'cpu memory pids\n',
      'sys/fs/cgroup/cgroup.subtree_control': 'pids\n',
      'sys/fs/cgroup/cgroup.procs': `1\n${process.pid}\n`,
    });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager.mode).toBe('cgroup-v2');
    expect(fake.read('sys/fs/cgroup/wasm-lambda-bench.leaf/cgroup.procs')).toBeUndefined();
    expect(fake.read('sys/fs/cgroup/cgroup.subtree_control')).toBe('+cpu +memory');
    expect(manager.create('env1', 128)?.procsFiles[0]).toBe(fake.path(`sys/fs/cgroup/wasm-lambda-bench-${process.pid}/env1/cgroup.procs`));
  });

  it('limits memory only when the cpu controller is not delegated, and says so', () => {
    fake = unifiedHost({ [`${G}/cgroup.controllers`]: 'memory pids\n' });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({
      mode: 'none',
      memoryMode: 'cgroup-v2',
      reason: `cpu not limited: cgroup v2 found but cpu controller not delegated to ${fake.path(G)}`,
    });
    expect(fake.read(`${G}/cgroup.subtree_control`)).toBe('+memory');
    const env = manager.create('env1', 128);
    env?.setCpu('throttled');
    expect(fake.read(`${ROOT}/env1/cpu.max`)).toBeUndefined();
    expect(fake.read(`${ROOT}/env1/memory.max`)).toBe(MB128);
  });

  it('runs unlimited without touching the tree when neither controller is delegated', () => {
    fake = unifiedHost({ [`${G}/cgroup.controllers`]: 'pids\n' });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'none', memoryMode: 'none' });
    expect(manager.reason).toBe(
      `cpu not limited: cgroup v2 found but cpu controller not delegated to ${fake.path(G)}; ` +
        `memory not limited: cgroup v2 found but memory controller not delegated to ${fake.path(G)}`,
    );
    expect(manager.create('env1', 128)).toBeUndefined();
    expect(fake.read(`${LEAF}/cgroup.procs`)).toBeUndefined();
  });

  it('runs unlimited and names the failing write when the group cannot be given controllers', () => {
    // cgroup.subtree_control as a directory: the write fails (EISDIR), as EBUSY/EACCES would on a real host.
    fake = unifiedHost({ [`${G}/cgroup.subtree_control/`]: '' });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'none', memoryMode: 'none' });
    expect(manager.reason).toMatch(new RegExp(`^cgroup v2 at ${fake.path(G)}: cannot enable cpu, memory for child groups: EISDIR`));
    expect(fake.read(`${ROOT}/cgroup.subtree_control`)).toBeUndefined();
  });

  it('uses v1 for a controller a v1 hierarchy carries and v2 for the other', () => {
    fake = fakeHost({
      'proc/self/mountinfo':
        '32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu,cpuacct\n' +
        '41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n',
      'proc/self/cgroup': '2:cpu,cpuacct:/\n0::/app\n',
      'sys/fs/cgroup/cpu/cgroup.procs': `${process.pid}\n`,
      'sys/fs/cgroup/unified/app/cgroup.type': 'domain\n',
      'sys/fs/cgroup/unified/app/cgroup.controllers': 'memory\n',
      'sys/fs/cgroup/unified/app/cgroup.procs': `${process.pid}\n`,
    });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'cgroup-v1', memoryMode: 'cgroup-v2', reason: undefined });
    const env = manager.create('env1', 128);
    expect(env?.procsFiles).toEqual([
      fake.path(`sys/fs/cgroup/cpu/wasm-lambda-bench-${process.pid}/env1/cgroup.procs`),
      fake.path(`sys/fs/cgroup/unified/app/wasm-lambda-bench-${process.pid}/env1/cgroup.procs`),
    ]);
    expect(fake.read(`sys/fs/cgroup/unified/app/wasm-lambda-bench-${process.pid}/env1/memory.max`)).toBe(MB128);
    expect(env?.remove()).toBe(true);
  });
});
