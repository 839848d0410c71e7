import { describe, expect, it } from 'vitest';
import { displayPath } from './display-path.js';

describe('displayPath (what run.json records as outDir)', () => {
  it('is relative inside the current directory', () => {
    expect(displayPath('/home/alice/wlb/results/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('results/runs/r1');
    expect(displayPath('results/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('results/runs/r1');
    expect(displayPath('/home/alice/wlb', '/home/alice/wlb', '/home/alice')).toBe('.');
  });

  it('hides the home directory elsewhere, and keeps paths that name no user', () => {
    expect(displayPath('/home/alice/runs/r1', '/home/alice/wlb', '/home/alice')).toBe('~/runs/r1');
    expect(displayPath('../runs/r1', '/home/alice/wlb', '/home/alice/')).toBe('~/runs/r1');
    expect(displayPath('/tmp/r1', '/home/alice/wlb', '/home/alice')).toBe('/tmp/r1');
    // A sibling whose name starts like the home directory is not inside it.
    expect(displayPath('/home/alice2/r1', '/srv', '/home/alice')).toBe('/home/alice2/r1');
    // A home of "/" (some service users) must not turn every path into "~...".
    expect(displayPath('/srv/r1', '/opt', '/')).toBe('/srv/r1');
  });
});
