/**
 * The native reference's warm rows: for every workload × size, as many
 * driver processes as a warm group has forks (`--forks`), each timing its own
 * calls with the output of its first and last call checked. The row's median
 * and interval come from the per-process medians (stats/replicated.ts), as
 * warm rows do; its ratio to node is unpaired (Welch over process medians:
 * the driver and the Node forks are different processes), and so is every
 * Wasm row's distance from native, which reports compute the same way from
 * the rows' process medians.
 *
 * Runs after the warm forks, so it never competes with them for the cores.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ratioToBaseline } from '../stats/vs-baseline.js';
import { describeForks } from '../stats/replicated.js';
import { BASELINE_TARGET, findTarget } from '../targets/index.js';
import { NATIVE_FILE } from '../targets/native/index.js';
import { toolchainArtifact } from '../targets/shared/toolchain-wasm.js';
import { runDriver, type DriverOutcome, type Runner } from '../targets/native/driver.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { prepareReference } from './reference.js';
import { rowKey } from './warm-groups.js';
import type { TargetAdapter } from '../contract/index.js';

/** The native target's name in --targets and results. */
export const NATIVE_TARGET = 'native';

/** Calls before the timed ones in each driver process (the machine code needs no JIT; this warms caches and the allocator). */
export const NATIVE_WARMUP_CALLS = 20;

/** The fewest timed samples per driver process (each at least 1 ms: the driver picks its calls per sample). */
export const NATIVE_MIN_SAMPLES = 30;

/** Samples per driver process: about the warm time each target gets in one fork (`--time`), at 1 ms a sample. */
export function nativeSamples(timeMs: number): number {
  return Math.max(NATIVE_MIN_SAMPLES, Math.round(timeMs));
}

/** A driver that takes longer than this is killed (a hang, not a slow workload). */
export const NATIVE_TIMEOUT_MS = 120_000;

/** Measures the native rows of the run when `native` is among the targets. */
export async function runLocalNative(context: RunContext, run?: Runner): Promise<void> {
  const { options, table, sink } = context;
  if (!options.targets.includes(NATIVE_TARGET)) return;
  const adapter = findTarget(NATIVE_TARGET) as TargetAdapter;
  const dir = mkdtempSync(join(tmpdir(), 'wlb-native-'));
  try {
    for (const entry of selectedWorkloads(context)) {
      for (const size of options.sizes) {
        const key = rowKey(entry.definition.name, NATIVE_TARGET, size);
        const gap = adapter.unsupportedReason(entry);
        if (gap) {
          table.unsupported(key, gap);
          continue;
        }
        sink.progress({ phase: 'warm', kind: 'step', label: `native reference · ${entry.definition.name} ${size}` });
        const reference = await prepareReference(entry, size, options.seed);
        if (reference.state === 'errored') {
          table.fail(key, reference.error, reference.failure);
          continue;
        }
        const inputPath = join(dir, `${entry.definition.name}-${size}.in`);
        writeFileSync(inputPath, typeof reference.input === 'string' ? Buffer.from(reference.input, 'utf8') : reference.input);
        const forks: number[][] = [];
        let callsPerSample = 0;
        let failed: Extract<DriverOutcome, { state: 'errored' }> | undefined;
        for (let fork = 0; fork < options.forks && !failed; fork++) {
          const outcome = await runDriver(
            {
              driver: toolchainArtifact(entry, NATIVE_FILE).path,
              inputPath,
              outputPath: join(dir, `${entry.definition.name}-${size}-${fork}.out`),
              warmupCalls: NATIVE_WARMUP_CALLS,
              samples: nativeSamples(options.timeMs),
              callsPerSample: 0,
              expected: { sha256: reference.expectedSha256, bytes: reference.expectedBytes },
              timeoutMs: NATIVE_TIMEOUT_MS,
            },
            ...(run ? [run] : []),
          );
          if (outcome.state === 'errored') failed = outcome;
          else {
            forks.push([...outcome.samplesNs]);
            callsPerSample = outcome.callsPerSample;
            sink.samples({ kind: 'warm', workload: entry.definition.name, target: NATIVE_TARGET, placement: 'local', size, fork, callsPerSample: outcome.callsPerSample, samplesNs: [...outcome.samplesNs] });
          }
        }
        if (failed) {
          table.fail(key, failed.error, failed.failure, { build: adapter.buildInfo(entry) });
          continue;
        }
        const nodeMedians = nodeForkMedians(context, entry.definition.name, size);
        const warm = describeForks(forks);
        table.complete(key, {
          verifiedAgainst: reference.verifiedAgainst,
          build: adapter.buildInfo(entry),
          // Each driver picks its own calls per sample (1 ms at least); they agree up to a doubling: the last one's is shown.
          warm: { ...warm, callsPerSample },
          ...(nodeMedians && nodeMedians.length > 0 ? { vsNode: ratioToBaseline({ design: 'independent-units', unit: 'process', candidateMedians: warm.forks.mediansNs, baselineMedians: nodeMedians }) } : {}),
          // Two outputs checked per process: its first call's and its last call's.
          warmChecks: 2 * forks.length,
          notes: ['native reference: gcc -O2 code timed by its own driver (no Node); its ratio to node is unpaired across processes'],
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The baseline's per-process medians for a workload × size: the host's Node
 * row, or with Node versions as a dimension the newest version's (the one
 * verdicts judge). Undefined when node was not measured.
 */
function nodeForkMedians(context: RunContext, workload: string, size: string): readonly number[] | undefined {
  const rows = context.table
    .rows()
    .filter((r) => r.state === 'completed' && r.placement === 'local' && r.target === BASELINE_TARGET && r.workload === workload && r.size === size)
    .sort((a, b) => String(b.engine ?? '').localeCompare(String(a.engine ?? ''), 'en', { numeric: true }));
  const row = rows.find((r) => r.engine === undefined) ?? rows[0];
  return row?.state === 'completed' ? row.warm?.forks?.mediansNs : undefined;
}
