/**
 * Every wrong input and --help of bad-input-cases.ts, run through its command's real
 * entry (the script's `tsx <file>` under `node --import tsx`, without npm):
 * the exit code it must end with, one line on stderr, no stack trace. Cases
 * that reach the build are left to `harness/tools/bad-inputs.ts`; tests do
 * not build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, SCRIPT_NAMES, answerLines, createFixtures, judge, runCase, type Fixtures } from './bad-input-cases.js';

let fx: Fixtures & { close(): Promise<void> };
beforeAll(async () => {
  fx = await createFixtures();
});
afterAll(async () => {
  await fx?.close();
});

const cases = BAD_INPUTS.filter((input) => !input.builds);

describe('every command answers a wrong input with one line', () => {
  it('has at least 30 cases covering every command the README names, each with --help and a wrong input', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_INPUTS.map((input) => input.script))).toEqual(new Set(SCRIPT_NAMES));
    const argsOf = (input: (typeof BAD_INPUTS)[number]): string[] => input.args({ root: '<tmp>', busyPort: 0, closedPort: 0 });
    for (const script of SCRIPT_NAMES) {
      expect(BAD_INPUTS.some((input) => input.script === script && argsOf(input).includes('--help') && input.exit === 0), script).toBe(true);
      expect(BAD_INPUTS.some((input) => input.script === script && input.exit === 2), script).toBe(true);
    }
  });

  it.each(cases.map((input) => [`${input.script} ${input.args({ root: '<tmp>', busyPort: 0, closedPort: 0 }).join(' ')}`, input] as const))(
    '%s',
    async (_name, input) => {
      const outcome = await runCase(input, fx, { viaNpm: false, timeoutMs: 60_000 });
      expect(judge(input, outcome), outcome.stderr).toBeUndefined();
      const [line] = answerLines(outcome);
      if (input.exit === 2) expect(line).toMatch(/^error: /);
      // --help answers on stdout with the command line to type.
      if (input.args(fx).includes('--help')) expect(outcome.stdout).toContain(`npm run ${input.script}`);
      if (input.exit === 0 && input.script === 'report' && line !== undefined) expect(line).toMatch(/^warning: .*samples\.jsonl ends in a cut-off line/);
    },
    90_000,
  );
});
