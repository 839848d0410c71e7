/**
 * The local Lambda's time: injected everywhere a delay or a timestamp is
 * taken (the async queue, EventBridge), so tests run on a fake clock.
 */

/** Time and timers, injected (tests pass a fake). */
export interface QueueClock {
  now(): number;
  /** Runs `callback` after `ms`; the timer must not keep the process alive. */
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/** The real clock: Date.now and unref'd timers. */
export const systemClock: QueueClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
