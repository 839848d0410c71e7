import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FREEZE_GRACE_MS, Freezer } from './freezer.js';

describe('Freezer', () => {
  let signals: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    signals = [];
  });
  afterEach(() => vi.useRealTimers());
  const freezer = (enabled = true): Freezer => new Freezer(enabled, (name) => signals.push(name));

  it('freezes after the grace period only if the environment is still idle then, and thaws once', () => {
    const f = freezer();
    let idle = true;
    f.freezeLater(() => idle);
    vi.advanceTimersByTime(FREEZE_GRACE_MS - 1);
    expect(signals).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(signals).toEqual(['SIGSTOP']);
    f.thaw();
    f.thaw();
    expect(signals).toEqual(['SIGSTOP', 'SIGCONT']);
    idle = false;
    f.freezeLater(() => idle);
    vi.advanceTimersByTime(FREEZE_GRACE_MS);
    expect(signals).toEqual(['SIGSTOP', 'SIGCONT']);
  });

  it('freezes at once when asked, never twice, and a thaw cancels a pending freeze', () => {
    const f = freezer();
    f.freezeNow(() => true);
    f.freezeNow(() => true);
    expect(signals).toEqual(['SIGSTOP']);
    f.thaw();
    f.freezeLater(() => true);
    f.thaw(); // an event arrived within the grace period
    vi.advanceTimersByTime(FREEZE_GRACE_MS * 2);
    expect(signals).toEqual(['SIGSTOP', 'SIGCONT']);
    f.freezeLater(() => true);
    f.cancel();
    vi.advanceTimersByTime(FREEZE_GRACE_MS * 2);
    expect(signals).toEqual(['SIGSTOP', 'SIGCONT']);
  });

  it('does nothing when freezing is off (--no-freeze)', () => {
    const f = freezer(false);
    f.freezeNow(() => true);
    f.freezeLater(() => true);
    vi.advanceTimersByTime(FREEZE_GRACE_MS * 2);
    f.thaw();
    expect(signals).toEqual([]);
  });
});
