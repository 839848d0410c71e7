import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { nodeMemoryFlags, PeakRssReader } from './launch.js';

describe('PeakRssReader', () => {
  it('reads VmHWM of a live process again and again through one descriptor, never less than its current RSS', () => {
    const reader = new PeakRssReader(process.pid);
    const first = reader.readKb();
    const ballast = Buffer.alloc(64 * 1024 * 1024, 1); // touched: raises the high-water mark by ~64 MB
    const second = reader.readKb();
    reader.close();
    expect(first).toBeGreaterThan(1024);
    expect(second).toBeGreaterThanOrEqual((first ?? 0) + 60 * 1024);
    expect(ballast[ballast.length - 1]).toBe(1);
    expect(reader.readKb()).toBeUndefined();
  });

  it('answers undefined once the process is gone, and for a pid that does not exist', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    const reader = new PeakRssReader(child.pid);
    expect(reader.readKb()).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(reader.readKb()).toBeUndefined();
    reader.close();
    expect(new PeakRssReader(2 ** 22 + 1).readKb()).toBeUndefined();
    expect(new PeakRssReader(undefined).readKb()).toBeUndefined();
  });
});

describe('nodeMemoryFlags', () => {
  it('gives a tenth of memory to the young generation, half per semi-space, the rest to the old', () => {
    expect(nodeMemoryFlags(1024)).toEqual(['--max-semi-space-size=51', '--max-old-space-size=922']);
  });
});
