import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Vitest config used only by `npm run mutation` (stryker.config.json).
 * It keeps the test files that exercise the statistics, verification, REPORT
 * parsing, cost and summary modules, and leaves out the slow Lambda,
 * local-Lambda, end-to-end and component suites: they do not cover these
 * modules in-process, and Stryker re-runs the selected files once per mutant.
 * The seeded coverage simulations (`*.simulation.test.ts`: thousands of
 * bootstraps and intervals each) are left out too: rerun per mutant under
 * Stryker's instrumentation they kept the statistics run from finishing,
 * and the exact hand-computed figures next to them kill the same mutants.
 */
export default defineConfig({
  test: {
    include: [
      'harness/stats/**/*.test.ts',
      'harness/verify/**/*.test.ts',
      'harness/warm/**/*.test.ts',
      'harness/controls/**/*.test.ts',
      'harness/cold/summary*.test.ts',
      'harness/cold/sample*.test.ts',
      'harness/cold/rounds*.test.ts',
      'lambda/report*.test.ts',
      'lambda/cost/**/*.test.ts',
      // Not sampling.test.ts and sampling-environments.test.ts: they start a
      // local Lambda and create functions in beforeAll, seconds per rerun;
      // the scripted endpoint's tests pin the same paths in milliseconds.
      'lambda/measure/sampling.mutation.test.ts',
      'lambda/measure/sampling.scripted.test.ts',
      'lambda/measure/summary*.test.ts',
      'lambda/measure/failures*.test.ts',
      'lambda/load/quantiles*.test.ts',
      'lambda/load/cost*.test.ts',
      'lambda/load/repeats*.test.ts',
    ],
    exclude: [...configDefaults.exclude, '**/*.simulation.test.ts'],
    // No global setup (the build): npm run mutation builds once before Stryker starts, and
    // Stryker copies build/ into its sandbox. Here it ran at every test-worker start, and
    // Stryker restarts a worker after each timeout: 16 s each on the loaded machine.
    // Registers the targets (their display facts) in every test file, as the CLI and `npm run report` do.
    setupFiles: ['harness/test/targets-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
