/**
 * report.html in a real browser (issue 13): the HTML reports of both
 * published runs and of a fixture run with every feature, rendered by the
 * current renderer, loaded from file:// URLs in headless Chromium at
 * 1280×800. String checks cannot see layout; a browser can: a table that
 * pushes the page wider than the window, a label drawn over another, a
 * chart that collapses to nothing, a CSP violation logged to the console.
 *
 * Chromium is the system package (Debian `chromium`), driven by
 * playwright-core: no browser download, so `npm ci` stays registry-only.
 * Without a Chromium the suite is skipped and says why on stderr, unless
 * WLB_REQUIRE_BROWSER=1 (CI's second pass installs chromium and sets it),
 * where a missing browser fails instead of passing silently.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { RunRecord } from '../contract/index.js';
import { cold, completed, errored, replicatedResults, replicatedRun, sampleResults, vs, warm } from './fixtures.js';
import { renderHtml } from './html.js';
import { LAYOUT_PROBE, chromiumPath, type Layout } from './browser-probe.js';
import { readRunRecord } from '../run-file/read.js';

const REQUIRE = process.env.WLB_REQUIRE_BROWSER === '1';
const executable = chromiumPath();
const SKIP_REASON = 'skipped: needs chromium (apt install chromium)';
if (!executable && !REQUIRE) process.stderr.write(`harness/report/browser.test.ts: ${SKIP_REASON}; set WLB_CHROMIUM to use another Chromium\n`);

const VIEWPORT = { width: 1280, height: 800 };

/**
 * A run with every feature a report can show: every status (verified,
 * INVALID, FAILED, unsupported), cold phases and warm-up curves, an engine
 * row, resources, process-level intervals with undecided verdicts, outliers,
 * a failed calibration banner, an interrupted-run banner, a Lambda row, and
 * ratios far enough from node to be drawn apart.
 */
function everyFeatureRun(): RunRecord {
  const base = replicatedRun('failed');
  const forked = replicatedResults().map((r) => ({ ...r, workload: `${r.workload}-forked` }));
  return {
    ...base,
    state: 'interrupted',
    ending: { at: '2025-01-02T03:09:05.000Z', signal: 'SIGINT', reason: 'interrupted by SIGINT', recordedBy: 'run' },
    results: [
      ...sampleResults(),
      completed('sha256', 'wasm', 'small', {
        engine: 'eager',
        cold: cold({ processStart: 30_000_000, compile: 2_500_000, instantiate: 300_000, firstCall: 1_000_000 }, [900_000, 70_000, 60_000]),
        coldVsNode: vs(0.95, 0.9, 1.01, 'no-significant-difference'),
      }),
      completed('sha256', 'component', 'small', { warm: warm(20_000_000), vsNode: vs(166, 160, 172, 'slower') }),
      completed('noop', 'component', 'small', { warm: warm(780_000), vsNode: vs(9176, 9100, 9250, 'slower') }),
      completed('graph', 'node', 'small', { warm: warm(400_000) }),
      errored('graph', 'wasm', 'small', 'could not open the Lambda endpoint (endpoint:127.0.0.1:9): ListFunctions → connection refused', 'unreachable'),
      ...forked,
    ],
  };
}

/** The published runs' run.json files, by directory name. */
function publishedRuns(): Array<[string, RunRecord]> {
  const published = join(RESULTS_DIR, 'published');
  return readdirSync(published, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(published, entry.name, 'run.json')))
    .map((entry) => [entry.name, readRunRecord(join(published, entry.name, 'run.json'))]);
}

const reports: Array<[string, RunRecord]> = [...publishedRuns(), ['fixture with every feature', everyFeatureRun()]];

describe.runIf(REQUIRE && !executable)('report.html in headless Chromium (required: WLB_REQUIRE_BROWSER=1)', () => {
  it('finds a Chromium', () => {
    expect.fail('WLB_REQUIRE_BROWSER=1 but no Chromium was found (apt install chromium, or set WLB_CHROMIUM to its path)');
  });
});

describe.skipIf(!executable)(`report.html in headless Chromium at ${VIEWPORT.width}×${VIEWPORT.height}${executable ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let dir: string;
  const layouts = new Map<string, Layout>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wlb-browser-'));
    browser = await chromium.launch({
      executablePath: executable!,
      // As root in a container, with a closed network: no sandbox, no GPU, none of Chromium's background connections.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (const [name, run] of reports) {
      const file = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.html`);
      writeFileSync(file, renderHtml(run));
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const layout = (await page.evaluate(LAYOUT_PROBE)) as Omit<Layout, 'errors'>;
      layouts.set(name, { ...layout, errors });
      await page.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const layoutOf = (name: string): Layout => {
    const layout = layouts.get(name);
    expect(layout, `${name} was loaded`).toBeDefined();
    return layout!;
  };

  it('loads both published runs and the fixture (this suite would pass vacuously without them)', () => {
    expect(reports.length).toBeGreaterThanOrEqual(3);
  });

  for (const [name] of reports) {
    describe(name, () => {
      it('logs no console error and throws no page error (the CSP blocks nothing the report needs)', () => {
        expect(layoutOf(name).errors).toEqual([]);
      });

      it(`does not scroll sideways: the page is no wider than ${VIEWPORT.width} px and no table is wider than its container`, () => {
        const layout = layoutOf(name);
        expect(layout.pageWidth).toBeLessThanOrEqual(VIEWPORT.width);
        expect(layout.tables.length).toBeGreaterThan(0);
        expect(layout.tables.filter((t) => t.width > t.containerWidth + 0.5).map((t) => `${t.title}: ${t.width} px in ${t.containerWidth} px`)).toEqual([]);
      });

      it('fits every "vs node" verdict on at most two lines', () => {
        const layout = layoutOf(name);
        expect(layout.verdictCells.filter((c) => c.lines > 2).map((c) => `${c.text}: ${c.lines} lines`)).toEqual([]);
      });

      it('draws every chart at a non-zero size, with no text label over another or past the edge', () => {
        const layout = layoutOf(name);
        expect(layout.charts.length).toBeGreaterThan(0);
        for (const chart of layout.charts) {
          expect(chart.width, chart.title).toBeGreaterThan(0);
          expect(chart.height, chart.title).toBeGreaterThan(0);
          expect(chart.labels, `${chart.title}: labels`).toBeGreaterThan(0);
          expect(chart.overlaps, `${chart.title}: overlapping labels`).toEqual([]);
          expect(chart.clipped, `${chart.title}: labels past the chart's edge`).toEqual([]);
        }
      });
    });
  }

  it('draws the fixture\'s far ratios apart, so the rows near node keep their own scale', () => {
    const headline = layoutOf('fixture with every feature').charts.find((c) => c.title === 'Warm time per call relative to node');
    expect(headline?.texts).toEqual(expect.arrayContaining([expect.stringMatching(/^Within 20× of node/), expect.stringMatching(/^More than 20× from node/)]));
  });
});
