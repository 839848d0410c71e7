/**
 * A target is one folder: a throwaway target (throwaway.fixture.ts: node's
 * code under another name) is added through the registry alone, and then
 * the CLI lists it and accepts it, the build builds it, Lambda packages it,
 * a warm run measures and verifies it in real forked processes, and every
 * report renders it under its own label and colour, and cold processes load
 * and verify it too. Nothing else is edited: the forks are the real warm and
 * cold children, bundled with the target registered first, as a target
 * folder would be bundled into them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TOOLS, buildTargets, buildWorkloads } from '../build/targets.js';
import { knownNames, listedTargets, listLines } from '../cli/list.js';
import { parseCommand } from '../options/bench.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import { renderAll } from '../report/index.js';
import { sampleRun } from '../report/fixtures.js';
import { runColdSamples } from '../cold/index.js';
import { runLocalWarm } from '../run/local-warm.js';
import { plannedGroups, ProgressTracker } from '../run/progress.js';
import { ResultTable } from '../run/results.js';
import { sha256Hex } from '../verify/digest.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { findTarget, registerTarget, untimedPhases } from './index.js';
import { TWIN, twinTarget } from './throwaway.fixture.js';
import { buildLambdaPackages, packagedTargets, readLambdaPackage } from '../../lambda/package/build.js';
import type { BenchOptions } from '../run/options.js';
import type { CompletedResult } from '../contract/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'wlb-throwaway-target-'));
/** The forks' script lives in the build folder, as the real one does: the harness finds the project root from its own path. */
const childDir = mkdtempSync(join(BUILD_DIR, 'throwaway-target-'));
const catalog = await loadCatalog();
const sha256 = catalog.find((e) => e.definition.name === 'sha256') as CatalogEntry;
let unregister: () => void = () => {};

beforeAll(() => {
  unregister = registerTarget(twinTarget(scratch));
});
afterAll(() => {
  unregister();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(childDir, { recursive: true, force: true });
});

/** The options `npm run bench -- --quick --workloads sha256 --targets node,node-twin` parses to. */
function parsedOptions(): BenchOptions {
  const command = parseCommand(['--quick', '--workloads', 'sha256', '--targets', `node,${TWIN}`, '--sizes', 'small', '--placements', 'local'], knownNames(['sha256']), 'throwaway');
  if (command.kind !== 'run') throw new Error(`parsed as ${command.kind}`);
  return command.options;
}

/**
 * The real warm or cold child, with the throwaway target registered before it
 * starts (a forked process knows only the targets bundled into it), bundled
 * into the build folder as the real one is.
 */
async function childWithTwin(kind: 'warm' | 'cold'): Promise<string> {
  const entry = join(childDir, `${kind}-child-entry.ts`);
  writeFileSync(
    entry,
    [
      `import { registerTarget } from ${JSON.stringify(join(ROOT, 'harness', 'targets', 'index.ts'))};`,
      `import { twinTarget } from ${JSON.stringify(join(ROOT, 'harness', 'targets', 'throwaway.fixture.ts'))};`,
      `registerTarget(twinTarget(${JSON.stringify(scratch)}));`,
      `await import(${JSON.stringify(join(ROOT, 'harness', kind, 'child.ts'))});`,
    ].join('\n'),
  );
  const script = join(childDir, `${kind}-child.mjs`);
  await BUILD_TOOLS.steps.bundle(childDir, { key: `throwaway-${kind}-child`, entry, outfile: script, inlinePackages: true, minify: false });
  return script;
}

