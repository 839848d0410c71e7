/**
 * Every report file shows the process-level interval facts (issue 12): what
 * each ratio's CI rests on, unresolved and too-few-samples rows as neither a
 * win nor a loss, between- next to within-process spread, kept outlier
 * counts, and the calibration controls with a banner at the top when they
 * failed or were inconclusive. The ADR's reading of these is in adr.test.ts, the terminal's in
 * cli/table.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { targetColor, warmRatioRows } from './charts.js';
import { csvExporter } from './csv.js';
import { replicatedRun, sampleRun } from './fixtures.js';
import { htmlExporter } from './html.js';
import { renderAll } from './index.js';
import { markdownExporter } from './markdown.js';
import { validateAgainstSchema } from '../run-file/validate.js';

const BANNER = 'the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.';
const INCONCLUSIVE =
  'this run cannot resolve a 5% difference (planted 1.05× measured 1.030× [0.990–1.070]); ' +
  'rows measured as precisely as the controls (±4.0%) do not show smaller differences as faster or slower; the controls did not catch the method being wrong.';

/** Table lines of a Markdown document that contain every given text. */
const rowsWith = (markdown: string, ...texts: string[]): string[] => markdown.split('\n').filter((line) => line.startsWith('|') && texts.every((t) => line.includes(t)));

describe('report.md with process-level intervals', () => {
  const md = markdownExporter.serialize(replicatedRun());
  const failed = markdownExporter.serialize(replicatedRun('failed'));

  it('puts between- next to within-process spread, outlier counts and the basis on each warm row', () => {
    expect(rowsWith(md, '| small | wasm | 60.0 µs')).toEqual([
      '| small | wasm | 60.0 µs [58.8–61.2 µs] | 90.0 µs | 1.20 µs | 500 | between ±3.6% / within ±0.4% (5 processes) | 2 low, 7 high | 2.00× faster [1.89–2.13] (5 processes) | verified |',
    ]);
    expect(rowsWith(md, '| small | node | 120 µs')[0]).toContain('| between ±2.1% / within ±0.3% (5 processes) | 12 high (3 severe) | baseline |');
    expect(md).toContain('| Spread between / within processes | Outliers (Tukey, kept) | vs node [95% CI] |');
  });

  it('shows unresolved and too-few-samples rows with their interval and no verdict word', () => {
    const unresolved = rowsWith(md, '| small | wasm | 83.0 ns');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]).toContain('| unresolved: 0.97× [0.91–1.12] after 10 processes |');
    const tooFew = rowsWith(md, '| small | component | 94.0 ns');
    expect(tooFew[0]).toContain('| no verdict: 2 processes (1.10× [0.80–1.50]) |');
    for (const row of [...unresolved, ...tooFew]) expect(row).not.toMatch(/faster|slower|no significant difference/);
    expect(rowsWith(md, '| noop | small |')).toEqual(['| noop | small | unresolved: 0.97× [0.91–1.12] after 10 processes | no verdict: 2 processes (1.10× [0.80–1.50]) |']);
    expect(md).toContain('Unresolved: the CI contains 1 but reaches beyond the ±5% noise band');
  });

  it('counts cold outliers, names the cold basis, and marks a Lambda CI from one environment as sample-level', () => {
    expect(rowsWith(md, '| small | wasm | 45.5 ms')[0]).toContain('| 1.20× slower [1.10–1.30] (30 processes) |');
    expect(rowsWith(md, '| small | wasm | 45.5 ms')[0]).toContain('| first result 1 low, 2 high |');
    expect(rowsWith(md, '| 1769 MB |')[0]).toContain('1.25× faster [1.18–1.33] (sample-level interval: 100 samples of one environment) | 4 high (1 severe) |');
  });

  it('has a calibration section with each control and whether it passed, and no banner when they passed', () => {
    expect(md).toContain('## Calibration controls\n');
    expect(md).toContain('- **PASSED**: A/A: no significant difference, 1.004x [0.991-1.017] (sha256 node vs the same, measured as a second entry)');
    expect(md).toContain('- **PASSED**: planted 1.05x: slower, 1.049x [1.030-1.068] (sha256 node vs a variant doing 5% more work)');
    expect(md).not.toContain('CALIBRATION FAILED');
  });

  it('starts with a CALIBRATION FAILED banner when a control failed, before any table', () => {
    const banner = failed.indexOf(`> **CALIBRATION FAILED:** ${BANNER}`);
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(failed.indexOf('\n## '));
    expect(failed.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/^# Benchmark report/), '', `> **CALIBRATION FAILED:** ${BANNER}`]);
    expect(failed).toContain('- **FAILED**: A/A: slower, 1.070x [1.020-1.120]');
  });

  it('starts with a CALIBRATION INCONCLUSIVE banner, not a failure, when the run was too short to tell', () => {
    const unsure = markdownExporter.serialize(replicatedRun('inconclusive'));
    expect(unsure.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/^# Benchmark report/), '', `> **CALIBRATION INCONCLUSIVE:** ${INCONCLUSIVE}`]);
    expect(unsure).not.toContain('CALIBRATION FAILED');
    expect(unsure).toContain('- **INCONCLUSIVE**: planted 1.05x: unresolved, 1.030x [0.990-1.070]');
    expect(unsure).toContain('- **PASSED**: A/A: no significant difference');
  });
});

