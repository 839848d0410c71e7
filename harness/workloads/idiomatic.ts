/**
 * The wording of a workload's idiomatic-Node declaration, in one place.
 *
 * A workload either has an idiomatic Node variant (`workloads/<name>/idiomatic.ts`,
 * whose header comment's first paragraph says why it differs from the port),
 * or its manifest declares the `node-idiomatic` target unsupported with
 * {@link alreadyIdiomatic}: its node.ts already is what a team would write.
 * The declaration goes through `unsupportedTargets` because every placement
 * (warm, cold, Lambda) already shows those reasons as gaps.
 *
 * Pure and import-free: workload manifests import it, and their bundles
 * (build/workloads/<name>/workload.mjs) should not pull anything in with it.
 */

/** How every "no variant" reason starts, so readers and tests can tell it from other gaps. */
export const ALREADY_IDIOMATIC = 'the node target already is the idiomatic code: ';

/** The `unsupportedTargets['node-idiomatic']` reason of a workload whose port is what a team would write. */
export function alreadyIdiomatic(why: string): string {
  return `${ALREADY_IDIOMATIC}${why}`;
}

/**
 * The first paragraph of a source file's leading block comment, as one line:
 * the "what it is and why" every file starts with. Empty when the file does
 * not start with a block comment.
 */
export function headerWhy(source: string): string {
  const match = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(source);
  if (!match) return '';
  const lines = match[1]!.split('\n').map((line) => line.replace(/^\s*\*?\s?/, '').trim());
  const first = lines.findIndex((line) => line !== '');
  if (first < 0) return '';
  const end = lines.findIndex((line, i) => i > first && line === '');
  return lines.slice(first, end < 0 ? undefined : end).join(' ');
}