describe('a throwaway target added through the registry alone', () => {
  it('is listed by --list and accepted by --targets', () => {
    expect(listLines([], listedTargets())).toContain(`  ${TWIN.padEnd(16)} ${twinTarget(scratch).adapter.description}`);
    expect(parsedOptions().targets).toEqual(['node', TWIN]);
  });

  it('is built by the build from its descriptor (cached like every step), and reproduces the committed vector', async () => {
    const tools = { ...BUILD_TOOLS, buildDir: scratch };
    const workloads = await buildWorkloads(['sha256']);
    expect(await buildTargets(workloads, () => {}, { targets: [TWIN] }, tools)).toEqual([{ what: `sha256/${TWIN}.mjs`, outcome: 'built' }]);
    expect(await buildTargets(workloads, () => {}, { targets: [TWIN] }, tools)).toEqual([{ what: `sha256/${TWIN}.mjs`, outcome: 'fresh' }]);
    const expected = sha256.expected?.sizes.small;
    if (!expected || !sha256.expected) throw new Error('sha256 has no committed expected output');
    const loaded = await findTarget(TWIN)!.load(sha256, untimedPhases);
    expect(sha256Hex(loaded.call(sha256.definition.generateInput('small', sha256.expected.seed)))).toBe(expected.outputSha256);
  });

  it('gets a Lambda package from its handler template', { timeout: 300_000 }, async () => {
    const buildDir = join(scratch, 'lambda-build');
    expect(packagedTargets(sha256.definition)).toContain(TWIN);
    const workload = { name: 'sha256', payload: sha256.definition.payload, nodeSource: join(ROOT, 'workloads', 'sha256', 'node.ts'), artifacts: sha256.artifacts };
    const steps = await buildLambdaPackages(workload, sha256.definition, buildDir);
    expect(steps.map(([what]) => what)).toContain(`lambda/sha256/${TWIN}.zip`);
    expect(readLambdaPackage('sha256', TWIN, buildDir).manifest.files.map((f) => f.name)).toEqual(['index.mjs']);
  });

  it('is measured and verified by a warm run in real processes, and every report renders it', { timeout: 300_000 }, async () => {
    const childScript = await childWithTwin('warm');
    // Three processes and no more, no calibration controls: the figures are not the point, the row is.
    const options: BenchOptions = { ...parsedOptions(), maxForks: 3, forks: 3, resolveBudgetMs: 0, controls: false };
    const table = new ResultTable();
    await runLocalWarm(
      {
        options, catalog, table, baselines: { emptyProcess: [], lambdaPowerTuning: [] }, progress: new ProgressTracker(plannedGroups(options)), cleanup: { add: () => () => undefined },
        sink: { samples: () => undefined, checkpoint: () => undefined, progress: () => undefined, note: () => undefined, calibration: () => undefined },
      },
      { timeoutMs: 120_000, childScript },
    );
    const rows = table.rows();
    const twin = rows.find((r) => r.target === TWIN);
    if (twin?.state !== 'completed') throw new Error(`the throwaway target's row: ${JSON.stringify(twin)}`);
    const row: CompletedResult = twin;
    expect(row.verified).toBe(true);
    expect(row.warm?.forks?.mediansNs).toHaveLength(3);
    expect(row.vsNode?.basis).toEqual({ unit: 'process', count: 3 });
    expect(rows.find((r) => r.target === 'node')?.state).toBe('completed');

    const files = new Map(renderAll(sampleRun(rows)));
    expect(files.get('report.md')).toContain('node twin vs node');
    expect(files.get('report.html')).toContain('#edc948');
    expect(files.get('adr-draft.md')).toContain("### node twin\n\nNode's code again under another name, to show that a target is one folder.");
    expect(files.get('results.csv')).toContain(TWIN);
  });

  it('is measured and verified cold, in fresh processes, with its own load phase', { timeout: 300_000 }, async () => {
    const childScript = await childWithTwin('cold');
    const expected = sha256.expected;
    if (!expected) throw new Error('sha256 has no committed expected output');
    const samples = await runColdSamples({
      items: [{ kind: 'target', workload: 'sha256', target: TWIN, size: 'small', engine: 'default' }],
      samples: 2,
      seed: 1,
      calls: 3,
      childScript,
      prepare: () => ({ workload: sha256, input: sha256.definition.generateInput('small', expected.seed), expectedOutputSha256: expected.sizes.small.outputSha256 }),
    });
    expect(samples.map((sample) => (sample.state === 'completed' ? [sample.verified, sample.phases.map((p) => p.name), sample.callsNs.length] : sample.error))).toEqual([
      [true, ['import'], 3],
      [true, ['import'], 3],
    ]);
  });
});
