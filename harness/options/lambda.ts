/**
 * The Lambda options block, built from the Lambda flags (lambda-flags.ts)
 * once they are parsed: where Lambda is (embedded local Lambda, --endpoint,
 * --aws), what to deploy (memory × architecture sweep, prefix, role,
 * runtime) and how much to measure. Shared by `npm run bench -- --placements
 * lambda`, `npm run deploy` and `teardown`, so the same words mean the same
 * thing everywhere.
 */
import type { FlagValues } from './declare.js';
import { UsageError } from './errors.js';
import { LAMBDA_FLAGS, type LambdaFlags } from './lambda-flags.js';
import { parseArgs } from './parse.js';
import { LAMBDA_DEFAULTS, LAMBDA_QUICK } from './profiles.js';
import { RoleArn, ROLE_ARN } from './role.js';
import type { LambdaConfig } from '../contract/config.js';

/**
 * The Lambda options of a run (BenchOptions.lambda), or of a deploy or
 * teardown: what run.json records as `config.lambda` (the contract's
 * LambdaConfig, every field filled), with the role's full ARN, needed to
 * deploy, kept in a RoleArn that serialises masked.
 */
export interface LambdaOptions extends Omit<LambdaConfig, 'role' | 'environments' | 'warmup'> {
  /** Execution role; required for AWS, a placeholder elsewhere. Serialises without the account id. */
  readonly role?: RoleArn;
  /**
   * Execution environments per function that warm samples come from; every
   * one after the first is forced fresh (one cold start each, on AWS billed).
   */
  readonly environments: number;
  /** Untimed, verified invocations per function in each environment before its warm samples (warms the SDK client's JIT and the environment). */
  readonly warmup: number;
}

/** The parsed Lambda flags, defaults applied. */
export type LambdaFlagValues = FlagValues<LambdaFlags, typeof LAMBDA_DEFAULTS>;

/**
 * Checks a --region value. Region names are lower-case words and a number
 * (us-east-1, eu-central-2, us-gov-west-1); anything else would fail later,
 * inside the SDK, with a long message.
 */
export function checkRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) throw new UsageError(`--region must be an AWS region such as us-east-1, got "${region}"`);
  return region;
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL, got "${endpoint}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be http(s), got "${endpoint}"`);
  if (url.username !== '' || url.password !== '' || url.search !== '') {
    throw new UsageError('--endpoint must not carry credentials or a query: the SDK signs requests itself, and options are recorded in run.json');
  }
  return endpoint;
}

/** The Lambda options from the parsed flags; what the flags cannot say alone (AWS needs a role, ...) is checked here. */
export function lambdaOptions(v: LambdaFlagValues): LambdaOptions {
  const { endpoint, aws, role, region } = v;
  if (aws && endpoint !== undefined) throw new UsageError('--aws and --endpoint exclude each other');
  if (endpoint !== undefined) checkEndpoint(endpoint);
  const deploy = !v['no-deploy'];
  if (role !== undefined && !ROLE_ARN.test(role)) {
    throw new UsageError(`--role must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "${role}"`);
  }
  if (aws && deploy && role === undefined) {
    throw new UsageError('--aws deploys functions and needs --role <execution role ARN> (README, Lambda section: "On AWS, step by step"), or pass --no-deploy');
  }
  // Function names are prefix + workload + target + memory + arch, within Lambda's 64 characters.
  const prefix = v.prefix;
  if (!/^[a-zA-Z0-9_-]{0,30}$/.test(prefix)) throw new UsageError(`--prefix "${prefix}" must be at most 30 letters, digits, - or _`);
  if (!/^nodejs\d+\.x$/.test(v.runtime)) throw new UsageError(`--runtime must be a Node.js runtime such as ${LAMBDA_DEFAULTS.runtime}, got "${v.runtime}"`);
  if (region !== undefined) checkRegion(region);
  return {
    memory: v.memory,
    arch: v.arch,
    ...(endpoint !== undefined ? { endpoint } : {}),
    aws,
    ...(region !== undefined ? { region } : {}),
    deploy,
    prefix,
    ...(role !== undefined ? { role: new RoleArn(role) } : {}),
    runtime: v.runtime,
    timeoutSeconds: v['lambda-timeout'],
    samples: v['lambda-samples'],
    environments: v['lambda-environments'],
    warmup: v['lambda-warmup'],
    coldSamples: v['lambda-cold-samples'],
    sizes: v['lambda-sizes'],
  };
}

/**
 * The Lambda options from flag values written as a record (`{ memory: '128',
 * endpoint: url }`), for tests and callers that build a run by hand. The
 * record goes through the same parser as a command line.
 */
export function lambdaOptionsFrom(values: Readonly<Partial<Record<keyof LambdaFlags, string | boolean>>>, quick: boolean): LambdaOptions {
  const argv = Object.entries(values).flatMap(([name, value]) => (value === true ? [`--${name}`] : typeof value === 'string' ? [`--${name}=${value}`] : []));
  const { values: parsed } = parseArgs(argv, LAMBDA_FLAGS, { defaults: LAMBDA_DEFAULTS, quick: LAMBDA_QUICK, quickProfile: quick });
  return lambdaOptions(parsed);
}
