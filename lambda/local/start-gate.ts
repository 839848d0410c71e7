/**
 * How many environments may be in INIT at once on this host. On Lambda a
 * hundred cold starts run side by side on a hundred machines, each INIT taking
 * its ~150 ms; here they would share two cores, every INIT would take
 * seconds, pass Lambda's 10 s INIT limit and fail the invocation: the host's
 * limit reported as the function's error. So starts wait for a slot (one per
 * core by default) before the runtime is spawned: Init Duration, measured
 * from the spawn, stays what an uncontended INIT takes, and the wait, which
 * is the host's and not Lambda's, is counted here and in the status
 * (`concurrency.startGate`) so a load generator can mark the step invalid
 * instead of reporting it as Lambda latency.
 */

import { availableParallelism } from 'node:os';

/** A held slot; release it once INIT has ended (or the environment died). */
export interface StartSlot {
  /** How long the start waited for its slot, ms (0 when one was free). */
  readonly waitedMs: number;
  release(): void;
}

/** What the status says of the gate. */
export interface StartGateStatus {
  readonly limit: number;
  readonly reason: string;
  /** Starts in INIT now. */
  readonly active: number;
  /** Starts waiting for a slot now, and at most so far. */
  readonly waiting: number;
  readonly peakWaiting: number;
  /** Starts that had to wait, and their waits in total and at most (ms): the host's, not Lambda's. */
  readonly waited: number;
  readonly waitMsTotal: number;
  readonly waitMsMax: number;
}

/** The default: one INIT per core (node's start-up is about one core's work for its duration). */
export function defaultStartLimit(): { limit: number; reason: string } {
  const cores = availableParallelism();
  return { limit: cores, reason: `one INIT per core (${cores}): concurrent INITs beyond that share the cores and each takes longer than Lambda's` };
}

/** A counting semaphore over INITs, with the waits recorded. */
export class StartGate {
  private active = 0;
  private readonly queue: { since: number; grant: (slot: StartSlot) => void; refuse: (error: Error) => void }[] = [];
  private peakWaiting = 0;
  private waited = 0;
  private waitMsTotal = 0;
  private waitMsMax = 0;
  private closed = false;

  constructor(
    readonly limit: number,
    readonly reason: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves with a slot once fewer than `limit` starts are in INIT; rejects if the gate closes first. */
  acquire(): Promise<StartSlot> {
    if (this.closed) return Promise.reject(new Error('the local Lambda is shutting down'));
    if (this.active < this.limit) return Promise.resolve(this.grant(undefined));
    return new Promise((grant, refuse) => {
      this.queue.push({ since: this.now(), grant, refuse });
      this.peakWaiting = Math.max(this.peakWaiting, this.queue.length);
    });
  }

  /** Refuses every waiting start (the server is closing). */
  close(): void {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.refuse(new Error('the local Lambda is shutting down'));
  }

  /** Figures for the status. */
  status(): StartGateStatus {
    return {
      limit: this.limit, reason: this.reason, active: this.active, waiting: this.queue.length, peakWaiting: this.peakWaiting,
      waited: this.waited, waitMsTotal: Math.round(this.waitMsTotal), waitMsMax: Math.round(this.waitMsMax),
    };
  }

  /** A slot; `waitedMs` undefined when it was free at once. */
  private grant(waitedMs: number | undefined): StartSlot {
    this.active += 1;
    if (waitedMs !== undefined) {
      this.waited += 1;
      this.waitMsTotal += waitedMs;
      this.waitMsMax = Math.max(this.waitMsMax, waitedMs);
    }
    let released = false;
    return {
      waitedMs: waitedMs ?? 0,
      release: () => {
        if (released) return;
        released = true;
        this.active -= 1;
        const next = this.queue.shift();
        if (next) next.grant(this.grant(this.now() - next.since));
      },
    };
  }
}
