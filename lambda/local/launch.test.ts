import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeMemoryFlags, PeakRssReader } from './launch.js';

/** A /proc/<pid>/status as the kernel writes it (abridged), with the given VmHWM. */
function status(hwmKb: number): string {
  return `Name:\tnode\nState:\tS (sleeping)\nPid:\t4242\nVmPeak:\t 1200000 kB\nVmSize:\t 1100000 kB\nVmHWM:\t  ${hwmKb} kB\nVmRSS:\t   50000 kB\nThreads:\t7\n`;
}

describe('PeakRssReader', () => {
  it('reads VmHWM again and again through the one descriptor it opened (a fake procfs whose file changes in place)', () => {
    const proc = mkdtempSync(join(tmpdir(), 'peak-rss-'));
    try {
      mkdirSync(join(proc, '4242'));
      const file = join(proc, '4242', 'status');
      writeFileSync(file, status(51234));
      const reader = new PeakRssReader(4242, proc);
      expect(reader.readKb()).toBe(51234);
      // Rewritten in place (same inode, longer figure): the open descriptor sees the new content from offset 0.
      writeFileSync(file, status(1234567));
      expect(reader.readKb()).toBe(1234567);
      writeFileSync(file, 'Name:\tnode\nVmRSS:\t 50000 kB\n'); // no VmHWM line (a kernel thread has none)
      expect(reader.readKb()).toBeUndefined();
      reader.close();
      writeFileSync(file, status(7));
      expect(reader.readKb()).toBeUndefined(); // closed: never reads again
      expect(new PeakRssReader(4243, proc).readKb()).toBeUndefined(); // no such pid in the tree
    } finally {
      rmSync(proc, { recursive: true, force: true });
    }
  });

  it('on the real /proc, reads a live process\'s VmHWM, never less than the RSS it had just before', () => {
    // The high-water mark only rises, so a later VmHWM is at least any earlier VmRSS, whatever the machine does.
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
    const reader = new PeakRssReader(process.pid);
    const peak = reader.readKb();
    reader.close();
    expect(rssKb).toBeGreaterThan(0);
    expect(peak).toBeGreaterThanOrEqual(rssKb);
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
