/**
 * The Lambda flags, declared once: `npm run bench -- --placements lambda`
 * reads all of them, `npm run deploy` and `teardown` the ones that say what
 * to deploy or remove (DEPLOY_FLAGS, TEARDOWN_FLAGS in tool-flags.ts). Their
 * defaults and quick values are in profiles.ts.
 */
import type { FlagSet } from './declare.js';
import { LAMBDA_ARCHES } from '../contract/config.js';
import { SIZE_NAMES } from '../contract/workload.js';
import { MIN_BOOTSTRAP_SAMPLES, MIN_PROCESSES } from '../stats/verdict.js';

const SECTION = 'Lambda (--placements lambda; also npm run deploy / teardown)';

/**
 * Ranges: memory and timeout are Lambda's own limits (any whole MB from 128
 * to 10,240; at most 900 s); the sample counts stop a typo from starting a
 * sweep that bills for hours.
 */
export const LAMBDA_FLAGS = {
  memory: {
    kind: 'integer-list', value: 'a,b', section: SECTION, help: 'memory sizes in MB (default {default}; --quick {quick})',
    bounds: { min: 128, max: 10_240, unit: 'MB', why: 'what Lambda accepts, in 1 MB steps' },
  },
  arch: { kind: 'list', value: 'a,b', section: SECTION, choices: LAMBDA_ARCHES, help: '{choices} (default {default})' },
  endpoint: { kind: 'string', value: '<url>', section: SECTION, help: 'any Lambda-API endpoint (default: start the local Lambda in-process)' },
  aws: { kind: 'boolean', section: SECTION, help: 'real AWS, standard credential chain (AWS_PROFILE, AWS_REGION)' },
  region: { kind: 'string', value: '<r>', section: SECTION, help: 'AWS region (default: from the credential chain)' },
  role: { kind: 'string', value: '<arn>', section: SECTION, help: 'execution role of deployed functions (required with --aws)' },
  prefix: { kind: 'string', value: '<p>', section: SECTION, help: 'function name prefix (default {default})' },
  runtime: { kind: 'string', value: '<id>', section: SECTION, help: 'Lambda runtime (default {default})' },
  'no-deploy': { kind: 'boolean', section: SECTION, help: 'measure functions already deployed' },
  'lambda-samples': {
    kind: 'integer', value: '<n>', section: SECTION, help: 'warm invocations per function in each environment (default {default}; --quick {quick})',
    bounds: { min: 1, max: 100_000, why: 'per function and environment, and every function of the sweep runs them' },
  },
  'lambda-environments': {
    kind: 'integer', value: '<n>', section: SECTION,
    help: `execution environments the warm samples come from, per function\n(default {default}; --quick {quick}; fewer than ${MIN_PROCESSES} give no verdict). Each one after\nthe first is forced fresh: one cold start per function, billed on AWS (INIT\nincluded) and kept as a forced-cold sample`,
    bounds: { min: 1, max: 1_000, why: 'each after the first forces a configuration update and a cold start per function' },
  },
  'lambda-warmup': {
    kind: 'integer', value: '<n>', section: SECTION,
    help: 'untimed invocations per function before them, in each environment (default {default};\n--quick {quick}), more until the SDK client has made 1000 calls (at most 10 s a group); 0: none',
    bounds: { min: 0, max: 100_000, why: 'per function' },
  },
  'lambda-cold-samples': {
    kind: 'integer', value: '<n>', section: SECTION,
    help: `forced cold starts per function, the environments' own included (default {default};\n--quick {quick}; fewer than ${MIN_BOOTSTRAP_SAMPLES} give no cold verdict)`,
    bounds: { min: 0, max: 10_000, why: 'each forces a configuration update and a cold start' },
  },
  'lambda-sizes': { kind: 'list', value: 'a,b', section: SECTION, choices: SIZE_NAMES, help: 'sizes measured on Lambda (default {default})' },
  'lambda-timeout': {
    kind: 'integer', value: '<s>', section: SECTION, help: 'function timeout in seconds (default {default})',
    bounds: { min: 1, max: 900, unit: 's', why: 'Lambda\'s limit is 15 minutes' },
  },
} as const satisfies FlagSet;

/** The Lambda flags' declarations. */
export type LambdaFlags = typeof LAMBDA_FLAGS;
