/**
 * `npm run control-rates -- [--repeats 20] [--quick] [--forks n]`: how often
 * the calibration controls come out right when they are measured again and
 * again. Each repeat is a separate `--self-check` run of the built CLI (its
 * own processes, its own seed), so the rates describe what a user's run
 * would report. Prints, and exits 1 when a rate misses its target:
 *
 * - the A/A control says "no significant difference" (target: 95% of
 *   repeats: honest 95% intervals call identical code different 5% of the
 *   time, so fewer than 95% means they are too narrow);
 * - the planted 5% difference is detected with an interval that contains
 *   1.05 (target: 90%).
 *
 * A benchmark, not a test: it takes minutes and its rates depend on the
 * machine. The targets are the issue's acceptance criteria.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitOnError } from '../options/errors.js';
import { flagHelp } from '../options/help.js';
import { parseArgs } from '../options/parse.js';
import { CONTROL_RATES_DEFAULTS } from '../options/profiles.js';
import { CONTROL_RATES_FLAGS } from '../options/tool-flags.js';
import { BUILD_DIR } from '../paths.js';
import type { CalibrationState, RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';

const CLI = join(BUILD_DIR, 'harness', 'cli.mjs');
const AA_TARGET = 0.95;
const PLANTED_TARGET = 0.9;

const HELP = `npm run control-rates -- [--repeats n] [--quick] [--forks n]

Repeats the calibration controls (npm run bench -- --self-check) and prints how often
the A/A pair says "no significant difference" (target 95%) and how often the planted
5% difference is detected with an interval containing 1.05 (target 90%).
Run npm run build first (npm run bench does it).

options:
${flagHelp(CONTROL_RATES_FLAGS, { defaults: CONTROL_RATES_DEFAULTS, width: 14 })}`;

function main(argv: readonly string[]): number {
  const { values } = parseArgs(argv, CONTROL_RATES_FLAGS, { defaults: CONTROL_RATES_DEFAULTS });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const { repeats, forks } = values;
  const dir = mkdtempSync(join(tmpdir(), 'wlb-control-rates-'));
  // How often each check ended in each state: passed counts toward the targets; failed (caught wrong) and inconclusive (too short) are told apart.
  const aaStates: Record<CalibrationState, number> = { passed: 0, failed: 0, inconclusive: 0 };
  const plantedStates: Record<CalibrationState, number> = { passed: 0, failed: 0, inconclusive: 0 };
  let measured = 0;
  const started = Date.now();
  try {
    for (let i = 0; i < repeats; i++) {
      const out = join(dir, `run-${i}`);
      const args = ['--expose-gc', CLI, '--self-check', '--seed', String(1000 + i), '--out', out, ...(values.quick ? ['--quick'] : []), ...(forks !== undefined ? ['--forks', String(forks)] : [])];
      const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (child.status !== 0) {
        process.stderr.write(`repeat ${i + 1}: the self-check run failed (exit ${String(child.status)}): ${child.stderr.trim().split('\n').slice(-3).join(' | ')}\n`);
        continue;
      }
      const run = readRunRecord(join(out, 'run.json'));
      const calibration = run.calibration;
      if (!calibration) {
        process.stderr.write(`repeat ${i + 1}: the run recorded no calibration\n`);
        continue;
      }
      measured += 1;
      aaStates[calibration.aa.state] += 1;
      plantedStates[calibration.planted.state] += 1;
      console.log(`repeat ${String(i + 1).padStart(2)}: ${calibration.aa.summary}`);
      console.log(`           ${calibration.planted.summary}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (measured === 0) {
    console.log('no repeat produced a calibration');
    return 1;
  }
  const aaPassed = aaStates.passed;
  const plantedPassed = plantedStates.passed;
  const aaRate = aaPassed / measured;
  const plantedRate = plantedPassed / measured;
  const others = (states: Record<CalibrationState, number>): string => `(otherwise ${states.failed} failed: caught wrong, ${states.inconclusive} inconclusive: too short to tell)`;
  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
  console.log('');
  console.log(`${measured} repeats in ${Math.round((Date.now() - started) / 1000)} s${measured < repeats ? ` (${repeats - measured} failed to run)` : ''}`);
  console.log(`A/A says "no significant difference":       ${aaPassed}/${measured} = ${pct(aaRate)} (target >= ${pct(AA_TARGET)}) ${aaRate >= AA_TARGET ? 'ok' : 'MISSED'} ${others(aaStates)}`);
  console.log(`planted 5% detected, interval contains 1.05: ${plantedPassed}/${measured} = ${pct(plantedRate)} (target >= ${pct(PLANTED_TARGET)}) ${plantedRate >= PLANTED_TARGET ? 'ok' : 'MISSED'} ${others(plantedStates)}`);
  return aaRate >= AA_TARGET && plantedRate >= PLANTED_TARGET && measured === repeats ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  exitOnError('control-rates')(error);
}
