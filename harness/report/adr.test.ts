import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { ResultRecord, RunRecord } from '../contract/index.js';
import { decideWorkload } from './adr-decide.js';
import { adrExporter, recommendationText, renderAdr } from './adr.js';
import { cold, completed, errored, processes, replicatedRun, sampleRun, vs, warm } from './fixtures.js';
import { configWith, lambdaCompleted } from './fixtures.js';
import { readRunRecord } from '../run-file/read.js';

/** The "#### workload" reasoning of the ADR (under More Information). */
function recommendation(adr: string, workload: string): string {
  const start = adr.indexOf('### Reasoning per workload');
  const body = adr.slice(start);
  const from = body.indexOf(`#### ${workload}\n`);
  expect(from, `recommendation for ${workload}`).toBeGreaterThanOrEqual(0);
  const rest = body.slice(from + 5);
  return rest.slice(0, rest.search(/\n#{2,4} /));
}

/** The text of a section from its heading to the next heading of the same or a higher level. */
function section(adr: string, heading: string): string {
  const from = adr.indexOf(`\n${heading}\n`);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = adr.slice(from + heading.length + 2);
  const end = rest.search(new RegExp(`\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

const node = (size: 'small' | 'large', ns: number, extra = {}) => completed('w', 'node', size, { warm: warm(ns), ...extra });

describe('ADR draft', () => {
  // Through the exporter: the assertions on `adr` are about the bytes written to adr-draft.md.
  const adr = adrExporter.serialize(sampleRun());

  it('is marked as a draft and has every MADR 4 section in order', () => {
    expect(adr.startsWith('---\nstatus: proposed\ndate: 2025-01-02\ndecision-makers: ')).toBe(true);
    expect(adr).toMatch(/\nconsulted: "[^"\n]+"\ninformed: "[^"\n]+"\n---\n/);
    expect(adr).toContain('**DRAFT for humans to edit.**');
    const sections = ['## Context and Problem Statement', '## Decision Drivers', '## Considered Options', '## Decision Outcome', '### Consequences', '### Confirmation', '## Pros and Cons of the Options', '## More Information'];
    const positions = sections.map((s) => adr.indexOf(`\n${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('states the decision in its title and one chosen option per workload', () => {
    expect(adr).toContain('\n# Keep noop and json-transform on Node.js; decide sha256 later\n');
    const outcome = section(adr, '## Decision Outcome');
    expect(outcome).toContain('- noop: Chosen option: "node", because no alternative differs significantly from it in warm time');
    expect(outcome).toContain('- sha256: No option chosen yet, because wasm is significantly faster warm at every size compared but slower to start cold');
    expect(outcome).toMatch(/- Good, because /);
    expect(outcome).toMatch(/- Bad, because /);
  });

  it('has pros and cons for every option measured, good, neutral and bad', () => {
    const pros = section(adr, '## Pros and Cons of the Options');
    for (const option of ['node', 'wasm', 'component']) expect(pros).toContain(`\n### ${option}\n`);
    const wasm = section(adr, '### wasm');
    expect(wasm).toContain('- Good, because it is significantly faster warm than node for: sha256 at small and large.');
    expect(wasm).toContain("- Neutral, because its warm time shows no significant difference from node's for: noop at small.");
    expect(wasm).toContain("- Bad, because its cold start is significantly slower than node's for: sha256 at small.");
  });

  it('gives the exact command and commit that confirm it', () => {
    const confirmation = section(adr, '### Confirmation');
    expect(confirmation).toContain('git checkout 0123456789abcdef0123456789abcdef01234567\nnpm ci\nnpm run bench -- --workloads sha256,noop,json-transform --targets node,wasm,component --placements local --time 500 --warmup 100 --rounds 3 --forks 5 --max-forks 10 --resolve-budget 90 --cold-samples 30 --cold-sizes small --engines default --cold-calls 100 --cold-call-budget 1000 --cold-timeout 30000 --seed 42\n');
    expect(confirmation).toContain('npm run compare -- ');
  });

  it('recommends node on no significant difference and says so', () => {
    const noop = recommendation(adr, 'noop');
    expect(noop).toContain('**Stay on Node.js.** No significant difference in warm time per call');
    expect(noop).toContain('simpler toolchain');
    expect(noop).toContain('no significant difference (0.98× [0.93–1.04])');
    expect(decideWorkload('noop', sampleRun().results).recommendation).toEqual({ kind: 'stay-on-node', because: 'no-significant-difference' });
  });

  it('says "depends on the invocation pattern" when wasm is faster warm but slower cold, quoting both CIs and the break-even', () => {
    const sha = recommendation(adr, 'sha256');
    expect(sha).toContain('**Depends on the invocation pattern.**');
    expect(sha).toContain('small: 2.00× faster [1.82–2.22] (60.0 µs vs 120 µs per call)');
    expect(sha).toContain('large: 2.38× faster [2.27–2.50]');
    expect(sha).toContain('small: 1.20× slower [1.10–1.30] (first result 46.0 ms [43.7–48.3 ms] vs 41.0 ms [39.0–43.0 ms])');
    // Extra cold start 46 ms - 41 ms = 5 ms; saving 120 µs - 60 µs = 60 µs per call: 84 calls.
    expect(sha).toContain('the extra 5.00 ms of cold start is repaid after about 84 warm calls');
  });

  it('never recommends from an errored row, and lists it as excluded', () => {
    const json = recommendation(adr, 'json-transform');
    expect(json).toContain('**Stay on Node.js.** No alternative has a valid measurement');
    expect(json).toContain('wasm: not considered. INVALID at size small: output digest mismatch');
    expect(json).not.toMatch(/Consider wasm/);
    expect(adr).toContain('json-transform · small · wasm: INVALID: output digest mismatch: expected ab12, got cd34 — excluded from every recommendation.');
  });

  it('excludes a target that is faster at one size but INVALID at another', () => {
    const results: ResultRecord[] = [
      node('small', 1000),
      node('large', 100_000),
      completed('w', 'wasm', 'small', { warm: warm(400), vsNode: vs(0.4, 0.35, 0.45, 'faster') }),
      errored('w', 'wasm', 'large', 'crashed: unreachable'),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.recommendation).toEqual({ kind: 'stay-on-node', because: 'no-valid-alternative' });
    expect(decision.assessments).toEqual([{ target: 'wasm', kind: 'excluded', reason: 'INVALID at size large: crashed: unreachable' }]);
  });

  it('excludes a target that crashed as FAILED, not INVALID: it is not judged either way', () => {
    const results: ResultRecord[] = [
      node('small', 1000),
      node('large', 100_000),
      completed('w', 'wasm', 'small', { warm: warm(400), vsNode: vs(0.4, 0.35, 0.45, 'faster') }),
      errored('w', 'wasm', 'large', 'load or first call failed: RuntimeError: unreachable', 'crashed'),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.recommendation).toEqual({ kind: 'stay-on-node', because: 'no-valid-alternative' });
    expect(decision.assessments).toEqual([{ target: 'wasm', kind: 'excluded', reason: 'FAILED (crashed) at size large: load or first call failed: RuntimeError: unreachable' }]);
    const adr = renderAdr(sampleRun(results));
    expect(adr).toContain('w · large · wasm: FAILED (crashed): load or first call failed: RuntimeError: unreachable');
    expect(adr).toContain('| wasm | large | **FAILED (crashed): load or first call failed: RuntimeError: unreachable** |');
  });

  it('treats a completed but unverified row as INVALID', () => {
    const results: ResultRecord[] = [node('small', 1000), { ...completed('w', 'wasm', 'small', { warm: warm(100), vsNode: vs(0.1, 0.09, 0.11, 'faster') }), verified: false }];
    expect(decideWorkload('w', results).recommendation.kind).toBe('stay-on-node');
    expect(renderAdr(sampleRun(results))).toContain('w · small · wasm: INVALID: outputs not verified');
  });

  it('suggests considering a target only when it is faster at every size and not slower cold, with the conservative bound', () => {
    const results: ResultRecord[] = [
      node('small', 1000, { cold: cold({ processStart: 30e6 }) }),
      node('large', 100_000),
      completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster'), cold: cold({ processStart: 30e6 }), coldVsNode: vs(1.01, 0.97, 1.05, 'no-significant-difference') }),
      completed('w', 'wasm', 'large', { warm: warm(40_000), vsNode: vs(0.4, 0.38, 0.42, 'faster') }),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.recommendation).toEqual({ kind: 'consider-target', target: 'wasm' });
    const text = recommendationText(decision);
    expect(text).toContain('**Consider wasm**');
    expect(text).toContain('at worst at least 1.82×'); // 1 / 0.55, the small size's CI bound closest to 1
    expect(text).toContain("cold start is not slower than node's (no significant difference)");
  });

  it('says "depends on the payload size" when faster only at some sizes', () => {
    const results: ResultRecord[] = [
      node('small', 1000),
      node('large', 100_000),
      completed('w', 'wasm', 'small', { warm: warm(1000), vsNode: vs(1.0, 0.95, 1.06, 'no-significant-difference') }),
      completed('w', 'wasm', 'large', { warm: warm(50_000), vsNode: vs(0.5, 0.48, 0.52, 'faster') }),
    ];
    const text = recommendationText(decideWorkload('w', results));
    expect(text).toContain('**Depends on the payload size.** wasm is significantly faster warm at large but not at small.');
  });

  it('stays on node when an alternative is slower', () => {
    const results: ResultRecord[] = [node('small', 1000), completed('w', 'wasm', 'small', { warm: warm(3000), vsNode: vs(3, 2.8, 3.2, 'slower') })];
    expect(decideWorkload('w', results).recommendation).toEqual({ kind: 'stay-on-node', because: 'slower' });
  });

  it('makes no recommendation when node itself is invalid', () => {
    const results: ResultRecord[] = [errored('w', 'node', 'small', 'bundle failed'), completed('w', 'wasm', 'small', { warm: warm(10) })];
    const decision = decideWorkload('w', results);
    expect(decision.recommendation.kind).toBe('no-recommendation');
    expect(recommendationText(decision)).toContain('**No recommendation.** node, the baseline, has no valid warm measurement (bundle failed)');
  });

  it('lists what was not measured', () => {
    const caveats = section(adr, '### Caveats and what was not measured');
    expect(caveats).toMatch(/Targets not measured in this run: (.+, )?as-component(, .+)?\./);
    expect(caveats).toContain('Size presets not measured: medium; only small and large were measured (not medium), so nothing here speaks for the other sizes.');
    expect(caveats).toContain('No AWS Lambda measurements');
    expect(caveats).toContain('Cold starts not measured for: noop, json-transform.');
    expect(caveats).toContain('Run note: machine shared with other jobs; figures are noisy');
  });

  it('quotes the cheapest valid Lambda configuration when Lambda rows exist', () => {
    const lambda = (memoryMB: number, cost: number) => lambdaCompleted('w', 'wasm', 'small', memoryMB, 'arm64', { costPerMillionUsd: cost });
    const results: ResultRecord[] = [node('small', 1000), completed('w', 'wasm', 'small', { warm: warm(900), vsNode: vs(0.9, 0.8, 1.01, 'no-significant-difference') }), lambda(512, 0.84), lambda(128, 0.41)];
    const out = renderAdr(sampleRun(results));
    expect(out).toContain('| wasm | small | 900 ns; no significant difference (0.90× [0.80–1.01]) | — | — | — | $0.410 (small, 128 MB arm64) |');
    expect(out).toContain('Lambda figures come from the local Lambda emulator, not AWS');
  });

  it('judges a Lambda-only run on one configuration (1769 MB x86_64) instead of finding no baseline', () => {
    const onLambda = (target: 'node' | 'wasm', memoryMB: number, ns: number, extra = {}): ResultRecord =>
      lambdaCompleted('w', target, 'small', memoryMB, 'x86_64', {
        warm: warm(ns),
        ...extra,
        maxMemoryUsedMB: 48,
        costPerMillionUsd: 0.2,
        lambda: { cold: { samples: 6, dropped: 0, client: warm(150e6), init: warm(140e6) } },
      });
    const results = [
      onLambda('node', 128, 2e6),
      onLambda('wasm', 128, 3e6, { vsNode: vs(1.5, 1.3, 1.7, 'slower') }),
      onLambda('node', 1769, 1e6),
      onLambda('wasm', 1769, 0.5e6, { vsNode: vs(0.5, 0.45, 0.55, 'faster') }),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.basis).toBe('lambda 1769MB-x86_64');
    expect(decision.recommendation).toEqual({ kind: 'consider-target', target: 'wasm' });
    const out = renderAdr(sampleRun(results));
    expect(out).toContain('No local rows in this run: Lambda at 1769MB-x86\\_64, where warm is REPORT Duration');
    expect(out).toContain('| wasm | small | 500 µs; 2.00× faster [1.82–2.22] | 150 ms [147–153 ms] invoke (init 140 ms [137–143 ms]) | 48 MB (max used) |');
    expect(out).toContain("but its cold starts were measured without a ratio interval against node's");
    // The forced cold starts were measured: quoted side by side, never called "not measured".
    expect(out).toContain("Cold start: small: forced cold 150 ms [147–153 ms] invoke (init 140 ms [137–143 ms]) vs node's 150 ms [147–153 ms] invoke (init 140 ms [137–143 ms]), no interval recorded for their ratio.");
    expect(out).not.toMatch(/[Cc]old starts? (were )?not measured/);
    expect(out).toContain('Configurations 128MB-x86\\_64 were measured but recommendations use 1769MB-x86\\_64 only');
    expect(out).not.toContain('Local warm figures time the workload call in-process');
    // Without a 1769 MB row for node, the largest memory with a valid node row is judged.
    expect(decideWorkload('w', results.slice(0, 2)).basis).toBe('lambda 128MB-x86_64');
  });

  it('calls an unresolved comparison "not decided", never "stay on node because no difference" nor a reason to move', () => {
    const results: ResultRecord[] = [node('small', 1000), completed('w', 'wasm', 'small', { warm: warm(970), vsNode: vs(0.97, 0.91, 1.12, 'unresolved', processes(10)) })];
    const decision = decideWorkload('w', results);
    expect(decision.recommendation).toEqual({ kind: 'unresolved', targets: ['wasm'] });
    const text = recommendationText(decision);
    expect(text).toContain('**Not decided: the evidence is unresolved.** The warm comparison with node has no verdict (wasm at small)');
    expect(text).not.toMatch(/Stay on Node|Consider|no significant difference/i);
    const out = renderAdr(sampleRun(results));
    expect(out).toContain('wasm: warm small: unresolved: 0.97× [0.91–1.12] after 10 processes');
    expect(section(out, '## Decision Outcome')).toContain('- w: No option chosen yet, because the warm comparison with node has no verdict (wasm at small)');
    expect(out).toContain('\n# Decide w later\n');
    expect(out).not.toContain('Chosen option: "wasm"');
    expect(section(out, '## Decision Outcome')).not.toMatch(/no significant difference|differs significantly/);
    expect(section(out, '### wasm')).toContain('- Neutral, because its warm comparison with node is not decided (unresolved or too few samples) for: w at small.');
  });

  it('treats too few samples like unresolved, even next to a faster size', () => {
    const results: ResultRecord[] = [
      node('small', 1000),
      node('large', 100_000),
      completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.3, 0.8, 'too-few-samples', processes(2)) }),
      completed('w', 'wasm', 'large', { warm: warm(40_000), vsNode: vs(0.4, 0.38, 0.42, 'faster', processes(5)) }),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.assessments[0]).toMatchObject({ target: 'wasm', kind: 'unresolved' });
    expect(decision.recommendation).toEqual({ kind: 'unresolved', targets: ['wasm'] });
    expect(recommendationText(decision)).toContain('no verdict (wasm at small)');
  });

  it('still recommends from decided evidence when another target is unresolved', () => {
    const results: ResultRecord[] = [
      node('small', 1000),
      completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster', processes(5)) }),
      completed('w', 'component', 'small', { warm: warm(990), vsNode: vs(0.99, 0.9, 1.1, 'unresolved', processes(5)) }),
    ];
    expect(decideWorkload('w', results).recommendation).toEqual({ kind: 'consider-target', target: 'wasm' });
  });

  it('does not call an unresolved cold start "not slower"', () => {
    const results: ResultRecord[] = [
      node('small', 1000, { cold: cold({ processStart: 30e6 }) }),
      completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster'), cold: cold({ processStart: 31e6 }), coldVsNode: vs(1.03, 0.9, 1.2, 'unresolved', processes(20)) }),
    ];
    const decision = decideWorkload('w', results);
    expect(decision.assessments[0]).toMatchObject({ cold: 'unresolved' });
    const text = recommendationText(decision);
    expect(text).toContain('its cold-start comparison with node is unresolved at some size');
    expect(text).not.toContain('not slower');
  });

  it('shows the calibration controls, and opens with a banner when they failed', () => {
    const passed = renderAdr(replicatedRun());
    expect(passed).toContain('## Calibration controls\n');
    expect(passed).toContain('- **PASSED**: A/A: no significant difference, 1.004x [0.991-1.017]');
    expect(passed.indexOf('## Calibration controls')).toBeLessThan(passed.indexOf('## Measurements'));
    expect(passed).not.toContain('CALIBRATION FAILED');
    expect(passed).toContain('"unresolved" means the CI contains 1 but is wider than that');
    const failed = renderAdr(replicatedRun('failed'));
    const banner = '> **CALIBRATION FAILED: do not decide from this draft.** the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.';
    expect(failed.indexOf(banner)).toBeGreaterThan(0);
    expect(failed.indexOf(banner)).toBeLessThan(failed.indexOf('**DRAFT for humans to edit.**'));
    expect(section(failed, '### Chosen option per workload')).toContain('from a run whose calibration controls failed, so every choice below is provisional');
    expect(section(passed, '### Chosen option per workload')).not.toContain('provisional');
  });

  it('opens with an inconclusive banner, without "do not decide", when the run was too short to tell', () => {
    const unsure = renderAdr(replicatedRun('inconclusive'));
    expect(unsure).toContain('> **CALIBRATION INCONCLUSIVE:** this run cannot resolve a 5% difference (planted 1.05× measured 1.030× [0.990–1.070]); ');
    expect(unsure.indexOf('CALIBRATION INCONCLUSIVE')).toBeLessThan(unsure.indexOf('**DRAFT for humans to edit.**'));
    expect(unsure).not.toContain('CALIBRATION FAILED');
    expect(unsure).not.toContain('do not decide from this draft');
    expect(unsure).toContain('- **INCONCLUSIVE**: planted 1.05x: unresolved');
    // Each verdict already rests on its own interval: an inconclusive control does not make the choices provisional.
    expect(section(unsure, '### Chosen option per workload')).not.toContain('provisional');
  });

  it('is exported as adr-draft.md', () => {
    expect(adrExporter.fileName).toBe('adr-draft.md');
  });
});

describe('ADR draft says what the run measured, and nothing else', () => {
  it('says a smoke run and a size left out plainly, and chooses only provisionally', () => {
    const results: ResultRecord[] = [node('small', 1000), completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster') })];
    const out = renderAdr({ ...sampleRun(results), config: configWith({ quick: true, seed: 1 }) });
    const context = section(out, '## Context and Problem Statement');
    expect(context).toContain('only small was measured (not medium or large)');
    expect(context).toContain('**This was a smoke run (--quick):**');
    const outcome = section(out, '## Decision Outcome');
    expect(outcome).toContain('from a smoke run, so every choice below is provisional');
    expect(outcome).toContain('- w: Chosen option: "wasm", because it is significantly faster warm at small, the only size compared (at least 1.82×');
    expect(outcome).toContain('its cold start was not measured, so measure it before adopting it');
    expect(section(out, '### Confirmation')).toContain('--quick');
    expect(section(out, '### Caveats and what was not measured')).toContain('Smoke run (--quick)');
  });

  it('quotes measured cold starts with their intervals and never calls them unmeasured', () => {
    const results: ResultRecord[] = [
      node('small', 1000, { cold: cold({ processStart: 30e6 }) }),
      completed('w', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster'), cold: cold({ processStart: 30e6 }), coldVsNode: vs(1.01, 0.97, 1.05, 'no-significant-difference') }),
    ];
    const out = renderAdr(sampleRun(results));
    expect(out).toContain('Cold start: small: no significant difference (1.01× [0.97–1.05]) (first result ');
    expect(out).not.toMatch(/[Cc]old starts? (were )?not measured/);
    expect(section(out, '## Decision Outcome')).toContain("and its cold start shows no significant difference from node's");
  });
});

// The committed drafts of the published runs are re-rendered from their run.json (see published.test.ts); each must be a whole MADR 4 record.
describe('published ADR drafts', () => {
  const published = join(RESULTS_DIR, 'published');
  const names = readdirSync(published, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(published, entry.name, 'adr-draft.md')))
    .map((entry) => entry.name);
  it('exist', () => expect(names.length).toBeGreaterThanOrEqual(2));
  for (const name of names) {
    it(`${name}: has every MADR 4 section, a chosen option or "not decided" per workload, and the command to confirm it`, () => {
      const adr = readFileSync(join(published, name, 'adr-draft.md'), 'utf8');
      const run = readRunRecord(join(published, name, 'run.json'));
      expect(adr).toMatch(/^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\ndecision-makers: .+\nconsulted: .+\ninformed: .+\n---\n\n# \S/);
      for (const heading of ['## Context and Problem Statement', '## Decision Drivers', '## Considered Options', '## Decision Outcome', '### Consequences', '### Confirmation', '## Pros and Cons of the Options', '## More Information']) {
        expect(adr, heading).toContain(`\n${heading}\n`);
      }
      const outcome = section(adr, '## Decision Outcome');
      for (const workload of new Set(run.results.map((r) => r.workload))) expect(outcome).toMatch(new RegExp(`\n- ${workload}: (Chosen option: "[^"]+", because|No option chosen yet, because) `));
      expect(section(adr, '### Confirmation')).toContain(`git checkout ${run.environment.git}\nnpm ci\nnpm run bench -- `);
      expect(adr).not.toMatch(/[Cc]old starts? (were )?not measured/);
    });
  }
});
