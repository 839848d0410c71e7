/** `--list`: each size with its request and response bytes and what it stands for. */
import { describe, expect, it } from 'vitest';
import sha256 from '../../workloads/sha256/workload.js';
import { formatBytes, LIST_SEED, listLines, workloadLines } from './list.js';
import type { ExpectedFile, WorkloadDefinition } from '../contract/index.js';

const expected = (outputBytes: number, seed = LIST_SEED): ExpectedFile => {
  const entry = { inputSha256: 'x', outputSha256: 'y', outputBytes };
  return { seed, sizes: { small: entry, medium: entry, large: entry } };
};

describe('--list', () => {
  it('gives every size of a workload its input bytes, output bytes, description and parameters', () => {
    const lines = workloadLines({ definition: sha256, expected: expected(32) });
    expect(lines[0]).toMatch(/^ {2}sha256 +SHA-256 digest of a request body/);
    expect(lines.slice(1)).toEqual([
      '    small       1,024 B in -> 32 B out   1 KiB payload (bytes 1024)',
      '    medium     65,536 B in -> 32 B out   64 KiB payload (bytes 65536)',
      '    large   1,048,576 B in -> 32 B out   1 MiB payload (bytes 1048576)',
    ]);
  });

  it('says "?" for output bytes it does not know (no expected.json, or one of another seed)', () => {
    const definition = { ...sha256, name: 'fresh' } as WorkloadDefinition;
    expect(workloadLines({ definition }).slice(1).every((line) => line.includes(' in -> ? out '))).toBe(true);
    expect(workloadLines({ definition, expected: expected(32, 7) })[1]).toContain(' in -> ? out ');
  });

  it('lists workloads, then targets, and says which seed the bytes are for', () => {
    const lines = listLines([{ definition: sha256, expected: expected(32) }], [{ name: 'wasm', description: 'core WebAssembly' }]);
    expect(lines[0]).toContain(`seed ${LIST_SEED}`);
    expect(lines).toContain('targets:');
    expect(lines.at(-1)).toBe('  wasm             core WebAssembly');
  });

  it('writes byte counts exactly, with thousands separators', () => {
    expect(formatBytes(64)).toBe('64 B');
    expect(formatBytes(7_680_016)).toBe('7,680,016 B');
  });
});
