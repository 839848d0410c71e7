/**
 * The expected output of a (workload, size, seed): for the committed seed it
 * is the committed vector (checked against the node reference, which must
 * reproduce it); for any other seed it is the node reference output itself,
 * and rows say they were verified against it rather than a committed vector.
 */
import { outputMatches } from '../verify/check.js';
import { payloadBytes, sha256Hex } from '../verify/digest.js';
import { importNodeImplementation, type CatalogEntry } from '../workloads/catalog.js';
import type { FailureKind, Payload, SizeName } from '../contract/index.js';

/** Input plus what every target must return for it. */
export type Reference =
  | {
      readonly state: 'ready';
      readonly input: Payload;
      readonly expected: Payload;
      readonly expectedSha256: string;
      readonly expectedBytes: number;
      readonly verifiedAgainst: 'committed' | 'node-reference';
    }
  /** `wrong-output` when the reference no longer reproduces the committed vectors; `crashed` when it threw. */
  | { readonly state: 'errored'; readonly error: string; readonly failure: FailureKind };

/** Generates the input and computes the expected output. */
export async function prepareReference(entry: CatalogEntry, size: SizeName, seed: number): Promise<Reference> {
  try {
    const input = entry.definition.generateInput(size, seed);
    const run = await importNodeImplementation(entry);
    const output = run(input);
    // Copy: a reference must not alias a buffer an implementation may reuse.
    const expected = typeof output === 'string' ? output : Uint8Array.from(output);
    const digest = sha256Hex(expected);
    const committed = entry.expected?.seed === seed ? entry.expected.sizes[size] : undefined;
    if (committed) {
      if (sha256Hex(input) !== committed.inputSha256) {
        return { state: 'errored', error: 'input generator no longer reproduces the committed input (expected.json is stale)', failure: 'wrong-output' };
      }
      if (!outputMatches({ kind: 'payload', output: expected }, { sha256: committed.outputSha256 })) {
        return { state: 'errored', error: 'the TypeScript implementation no longer reproduces the committed expected output', failure: 'wrong-output' };
      }
    }
    return {
      state: 'ready',
      input,
      expected,
      expectedSha256: digest,
      expectedBytes: payloadBytes(expected).length,
      verifiedAgainst: committed ? 'committed' : 'node-reference',
    };
  } catch (error) {
    return { state: 'errored', error: `reference failed: ${error instanceof Error ? error.message : String(error)}`, failure: 'crashed' };
  }
}
