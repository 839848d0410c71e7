/**
 * The run configuration between memory and run.json: what a run records as
 * `config` (every option, the directory as displayed, the role masked), and
 * the options a resumed run takes back from it. Both directions here, so
 * what is recorded is exactly what the options module produced.
 */
import { lambdaOptionsFrom, type LambdaOptions } from './lambda.js';
import type { LambdaConfig, RunConfig } from '../contract/config.js';
import type { BenchOptions } from '../run/options.js';

/** The Lambda block as recorded: the role by its masked ARN (results never hold an account id). */
function recordedLambda(lambda: LambdaOptions): LambdaConfig {
  const { role, ...rest } = lambda;
  return { ...rest, ...(role !== undefined ? { role: role.toJSON() } : {}) };
}

/**
 * `config` of run.json: the options as parsed, every field filled, with the
 * run directory as `outDir` shows it (no absolute home path: it names the
 * user; --resume takes the directory from its argument).
 */
export function recordedConfig(options: BenchOptions, outDir: string): RunConfig {
  return { ...options, outDir, lambda: recordedLambda(options.lambda) };
}

/**
 * The options of a run to resume in `dir`, from its recorded config. Fields
 * a run recorded before they existed take what they meant then: one warm
 * process, no controls, the compact table; Lambda fields take the profile's
 * values (as runs of that time did). The recorded role is masked, so it is
 * left out: deploying to AWS again needs the real one, and the local Lambda
 * takes the placeholder.
 */
export function resumedOptions(config: RunConfig, dir: string): BenchOptions {
  const { role: _masked, ...lambda } = config.lambda;
  return {
    forks: 1,
    maxForks: 1,
    resolveBudgetMs: 0,
    controls: false,
    ...config,
    wide: config.wide ?? false,
    outDir: dir,
    lambda: { ...lambdaOptionsFrom({}, config.quick), ...lambda },
  };
}
