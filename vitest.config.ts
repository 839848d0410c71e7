import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'workloads/**/*.test.ts', 'wasm/**/*.test.ts', 'lambda/**/*.test.ts'],
    // Builds (asc, bundles) once before any test file; cached by content hash.
    globalSetup: ['harness/test/global-setup.ts'],
    // Registers the targets (their display facts) in every test file, as the CLI and `npm run report` do.
    setupFiles: ['harness/test/targets-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
