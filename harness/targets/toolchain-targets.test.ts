/**
 * The targets built by optional system toolchains (rust, c-wasm, native),
 * end to end from `npm run build`'s artifacts: every workload that has a
 * source in the language runs on its committed input and reproduces the
 * committed expected output at every size, or names why it has no row.
 * Without the toolchains the rows must say "skipped: needs ..." instead.
 * CI installs the toolchains and sets WLB_REQUIRE_TOOLCHAINS=1, so a missing
 * compiler fails there instead of skipping.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findClangWasi, findGcc, findRust } from '../toolchains/detect.js';
import { runDriver } from './native/driver.js';
import { NATIVE_FILE } from './native/index.js';
import { toolchainArtifact } from './shared/toolchain-wasm.js';
import { findTarget, untimedPhases } from './index.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { prepareReference } from '../run/reference.js';
import { sha256Hex } from '../verify/digest.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIZE_NAMES } from '../contract/index.js';

const REQUIRED = process.env['WLB_REQUIRE_TOOLCHAINS'] === '1';
const TOOLCHAINS = { rust: findRust(), 'c-wasm': findClangWasi(), native: findGcc() } as const;

let catalog: CatalogEntry[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

describe('optional toolchains', () => {
  it.runIf(REQUIRED)('are all installed where CI requires them (WLB_REQUIRE_TOOLCHAINS=1)', () => {
    expect(Object.entries(TOOLCHAINS).filter(([, t]) => t.state !== 'found')).toEqual([]);
  });
});

for (const name of ['rust', 'c-wasm'] as const) {
  describe(`the ${name} target`, () => {
    it.runIf(TOOLCHAINS[name].state === 'found')('reproduces every committed expected output, or its row says why not', async () => {
      const adapter = findTarget(name)!;
      let ran = 0;
      for (const entry of catalog) {
        const gap = adapter.unsupportedReason(entry);
        if (gap) {
          expect(gap, entry.definition.name).toMatch(/^not ported to (Rust|C)/);
          continue;
        }
        const loaded = await adapter.load(entry, untimedPhases);
        for (const size of SIZE_NAMES) {
          const input = entry.definition.generateInput(size, entry.expected!.seed);
          expect(sha256Hex(loaded.call(input)), `${entry.definition.name} ${size}`).toBe(entry.expected!.sizes[size]!.outputSha256);
        }
        ran += 1;
      }
      expect(ran).toBeGreaterThanOrEqual(6);
    });

    it.runIf(TOOLCHAINS[name].state === 'missing')('says "skipped: needs ..." for every workload when its toolchain is missing', () => {
      const adapter = findTarget(name)!;
      for (const entry of catalog) {
        const gap = adapter.unsupportedReason(entry);
        if (entry.definition.unsupportedTargets?.[name] !== undefined) continue;
        expect(gap, entry.definition.name).toMatch(/^skipped: needs /);
      }
    });
  });
}

describe('the native reference', () => {
  it.runIf(TOOLCHAINS.native.state === 'found')('its driver reproduces every committed expected output at the small size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-native-all-'));
    let ran = 0;
    for (const entry of catalog) {
      if (findTarget('native')!.unsupportedReason(entry)) continue;
      const reference = await prepareReference(entry, 'small', entry.expected!.seed);
      if (reference.state !== 'ready') throw new Error(reference.error);
      const inputPath = join(dir, `${entry.definition.name}.in`);
      writeFileSync(inputPath, typeof reference.input === 'string' ? Buffer.from(reference.input) : reference.input);
      const outcome = await runDriver({
        driver: toolchainArtifact(entry, NATIVE_FILE).path, inputPath, outputPath: join(dir, `${entry.definition.name}.out`),
        warmupCalls: 1, samples: 3, callsPerSample: 1, expected: { sha256: entry.expected!.sizes.small!.outputSha256 }, timeoutMs: 60_000,
      });
      expect(outcome.state, `${entry.definition.name}: ${outcome.state === 'errored' ? outcome.error : ''}`).toBe('completed');
      ran += 1;
    }
    expect(ran).toBeGreaterThanOrEqual(6);
  });
});
