/**
 * Options of the `lambda` placement and of `npm run deploy` / `teardown`:
 * where Lambda is (embedded local Lambda, --endpoint, --aws), what to deploy
 * (memory × architecture sweep, prefix, role, runtime) and how much to measure.
 * The flag set is shared so the same words mean the same thing everywhere.
 */
import { ARCHES, type Arch } from '../cost/cost.js';
import { DEFAULT_PREFIX, checkPrefix } from '../deploy/names.js';
import { RoleArn } from '../deploy/redact.js';
import { SIZE_NAMES, type SizeName } from '../../harness/types.js';
import { boundedInteger, unknownName, UsageError, type Bounds } from '../../harness/cli/flags.js';
import { MIN_BOOTSTRAP_SAMPLES, MIN_PROCESSES } from '../../harness/stats/verdict.js';

/** The `lambda` block of BenchOptions (a type alias, so it is a plain record). */
export type LambdaOptions = {
  /** Memory sizes in MB, swept (interleaved). */
  readonly memory: readonly number[];
  readonly arch: readonly Arch[];
  /** A Lambda-API endpoint URL; absent with `aws` false means the embedded local Lambda. */
  readonly endpoint?: string;
  /** Real AWS through the standard credential chain. */
  readonly aws: boolean;
  readonly region?: string;
  /** Deploy (idempotently) before measuring; false with --no-deploy. */
  readonly deploy: boolean;
  readonly prefix: string;
  /** Execution role; required for AWS, a placeholder elsewhere. Serialises without the account id. */
  readonly role?: RoleArn;
  /** Lambda runtime identifier of the functions. */
  readonly runtime: string;
  /** Function timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Warm samples per function in each of its execution environments. */
  readonly samples: number;
  /**
   * Execution environments per function that warm samples come from; every
   * one after the first is forced fresh (one cold start each, on AWS billed).
   */
  readonly environments: number;
  /** Untimed, verified invocations per function in each environment before its warm samples (warms the SDK client's JIT and the environment). */
  readonly warmup: number;
  /** Forced cold samples per function; the forced starts of environments 2..n count toward it. */
  readonly coldSamples: number;
  /** Sizes measured on Lambda. */
  readonly sizes: readonly SizeName[];
};

/** Node.js 20 is past its Lambda deprecation date; 22 runs the node20-targeted bundles unchanged. */
export const DEFAULT_RUNTIME = 'nodejs22.x';
const MEMORY_DEFAULT = [128, 512, 1769, 3008];
const MEMORY_QUICK = [128, 1769];
/** Warm invocations per function and environment. */
const SAMPLES = { full: 10, quick: 5 } as const;
/**
 * Environments per function. At least MIN_PROCESSES (3) even in --quick, or
 * no warm verdict could be given; 5 by default, where the t quantile (2.78 at
 * 4 degrees of freedom, 4.30 at 2) no longer dominates the interval.
 */
const ENVIRONMENTS = { full: 5, quick: 3 } as const;
const WARMUP = { full: 20, quick: 10 } as const;
/**
 * Forced cold starts per function. 6 by default: MIN_BOOTSTRAP_SAMPLES, the
 * fewest a cold verdict rests on; --quick takes just the environments' own.
 */
const COLD = { full: 6, quick: 2 } as const;

/** parseArgs option declarations of the shared Lambda flags. */
export const LAMBDA_FLAGS = {
  memory: { type: 'string' },
  arch: { type: 'string' },
  endpoint: { type: 'string' },
  aws: { type: 'boolean' },
  region: { type: 'string' },
  'no-deploy': { type: 'boolean' },
  prefix: { type: 'string' },
  role: { type: 'string' },
  runtime: { type: 'string' },
  'lambda-samples': { type: 'string' },
  'lambda-environments': { type: 'string' },
  'lambda-warmup': { type: 'string' },
  'lambda-cold-samples': { type: 'string' },
  'lambda-sizes': { type: 'string' },
  'lambda-timeout': { type: 'string' },
} as const;

