/**
 * The groups the warm phase forks: one per selected workload × size (its
 * supported targets as entries), plus the calibration controls. Each group
 * is prepared once: input and expected output written to files the forks
 * read, rows of unsupported targets recorded as gaps, a failed reference
 * recorded as failed rows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_CALLS, CONTROL_ENTRIES, CONTROL_SIZE, CONTROL_WORKLOAD, PLANTED_CALLS, PLANTED_RATIO } from '../controls/calibration.js';
import { BASELINE_TARGET, findTarget } from '../targets/index.js';
import type { CatalogEntry } from '../workloads/catalog.js';
import type { ForkEntry, ForkJob } from '../warm/fork-job.js';
import { ForkTally } from '../warm/tally.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { warmGroup } from './progress.js';
import { prepareReference } from './reference.js';
import type { RowKey } from './results.js';
import type { Payload, PayloadKind, SizeName, TargetAdapter } from '../types.js';

/** A group ready to fork. */
export interface WarmForkGroup {
  /** Progress id (warm/<workload>/<size>), or `warm/controls`. */
  readonly id: string;
  /** For humans: "sha256 medium". */
  readonly label: string;
  readonly workload: string;
  readonly size: SizeName;
  /** True for the calibration controls (no rows; judged into RunCalibration). */
  readonly control: boolean;
  /** The job every fork of this group runs (its live entries and seed filled in per fork). */
  readonly job: Omit<ForkJob, 'entries' | 'seed'>;
  readonly entries: readonly ForkEntry[];
  readonly verifiedAgainst: 'committed' | 'node-reference';
  /** For the planted control: the true ratio by construction. */
  readonly expectedRatio?: number;
  readonly tally: ForkTally;
}

/** The progress id of the controls group. */
export const CONTROLS_GROUP = 'warm/controls';

/** The row key of a target in a group. */
export function rowKey(workload: string, target: string, size: SizeName): RowKey {
  return { workload, target: target as RowKey['target'], placement: 'local', size };
}

const kindOf = (payload: Payload): PayloadKind => (typeof payload === 'string' ? 'text' : 'bytes');

function writePayload(path: string, payload: Payload): void {
  writeFileSync(path, typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload);
}

/** Writes an entry's input and expected output next to the jobs. */
function entryFiles(dir: string, id: string, name: string, target: ForkEntry['target'], input: Payload, expected: Payload, repeat?: number): ForkEntry {
  const stem = join(dir, `${id.replaceAll('/', '_')}-${name}`);
  writePayload(`${stem}.in`, input);
  writePayload(`${stem}.out`, expected);
  return {
    name, target, inputPath: `${stem}.in`, inputKind: kindOf(input), expectedPath: `${stem}.out`, expectedKind: kindOf(expected),
    ...(repeat === undefined ? {} : { repeat }),
  };
}

function jobBase(entry: CatalogEntry, context: RunContext): Omit<ForkJob, 'entries' | 'seed'> {
  const { generateInput: _generate, ...manifest } = entry.definition;
  const { timeMs, warmupMs, rounds } = context.options;
  return { manifest, artifacts: entry.artifacts, timeMs, warmupMs, rounds };
}

/** Prepares every unfinished workload × size group; records gaps and failed references as rows. */
export async function prepareWarmGroups(context: RunContext, dir: string): Promise<WarmForkGroup[]> {
  const { options, table, sink } = context;
  const groups: WarmForkGroup[] = [];
  for (const entry of selectedWorkloads(context)) {
    for (const size of options.sizes) {
      const id = warmGroup(entry.definition.name, size);
      // A resumed run keeps the rows of finished groups.
      if (context.progress.isFinished(id)) continue;
      const name = entry.definition.name;
      const targets: TargetAdapter[] = [];
      for (const target of options.targets.map((t) => findTarget(t)).filter((t): t is TargetAdapter => t !== undefined)) {
        if (!options.sizesExplicit && target.defaultSizes && !target.defaultSizes.sizes.includes(size)) {
          sink.note(`${target.name} measured at ${target.defaultSizes.sizes.join(', ')} only by default: ${target.defaultSizes.why}`);
          continue;
        }
        const unsupported = target.unsupportedReason(entry);
        if (unsupported) table.unsupported(rowKey(name, target.name, size), unsupported);
        else targets.push(target);
      }
      if (targets.length === 0) {
        context.progress.finish(id);
        continue;
      }
      const reference = await prepareReference(entry, size, options.seed);
      if (reference.state === 'errored') {
        for (const target of targets) table.fail(rowKey(name, target.name, size), reference.error, reference.failure);
        context.progress.finish(id);
        sink.checkpoint();
        continue;
      }
      const entries = targets.map((target) => entryFiles(dir, id, target.name, target.name, reference.input, reference.expected));
      groups.push({
        id, label: `${name} ${size}`, workload: name, size, control: false, job: jobBase(entry, context), entries,
        verifiedAgainst: reference.verifiedAgainst, tally: new ForkTally(entries.map((e) => e.name)),
      });
    }
  }
  return groups;
}

/**
 * The calibration group: sha256's node implementation at the medium size as
 * two entries (A/A), and a third doing 21 calls where they do 20 (the
 * planted difference; controls/calibration.ts says why). Throws
 * when the control workload cannot be prepared: a run that promised its
 * controls must not quietly go without them.
 */
export async function prepareControlGroup(context: RunContext, dir: string): Promise<WarmForkGroup> {
  const entry = context.catalog.find((e) => e.definition.name === CONTROL_WORKLOAD);
  if (!entry) throw new Error(`the calibration controls need the ${CONTROL_WORKLOAD} workload, which is not built`);
  const reference = await prepareReference(entry, CONTROL_SIZE, context.options.seed);
  if (reference.state === 'errored') throw new Error(`the calibration controls could not be prepared: ${reference.error}`);
  const node = BASELINE_TARGET;
  const entries = [
    entryFiles(dir, CONTROLS_GROUP, CONTROL_ENTRIES.base, node, reference.input, reference.expected, BASE_CALLS),
    entryFiles(dir, CONTROLS_GROUP, CONTROL_ENTRIES.again, node, reference.input, reference.expected, BASE_CALLS),
    entryFiles(dir, CONTROLS_GROUP, CONTROL_ENTRIES.planted, node, reference.input, reference.expected, PLANTED_CALLS),
  ];
  return {
    id: CONTROLS_GROUP, label: 'calibration controls', workload: CONTROL_WORKLOAD, size: CONTROL_SIZE, control: true,
    job: jobBase(entry, context), entries, verifiedAgainst: reference.verifiedAgainst, expectedRatio: PLANTED_RATIO,
    tally: new ForkTally(entries.map((e) => e.name)),
  };
}
