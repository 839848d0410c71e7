/**
 * `npm run build`: everything `npm run bench` and the tests need, built from
 * sources and skipped step by step when inputs are unchanged. It runs every
 * target's, workload's and placement's build steps (harness/build/, the
 * Lambda packages), so it lives with the tools: only they wire placements
 * together (harness/test/layers.ts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, type StepOutcome } from '../build/steps.js';
import { buildTargets, buildWorkloads } from '../build/targets.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import { buildAllLambdaPackages, stageLocalLambdaRuntime } from '../../lambda/package/build.js';

/** Harness entry points bundled for plain `node` (no loader hooks in measured processes). */
const HARNESS_ENTRIES: ReadonlyArray<{ key: string; entry: string; out: string }> = [
  { key: 'harness-cli', entry: 'harness/cli/main.ts', out: 'harness/cli.mjs' },
  { key: 'harness-cold-child', entry: 'harness/cold/child.ts', out: 'harness/cold-child.mjs' },
  { key: 'harness-warm-child', entry: 'harness/warm/child.ts', out: 'harness/warm-child.mjs' },
];

/** Builds everything; returns how many steps ran vs were fresh. `step` hears of every step as it ends, fresh ones too (progress). */
export async function buildAll(log: (line: string) => void = () => {}, step: (what: string, outcome: StepOutcome) => void = () => {}): Promise<Record<StepOutcome, number>> {
  const counts: Record<StepOutcome, number> = { built: 0, fresh: 0 };
  const record = (what: string, outcome: StepOutcome): void => {
    counts[outcome] += 1;
    if (outcome === 'built') log(`built ${what}`);
    step(what, outcome);
  };
  const workloads = await buildWorkloads();
  for (const { source, artifacts } of workloads) {
    record(`${source.name}/workload.mjs`, await bundle(BUILD_DIR, { key: `wl-${source.name}-definition`, entry: source.definition, outfile: artifacts.definition, inlinePackages: true, minify: false }));
  }
  // Every target's artifacts, by the builds their descriptors carry (harness/targets/<name>/build.ts).
  // A skip is said once per reason (a missing toolchain skips every workload of its targets).
  const skips = new Set<string>();
  await buildTargets(workloads, (report) => {
    if (report.outcome === 'failed') process.stderr.write(`[build] ${report.what} FAILED: ${report.reason}\n`);
    else if (report.outcome === 'skipped') {
      if (!skips.has(report.reason)) log(`${report.what}: ${report.reason}`);
      skips.add(report.reason);
    } else record(report.what, report.outcome);
  });
  // Lambda deployment zips (lambda/package): need the targets' artifacts above.
  for (const [what, outcome] of await buildAllLambdaPackages()) record(what, outcome);
  for (const { key, entry, out } of HARNESS_ENTRIES) {
    record(out, await bundle(BUILD_DIR, { key, entry: join(ROOT, entry), outfile: join(BUILD_DIR, out), inlinePackages: false, minify: false }));
  }
  record('harness/runtime (local Lambda runtime files next to cli.mjs)', stageLocalLambdaRuntime());
  return counts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  buildAll((line) => process.stderr.write(`[build] ${line}\n`)).then(
    (counts) => {
      process.stderr.write(`[build] ${counts.built} built, ${counts.fresh} up to date (${Math.round(performance.now() - started)} ms)\n`);
    },
    (error: unknown) => {
      process.stderr.write(`[build] failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
