/**
 * A warm fork: one fresh `node --expose-gc` process that measures one
 * group with the in-process warm core and reports the raw samples. Bundled
 * to build/harness/warm-child.mjs and run without any loader.
 *
 *   node --expose-gc warm-child.mjs <job.json>
 *
 * The answer is one JSON line on file descriptor 3 (stdout and stderr stay
 * the workload's). Outputs are verified here, after every sample, against
 * the expected output the parent wrote; a mismatch comes back as an errored
 * outcome, never as samples.
 */
import { readFileSync } from 'node:fs';
import { sendMessage } from '../cold/message-pipe.js';
import { untimedPhases, findTarget } from '../targets/index.js';
import { measureWarmGroup, type WarmCandidate } from './measure.js';
import type { Payload, PayloadKind, TargetWorkload, WorkloadDefinition } from '../contract/index.js';
import type { ForkJob, ForkOutcome, ForkResult } from './fork-job.js';


function readPayload(path: string, kind: PayloadKind): Payload {
  const raw = readFileSync(path);
  return kind === 'text' ? raw.toString('utf8') : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** Sends one message to the parent. */
function send(message: ForkResult): void {
  sendMessage(message);
}

async function main(): Promise<void> {
  const jobPath = process.argv[2];
  if (!jobPath) throw new Error('usage: warm-child.mjs <job.json>');
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ForkJob;
  const definition: WorkloadDefinition = {
    ...job.manifest,
    generateInput: () => {
      throw new Error('a warm fork never generates input: the parent prepares it');
    },
  };
  const workload: TargetWorkload = { definition, artifacts: job.artifacts };
  const first = job.entries[0];
  if (!first) throw new Error('a warm fork job with no entries');
  const candidates: WarmCandidate[] = job.entries.map((entry) => {
    const adapter = findTarget(entry.target);
    if (!adapter) throw new Error(`unknown target ${entry.target}`);
    const repeat = entry.repeat ?? 1;
    return {
      target: entry.name,
      load: async () => {
        const loaded = await adapter.load(workload, untimedPhases);
        if (repeat === 1) return loaded;
        const call = loaded.call;
        return {
          ...loaded,
          call: (input: Payload): Payload => {
            let out = call(input);
            for (let i = 1; i < repeat; i++) out = call(input);
            return out;
          },
        };
      },
      own: { input: readPayload(entry.inputPath, entry.inputKind), expected: readPayload(entry.expectedPath, entry.expectedKind) },
    };
  });
  const outcomes = await measureWarmGroup(
    // Every entry carries its own input and expected output; the group's are the first entry's.
    { workload: definition.name, size: '', input: candidates[0]!.own!.input, expected: candidates[0]!.own!.expected, candidates },
    { timeMs: job.timeMs, warmupMs: job.warmupMs, rounds: job.rounds, seed: job.seed },
  );
  const answer: ForkOutcome[] = outcomes.map((outcome) =>
    outcome.state === 'completed'
      ? {
          state: 'completed',
          name: outcome.target,
          samplesNs: Array.from(outcome.samplesNs),
          callsPerSample: outcome.callsPerSample,
          checkedOutputs: outcome.checkedOutputs,
          ...(outcome.wasmMemoryBytes === undefined ? {} : { wasmMemoryBytes: outcome.wasmMemoryBytes }),
        }
      : { state: 'errored', name: outcome.target, error: outcome.error, failure: outcome.failure },
  );
  send({ type: 'warm-fork', outcomes: answer });
}

main().then(
  // Exit explicitly: a target that leaves a handle open must not hang the warm phase.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`warm fork failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
