/**
 * Every output check of every placement, in one place: an output, as it was
 * observed, against what the workload says it must be. A wrong output comes
 * back as data (the kind, both digests, the reason in words), never thrown,
 * and only a wrong output is `wrong-output`: reports print it INVALID.
 *
 * An output is observed in one of three ways, and each keeps the words its
 * failures have always been reported with:
 * - `payload`: the output itself, in this process (warm first calls, samples
 *   and audits). Bytes are compared, so the audits' hot loop never hashes;
 *   the digests are taken only to describe a mismatch.
 * - `child`: the SHA-256 a cold process reported for its first or last call
 *   (the child digests after its timed calls; nothing crosses but the hex).
 * - `handler`: the SHA-256 and size a Lambda handler returned.
 */
import { payloadBytes, payloadsEqual, sha256Hex } from './digest.js';
import type { Payload } from '../contract/index.js';

/** What an output must be: the expected payload itself, or its digest (SHA-256 hex, and its size when known). */
export type ExpectedOutput = { readonly payload: Payload } | { readonly sha256: string; readonly bytes?: number };

/** An output as the checker sees it. */
export type ObservedOutput =
  | { readonly kind: 'payload'; readonly output: Payload }
  /** What a cold child reported for its first or last call: not a string when the message was malformed. */
  | { readonly kind: 'child'; readonly call: 'first' | 'last'; readonly sha256: unknown }
  | { readonly kind: 'handler'; readonly sha256: string; readonly bytes: number };

/** A digest as far as it is known (a child reports no size). */
export interface SeenDigest {
  readonly sha256: string;
  readonly bytes?: number;
}

/** A wrong output, as data. */
export interface WrongOutput {
  readonly failure: 'wrong-output';
  /** What came: its digest (a child's report as it was, even when not a string). */
  readonly actual: { readonly sha256: unknown; readonly bytes?: number };
  readonly expected: SeenDigest;
  /** The failure in words, as rows and progress lines print it. */
  readonly reason: string;
}

const digestOfExpected = (expected: ExpectedOutput): SeenDigest =>
  'payload' in expected ? { sha256: sha256Hex(expected.payload), bytes: payloadBytes(expected.payload).length } : expected;

/** True when an observed output is the expected one (sizes compared only where both sides know theirs). */
function matches(observed: ObservedOutput, expected: ExpectedOutput): boolean {
  if (observed.kind === 'payload') {
    if ('payload' in expected) return payloadsEqual(observed.output, expected.payload);
    return sha256Hex(observed.output) === expected.sha256 && (expected.bytes === undefined || payloadBytes(observed.output).length === expected.bytes);
  }
  const want = digestOfExpected(expected);
  if (observed.kind === 'child') return observed.sha256 === want.sha256;
  return observed.sha256 === want.sha256 && (want.bytes === undefined || observed.bytes === want.bytes);
}

/** The words of a mismatch, by how the output was observed (unchanged from before the checks met here). */
function reasonOf(observed: ObservedOutput, actual: WrongOutput['actual'], expected: SeenDigest): string {
  switch (observed.kind) {
    case 'payload':
      // Prefixes only: a row's reason names the mismatch without dumping the payloads.
      return `output mismatch: sha256 ${String(actual.sha256).slice(0, 16)}… expected ${expected.sha256.slice(0, 16)}…`;
    case 'child':
      return `${observed.call} call's output sha256 ${String(observed.sha256)} != expected ${expected.sha256}`;
    case 'handler':
      return `output mismatch: handler returned sha256 ${observed.sha256} (${observed.bytes} B), expected ${expected.sha256} (${String(expected.bytes)} B)`;
  }
}

/** Checks one output against the expected one; undefined when it is right, the wrong output as data otherwise. */
export function checkOutput(observed: ObservedOutput, expected: ExpectedOutput): WrongOutput | undefined {
  if (matches(observed, expected)) return undefined;
  const actual =
    observed.kind === 'payload'
      ? { sha256: sha256Hex(observed.output), bytes: payloadBytes(observed.output).length }
      : observed.kind === 'handler'
        ? { sha256: observed.sha256, bytes: observed.bytes }
        : { sha256: observed.sha256 };
  const want = digestOfExpected(expected);
  return { failure: 'wrong-output', actual, expected: want, reason: reasonOf(observed, actual, want) };
}

/** True when the output is the expected one: the check without its description. */
export function outputMatches(observed: ObservedOutput, expected: ExpectedOutput): boolean {
  return matches(observed, expected);
}
