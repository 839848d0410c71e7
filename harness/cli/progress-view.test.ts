/**
 * The progress view with a fake clock and a fake stream: a terminal gets one
 * line redrawn every second with a bar, elapsed time and the time left from
 * the planned work (never before the first unit is done); a log gets the
 * phase's start, at most one line every few seconds, a step after the work
 * and the end with its duration.
 */
import { describe, expect, it } from 'vitest';
import { bar, estimateLeftMs, LOG_INTERVAL_MS, ProgressView, REDRAW_MS, type ViewClock } from './progress-view.js';

/** A clock tests move by hand; its timers fire as time passes them. */
function fakeClock(): ViewClock & { advance(ms: number): void } {
  let now = 0;
  const timers: Array<{ every: number; next: number; tick: () => void; live: boolean }> = [];
  return {
    now: () => now,
    every(ms, tick) {
      const timer = { every: ms, next: now + ms, tick, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.tick();
      }
      now = end;
    },
  };
}

/** A stream that keeps what was written. */
function fakeStream(isTTY: boolean, columns = 200): { isTTY: boolean; columns: number; writes: string[]; write(text: string): void; lines(): string[] } {
  const writes: string[] = [];
  return {
    isTTY,
    columns,
    writes,
    write: (text) => void writes.push(text),
    lines: () => writes.join('').split('\n').filter((line) => line !== ''),
  };
}

/** What a terminal shows now: the text after the last line clear. */
const screen = (writes: readonly string[]): string => writes.join('').split('\r\x1b[2K').pop() ?? '';

describe('estimateLeftMs', () => {
  it('extrapolates the rate of units done so far to the units planned', () => {
    expect(estimateLeftMs(10_000, 2, 10, 0)).toBe(40_000);
  });
  it('counts only units done since the view first saw the phase (a resumed run starts past zero)', () => {
    expect(estimateLeftMs(10_000, 7, 10, 5)).toBe(15_000);
  });
  it('gives no estimate before the first unit is done, nor once nothing is left', () => {
    expect(estimateLeftMs(10_000, 0, 10, 0)).toBeUndefined();
    expect(estimateLeftMs(10_000, 5, 10, 5)).toBeUndefined();
    expect(estimateLeftMs(10_000, 10, 10, 0)).toBeUndefined();
  });
  it('never exceeds a time budget', () => {
    expect(estimateLeftMs(10_000, 1, 100, 0, 60_000)).toBe(60_000);
    expect(estimateLeftMs(10_000, 1, 100, 0, -5)).toBe(0);
  });
});

describe('bar', () => {
  it('fills in proportion to the work done', () => {
    expect(bar(0, 4, 8)).toBe('[--------]');
    expect(bar(1, 4, 8)).toBe('[##------]');
    expect(bar(4, 4, 8)).toBe('[########]');
    expect(bar(3, 0, 4)).toBe('[----]');
  });
});

