/**
 * The "Confirmation" of an ADR draft: the exact commands that measure the
 * same thing again, rebuilt from the options the run recorded (run.json's
 * `config`) and the commit it ran at (`environment.git`). A decision drawn
 * from one run is confirmed by a second run that agrees with it, so the
 * command must be complete: every recorded option is written out rather
 * than left to defaults, which may have changed since.
 */
import type { LambdaConfig, RunConfig, RunRecord } from '../contract/index.js';

/** The recorded options, any of them possibly absent (older runs, hand-made configs): each flag is written only when its value was recorded. */
export type RecordedOptions = { readonly [K in keyof RunConfig]?: K extends 'lambda' ? Partial<LambdaConfig> : RunConfig[K] };

const list = (value: unknown): string | undefined =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number') ? value.join(',') : undefined;
const whole = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** `--name value` when the value was recorded, nothing otherwise. */
function flag(name: string, value: string | number | undefined): string[] {
  return value === undefined ? [] : [`--${name}`, String(value)];
}

/**
 * Shell-quotes one argument when it needs it (a list of names never does,
 * but a recorded endpoint or prefix could hold anything).
 */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:,=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The local placement's flags: the warm ones only when warm ran, the cold ones only when cold ran (the CLI refuses the others). */
function localFlags(config: RecordedOptions): string[] {
  const timeMs = whole(config['timeMs']);
  const coldSamples = whole(config['coldSamples']);
  const resolveBudgetMs = whole(config['resolveBudgetMs']);
  const warm =
    timeMs === 0
      ? []
      : [
          ...flag('warmup', whole(config['warmupMs'])),
          ...flag('rounds', whole(config['rounds'])),
          ...flag('forks', whole(config['forks'])),
          ...flag('max-forks', whole(config['maxForks'])),
          ...flag('resolve-budget', resolveBudgetMs === undefined ? undefined : resolveBudgetMs / 1000),
          ...(config['controls'] === false ? ['--skip-controls'] : []),
        ];
  const cold =
    coldSamples === 0
      ? []
      : [
          ...flag('cold-sizes', list(config['coldSizes'])),
          ...flag('engines', list(config['engines'])),
          ...flag('cold-calls', whole(config['coldCalls'])),
          ...flag('cold-call-budget', whole(config['coldCallBudgetMs'])),
          ...flag('cold-timeout', whole(config['coldTimeoutMs'])),
        ];
  // Sizes chosen by default are left to the default: an explicit --sizes also changes which sizes the component targets get.
  return [...(config['sizesExplicit'] === true ? flag('sizes', list(config['sizes'])) : []), ...flag('time', timeMs), ...warm, ...flag('cold-samples', coldSamples), ...cold];
}

/** The Lambda placement's flags, from the recorded Lambda options (`config.lambda`). */
function lambdaFlags(config: RecordedOptions): string[] {
  const lambda: Partial<LambdaConfig> = config.lambda ?? {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return [
    ...flag('memory', list(lambda['memory'])),
    ...flag('arch', list(lambda['arch'])),
    ...(lambda['aws'] === true ? ['--aws'] : []),
    ...flag('endpoint', text(lambda['endpoint'])),
    ...flag('region', text(lambda['region'])),
    // The role is recorded redacted or not at all: the reader supplies their own.
    ...(lambda['aws'] === true && lambda['deploy'] !== false ? ['--role', '<execution role ARN>'] : []),
    ...(lambda['deploy'] === false ? ['--no-deploy'] : []),
    ...flag('prefix', text(lambda['prefix'])),
    // Runs recorded with --node choose the runtime through it (the CLI refuses both).
    ...(Array.isArray(config['node']) ? [] : flag('runtime', text(lambda['runtime']))),
    ...flag('lambda-samples', whole(lambda['samples'])),
    ...flag('lambda-environments', whole(lambda['environments'])),
    ...flag('lambda-warmup', whole(lambda['warmup'])),
    ...flag('lambda-cold-samples', whole(lambda['coldSamples'])),
    ...flag('lambda-sizes', list(lambda['sizes'])),
    ...flag('lambda-timeout', whole(lambda['timeoutSeconds'])),
  ];
}

/**
 * `npm run bench -- …` with every option the run recorded, in the CLI's
 * flag names. Flags of a placement the run did not use are left out (the
 * CLI refuses them), and so is `--out`: the new run gets a directory of its own.
 */
export function rerunCommand(config: RecordedOptions): string {
  const placements: readonly string[] = config.placements ?? ['local'];
  const args = [
    ...flag('workloads', list(config['workloads'])),
    ...flag('targets', list(config['targets'])),
    ...flag('placements', list(config['placements'])),
    // The Node majors measured (recorded since --node; older runs measured the host's Node and omit it).
    ...flag('node', list(config['node'])),
    ...(config['quick'] === true ? ['--quick'] : []),
    ...(placements.includes('local') ? localFlags(config) : []),
    ...(placements.includes('lambda') ? lambdaFlags(config) : []),
    ...flag('seed', whole(config['seed'])),
  ];
  return ['npm', 'run', 'bench', '--', ...args].map((word) => (word.startsWith('<') ? word : shellWord(word))).join(' ');
}

/**
 * The Confirmation section's body: how to check that the decision still
 * holds, as commands at the run's commit, and what to compare.
 */
export function confirmationMarkdown(run: RunRecord): string {
  const git = run.environment.git;
  const checkout = git === null ? [] : [`git checkout ${git}`];
  const commands = [...checkout, 'npm ci', rerunCommand(run.config)].join('\n');
  const commit =
    git === null
      ? 'The run recorded no git commit, so the code it measured cannot be named: rerun on the commit you mean to decide for and say which.'
      : `The run measured commit \`${git}\`${run.environment.gitDirty ? ' with uncommitted changes, so the commit alone does not reproduce it exactly' : ''}.`;
  return [
    `${commit} Measure again with the same options, on a machine like the one recorded (${run.environment.cpu}, ${run.environment.cores} cores):`,
    '',
    '```sh',
    commands,
    '```',
    '',
    `Then compare the new run with this one (${run.runId}) from a current checkout: \`npm run compare -- <this run's directory> <the new run's directory>\`. ` +
      'The decision is confirmed when every verdict it rests on comes out the same; a verdict that changes reopens the decision for that workload. ' +
      'After adopting it, keep the benchmark and its output verification in CI, so that a regression or an output mismatch is caught.',
  ].join('\n');
}
