/**
 * A fake {@link QueueClock} for tests: time moves only when the test calls
 * {@link FakeClock.advance}, which runs every timer that falls due, in order,
 * letting promises settle between them. No test waits on real time.
 */

import type { QueueClock } from './clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** Manual time. */
export class FakeClock implements QueueClock {
  private time: number;
  private seq = 0;
  private readonly timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 10, 29, 6, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, running each timer due on the way (promises settle after each). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
  }
}

/** Lets queued promise callbacks run (a few turns: chains of then()). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
