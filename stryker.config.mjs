// @ts-check
/**
 * Stryker configuration for `npm run mutation` (issue 16): mutates the modules
 * whose mistakes would change a published number or verdict, and runs only the
 * tests that cover each mutant (per-test coverage) from a dedicated vitest
 * config that leaves out the slow Lambda, e2e and component suites.
 *
 * harness/cold/child.ts is not listed: it runs in a spawned process, and the
 * vitest runner switches mutants on only inside its own worker, so every
 * mutant there would count as "no coverage" whatever the tests check.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'harness/stats/compare.ts',
    'harness/stats/describe.ts',
    'harness/stats/sorted.ts',
    'harness/stats/rng.ts',
    'harness/stats/replicated.ts',
    'harness/stats/verdict.ts',
    'harness/stats/outliers.ts',
    'harness/stats/unpaired.ts',
    'harness/stats/vs-baseline.ts',
    'harness/verify/digest.ts',
    'harness/verify/check.ts',
    'harness/warm/measure.ts',
    'harness/warm/tally.ts',
    'harness/controls/calibration.ts',
    'harness/cold/summary.ts',
    'lambda/report-line.ts',
    'lambda/cost/cost.ts',
    'lambda/measure/sampling.ts',
    'lambda/measure/summary.ts',
    'lambda/load/quantiles.ts',
    'lambda/load/cost.ts',
    'lambda/load/repeats.ts',
  ],
  // Static mutants (module-level constants: key tables, defaults) have no
  // per-test coverage, so each one reruns every selected test file: 9% of the
  // mutants took half the time and the run went past 15 minutes. They are
  // skipped (reported as Ignored, outside the score); include them with
  // ignoreStatic: false (the CLI flag can only switch it on).
  ignoreStatic: true,
  // Two cores shared with other work: one test worker per core, and a timeout
  // factor generous enough that a busy neighbour does not turn a survivor
  // into a "timeout" (which Stryker counts as killed).
  concurrency: 2,
  timeoutFactor: 4,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  // Only the mutated files need '// @ts-nocheck' (no type checker runs); the
  // AssemblyScript sources elsewhere are not TypeScript Babel can parse.
  disableTypeChecks: '{harness,lambda}/**/*.ts',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // The sandbox copy needs sources and build/ (the tests load built Wasm);
  // run records and caches are large and irrelevant.
  ignorePatterns: ['results', '.cache', '*.log', 'reports'],
};
