/**
 * The JavaScript porffor compiles for one workload: the `node` target's
 * esbuild bundle as it is (the same TypeScript, the same algorithm), with its
 * `run` export renamed, and three exported functions the host calls.
 *
 * porffor's exports take and return raw (value, type) pairs in its own
 * memory layout, and it converts nothing from JavaScript. So the host asks
 * the module for an empty input of the right length (a Uint8Array, or a
 * Latin-1 or UTF-16 string: porffor's two string representations), writes
 * the input's bytes or code units into it, and passes the pair back to
 * `__porffor_call`, which calls the workload's `run`. The output's pair is
 * read the same way (see binding.ts). Nothing is decoded or copied inside the
 * module, so the module's time is the workload's code as porffor compiled it.
 */

/** The shim's exported function names (the binding calls them). */
export const SHIM_EXPORTS = {
  bytes: '__porffor_bytes',
  latin1: '__porffor_latin1',
  utf16: '__porffor_utf16',
  call: '__porffor_call',
} as const;

/** esbuild's ESM export list at the end of the bundle: `export{y as multiply,m as run};` (minified) or `export { run };`. */
const EXPORT_LIST = /export\s*\{([^}]*)\}\s*;?\s*$/;

/**
 * The source porffor compiles: the bundle with `run` bound to a local name,
 * plus the input allocators and the call. Throws when the bundle exports
 * no `run` (the node target's contract), so a changed bundle
 * shape fails the build loudly instead of compiling a module without `run`.
 */
export function porfforShimSource(bundle: string): string {
  const match = EXPORT_LIST.exec(bundle);
  // Other exports (helpers the tests import) are dropped: only `run` is called.
  const entry = match?.[1]!.split(',').map((e) => e.trim().split(/\s+as\s+/)).find((parts) => (parts[1] ?? parts[0]) === 'run');
  if (match === null || entry === undefined) throw new Error('the node bundle does not end with an export list naming `run`; the porffor shim cannot bind it');
  const local = entry[0]!;
  const body = bundle.slice(0, match.index);
  return `${body}
const __porffor_run = ${local};
// An input of n bytes: the host writes the payload into its buffer.
export function ${SHIM_EXPORTS.bytes}(n) { return new Uint8Array(n); }
// A fresh Latin-1 string of n characters (porffor's one-byte string); the host writes the characters.
export function ${SHIM_EXPORTS.latin1}(n) { return ' '.repeat(n); }
// A fresh UTF-16 string of n code units (porffor's two-byte string): a character above U+00FF forces that representation.
export function ${SHIM_EXPORTS.utf16}(n) { return '\\u0100'.repeat(n); }
export function ${SHIM_EXPORTS.call}(input) { return __porffor_run(input); }
`;
}