describe('ProgressView on a terminal', () => {
  it('redraws one line every second with a bar, elapsed time, and the time left once a unit is done', () => {
    const clock = fakeClock();
    const stream = fakeStream(true);
    const view = new ProgressView(stream, clock);
    view.update({ phase: 'warm', kind: 'work', done: 0, planned: 4, label: 'sha256 small · process 1' });
    expect(screen(stream.writes)).toBe('warm [--------------------] 0/4 · 0 s elapsed · sha256 small · process 1');
    clock.advance(REDRAW_MS * 5);
    // No update came, yet the line moved on with the time; still no estimate before the first unit.
    expect(screen(stream.writes)).toBe('warm [--------------------] 0/4 · 5 s elapsed · sha256 small · process 1');
    expect(stream.writes.length).toBeGreaterThanOrEqual(6);
    expect(stream.writes.join('')).not.toContain('left');
    clock.advance(5_000);
    view.update({ phase: 'warm', kind: 'work', done: 1, planned: 4, label: 'json-transform small · process 1' });
    expect(screen(stream.writes)).toBe('warm [#####---------------] 1/4 · 10 s elapsed · about 30 s left · json-transform small · process 1');
    expect(stream.writes.join('')).not.toContain('\n');
  });

  it('shows the step after the last unit under its own label, then ends the phase with its duration', () => {
    const clock = fakeClock();
    const stream = fakeStream(true);
    const view = new ProgressView(stream, clock);
    view.update({ phase: 'cold', kind: 'work', done: 1, planned: 3, label: 'noop/node/small' });
    clock.advance(2_000);
    view.update({ phase: 'cold', kind: 'work', done: 3, planned: 3, label: 'noop/wasm/small' });
    view.update({ phase: 'cold', kind: 'step', label: 'summarising 3 samples' });
    expect(screen(stream.writes)).toBe('cold [####################] 3/3 · 2 s elapsed · summarising 3 samples');
    clock.advance(19_000);
    expect(screen(stream.writes)).toBe('cold [####################] 3/3 · 21 s elapsed · summarising 3 samples (19 s)');
    view.update({ phase: 'cold', kind: 'end', label: '3 samples' });
    expect(stream.writes.join('').endsWith('\r\x1b[2Kcold done in 21 s: 3 samples\n')).toBe(true);
    const before = stream.writes.length;
    clock.advance(3_000);
    expect(stream.writes).toHaveLength(before);
  });

  it('ends the phase before a new one starts, and cuts lines to the terminal width', () => {
    const clock = fakeClock();
    const stream = fakeStream(true, 40);
    const view = new ProgressView(stream, clock);
    view.update({ phase: 'warm', kind: 'work', done: 0, planned: 2, label: 'a label far too long for a forty-column terminal' });
    expect(screen(stream.writes)).toHaveLength(39);
    expect(screen(stream.writes).endsWith('…')).toBe(true);
    clock.advance(4_000);
    view.update({ phase: 'lambda', kind: 'step', label: 'opening local' });
    expect(stream.writes.join('')).toContain('\r\x1b[2Kwarm done in 4 s (0/2)\n');
    expect(screen(stream.writes)).toBe('lambda 0 s elapsed · opening local');
  });

  it('takes a terminal that says it has 0 columns (a pty nobody sized) as 120 wide', () => {
    const clock = fakeClock();
    const stream = fakeStream(true, 0);
    new ProgressView(stream, clock).update({ phase: 'cold', kind: 'work', done: 0, planned: 2, label: 'x'.repeat(200) });
    expect(screen(stream.writes)).toHaveLength(119);
  });

  it('says "under a second left" rather than "about 0 s left"', () => {
    const clock = fakeClock();
    const stream = fakeStream(true);
    const view = new ProgressView(stream, clock);
    view.update({ phase: 'cold', kind: 'work', done: 0, planned: 100, label: 'a' });
    clock.advance(99);
    view.update({ phase: 'cold', kind: 'work', done: 99, planned: 100, label: 'b' });
    expect(screen(stream.writes)).toBe('cold [####################] 99/100 · 0 s elapsed · under a second left · b');
  });

  it('stop clears the line and draws nothing more, updates included; finish ends the open phase', () => {
    const clock = fakeClock();
    const stream = fakeStream(true);
    const stopped = new ProgressView(stream, clock);
    stopped.update({ phase: 'warm', kind: 'work', done: 0, planned: 2, label: 'x' });
    stopped.stop();
    expect(stream.writes.at(-1)).toBe('\r\x1b[2K');
    const count = stream.writes.length;
    clock.advance(5_000);
    // A mode still reporting while an interruption is handled draws nothing either.
    stopped.update({ phase: 'warm', kind: 'work', done: 1, planned: 2, label: 'y' });
    expect(stream.writes).toHaveLength(count);

    const other = fakeStream(true);
    const finished = new ProgressView(other, clock);
    finished.update({ phase: 'cold', kind: 'work', done: 2, planned: 2, label: 'x' });
    clock.advance(1_000);
    finished.finish();
    expect(other.writes.join('').endsWith('\r\x1b[2Kcold done in 1 s (2/2)\n')).toBe(true);
  });
});

describe('ProgressView in a log (not a terminal)', () => {
  it('writes the phase start, then at most one line per interval, a step after the work at once, and the end', () => {
    const clock = fakeClock();
    const stream = fakeStream(false);
    const view = new ProgressView(stream, clock);
    for (let done = 0; done <= 20; done++) {
      view.update({ phase: 'cold', kind: 'work', done, planned: 20, label: `sample ${done}` });
      clock.advance(1_000);
    }
    view.update({ phase: 'cold', kind: 'step', label: 'summarising 20 samples' });
    clock.advance(3_000);
    view.update({ phase: 'cold', kind: 'end', label: '20 samples' });
    expect(stream.writes.join('')).not.toContain('\r');
    const lines = stream.lines();
    // Updates came every second for 21 s: lines at 0, 5, 10, 15 and 20 s only.
    expect(LOG_INTERVAL_MS).toBe(5_000);
    expect(lines).toEqual([
      'cold 0/20 · 0 s elapsed · sample 0',
      'cold 5/20 · 5 s elapsed · about 15 s left · sample 5',
      'cold 10/20 · 10 s elapsed · about 10 s left · sample 10',
      'cold 15/20 · 15 s elapsed · about 5 s left · sample 15',
      'cold 20/20 · 20 s elapsed · sample 20',
      'cold 20/20 · 21 s elapsed · summarising 20 samples',
      'cold done in 24 s: 20 samples',
    ]);
  });

  it('throttles a run of steps (one function deployed after another) like work', () => {
    const clock = fakeClock();
    const stream = fakeStream(false);
    const view = new ProgressView(stream, clock);
    for (let i = 1; i <= 10; i++) {
      view.update({ phase: 'lambda', kind: 'step', label: `deploy ${i}/10` });
      clock.advance(1_000);
    }
    expect(stream.lines()).toEqual(['lambda 0 s elapsed · deploy 1/10', 'lambda 5 s elapsed · deploy 6/10']);
  });
});
