/**
 * What the browser check (browser.test.ts) measures inside a loaded
 * report.html, and where it finds a Chromium. The probe is a string of plain
 * JavaScript, not a TypeScript function handed to page.evaluate: the test
 * transform may wrap named functions in helpers (esbuild's __name) that do
 * not exist in the page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A chart as the browser laid it out. */
export interface ChartLayout {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** How many text labels it draws. */
  readonly labels: number;
  /** Every label's text, for tests that look for one. */
  readonly texts: readonly string[];
  /** Pairs of labels whose boxes intersect by more than a pixel each way, as "a ⟷ b". */
  readonly overlaps: readonly string[];
  /** Labels reaching past the chart's own edge (cut off when drawn). */
  readonly clipped: readonly string[];
}

/** What the probe reports for a page, plus the errors the page logged. */
export interface Layout {
  /** document.documentElement.scrollWidth: wider than the window means the page scrolls sideways. */
  readonly pageWidth: number;
  /** Each table's width and its container's inner width, with the heading above it. */
  readonly tables: ReadonlyArray<{ readonly title: string; readonly width: number; readonly containerWidth: number }>;
  /** Each verdict cell ("vs node" and the like) and the lines its text takes. */
  readonly verdictCells: ReadonlyArray<{ readonly text: string; readonly lines: number }>;
  readonly charts: readonly ChartLayout[];
  /** Console errors and page errors, collected by the test. */
  readonly errors: readonly string[];
}

/** Chromium's command names (Debian, Ubuntu, Google's builds), in the order tried. */
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** True when `path --version` exits 0 within 10 s: a file named chromium that cannot start is no browser. */
export function starts(path: string): boolean {
  return spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/**
 * The Chromium to drive: WLB_CHROMIUM when set (a path, used only if it
 * exists), else the first of COMMANDS on PATH that starts (`--version`
 * answers: a broken install or a stub is passed over, so the suite skips
 * instead of failing a fresh machine's npm test). Looked up on PATH, not at
 * fixed paths, so CI's fresh-machine pass can hide an installed one and
 * prove the skip.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, runs: (path: string) => boolean = starts): string | undefined {
  const wanted = env.WLB_CHROMIUM;
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const command of COMMANDS) {
    const found = dirs.map((dir) => join(dir, command)).find((path) => existsSync(path) && runs(path));
    if (found) return found;
  }
  return undefined;
}

/**
 * The in-page measurement, an expression evaluating to the Layout without
 * errors. Labels are compared in each chart's own user units (getBBox through
 * the label's transform), so a chart scaled down to fit is judged as drawn;
 * a pixel of touching is allowed, as glyph boxes include line spacing.
 */
export const LAYOUT_PROBE = `(() => {
  const headingBefore = (element) => {
    for (let node = element; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    return element.parentElement && element.parentElement !== document.body ? headingBefore(element.parentElement) : '(no heading)';
  };
  const tables = [...document.querySelectorAll('table')].map((table) => {
    const container = table.parentElement;
    const style = getComputedStyle(container);
    const inner = container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { title: headingBefore(container), width: Math.round(table.getBoundingClientRect().width * 10) / 10, containerWidth: Math.round(inner * 10) / 10 };
  });
  const verdictCells = [...document.querySelectorAll('td.faster, td.slower, td.same, td.undecided')].map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    return { text: cell.textContent, lines: tops.size };
  });
  const charts = [...document.querySelectorAll('svg')].filter((svg) => !svg.parentElement.closest('svg')).map((svg) => {
    const rect = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    // Each label's box in the chart's user units, through its own transform (a rotated axis title stands upright in getBBox).
    const toChart = svg.getScreenCTM().inverse();
    const labels = [...svg.querySelectorAll('text')].map((text) => {
      const b = text.getBBox();
      const m = toChart.multiply(text.getScreenCTM());
      const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
      const xs = corners.map((c) => c.x), ys = corners.map((c) => c.y);
      const x = Math.min(...xs), y = Math.min(...ys);
      return { text: text.textContent, box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y } };
    });
    const overlaps = [];
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].box, b = labels[j].box;
        const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (dx > 1 && dy > 1) overlaps.push(labels[i].text + ' \u27f7 ' + labels[j].text);
      }
    }
    const clipped = labels
      .filter(({ box }) => box.x < -0.5 || box.y < -0.5 || box.x + box.width > view.width + 0.5 || box.y + box.height > view.height + 0.5)
      .map(({ text }) => text);
    return {
      title: svg.getAttribute('aria-label') || '(untitled)',
      width: rect.width,
      height: rect.height,
      labels: labels.length,
      texts: labels.map(({ text }) => text),
      overlaps,
      clipped,
    };
  });
  return { pageWidth: document.documentElement.scrollWidth, tables, verdictCells, charts };
})()`;
