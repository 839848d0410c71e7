import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { V1_MEMORY, cpuQuotaUs } from './cgroup-controllers.js';
import { detectCgroups, parseMountinfo } from './cgroup-detect.js';
import { createCgroupManager } from './cgroup.js';
import { HYBRID_MOUNTINFO, fakeHost, type FakeHost } from './cgroup-tree.fixture.js';

const CPU = 'sys/fs/cgroup/cpu,cpuacct/user.slice';
const MEMORY = 'sys/fs/cgroup/memory/user.slice';
const ROOT = `wasm-lambda-bench-${process.pid}`;
const MB128 = String(128 * 1024 * 1024);

/** A hybrid host as systemd's old default sets it up: cpu and memory on v1, an empty v2 hierarchy beside. */
function hybridHost(extra: Record<string, string> = {}): FakeHost {
  return fakeHost({
    'proc/self/mountinfo': HYBRID_MOUNTINFO,
    'proc/self/cgroup': '5:memory:/user.slice\n2:cpu,cpuacct:/user.slice\n1:name=systemd:/user.slice/session-1.scope\n0::/user.slice/session-1.scope\n',
    [`${CPU}/cgroup.procs`]: `${process.pid}\n`,
    [`${MEMORY}/cgroup.procs`]: `${process.pid}\n`,
    'sys/fs/cgroup/unified/user.slice/session-1.scope/cgroup.controllers': '',
    ...extra,
  });
}

let fake: FakeHost | undefined;
afterEach(() => fake?.dispose());

