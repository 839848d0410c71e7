import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser-probe.js';

/** A PATH directory holding a `chromium` script that exits with `code`. */
function pathWith(code: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-chromium-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'chromium');
  writeFileSync(file, `#!/bin/sh\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return dir;
}

describe('chromiumPath', () => {
  it('passes over a chromium on PATH that does not start, so the browser check skips instead of failing', () => {
    expect(chromiumPath({ PATH: pathWith(127) })).toBeUndefined();
  });

  it('takes the first chromium on PATH that starts', () => {
    const dir = pathWith(0);
    expect(chromiumPath({ PATH: `${pathWith(127)}:${dir}` })).toBe(join(dir, 'chromium'));
  });

  it('uses WLB_CHROMIUM when it exists, and nothing when it does not', () => {
    const dir = pathWith(0);
    expect(chromiumPath({ WLB_CHROMIUM: join(dir, 'chromium'), PATH: '' })).toBe(join(dir, 'chromium'));
    expect(chromiumPath({ WLB_CHROMIUM: join(dir, 'missing'), PATH: dir })).toBeUndefined();
  });
});