describe('report.html with process-level intervals', () => {
  const html = htmlExporter.serialize(replicatedRun());
  const failed = htmlExporter.serialize(replicatedRun('failed'));

  it('styles undecided comparisons apart from wins, losses and no difference', () => {
    expect(html).toContain('<td class="undecided">unresolved: 0.97× [0.91–1.12] after 10 processes</td>');
    expect(html).toContain('<td class="undecided">no verdict: 2 processes (1.10× [0.80–1.50])</td>');
    expect(html).toContain('td.undecided {');
    expect(html).toContain('hollow diamond: unresolved or no verdict');
    // Older reports re-render byte for byte: the style and caption are added only when needed.
    expect(htmlExporter.serialize(sampleRun())).not.toContain('undecided');
  });

  it('shows the spread, the outliers and the basis', () => {
    expect(html).toContain('<td class="number">between ±3.6% / within ±0.4% (5 processes)</td><td class="text">2 low, 7 high</td><td class="faster">2.00× faster [1.89–2.13] (5 processes)</td>');
  });

  it('has the calibration section, and the banner at the top when a control failed', () => {
    expect(html).toContain('<h2>Calibration controls</h2>');
    expect(html).toContain('<li><strong>PASSED</strong>: A/A: no significant difference');
    expect(html).not.toContain('CALIBRATION FAILED');
    const banner = failed.indexOf(`<div class="alert"><strong>CALIBRATION FAILED:</strong> ${BANNER}</div>`);
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(failed.indexOf('<h2>'));
    expect(failed).toContain('<li><strong>FAILED</strong>: A/A: slower');
  });

  it('shows an inconclusive calibration as a notice, not an alert, styled only where there is one', () => {
    const unsure = htmlExporter.serialize(replicatedRun('inconclusive'));
    const banner = unsure.indexOf(`<div class="notice"><strong>CALIBRATION INCONCLUSIVE:</strong> ${INCONCLUSIVE}</div>`);
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(unsure.indexOf('<h2>'));
    expect(unsure).toContain('.notice {');
    expect(unsure).not.toContain('CALIBRATION FAILED');
    expect(unsure).toContain('<li><strong>INCONCLUSIVE</strong>: planted 1.05x: unresolved');
    // Reports without one re-render byte for byte.
    expect(html).not.toContain('notice');
    expect(failed).not.toContain('notice');
  });

  it("draws an undecided ratio with its own marker, never a win's or a loss's, in its target's colour", () => {
    const rows = warmRatioRows(replicatedRun().results);
    const noop = rows.filter((r) => r.label.startsWith('noop'));
    expect(noop.map((r) => r.mark)).toEqual(['undecided', 'undecided']);
    expect(noop.map((r) => r.color)).toEqual([targetColor('wasm'), targetColor('component')]);
    expect(noop.map((r) => r.note)).toEqual(['unresolved: 0.97× [0.91–1.12] after 10 processes', 'no verdict: 2 processes (1.10× [0.80–1.50])']);
  });
});

