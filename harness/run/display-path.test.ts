import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayPath, scrubPaths } from './display-path.js';
import { RunWriter } from './writer.js';
import { ROOT } from '../paths.js';
import type { SampleLine } from '../contract/index.js';

describe('displayPath (what run.json records as outDir)', () => {
  it('is relative inside the current directory', () => {
    expect(displayPath('/home/alice/wlb/results/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('results/runs/r1');
    expect(displayPath('results/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('results/runs/r1');
    expect(displayPath('/home/alice/wlb', '/home/alice/wlb', '/home/alice')).toBe('.');
  });

  it('hides the home directory elsewhere, and keeps paths that name no user', () => {
    expect(displayPath('/home/alice/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('~/runs/r1');
    expect(displayPath('../runs/r1', '/home/alice/wlb', '/home/alice/')).toBe('~/runs/r1');
    expect(displayPath('/tmp/r1', '/home/alice/wlb', '/home/alice')).toBe('/tmp/r1');
    // A sibling whose name starts like the home directory is not inside it.
    expect(displayPath('/home/alice2/r1', '/srv', '/home/alice')).toBe('/home/alice2/r1');
    // A home of "/" (some service users) must not turn every path into "~...".
    expect(displayPath('/srv/r1', '/opt', '/')).toBe('/srv/r1');
  });
});

describe('scrubPaths (every string a run writes)', () => {
  it('writes project paths relative to the project and other home paths as ~/', () => {
    const root = '/home/alice/wlb';
    expect(scrubPaths('/home/alice/wlb/build/workloads/sha256/module.wasm', root, '/home/alice')).toBe('build/workloads/sha256/module.wasm');
    expect(scrubPaths('node /home/alice/wlb/build/harness/cold-child.mjs /home/alice/tmp/job.json', root, '/home/alice')).toBe(
      'node build/harness/cold-child.mjs ~/tmp/job.json',
    );
    expect(scrubPaths('/home/alice2/x and /tmp/y', root, '/home/alice')).toBe('/home/alice2/x and /tmp/y');
    expect(scrubPaths('/srv/x', '/opt/wlb', '/')).toBe('/srv/x');
  });

  it('is applied by the run writer to run.json, reports and sample lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-scrub-'));
    try {
      const writer = new RunWriter(dir);
      const artifact = join(ROOT, 'build', 'workloads', 'noop', 'module.wasm');
      writer.writeFile('report.md', `artifact ${artifact}\n`);
      // A cold sample names its command line; warm sample times may arrive as typed arrays.
      writer.appendSamples({ argv: [process.execPath, artifact], samplesNs: new Float64Array([1.25]) } as unknown as SampleLine);
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('artifact build/workloads/noop/module.wasm\n');
      const line = JSON.parse(readFileSync(join(dir, 'samples.jsonl'), 'utf8')) as { argv: string[]; samplesNs: number[] };
      expect(line.argv[1]).toBe('build/workloads/noop/module.wasm');
      expect(line.samplesNs).toEqual([1.3]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
