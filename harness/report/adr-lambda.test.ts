/**
 * The ADR draft of a Lambda run must not contradict the run about cold
 * starts (issue 13: a draft once said both "forced cold starts are in the
 * table" and "cold starts not measured"). Three runs: forced cold starts
 * measured without a ratio interval (runs before coldVsNode), with one
 * (coldVsNode), and not measured at all. Each draft, and the verdict block
 * that opens it, says one thing about them, and report.md agrees.
 */
import { describe, expect, it } from 'vitest';
import { renderAdr } from './adr.js';
import { closingMarkdown } from './closing.js';
import { sampleRun, vs } from './fixtures.js';
import { lambdaRow } from './lambda-rows.fixture.js';
import { renderMarkdown } from './markdown.js';
import type { ResultRecord, VsBaseline } from '../contract/index.js';

const faster = vs(0.8, 0.75, 0.85, 'faster', { unit: 'environment', count: 5 });

/** node and wasm at 1769 MB x86_64 (the configuration a Lambda-only run is judged on); wasm faster warm. */
function run(coldSamples: number, coldVsNode?: VsBaseline): ReturnType<typeof sampleRun> {
  const results: ResultRecord[] = [
    lambdaRow('node', 1769, { durationNs: 2e6, costPerMillionUsd: 0.258, coldSamples }),
    lambdaRow('wasm', 1769, { durationNs: 1.6e6, costPerMillionUsd: 0.258, coldSamples, vsNode: faster, ...(coldVsNode ? { coldVsNode } : {}) }),
  ];
  return sampleRun(results);
}

/** Every phrase that would claim cold starts were not measured. */
const NOT_MEASURED = /cold starts? (was |were )?not measured|measure cold starts before|no cold-start comparison: measure/i;

describe('the Lambda ADR draft about cold starts', () => {
  it('forced cold starts measured without a ratio interval: says so, quotes them, never calls them not measured', () => {
    const r = run(6);
    const adr = renderAdr(r);
    expect(adr).toContain("its cold starts were measured without a ratio interval against node's");
    expect(adr).toContain('forced cold 160 ms [154–166 ms] invoke (init 120 ms [115–125 ms])');
    expect(adr).not.toMatch(NOT_MEASURED);
    expect(closingMarkdown(r)).toContain('cold starts measured without an interval against node: compare them before deciding');
    // report.md shows the same cold starts the draft refers to.
    expect(renderMarkdown(r)).toContain('### AWS Lambda: forced cold starts');
  });

  it('forced cold starts with a ratio to node: the draft reads the verdict and quotes the ratio', () => {
    const adr = renderAdr(run(6, vs(1.01, 0.96, 1.06, 'no-significant-difference', { unit: 'environment', count: 6 })));
    expect(adr).toContain("its cold start is not slower than node's (no significant difference)");
    expect(adr).toContain('no significant difference (1.01× [0.96–1.06], 6 environments)');
    expect(adr).not.toMatch(NOT_MEASURED);
    expect(adr).not.toContain('without a ratio interval');
  });

  it('no forced cold starts: says they were not measured and points to no table of them', () => {
    const r = run(0);
    const adr = renderAdr(r);
    expect(adr).toMatch(NOT_MEASURED);
    expect(adr).not.toContain('were measured without');
    expect(adr).not.toContain('the figures are in the measurements');
    expect(adr).toContain('Neutral, because its cold start was not measured in this run.');
    expect(adr).not.toContain('for the figures measured');
    expect(closingMarkdown(r)).toContain('cold start not measured: measure it before deciding');
    expect(renderMarkdown(r)).not.toContain('forced cold starts');
  });
});
