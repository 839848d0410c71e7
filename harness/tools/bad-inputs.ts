/**
 * `npx tsx harness/tools/bad-inputs.ts [--direct] [--jobs n] [--only script]`:
 * runs every wrong input of bad-input-cases.ts through the real commands and
 * prints a Markdown table (command, input, first line of stderr, exit code).
 * Exits 1 when a case did not get its answer (wrong exit code, more than one
 * line, a stack trace, a timeout), so it doubles as a check.
 *
 * By default each case goes through `npm run --silent`, as a user types it;
 * --direct skips npm (about half a second a case less).
 */
import { pathToFileURL } from 'node:url';
import { BAD_INPUTS, SCRIPT_NAMES, answerLines, createFixtures, judge, runCase, type BadInput, type Outcome } from './bad-input-cases.js';
import { exitOnError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { BAD_INPUTS_DEFAULTS } from '../options/profiles.js';
import { BAD_INPUTS_FLAGS } from '../options/tool-flags.js';

/** Runs `inputs` at most `jobs` at a time, keeping their order in the result. */
async function runAll(inputs: readonly BadInput[], jobs: number, run: (input: BadInput) => Promise<Outcome>): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      outcomes[index] = await run(inputs[index] as BadInput);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, inputs.length) }, worker));
  return outcomes;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/`/g, "'");

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs(argv, BAD_INPUTS_FLAGS, { defaults: BAD_INPUTS_DEFAULTS, choices: { only: SCRIPT_NAMES } });
  if (values.help) {
    console.log(`usage: npx tsx harness/tools/bad-inputs.ts [--direct] [--jobs 1..4] [--only bench,report,...]\n\n${flagHelp(BAD_INPUTS_FLAGS, { defaults: BAD_INPUTS_DEFAULTS, width: 12 })}`);
    return 0;
  }
  const { jobs } = values;
  const only: readonly string[] = values.only ?? SCRIPT_NAMES;
  const inputs = BAD_INPUTS.filter((input) => only.includes(input.script));
  const fx = await createFixtures();
  try {
    const outcomes = await runAll(inputs, jobs, (input) => runCase(input, fx, { viaNpm: values.direct !== true, timeoutMs: input.builds ? 600_000 : 60_000 }));
    console.log('| # | command | input | first line of stderr (stdout if none) | exit | lines | as required |');
    console.log('|---|---|---|---|---|---|---|');
    let failures = 0;
    inputs.forEach((input, i) => {
      const outcome = outcomes[i] as Outcome;
      const lines = answerLines(outcome);
      const first = lines[0] ?? (outcome.stdout.split('\n')[0] ? `(stdout) ${outcome.stdout.split('\n')[0]}` : '');
      const shown = input.args(fx).map((a) => a.replace(fx.root, '<tmp>')).map((a) => (/[\s"]/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ');
      const verdict = judge(input, outcome);
      if (verdict !== undefined) failures += 1;
      console.log(`| ${i + 1} | npm run ${input.script} | \`${cell(shown)}\` | ${cell(first.split(fx.root).join('<tmp>'))} | ${outcome.exit ?? 'killed'} | ${lines.length} | ${verdict === undefined ? 'yes' : `**no: ${verdict}**`} |`);
    });
    console.log(`\n${inputs.length} bad inputs, ${inputs.length - failures} answered as required (exit code, one line, no stack trace).`);
    return failures > 0 ? 1 : 0;
  } finally {
    await fx.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code), exitOnError('bad-inputs'));
}
