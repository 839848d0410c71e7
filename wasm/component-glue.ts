/**
 * Measuring what jco's generated glue costs, without patching it.
 *
 * jco 1.35's glue guards its debug logging with
 * `globalThis?.process?.env?.JCO_DEBUG` on every call path (task bookkeeping,
 * lowering, the call, lifting, post-return). In Node, `process.env` is not a
 * plain object: each property read goes through a native interceptor that
 * looks the variable up in the C environment, so the reads add up on calls
 * that otherwise take microseconds. We count the reads per call by running the
 * glue once with a counting stand-in for `process.env`, and price a read by
 * timing the glue's exact expression.
 */

/** The environment variable the glue reads on every call. */
export const GLUE_DEBUG_VARIABLE = 'JCO_DEBUG';

/** Runs `fn` with `process.env` replaced by a counting proxy; returns how often `variable` was read. */
export function countEnvReads(fn: () => void, variable: string = GLUE_DEBUG_VARIABLE): number {
  const real = process.env;
  let reads = 0;
  process.env = new Proxy(real, {
    get(target, key, receiver) {
      if (key === variable) reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  try {
    fn();
  } finally {
    process.env = real;
  }
  return reads;
}

/** Cost of one read, in nanoseconds: the glue's expression on `process.env` vs on a plain object. */
export interface EnvReadCost {
  readonly processEnvNs: number;
  readonly plainObjectNs: number;
}

/**
 * Times the glue's guard expression. Median of a few batches, so one
 * interruption on a shared machine does not set the figure.
 */
export function measureEnvReadCost(readsPerBatch = 20_000, batches = 5): EnvReadCost {
  // The glue's own expression, so the figure prices exactly what it runs.
  const time = (): number => {
    const samples: number[] = [];
    let hits = 0;
    for (let b = 0; b < batches; b++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < readsPerBatch; i++) if (globalThis?.process?.env?.[GLUE_DEBUG_VARIABLE]) hits += 1;
      samples.push(Number(process.hrtime.bigint() - started) / readsPerBatch);
    }
    // `hits` is read so the loop cannot be dropped as dead code.
    if (hits < 0) throw new Error('unreachable');
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  };
  // The plain object first: the loop's property-access feedback is then still
  // monomorphic for it; the real env's native getter costs the same either way.
  const real = process.env;
  process.env = { ...real };
  let plainObjectNs: number;
  try {
    plainObjectNs = time();
  } finally {
    process.env = real;
  }
  return { processEnvNs: time(), plainObjectNs };
}

/** The note a component result carries about the glue's per-call environment reads. */
export function envReadNote(readsPerCall: number, cost: EnvReadCost): string {
  const perCallUs = (readsPerCall * cost.processEnvNs) / 1000;
  return (
    `jco glue (unpatched) reads process.env.${GLUE_DEBUG_VARIABLE} ${readsPerCall} times per call; ` +
    `one read costs ${cost.processEnvNs.toFixed(0)} ns here (${cost.plainObjectNs.toFixed(0)} ns with process.env swapped for a plain object), ` +
    `so about ${perCallUs.toFixed(1)} µs of every call is spent on it`
  );
}
