/**
 * Chart conventions a reader relies on across the report: one colour per
 * target in every chart (never a verdict's green or red), verdicts told by
 * marker shape, extreme ratios drawn apart so the others keep a readable
 * scale, and panel titles clear of tick labels. Layout itself (overlaps,
 * sizes) is checked in a browser by browser.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../targets/index.js';
import { APART_BEYOND, coldPhasesChart, isFarFromNode, targetColor, warmRatioChart, warmRatioPanels, warmRatioRows, warmupChart, warmupPanels } from './charts.js';
import { cold, completed, sampleResults, vs, warm } from './fixtures.js';
import { greyRamp, markShape } from './svg.js';

/** The verdict colours of the tables (html.ts): green faster, red slower. */
const TABLE_VERDICT_COLOURS = ['#1a7f37', '#cf222e'];

const results = [
  ...sampleResults(),
  completed('sha256', 'component', 'small', { warm: warm(20_000_000), vsNode: vs(166, 160, 172, 'slower') }),
  completed('sha256', 'node-idiomatic', 'small', { warm: warm(24_000), vsNode: vs(0.2, 0.19, 0.21, 'faster') }),
];

/** Every registered target's colour, as its descriptor declares it. */
const TARGET_COLORS: Readonly<Record<string, string>> = Object.fromEntries(TARGETS.map((t) => [t.name, t.display.colour]));

describe('one colour per target', () => {
  it('gives every target its own colour, none of them a verdict colour of the tables', () => {
    const colours = Object.values(TARGET_COLORS);
    expect(new Set(colours).size).toBe(colours.length);
    for (const colour of [...colours, targetColor('some-new-target')]) expect(TABLE_VERDICT_COLOURS).not.toContain(colour);
    expect(colours).not.toContain(targetColor('some-new-target'));
  });

  it('uses the target colour in the ratio chart and the warm-up curves alike, whatever the verdict', () => {
    const rows = warmRatioRows(results);
    expect(rows.map((row) => [row.series, row.color])).toEqual(
      expect.arrayContaining([
        ['wasm', TARGET_COLORS.wasm],
        ['component', TARGET_COLORS.component],
        ['node-idiomatic', TARGET_COLORS['node-idiomatic']],
      ]),
    );
    // wasm is faster at sha256 and no different at noop: same colour, different marks.
    const wasm = rows.filter((row) => row.series === 'wasm');
    expect(new Set(wasm.map((row) => row.color)).size).toBe(1);
    expect(wasm.map((row) => row.mark)).toEqual(['faster', 'faster', 'same']);
    const curves = warmupPanels(results).flatMap((panel) => panel.series);
    expect(curves.map((s) => [s.name, s.color])).toEqual([
      ['node', TARGET_COLORS.node],
      ['wasm', TARGET_COLORS.wasm],
    ]);
  });

  it('draws cold-start phases in greys, light to dark, so no phase borrows a target colour', () => {
    const ramp = greyRamp(5);
    expect(ramp.every((c) => /^#([0-9a-f]{2})\1\1$/.test(c))).toBe(true);
    const levels = ramp.map((c) => parseInt(c.slice(1, 3), 16));
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    expect(new Set(levels).size).toBe(5);
    const svg = coldPhasesChart(results);
    for (const colour of Object.values(TARGET_COLORS)) expect(svg).not.toContain(colour);
  });
});

describe('verdict markers', () => {
  it('differ in shape: filled circle, filled square, hollow circle, hollow diamond', () => {
    expect(markShape('faster', 10, 10, '#000000')).toMatch(/^<circle [^>]*fill="#000000"/);
    expect(markShape('slower', 10, 10, '#000000')).toMatch(/^<rect /);
    expect(markShape('same', 10, 10, '#000000')).toMatch(/^<circle [^>]*fill="#ffffff" stroke="#000000"/);
    expect(markShape('undecided', 10, 10, '#000000')).toMatch(/^<path [^>]*fill="#ffffff" stroke="#000000"/);
  });

  it('are explained by the ratio chart\'s legend, only for the verdicts it shows', () => {
    const svg = warmRatioChart(results);
    expect(svg).toContain('>faster</text>');
    expect(svg).toContain('>slower</text>');
    expect(svg).toContain('>no significant difference</text>');
    expect(svg).not.toContain('unresolved or no verdict');
  });
});

describe('the headline ratio chart', () => {
  it(`draws rows more than ${APART_BEYOND}× from node (either way, whiskers included) in a panel of their own`, () => {
    const rows = warmRatioRows(results);
    const panels = warmRatioPanels(rows);
    expect(panels.map((p) => p.heading)).toEqual([`Within ${APART_BEYOND}× of node (one scale for all these rows)`, `More than ${APART_BEYOND}× from node: drawn apart, on their own scale`]);
    expect(panels[1]!.rows.map((row) => row.label)).toEqual(['sha256 · small · component']);
    expect(panels[0]!.rows).toHaveLength(rows.length - 1);
    const row = rows[0]!;
    expect(isFarFromNode({ ...row, value: 15, lo: 12, hi: 21 })).toBe(true);
    expect(isFarFromNode({ ...row, value: 0.06, lo: 0.04, hi: 0.07 })).toBe(true);
    expect(isFarFromNode({ ...row, value: 12, lo: 10, hi: 14 })).toBe(false);
  });

  it('keeps one unheaded panel when no row is far from node', () => {
    const near = warmRatioRows(sampleResults());
    expect(warmRatioPanels(near)).toEqual([{ rows: near }]);
    expect(warmRatioChart(sampleResults())).not.toContain('drawn apart');
  });

  it('gives the far panel its own ticks, without stretching it back to 1×', () => {
    const svg = warmRatioChart(results);
    const far = svg.slice(svg.indexOf('More than'));
    expect(far).toMatch(/>[1-9]\d\d×<\/text>/);
    expect(far).not.toContain('>1×</text>');
    expect(svg.slice(0, svg.indexOf('More than'))).toContain('>1×</text>');
  });
});

describe('warm-up panels', () => {
  it('put each panel title on a line above its plot, below the previous panel', () => {
    const curves = [
      completed('w', 'node', 'small', { cold: cold({ processStart: 1e6 }, [5000, 4000, 3000]) }),
      completed('w', 'node', 'large', { cold: cold({ processStart: 1e6 }, [9000, 2000, 1000]) }),
    ];
    const svg = warmupChart(curves);
    const titleYs = [...svg.matchAll(/<text x="10" y="([\d.]+)" font-weight="600">/g)].map((m) => Number(m[1]));
    const tickYs = [...svg.matchAll(/<text x="74" y="([\d.]+)" text-anchor="end"/g)].map((m) => Number(m[1]));
    expect(titleYs).toHaveLength(2);
    // Tick labels are 12 px text drawn at their baseline: the highest must sit more than a line below its panel's title.
    const firstPanelTicks = tickYs.filter((y) => y < titleYs[1]!);
    expect(Math.min(...firstPanelTicks) - titleYs[0]!).toBeGreaterThan(12);
  });
});
