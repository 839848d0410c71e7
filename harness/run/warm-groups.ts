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
import { BASELINE_TARGET, findTarget, isDriverTarget } from '../targets/index.js';
import type { CatalogEntry } from '../workloads/catalog.js';
import type { ForkEntry, ForkJob } from '../warm/fork-job.js';
import { ForkTally } from '../warm/tally.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { warmGroup } from './progress.js';
import { prepareReference } from './reference.js';
import type { RowKey } from './results.js';
import type { Payload, PayloadKind, SizeName, TargetAdapter } from '../contract/index.js';
import type { NodeBuild } from '../node-builds/builds.js';
import { composeEngine, nodeEngine } from '../node-builds/select.js';

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
  /** The Node build the forks run on (absent: the host's, as the controls always do). */
  readonly build?: NodeBuild;
  /** The rows' engine when Node versions are a dimension of the run (`node22`), else absent. */
  readonly engine?: string;
}

/** The progress id of the controls group. */
export const CONTROLS_GROUP = 'warm/controls';

/** The row key of a target in a group (`engine`: the group's Node engine, when Node versions are a dimension). */
export function rowKey(workload: string, target: string, size: SizeName, engine?: string): RowKey {
  return { workload, target: target as RowKey['target'], placement: 'local', size, ...(engine ? { engine } : {}) };
}

/** The builds warm groups run on, and the engines of rows of majors this machine cannot run. */
function warmBuilds(context: RunContext): { builds: ReadonlyArray<{ build: NodeBuild | undefined; engine: string | undefined }>; skipped: ReadonlyArray<{ engine: string; reason: string }> } {
  const nodes = context.nodes;
  // Without a selection (a context built by hand), forks run on the launcher's Node, as before --node existed.
  if (!nodes) return { builds: [{ build: undefined, engine: undefined }], skipped: [] };
  return {
    builds: nodes.builds.map((build) => ({ build, engine: composeEngine(nodes.dimension, build.major, undefined) })),
    skipped: nodes.missing.map((gap) => ({ engine: nodeEngine(gap.major), reason: gap.reason })),
  };
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

/** Prepares every unfinished workload × size (× Node build) group; records gaps and failed references as rows. */
export async function prepareWarmGroups(context: RunContext, dir: string): Promise<WarmForkGroup[]> {
  const { options, table, sink } = context;
  const groups: WarmForkGroup[] = [];
  const { builds, skipped } = warmBuilds(context);
  for (const entry of selectedWorkloads(context)) {
    for (const size of options.sizes) {
      const name = entry.definition.name;
      // A resumed run keeps the rows of finished groups.
      const open = builds.filter(({ engine }) => !context.progress.isFinished(warmGroup(name, size, engine)));
      for (const gap of skipped) {
        for (const target of options.targets) table.unsupported(rowKey(name, target, size, gap.engine), gap.reason);
        context.progress.finish(warmGroup(name, size, gap.engine));
      }
      if (open.length === 0) continue;
      const targets: TargetAdapter[] = [];
      // The native reference runs in its own driver processes (local-native.ts), never in a Node fork.
      for (const target of options.targets.filter((t) => !isDriverTarget(t)).map((t) => findTarget(t)).filter((t): t is TargetAdapter => t !== undefined)) {
        if (!options.sizesExplicit && target.defaultSizes && !target.defaultSizes.sizes.includes(size)) {
          sink.note(`${target.name} measured at ${target.defaultSizes.sizes.join(', ')} only by default: ${target.defaultSizes.why}`);
          continue;
        }
        const unsupported = target.unsupportedReason(entry);
        if (unsupported) for (const { engine } of open) table.unsupported(rowKey(name, target.name, size, engine), unsupported);
        else targets.push(target);
      }
      const finishAll = (): void => {
        for (const { engine } of open) context.progress.finish(warmGroup(name, size, engine));
      };
      if (targets.length === 0) {
        finishAll();
        continue;
      }
      const reference = await prepareReference(entry, size, options.seed);
      if (reference.state === 'errored') {
        for (const { engine } of open) for (const target of targets) table.fail(rowKey(name, target.name, size, engine), reference.error, reference.failure);
        finishAll();
        sink.checkpoint();
        continue;
      }
      for (const { build, engine } of open) {
        const id = warmGroup(name, size, engine);
        const entries = targets.map((target) => entryFiles(dir, id, target.name, target.name, reference.input, reference.expected));
        groups.push({
          id, label: `${name} ${size}${engine ? ` · ${engine}` : ''}`, workload: name, size, control: false, job: jobBase(entry, context), entries,
          verifiedAgainst: reference.verifiedAgainst, tally: new ForkTally(entries.map((e) => e.name)), ...(build ? { build } : {}), ...(engine ? { engine } : {}),
        });
      }
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
