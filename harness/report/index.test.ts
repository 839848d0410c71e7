import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../contract/index.js';
import { completed, sampleRun, warm } from './fixtures.js';
import { EXPORTERS, findExporter, renderAll } from './index.js';

describe('EXPORTERS', () => {
  it('have unique names and relative, /-separated file names', () => {
    expect(new Set(EXPORTERS.map((e) => e.name)).size).toBe(EXPORTERS.length);
    expect(new Set(EXPORTERS.map((e) => e.fileName)).size).toBe(EXPORTERS.length);
    for (const exporter of EXPORTERS) {
      expect(exporter.fileName).not.toMatch(/^\/|\\|\.\./);
      expect(exporter.mediaType).toMatch(/^[a-z]+\/[a-z+.-]+/);
    }
    expect(EXPORTERS.map((e) => e.fileName)).toEqual([
      'run.schema.json',
      'results.csv',
      'report.md',
      'report.html',
      'adr-draft.md',
      'charts/warm-ratio.svg',
      'charts/cold-phases.svg',
      'charts/warmup-curves.svg',
      'charts/lambda-power.svg',
      'load.csv',
      'charts/load-latency.svg',
      'charts/load-cold.svg',
    ]);
    expect(findExporter('markdown')?.fileName).toBe('report.md');
  });

  it('are pure: same run, same bytes, and the run is not modified', () => {
    const run = sampleRun();
    const before = JSON.stringify(run);
    const first = renderAll(run);
    expect(renderAll(JSON.parse(before) as RunRecord)).toEqual(first);
    expect(JSON.stringify(run)).toBe(before);
    expect(first.every(([, text]) => text.length > 0)).toBe(true);
  });

  it('skip charts a run has no data for', () => {
    const files = renderAll(sampleRun([completed('noop', 'node', 'small', { warm: warm(80) })])).map(([name]) => name);
    expect(files).toEqual(['run.schema.json', 'results.csv', 'report.md', 'report.html', 'adr-draft.md']);
  });

  it('handle a run with no results at all', () => {
    const files = renderAll(sampleRun([]));
    expect(files.find(([name]) => name === 'results.csv')?.[1].split('\n').filter(Boolean)).toHaveLength(1);
    expect(files.find(([name]) => name === 'report.md')?.[1]).toContain('0 results');
    expect(files.find(([name]) => name === 'adr-draft.md')?.[1]).toContain('has no results, so there is nothing to decide');
  });
});
