/** Artifact sizes and warm-process resource snapshots. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressedSizes, measureArtifacts } from './artifacts.js';
import { measureWarmResources } from './process.js';
import type { LoadedTarget, TargetAdapter, TargetWorkload } from '../contract/index.js';

const dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const repetitive = new Uint8Array(64 * 1024).map((_, i) => i % 7);
// SHA-256 of a counter: deterministic and incompressible.
const noisy = new Uint8Array(Buffer.concat(Array.from({ length: 128 }, (_, i) => createHash('sha256').update(String(i)).digest())));

describe('compressedSizes', () => {
  it('reports raw, gzip and brotli sizes that decompress back to the input', () => {
    const sizes = compressedSizes(repetitive);
    expect(sizes.raw).toBe(repetitive.byteLength);
    expect(sizes.gzip).toBeLessThan(sizes.raw / 20);
    expect(sizes.brotli).toBeLessThan(sizes.raw / 20);
    // The figures are real compressed lengths, not estimates.
    expect(sizes.gzip).toBe(gzipSync(repetitive, { level: 9 }).byteLength);
    expect(gunzipSync(gzipSync(repetitive, { level: 9 })).equals(Buffer.from(repetitive))).toBe(true);
  });

  it('does not shrink incompressible bytes', () => {
    const sizes = compressedSizes(noisy);
    expect(sizes.gzip).toBeGreaterThan(sizes.raw * 0.9);
    expect(sizes.brotli).toBeGreaterThan(sizes.raw * 0.9);
  });
});

describe('measureArtifacts', () => {
  const a = join(dir, 'glue.js');
  const b = join(dir, 'core.wasm');
  writeFileSync(a, repetitive);
  writeFileSync(b, noisy);
  const workload = {} as TargetWorkload;
  const adapter = (paths: string[]): TargetAdapter =>
    ({ artifacts: () => paths.map((path, i) => ({ role: `file ${i}`, path })) }) as unknown as TargetAdapter;

  it('sums every deployed file and lists each', () => {
    const bytes = measureArtifacts(adapter([a, b]), workload);
    expect(bytes.raw).toBe(repetitive.byteLength + noisy.byteLength);
    expect(bytes.files?.map((f) => f.role)).toEqual(['file 0', 'file 1']);
    expect(bytes.gzip).toBe((bytes.files ?? []).reduce((sum, f) => sum + f.gzip, 0));
    expect(bytes.brotli).toBe(compressedSizes(repetitive).brotli + compressedSizes(noisy).brotli);
  });

  it('refuses to size a missing artifact', () => {
    expect(() => measureArtifacts(adapter([join(dir, 'missing.wasm')]), workload)).toThrow(/ENOENT/);
  });
});

describe('measureWarmResources', () => {
  it('makes the calls, then reports memory, peak RSS and linear memory', () => {
    let calls = 0;
    const loaded: LoadedTarget = {
      call: (input) => {
        calls += 1;
        return input;
      },
      memoryBytes: () => 131072,
    };
    const figures = measureWarmResources(loaded, new Uint8Array(8), 25);
    expect(calls).toBe(25);
    expect(figures.calls).toBe(25);
    expect(figures.wasmMemoryBytes).toBe(131072);
    expect(figures.heapUsedBytes).toBeGreaterThan(0);
    expect(figures.peakRssBytes).toBeGreaterThanOrEqual(figures.rssBytes);
    expect(figures.collected).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function');
  });

  it('omits linear memory for targets without one', () => {
    const figures = measureWarmResources({ call: (input) => input }, 'x', 1);
    expect(figures).not.toHaveProperty('wasmMemoryBytes');
  });
});