/** Help lines of the shared Lambda flags. */
export const LAMBDA_HELP = `Lambda (--placements lambda; also npm run deploy / teardown)
  --memory a,b           memory sizes in MB (default ${MEMORY_DEFAULT.join(',')}; --quick ${MEMORY_QUICK.join(',')})
  --arch a,b             x86_64,arm64 (default x86_64)
  --endpoint <url>       any Lambda-API endpoint (default: start the local Lambda in-process)
  --aws                  real AWS, standard credential chain (AWS_PROFILE, AWS_REGION)
  --region <r>           AWS region (default: from the credential chain)
  --role <arn>           execution role of deployed functions (required with --aws)
  --prefix <p>           function name prefix (default ${DEFAULT_PREFIX})
  --runtime <id>         Lambda runtime (default ${DEFAULT_RUNTIME})
  --no-deploy            measure functions already deployed
  --lambda-samples <n>   warm invocations per function in each environment (default ${SAMPLES.full}; --quick ${SAMPLES.quick})
  --lambda-environments <n>  execution environments the warm samples come from, per function
                         (default ${ENVIRONMENTS.full}; --quick ${ENVIRONMENTS.quick}; fewer than ${MIN_PROCESSES} give no verdict). Each one after
                         the first is forced fresh: one cold start per function, billed on AWS (INIT
                         included) and kept as a forced-cold sample
  --lambda-warmup <n>    untimed invocations per function before them, in each environment (default ${WARMUP.full};
                         --quick ${WARMUP.quick}), more until the SDK client has made 1000 calls (at most 10 s a group); 0: none
  --lambda-cold-samples <n>  forced cold starts per function, the environments' own included (default ${COLD.full};
                         --quick ${COLD.quick}; fewer than ${MIN_BOOTSTRAP_SAMPLES} give no cold verdict)
  --lambda-sizes a,b     sizes measured on Lambda (default small)
  --lambda-timeout <s>   function timeout in seconds (default 60)`;

/** A mistake in the Lambda flags: a UsageError, so every CLI prints one line and exits 2. */
export class LambdaOptionError extends UsageError {}

type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

function str(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function items(value: string, name: string): string[] {
  const list = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (list.length === 0) throw new LambdaOptionError(`--${name} needs at least one value`);
  return list;
}

/**
 * Ranges of the numeric Lambda flags. Memory and timeout are Lambda's own
 * limits (any whole MB from 128 to 10,240; at most 900 s); the sample counts
 * stop a typo from starting a sweep that bills for hours.
 */
export const LAMBDA_BOUNDS = {
  memory: { min: 128, max: 10_240, unit: 'MB', why: 'what Lambda accepts, in 1 MB steps' },
  'lambda-timeout': { min: 1, max: 900, unit: 's', why: 'Lambda\'s limit is 15 minutes' },
  'lambda-samples': { min: 1, max: 100_000, why: 'per function and environment, and every function of the sweep runs them' },
  'lambda-environments': { min: 1, max: 1_000, why: 'each after the first forces a configuration update and a cold start per function' },
  'lambda-warmup': { min: 0, max: 100_000, why: 'per function' },
  'lambda-cold-samples': { min: 0, max: 10_000, why: 'each forces a configuration update and a cold start' },
} as const satisfies Record<string, Bounds>;

function whole(value: string | undefined, name: keyof typeof LAMBDA_BOUNDS): number | undefined {
  try {
    return boundedInteger(value, name, LAMBDA_BOUNDS[name]);
  } catch (error) {
    throw new LambdaOptionError((error as Error).message);
  }
}

/**
 * Checks a --region value. Region names are lower-case words and a number
 * (us-east-1, eu-central-2, us-gov-west-1); anything else would fail later,
 * inside the SDK, with a long message.
 */
export function checkRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) throw new LambdaOptionError(`--region must be an AWS region such as us-east-1, got "${region}"`);
  return region;
}

