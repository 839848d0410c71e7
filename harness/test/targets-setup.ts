/**
 * Vitest setup (every test file): loads the target registry, as every entry
 * point that renders does, so that reporters tested on their own find the
 * targets' display facts (harness/targets/display.ts).
 */
import '../targets/index.js';