describe('cgroup v1 (fake tree)', () => {
  it('finds the process group of each controller through mountinfo, the v2 mount of a hybrid host aside', () => {
    fake = hybridHost();
    const layout = detectCgroups(fake.host);
    expect(layout.v1.get('cpu')).toBe(fake.path(CPU));
    expect(layout.v1.get('memory')).toBe(fake.path(MEMORY));
    expect(layout.v2).toBe(fake.path('sys/fs/cgroup/unified/user.slice/session-1.scope'));
  });

  it('limits CPU and memory with v1 files, INIT unthrottled, and says so', () => {
    fake = hybridHost();
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'cgroup-v1', memoryMode: 'cgroup-v1', reason: undefined });
    const env = manager.create('env1', 128);
    expect(env?.procsFiles).toEqual([fake.path(`${CPU}/${ROOT}/env1/cgroup.procs`), fake.path(`${MEMORY}/${ROOT}/env1/cgroup.procs`)]);
    expect(fake.read(`${CPU}/${ROOT}/env1/cpu.cfs_period_us`)).toBe('100000');
    expect(fake.read(`${CPU}/${ROOT}/env1/cpu.cfs_quota_us`)).toBe('-1');
    expect(fake.read(`${MEMORY}/${ROOT}/env1/memory.limit_in_bytes`)).toBe(MB128);
    // No swap accounting in this tree: the memsw file is not invented.
    expect(fake.read(`${MEMORY}/${ROOT}/env1/memory.memsw.limit_in_bytes`)).toBeUndefined();
    env?.setCpu('throttled');
    expect(fake.read(`${CPU}/${ROOT}/env1/cpu.cfs_quota_us`)).toBe(String(cpuQuotaUs(128)));
    expect(cpuQuotaUs(128)).toBe(7236);
    env?.setCpu('unlimited');
    expect(fake.read(`${CPU}/${ROOT}/env1/cpu.cfs_quota_us`)).toBe('-1');
    // The probe groups are gone; only the environment's remains.
    expect(fake.read(`${CPU}/${ROOT}/probe-cpu/cgroup.procs`)).toBeUndefined();
    expect(env?.remove()).toBe(true);
    manager.removeRoot();
    expect(fake.read(`${CPU}/${ROOT}/cpu.cfs_quota_us`)).toBeUndefined();
  });

  it('reads OOM kills from oom_control (failcnt on old kernels) and the peak from max_usage_in_bytes', () => {
    fake = hybridHost();
    const env = createCgroupManager('auto', fake.host).create('env1', 128);
    const dir = fake.path(`${MEMORY}/${ROOT}/env1`);
    writeFileSync(join(dir, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 0\n');
    expect(env?.oomKilled()).toBe(false);
    writeFileSync(join(dir, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n');
    expect(env?.oomKilled()).toBe(true);
    writeFileSync(join(dir, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\n');
    writeFileSync(join(dir, 'memory.failcnt'), '3\n');
    expect(env?.oomKilled()).toBe(true);
    writeFileSync(join(dir, 'memory.max_usage_in_bytes'), '52428800\n');
    expect(env?.peakBytes()).toBe(52_428_800);
  });

  it('forbids swap past the limit where swap is accounted', () => {
    fake = hybridHost();
    const dir = fake.path('group');
    mkdirSync(dir);
    writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), '9223372036854771712');
    V1_MEMORY.setLimit(dir, 256 * 1024 * 1024);
    expect(fake.read('group/memory.memsw.limit_in_bytes')).toBe(String(256 * 1024 * 1024));
  });

  it('limits what it can when one hierarchy is not writable, and names the other in the status', () => {
    // The server's root group path in the cpu hierarchy is taken by a plain file: mkdir fails.
    fake = hybridHost({ [`${CPU}/${ROOT}`]: 'not a directory' });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager.mode).toBe('none');
    expect(manager.memoryMode).toBe('cgroup-v1');
    expect(manager.reason).toMatch(new RegExp(`^cpu not limited: cgroup v1 cpu hierarchy at ${fake.path(CPU)} not writable: EEXIST`));
    const env = manager.create('env1', 128);
    // One hierarchy only: the runtime joins the memory group twice, which is harmless.
    expect(env?.procsFiles).toEqual([fake.path(`${MEMORY}/${ROOT}/env1/cgroup.procs`), fake.path(`${MEMORY}/${ROOT}/env1/cgroup.procs`)]);
    env?.setCpu('throttled');
    expect(fake.read(`${MEMORY}/${ROOT}/env1/memory.limit_in_bytes`)).toBe(MB128);
  });

  it('uses the mount point as the group when a container shows only its part of the hierarchy', () => {
    fake = fakeHost({
      'proc/self/mountinfo':
        '700 600 0:29 /docker/abc /sys/fs/cgroup/cpu ro,nosuid - cgroup cgroup rw,cpu,cpuacct\n' +
        '701 600 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n',
      'proc/self/cgroup': '5:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n',
      'sys/fs/cgroup/cpu/': '',
      'sys/fs/cgroup/memory/': '',
    });
    const layout = detectCgroups(fake.host);
    expect(layout.v1.get('cpu')).toBe(fake.path('sys/fs/cgroup/cpu'));
    expect(layout.v1.get('memory')).toBe(fake.path('sys/fs/cgroup/memory'));
    expect(layout.v2).toBeUndefined();
  });

  it('says why when no hierarchy is mounted, and touches nothing when switched off', () => {
    fake = fakeHost({ 'proc/self/mountinfo': '22 27 0:21 / /proc rw - proc proc rw\n', 'proc/self/cgroup': '0::/\n' });
    expect(createCgroupManager('auto', fake.host)).toMatchObject({ mode: 'none', memoryMode: 'none', reason:
        'cpu not limited: no cgroup v1 cpu hierarchy and no cgroup v2 mounted; memory not limited: no cgroup v1 memory hierarchy and no cgroup v2 mounted' });
    expect(createCgroupManager('off', fake.host)).toMatchObject({ mode: 'none', reason: 'cgroups switched off by option' });
  });

  it('says so when a v1 hierarchy the process belongs to is not mounted (a container mounting v2 only)', () => {
    fake = fakeHost({
      'proc/self/mountinfo': HYBRID_MOUNTINFO.split('\n').filter((line) => !line.includes('cpu,cpuacct')).join('\n'),
      'proc/self/cgroup': '5:memory:/\n2:cpu,cpuacct:/\n0::/\n',
      'sys/fs/cgroup/memory/cgroup.procs': '',
    });
    const manager = createCgroupManager('auto', fake.host);
    expect(manager).toMatchObject({ mode: 'none', memoryMode: 'cgroup-v1', reason: 'cpu not limited: the cgroup v1 cpu hierarchy is not mounted here' });
  });

  it('decodes octal escapes in mountinfo paths', () => {
    const [mount] = parseMountinfo('40 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n');
    expect(mount).toMatchObject({ mountPoint: '/mnt/my cgroups', fsType: 'cgroup2', root: '/' });
  });
});