/** Reads the Lambda flags (values from node:util parseArgs), applying defaults. */
export function lambdaOptionsFrom(values: FlagValues, quick: boolean): LambdaOptions {
  const memoryFlag = str(values, 'memory');
  const memory = memoryFlag === undefined ? (quick ? MEMORY_QUICK : MEMORY_DEFAULT) : items(memoryFlag, 'memory').map((m) => whole(m, 'memory') as number);
  const archFlag = str(values, 'arch');
  const arch = archFlag === undefined ? (['x86_64'] as Arch[]) : items(archFlag, 'arch').map((a) => {
    if (!ARCHES.includes(a as Arch)) throw new LambdaOptionError(unknownName('arch', a, ARCHES));
    return a as Arch;
  });
  const sizesFlag = str(values, 'lambda-sizes');
  const sizes = sizesFlag === undefined ? (['small'] as SizeName[]) : items(sizesFlag, 'lambda-sizes').map((s) => {
    if (!SIZE_NAMES.includes(s as SizeName)) throw new LambdaOptionError(unknownName('lambda-size', s, SIZE_NAMES));
    return s as SizeName;
  });
  const endpoint = str(values, 'endpoint');
  const aws = values.aws === true;
  if (aws && endpoint !== undefined) throw new LambdaOptionError('--aws and --endpoint exclude each other');
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new LambdaOptionError(`--endpoint must be a URL, got "${endpoint}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LambdaOptionError(`--endpoint must be http(s), got "${endpoint}"`);
    if (url.username !== '' || url.password !== '' || url.search !== '') {
      throw new LambdaOptionError('--endpoint must not carry credentials or a query: the SDK signs requests itself, and options are recorded in run.json');
    }
  }
  const role = str(values, 'role');
  const deploy = values['no-deploy'] !== true;
  if (role !== undefined && !/^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/.test(role)) {
    throw new LambdaOptionError(`--role must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "${role}"`);
  }
  if (aws && deploy && role === undefined) {
    throw new LambdaOptionError('--aws deploys functions and needs --role <execution role ARN> (README, Lambda section: "On AWS, step by step"), or pass --no-deploy');
  }
  let prefix: string;
  try {
    prefix = checkPrefix(str(values, 'prefix') ?? DEFAULT_PREFIX);
  } catch (error) {
    throw new LambdaOptionError((error as Error).message);
  }
  const runtime = str(values, 'runtime') ?? DEFAULT_RUNTIME;
  if (!/^nodejs\d+\.x$/.test(runtime)) throw new LambdaOptionError(`--runtime must be a Node.js runtime such as ${DEFAULT_RUNTIME}, got "${runtime}"`);
  const region = str(values, 'region');
  if (region !== undefined) checkRegion(region);
  return {
    memory,
    arch,
    ...(endpoint !== undefined ? { endpoint } : {}),
    aws,
    ...(region !== undefined ? { region } : {}),
    deploy,
    prefix,
    ...(role !== undefined ? { role: new RoleArn(role) } : {}),
    runtime,
    timeoutSeconds: whole(str(values, 'lambda-timeout'), 'lambda-timeout') ?? 60,
    samples: whole(str(values, 'lambda-samples'), 'lambda-samples') ?? (quick ? SAMPLES.quick : SAMPLES.full),
    environments: whole(str(values, 'lambda-environments'), 'lambda-environments') ?? (quick ? ENVIRONMENTS.quick : ENVIRONMENTS.full),
    warmup: whole(str(values, 'lambda-warmup'), 'lambda-warmup') ?? (quick ? WARMUP.quick : WARMUP.full),
    coldSamples: whole(str(values, 'lambda-cold-samples'), 'lambda-cold-samples') ?? (quick ? COLD.quick : COLD.full),
    sizes,
  };
}

/**
 * The Lambda options of a run: BenchOptions.lambda as the CLI filled it, or
 * defaults for what is missing (callers that build BenchOptions by hand).
 */
export function resolveLambdaOptions(record: Readonly<Record<string, unknown>>, quick: boolean): LambdaOptions {
  const defaults = lambdaOptionsFrom({}, quick);
  return { ...defaults, ...(record as Partial<LambdaOptions>) };
}