describe('results.csv with process-level intervals', () => {
  const [header, ...lines] = csvExporter.serialize(replicatedRun()).trimEnd().split('\n');
  const names = header!.split(',');
  const row = (workload: string, target: string, placement = 'local') => {
    const line = lines.find((l) => l.startsWith(`${workload},${target},${placement},`))!;
    return Object.fromEntries(names.map((name, i) => [name, line.split(',')[i]]));
  };

  it('has columns for the basis, the fork spread and the outliers', () => {
    for (const name of ['warm_forks', 'warm_between_cv', 'warm_within_cv', 'warm_outliers_low', 'warm_outliers_high', 'warm_outliers_severe', 'vs_node_basis_unit', 'vs_node_basis_count', 'cold_ttfr_outliers_high', 'cold_vs_node_basis_unit', 'cold_vs_node_basis_count']) {
      expect(names).toContain(name);
    }
  });

  it('fills them in full precision', () => {
    const wasm = row('sha256', 'wasm');
    expect([wasm.warm_forks, wasm.warm_between_cv, wasm.warm_within_cv]).toEqual(['5', '0.036', '0.004']);
    expect([wasm.warm_outliers_low, wasm.warm_outliers_high, wasm.warm_outliers_severe]).toEqual(['2', '7', '0']);
    expect([wasm.vs_node_basis_unit, wasm.vs_node_basis_count, wasm.cold_vs_node_basis_count]).toEqual(['process', '5', '30']);
    expect(wasm.cold_ttfr_outliers_high).toBe('2');
    expect([row('noop', 'wasm').vs_node_verdict, row('noop', 'component').vs_node_verdict]).toEqual(['unresolved', 'too-few-samples']);
    expect([row('sha256', 'wasm', 'lambda').vs_node_basis_unit, row('sha256', 'wasm', 'lambda').vs_node_basis_count]).toEqual(['sample', '100']);
  });

  it('leaves the columns out of a run that records none of these facts', () => {
    const old = csvExporter.serialize(sampleRun()).split('\n')[0]!;
    expect(old).not.toMatch(/forks|_cv|outliers|basis/);
  });
});

describe('run.schema.json and the new facts', () => {
  const mutable = () => JSON.parse(JSON.stringify(replicatedRun('failed'))) as Record<string, any>;
  const messages = (value: unknown) => validateAgainstSchema(value).map((e) => `${e.path}: ${e.message}`).join('\n');

  it('accepts a run with every new verdict, bases, fork spread, outliers and calibration controls', () => {
    expect(messages(replicatedRun('failed'))).toBe('');
    expect(messages(replicatedRun('inconclusive'))).toBe('');
  });

  it('takes only the three calibration states, and refuses the old boolean in a new run', () => {
    const run = mutable();
    run.calibration.state = 'maybe';
    run.calibration.aa.passed = false;
    const errors = messages(run);
    expect(errors).toContain('/calibration/state: must be equal to one of the allowed values: "passed", "failed", "inconclusive"');
    expect(errors).toContain('/calibration/aa/passed: unknown field');
  });

  it('closes the new objects and bounds their figures', () => {
    const run = mutable();
    run.results[1].vsNode.basis.units = 'process';
    run.results[1].warm.forks.betweenCv = -0.1;
    run.results[1].warm.outliers.high = -1;
    run.results[3].vsNode.basis.unit = 'thread';
    run.calibration.aa.ratio = 0;
    delete run.calibration.planted.summary;
    run.calibration.extra = true;
    const errors = messages(run);
    expect(errors).toContain('/results/1/vsNode/basis/units: unknown field');
    expect(errors).toContain('/results/1/warm/forks/betweenCv: must be >= 0');
    expect(errors).toContain('/results/1/warm/outliers/high: must be >= 0');
    expect(errors).toContain('/results/3/vsNode/basis/unit: must be equal to one of the allowed values');
    expect(errors).toContain('/calibration/aa/ratio: must be > 0');
    expect(errors).toContain('/calibration/planted/summary: missing required field');
    expect(errors).toContain('/calibration/extra: unknown field');
  });
});

describe('every output of a run with process-level intervals', () => {
  it('is rendered purely, and every human-readable file with a failed calibration says so', () => {
    const run = replicatedRun('failed');
    const files = new Map(renderAll(run));
    expect(new Map(renderAll(JSON.parse(JSON.stringify(run))))).toEqual(files);
    for (const name of ['report.md', 'report.html', 'adr-draft.md']) expect(files.get(name), name).toContain('CALIBRATION FAILED');
  });

  it('says CALIBRATION INCONCLUSIVE, never FAILED, in every human-readable file of a run too short to tell', () => {
    const files = new Map(renderAll(replicatedRun('inconclusive')));
    for (const name of ['report.md', 'report.html', 'adr-draft.md']) {
      expect(files.get(name), name).toContain('CALIBRATION INCONCLUSIVE');
      expect(files.get(name), name).not.toContain('CALIBRATION FAILED');
    }
  });
});
