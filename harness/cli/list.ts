/**
 * `npm run bench -- --list`: the workloads with what each size is (input and
 * output payload bytes, the manifest's description and parameters) and the
 * targets. A size name alone ("medium") says nothing about the request a
 * function would get; the bytes and what they stand for are what a reader
 * compares with their own traffic.
 *
 * Input bytes come from the workload's own generator at the default seed (a
 * pure function of size and seed, no build needed); output bytes from the
 * committed expected.json of that seed, when there is one.
 */
import { payloadBytes } from '../verify/digest.js';
import { TARGETS } from '../targets/index.js';
import type { Known } from '../options/bench.js';
import { SIZE_NAMES, type ExpectedFile, type WorkloadDefinition } from '../contract/index.js';

/** The seed a run uses unless told otherwise; the committed expected outputs use it too. */
export const LIST_SEED = 1;

/** One workload as --list shows it. */
export interface ListedWorkload {
  readonly definition: WorkloadDefinition;
  /** Its committed expected.json, when it has one (output bytes). */
  readonly expected?: ExpectedFile;
}

/** One target as --list shows it. */
export interface ListedTarget {
  readonly name: string;
  readonly description: string;
}

/** `1,048,576 B`: exact, so that sizes compare with a real request's Content-Length. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B`;
}

/** `bytes 1024, vocabulary 5000`: the generator's parameters as the manifest declares them. */
function paramsText(params: Readonly<Record<string, number>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}

/** The lines of one workload: its name and description, then one line per size. */
export function workloadLines({ definition, expected }: ListedWorkload): string[] {
  const rows = SIZE_NAMES.map((size) => {
    const preset = definition.sizes[size];
    const input = formatBytes(payloadBytes(definition.generateInput(size, LIST_SEED)).length);
    const outputBytes = expected?.seed === LIST_SEED ? expected.sizes[size]?.outputBytes : undefined;
    const output = outputBytes === undefined ? '?' : formatBytes(outputBytes);
    const params = paramsText(preset.params);
    return { size, input, output, meaning: `${preset.description}${params ? ` (${params})` : ''}` };
  });
  const inputWidth = Math.max(...rows.map((r) => r.input.length));
  const outputWidth = Math.max(...rows.map((r) => r.output.length));
  return [
    `  ${definition.name.padEnd(16)} ${definition.description}`,
    ...rows.map((r) => `    ${r.size.padEnd(7)} ${r.input.padStart(inputWidth)} in -> ${r.output.padStart(outputWidth)} out   ${r.meaning}`),
  ];
}

/** The targets --list shows: the registry's, in display order (read when called, so a target registered since counts). */
export function listedTargets(): ListedTarget[] {
  return TARGETS.map((t) => (t.optIn === undefined ? t.adapter : { name: t.name, description: `${t.adapter.description} [opt-in: ${t.optIn}]` }));
}

/** The names the selection flags accept: these workloads, and the registry's targets (by default all but the opt-in ones). */
export function knownNames(workloads: readonly string[]): Known {
  const targets = TARGETS.map((t) => t.name);
  return { workloads: [...workloads], targets, defaultTargets: TARGETS.filter((t) => t.optIn === undefined).map((t) => t.name) };
}

/** The whole --list answer. */
export function listLines(workloads: readonly ListedWorkload[], targets: readonly ListedTarget[]): string[] {
  return [
    `workloads (each size: request and response payload bytes at the default seed ${LIST_SEED}, then what the size stands for):`,
    ...workloads.flatMap(workloadLines),
    'targets:',
    ...targets.map((t) => `  ${t.name.padEnd(16)} ${t.description}`),
  ];
}
