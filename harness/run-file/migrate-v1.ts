/**
 * run.json version 1 -> version 2, on read: `npm run report` renders runs of
 * either version, and version-1 runs render as they did. What changed:
 *  - rows name their outcome `state` (version 1: `status`); errored rows
 *    written before failure kinds existed keep having none (their reports
 *    called every errored row INVALID, and still do);
 *  - Lambda rows hold where they ran in their `lambda` block (version 1: top
 *    level `memoryMB`, `arch`, `endpoint`, and `engine: "<memory>MB-<arch>"`),
 *    and their memory and cost only there (version 1 repeated them at the top
 *    level); the Lambda runtime moves from `build.runtime` into the block;
 *  - baselines are lists of one shape (version 1: `emptyProcess/<engine>` keys);
 *  - cold samples kept in `progress` name their outcome `state` too;
 *  - `state` is always present (version-1 runs written before it were complete).
 * The input is untyped JSON: every field is checked before it is moved, and
 * the result is validated against the version-2 schema by the caller.
 */

type Json = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `status` renamed to `state` (kept as is when already renamed). */
function renameStatus(value: Json): Json {
  if (!('status' in value)) return value;
  const { status, ...rest } = value;
  return { ...rest, state: status };
}

/** `[node<major>/]<memory>MB-<arch>` of a version-1 Lambda row's engine. */
function parseLambdaEngine(engine: unknown): { node?: string; memoryMB?: number; arch?: string } {
  const match = typeof engine === 'string' ? /^(?:(node\d+)\/)?(\d+)MB-(.+)$/.exec(engine) : null;
  if (!match) return {};
  return { ...(match[1] !== undefined ? { node: match[1] } : {}), memoryMB: Number(match[2]), arch: match[3] };
}

function migrateLambdaRow(row: Json, config: Json): Json {
  const { engine, memoryMB, arch, endpoint, maxMemoryUsedMB: _max, costPerMillionUsd: _cost, lambda, ...rest } = row;
  const fromEngine = parseLambdaEngine(engine);
  const where = {
    ...(fromEngine.node !== undefined ? { node: fromEngine.node } : {}),
    memoryMB: typeof memoryMB === 'number' ? memoryMB : fromEngine.memoryMB,
    arch: typeof arch === 'string' ? arch : fromEngine.arch,
    ...(typeof endpoint === 'string' ? { endpoint } : {}),
  };
  if (rest['state'] !== 'completed' || !isObject(lambda)) return { ...rest, lambda: where };
  // The top-level memory and cost repeated the block's `maxMemoryUsedMB.max` and `cost.warmPerMillionUsd`: the block keeps them.
  const build = isObject(rest['build']) ? rest['build'] : {};
  const lambdaConfig = isObject(config['lambda']) ? config['lambda'] : {};
  const runtime = typeof build['runtime'] === 'string' ? build['runtime'] : lambdaConfig['runtime'];
  const { powerTuning, ...block } = lambda;
  const picks = Array.isArray(powerTuning) && powerTuning.length > 0 ? { powerTuning } : {};
  return { ...rest, lambda: { ...where, ...(runtime !== undefined ? { runtime } : {}), ...block, ...picks } };
}

function migrateRow(value: unknown, config: Json): unknown {
  if (!isObject(value)) return value;
  const row = renameStatus(value);
  return row['placement'] === 'lambda' ? migrateLambdaRow(row, config) : row;
}

/** Version-1 baselines (entries keyed by name) as version-2 lists; entries of no known shape are left out. */
function migrateBaselines(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const emptyProcess: Json[] = [];
  for (const [name, entry] of Object.entries(value)) {
    if (!name.startsWith('emptyProcess/') || !isObject(entry) || typeof entry['engine'] !== 'string') continue;
    if (isObject(entry['cold'])) emptyProcess.push({ engine: entry['engine'], state: 'completed', cold: entry['cold'], resources: entry['resources'] ?? {} });
    else if (typeof entry['error'] === 'string') emptyProcess.push({ engine: entry['engine'], state: 'errored', error: entry['error'] });
  }
  const tuning = value['lambdaPowerTuning'];
  const out = { ...(emptyProcess.length > 0 ? { emptyProcess } : {}), ...(Array.isArray(tuning) && tuning.length > 0 ? { lambdaPowerTuning: tuning } : {}) };
  return Object.keys(out).length > 0 ? out : undefined;
}

function migrateProgress(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value['coldSamples'])) return value;
  return { ...value, coldSamples: value['coldSamples'].map((sample) => (isObject(sample) ? renameStatus(sample) : sample)) };
}

/** A version-1 run.json as version 2 (not yet validated). */
export function migrateV1(run: Json): Json {
  const config = isObject(run['config']) ? run['config'] : {};
  const { baselines, progress, results, state, ...rest } = run;
  const migratedBaselines = migrateBaselines(baselines);
  return {
    ...rest,
    schemaVersion: 2,
    state: state ?? 'completed',
    ...(progress !== undefined ? { progress: migrateProgress(progress) } : {}),
    results: Array.isArray(results) ? results.map((row) => migrateRow(row, config)) : results,
    ...(migratedBaselines ? { baselines: migratedBaselines } : {}),
  };
}
