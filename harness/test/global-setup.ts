import { buildAll } from '../tools/build-all.js';

/** Builds every artifact the tests exercise (skipped when inputs are unchanged). */
export default async function setup(): Promise<void> {
  await buildAll();
}
