/**
 * Virtual time for the load generator's tests: a clock that moves only when
 * nothing else can run, and a fake endpoint that serves one event at a time
 * (a FIFO queue in front of one worker), so a stalled response holds the
 * events behind it exactly as one busy execution environment would. No test
 * using these reads the wall clock or asserts on elapsed time.
 */
import type { LoadClock } from './scheduler.js';

interface Timer {
  readonly at: number;
  readonly order: number;
  readonly resolve: () => void;
}

/** A clock whose time advances to the next timer whenever every promise chain has settled. */
export class VirtualClock implements LoadClock {
  private now = 0;
  private order = 0;
  private timers: Timer[] = [];

  nowNs(): number {
    return this.now;
  }

  sleepUntil(ns: number): Promise<void> {
    if (ns <= this.now) return Promise.resolve();
    return new Promise((resolve) => this.timers.push({ at: ns, order: this.order++, resolve }));
  }

  /** Moves time forward by `ns` without waking anyone early (what a blocked event loop looks like). */
  block(ns: number): void {
    this.now += ns;
  }

  /** Runs `task` to its end, advancing virtual time only while everything waits on a timer. */
  async run<T>(task: Promise<T>): Promise<T> {
    let settled = false;
    task.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // setImmediate runs after every queued microtask: the promise chains have done what they can.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return task;
      if (this.timers.length === 0) throw new Error('virtual time: the task waits on something that is not a timer');
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift() as Timer;
      this.now = Math.max(this.now, next.at);
      next.resolve();
    }
  }
}

/** One worker behind a FIFO queue: each call is served after every call before it. */
export class FifoEndpoint {
  private busyUntil = 0;
  /** Calls received, in order. */
  readonly received: number[] = [];

  constructor(private readonly clock: VirtualClock) {}

  /** Serves call `seq` for `serviceNs`; resolves when it is done. */
  serve(seq: number, serviceNs: number): Promise<number> {
    this.received.push(seq);
    const start = Math.max(this.clock.nowNs(), this.busyUntil);
    this.busyUntil = start + serviceNs;
    return this.clock.sleepUntil(this.busyUntil).then(() => seq);
  }
}
