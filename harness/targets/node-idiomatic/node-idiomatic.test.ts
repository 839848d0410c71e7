/**
 * The node-idiomatic target: it loads and runs sha256's node:crypto variant
 * from its built bundle with the committed vectors, records where the code
 * came from and why, and every workload without a variant is a gap whose
 * reason says the node target already is the idiomatic code. The build and
 * the Lambda template follow the same rule.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as steps from '../../build/steps.js';
import { bundleIdiomatic } from './build.js';
import { ROOT, workloadArtifacts } from '../../paths.js';
import { SIZE_NAMES, type TargetWorkload } from '../../contract/index.js';
import { sha256Hex } from '../../verify/digest.js';
import { loadCatalog, type CatalogEntry } from '../../workloads/catalog.js';
import { ALREADY_IDIOMATIC, alreadyIdiomatic, headerWhy } from '../../workloads/idiomatic.js';
import { findTarget, nodeVariants, TARGETS, untimedPhases } from '../index.js';
import { idiomaticGap, missingVariantReason, nodeIdiomaticTarget } from './adapter.js';
import { findTemplate } from '../../../lambda/handlers/templates.js';

const catalog = await loadCatalog();
const sha256 = catalog.find((e) => e.definition.name === 'sha256') as CatalogEntry;
const without = catalog.filter((e) => e.definition.name !== 'sha256');

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('node-idiomatic on sha256 (node:crypto)', () => {
  it.each(SIZE_NAMES)('loads the built bundle and reproduces the committed vector (%s), twice', async (size) => {
    const want = sha256.expected?.sizes[size];
    if (!want || !sha256.expected) throw new Error('sha256 has no committed expected output');
    const phases: string[] = [];
    const loaded = await nodeIdiomaticTarget.load(sha256, async (phase, fn) => {
      phases.push(phase);
      return fn();
    });
    expect(phases).toEqual(['import']);
    const input = sha256.definition.generateInput(size, sha256.expected.seed);
    expect(sha256Hex(loaded.call(input))).toBe(want.outputSha256);
    expect(sha256Hex(loaded.call(input)), 'second call').toBe(want.outputSha256);
  });

  it('runs the bundle of idiomatic.ts, which calls node:crypto, not the port', () => {
    const bundle = readFileSync(workloadArtifacts('sha256').idiomatic, 'utf8');
    expect(bundle).toMatch(/node:crypto/);
    expect(nodeIdiomaticTarget.artifacts(sha256)).toEqual([{ role: 'handler bundle (minified ESM)', path: workloadArtifacts('sha256').idiomatic }]);
  });

  it('is supported, and records its source and the why of its header comment', () => {
    expect(nodeIdiomaticTarget.unsupportedReason(sha256)).toBeUndefined();
    const info = nodeIdiomaticTarget.buildInfo(sha256) as { source?: string; why?: string; bundler?: string };
    expect(info.source).toBe('workloads/sha256/idiomatic.ts');
    expect(info.bundler).toBe('esbuild');
    expect(info.why).toMatch(/node:crypto.*createHash/);
    expect(info.why).toBe(headerWhy(readFileSync(join(ROOT, 'workloads', 'sha256', 'idiomatic.ts'), 'utf8')));
    expect(nodeIdiomaticTarget.notes?.(sha256)).toEqual([`idiomatic Node code, not the wasm module's algorithm (node is that comparison). ${info.why}`]);
  });

  it('says what is missing when the bundle is not built, or when artifact paths lack it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-idiomatic-'));
    scratch.push(dir);
    const unbuilt: TargetWorkload = { definition: sha256.definition, artifacts: { ...sha256.artifacts, idiomatic: join(dir, 'idiomatic.mjs') } };
    await expect(nodeIdiomaticTarget.load(unbuilt, untimedPhases)).rejects.toThrow(/idiomatic\.mjs is not built: run `npm run build`/);
    const { idiomatic: _dropped, ...older } = sha256.artifacts;
    await expect(nodeIdiomaticTarget.load({ definition: sha256.definition, artifacts: older }, untimedPhases)).rejects.toThrow(/without the idiomatic bundle/);
  });
});

describe('workloads without an idiomatic variant', () => {
  it.each(without.map((e) => [e.definition.name, e] as const))('%s is a gap: the node target already is the idiomatic code, and nothing is deployed', (name, entry) => {
    const reason = nodeIdiomaticTarget.unsupportedReason(entry);
    expect(reason?.startsWith(ALREADY_IDIOMATIC), reason).toBe(true);
    expect(reason).toBe(entry.definition.unsupportedTargets?.['node-idiomatic']);
    expect(nodeIdiomaticTarget.artifacts(entry)).toEqual([]);
    expect(nodeIdiomaticTarget.buildInfo(entry)).toEqual({});
    expect(nodeIdiomaticTarget.notes?.(entry)).toEqual([]);
    // The build leaves no bundle behind for it, and the Lambda build no package.
    expect(existsSync(workloadArtifacts(name).idiomatic)).toBe(false);
    expect(existsSync(join(ROOT, 'build', 'lambda', name, 'node-idiomatic.zip'))).toBe(false);
  });

  it('a manifest that says nothing still gets a reason naming the file and the declaration', () => {
    const fake = { name: 'no-such-workload', unsupportedTargets: undefined };
    expect(idiomaticGap(fake)).toBe(missingVariantReason('no-such-workload'));
    expect(idiomaticGap(fake)).toMatch(/workloads\/no-such-workload\/idiomatic\.ts does not exist.*unsupportedTargets\['node-idiomatic'\]/);
    expect(idiomaticGap({ name: 'x', unsupportedTargets: { 'node-idiomatic': alreadyIdiomatic('because') } })).toBe(`${ALREADY_IDIOMATIC}because`);
    expect(missingVariantReason('sha256')).toBeUndefined();
  });
});

describe('registry, build step and Lambda template', () => {
  it('is a registered target and a Node variant, after the baseline', () => {
    expect(findTarget('node-idiomatic')).toBe(nodeIdiomaticTarget);
    expect(TARGETS.map((t) => t.name).slice(0, 2)).toEqual(['node', 'node-idiomatic']);
    expect(nodeVariants()).toEqual(['node', 'node-idiomatic']);
  });

  it('bundles a variant and removes the bundle of a variant that is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-idiomatic-build-'));
    scratch.push(dir);
    const source = join(dir, 'idiomatic.ts');
    writeFileSync(source, "/** A test variant. */\nexport const run = (input: string): string => input.toUpperCase();\n");
    const outfile = join(dir, 'out', 'idiomatic.mjs');
    expect(await bundleIdiomatic({ buildDir: dir, steps }, { name: 'fake', idiomatic: source }, outfile)).toBe('built');
    expect(await bundleIdiomatic({ buildDir: dir, steps }, { name: 'fake', idiomatic: source }, outfile)).toBe('fresh');
    const { run } = (await import(pathToFileURL(outfile).href)) as { run: (input: string) => string };
    expect(run('abc')).toBe('ABC');
    expect(await bundleIdiomatic({ buildDir: dir, steps }, { name: 'fake', idiomatic: undefined }, outfile)).toBe('built');
    expect(existsSync(outfile)).toBe(false);
    expect(await bundleIdiomatic({ buildDir: dir, steps }, { name: 'fake', idiomatic: undefined }, outfile)).toBe('fresh');
  });

  it('has a Lambda template that imports idiomatic.ts, and refuses a workload without one', () => {
    const template = findTemplate('node-idiomatic');
    if (!template) throw new Error('no node-idiomatic template');
    const workload = { name: 'sha256', payload: sha256.definition.payload, nodeSource: join(ROOT, 'workloads', 'sha256', 'node.ts'), artifacts: sha256.artifacts };
    expect(template.unavailable?.(workload)).toBeUndefined();
    expect(template.entrySource(workload)).toContain(JSON.stringify(join(ROOT, 'workloads', 'sha256', 'idiomatic.ts')));
    expect(template.extraFiles(workload)).toEqual([]);
    expect(template.unavailable?.({ name: 'no-such-workload' })).toBe(missingVariantReason('no-such-workload'));
  });
});
