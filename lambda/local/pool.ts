/**
 * Scheduling invocations onto execution environments, with Lambda's rules:
 * one invocation per environment at a time; a warm idle environment of the
 * current code and configuration is reused (most recently used first);
 * otherwise a new, cold one starts; idle environments are evicted after the
 * idle timeout; an update retires every environment of the function.
 *
 * Concurrency (concurrency.ts holds the rules): a function's reserved
 * concurrency caps its invocations in flight (429
 * ReservedFunctionConcurrentInvocationLimitExceeded); functions without one
 * share what the reservations leave of the account limit (429
 * ConcurrentInvocationLimitExceeded). Environments, idle ones included, never
 * outnumber the account limit: idle ones are evicted to make room, as an idle
 * environment on Lambda holds no concurrency.
 */

import { ExecutionEnvironment, type EnvironmentDeps, type InvocationInput } from './environment.js';
import { PeakHistory, type ConcurrencyLimits } from './concurrency.js';
import { tooManyRequests } from './errors.js';
import type { StartGate, StartSlot } from './start-gate.js';
import type { StoredFunction } from './store.js';
import type { EnvironmentStatus, InvocationResult } from './types.js';

/** Settings of the pool. */
export interface PoolSettings {
  readonly idleTimeoutMs: number;
  /** The account limit and the reservations; the limit also caps environments (processes). */
  readonly limits: ConcurrencyLimits;
  /** How many environments may be in INIT at once (start-gate.ts: the host's limit, not Lambda's). */
  readonly gate: StartGate;
}

/** Concurrency figures for the status. */
export interface ConcurrencyStatus {
  /** Invocations running or starting an environment now (Lambda's ConcurrentExecutions). */
  readonly inFlight: number;
  /** The most in flight at once since the server started (the metric's Maximum over the run). */
  readonly peakInFlight: number;
}

/** All environments of the server. */
export class EnvironmentPool {
  private readonly live = new Set<ExecutionEnvironment>();
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  /** Environments being started, counted against the limits before they exist. */
  private readonly starting = new Map<string, number>();
  /** Starts in flight, which close() waits for: an environment finishing its start after close would be left running. */
  private readonly pendingStarts = new Set<Promise<unknown>>();
  private closed = false;
  private peakInFlight = 0;
  /** Peaks per second, for a window's peak (`/_local/concurrency`). */
  readonly peaks = new PeakHistory();
  /** Start slots held by environments until their INIT ends (their first event is handed out) or they die. */
  private readonly slots = new Map<ExecutionEnvironment, StartSlot>();

  constructor(
    private readonly deps: Omit<EnvironmentDeps, 'onDead' | 'othersWorking' | 'onWorking'>,
    private readonly settings: PoolSettings,
  ) {}

  /** Runs an invocation on a warm environment or a new one; throws a 429 error when throttled. */
  async invoke(fn: StoredFunction, input: InvocationInput): Promise<InvocationResult> {
    // Concurrency counts invocations in flight, whether they would land on a warm environment or not.
    // The check and the taking (takeIdle, or startNew's count of starts) happen in one turn of the loop.
    const name = fn.config.name;
    this.settings.limits.admit({ name, reserved: fn.reservedConcurrency }, { ofFunction: this.inFlightOf(name), unreserved: this.unreservedInFlight() });
    const idle = this.takeIdle(fn);
    const started = idle ? undefined : this.startNew(fn);
    const inFlight = this.inFlightOf(undefined);
    this.peakInFlight = Math.max(this.peakInFlight, inFlight);
    this.peaks.note(inFlight, Date.now());
    const env = idle ?? (await (started as Promise<ExecutionEnvironment>));
    try {
      return await env.run(input);
    } finally {
      this.release(env, fn);
    }
  }

  /** Retires a function's environments: idle ones now, busy ones when their invocation ends. */
  retire(fn: StoredFunction): void {
    for (const env of this.live) {
      if (env.config.name === fn.config.name && env.state === 'idle') this.destroy(env);
    }
  }

  /** Snapshot for the status endpoint. */
  status(): EnvironmentStatus[] {
    return [...this.live].map((env) => env.status());
  }

  /** Invocations in flight now and at most so far. */
  concurrency(): ConcurrencyStatus {
    return { inFlight: this.inFlightOf(undefined), peakInFlight: this.peakInFlight };
  }

  /** Kills every environment (also those still starting) and waits until their processes and cgroups are gone. */
  async close(): Promise<void> {
    this.closed = true;
    this.settings.gate.close();
    // A start that completes now sees `closed` and kills its environment (launch).
    await Promise.allSettled([...this.pendingStarts]);
    const all = [...this.live];
    for (const env of all) this.destroy(env);
    await Promise.all(all.map((env) => env.exited));
  }

  /** Kills every environment's process group at once, synchronously (for process exit). */
  killAllNow(): void {
    for (const env of this.live) env.kill();
  }

  private takeIdle(fn: StoredFunction): ExecutionEnvironment | undefined {
    let best: ExecutionEnvironment | undefined;
    for (const env of this.live) {
      if (env.config.name !== fn.config.name || env.state !== 'idle' || env.generation !== fn.generation) continue;
      if (!best || env.lastUsed > best.lastUsed) best = env;
    }
    if (best) {
      clearTimeout(this.idleTimers.get(best));
      this.idleTimers.delete(best);
      best.state = 'busy';
    }
    return best;
  }

  private async startNew(fn: StoredFunction): Promise<ExecutionEnvironment> {
    if (this.closed) throw new Error('the local Lambda is shutting down');
    const name = fn.config.name;
    if (this.totalCount() >= this.settings.limits.account.limit && !this.evictOldestIdle()) {
      throw tooManyRequests('ConcurrentInvocationLimitExceeded');
    }
    this.starting.set(name, (this.starting.get(name) ?? 0) + 1);
    const starting = this.launch(fn);
    this.pendingStarts.add(starting);
    try {
      const env = await starting;
      this.live.add(env);
      this.freezeIdleBesides(env); // INIT, too, should not share the CPU with idle runtimes
      return env;
    } finally {
      this.pendingStarts.delete(starting);
      this.starting.set(name, (this.starting.get(name) ?? 1) - 1);
    }
  }

  /**
   * Starts an environment once the gate gives a slot, which it holds until its INIT ends; one that
   * finishes starting after close() is killed, and settles once it is gone.
   */
  private async launch(fn: StoredFunction): Promise<ExecutionEnvironment> {
    const slot = await this.settings.gate.acquire();
    let env: ExecutionEnvironment;
    try {
      env = await ExecutionEnvironment.start(fn.config, fn.code, fn.generation, {
        ...this.deps,
        onDead: (dead) => {
          this.releaseSlot(dead);
          this.forget(dead);
        },
        othersWorking: (self) => this.anyWorkingBesides(self),
        onWorking: (busy) => {
          this.releaseSlot(busy); // its first event: INIT has ended
          this.freezeIdleBesides(busy);
        },
      });
    } catch (error) {
      slot.release();
      throw error;
    }
    if (env.state === 'dead') slot.release();
    else this.slots.set(env, slot);
    if (!this.closed) return env;
    env.kill();
    await env.exited;
    throw new Error('the local Lambda is shutting down');
  }

  private release(env: ExecutionEnvironment, fn: StoredFunction): void {
    if (env.state === 'dead') return;
    if (this.closed || env.generation !== fn.generation) {
      this.destroy(env);
      return;
    }
    if (env.state !== 'idle') return;
    const timer = setTimeout(() => this.destroy(env), this.settings.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(env, timer);
  }

  private destroy(env: ExecutionEnvironment): void {
    env.kill();
    this.forget(env);
  }

  private releaseSlot(env: ExecutionEnvironment): void {
    this.slots.get(env)?.release();
    this.slots.delete(env);
  }

  private forget(env: ExecutionEnvironment): void {
    clearTimeout(this.idleTimers.get(env));
    this.idleTimers.delete(env);
    this.live.delete(env);
  }

  private anyWorkingBesides(self: ExecutionEnvironment): boolean {
    for (const env of this.live) if (env !== self && env.working) return true;
    return false;
  }

  private freezeIdleBesides(busy: ExecutionEnvironment): void {
    for (const env of this.live) if (env !== busy) env.freezeIfIdle();
  }

  /** Invocations in flight (busy or initialising environments, and starts) of one function, or of all when `name` is undefined. */
  private inFlightOf(name: string | undefined): number {
    let count = 0;
    for (const env of this.live) if ((name === undefined || env.config.name === name) && env.state !== 'idle') count += 1;
    for (const [fn, n] of this.starting) if (name === undefined || fn === name) count += n;
    return count;
  }

  /** Invocations in flight of functions without a reservation: what the unreserved pool is checked against. */
  private unreservedInFlight(): number {
    const reserved = new Set<string>();
    for (const fn of this.settings.limits.functions()) if (fn.reserved !== undefined) reserved.add(fn.name);
    let count = 0;
    for (const env of this.live) if (env.state !== 'idle' && !reserved.has(env.config.name)) count += 1;
    for (const [fn, n] of this.starting) if (!reserved.has(fn)) count += n;
    return count;
  }

  private totalCount(): number {
    let starting = 0;
    for (const n of this.starting.values()) starting += n;
    return this.live.size + starting;
  }

  private evictOldestIdle(): boolean {
    let oldest: ExecutionEnvironment | undefined;
    for (const env of this.live) {
      if (env.state === 'idle' && (!oldest || env.lastUsed < oldest.lastUsed)) oldest = env;
    }
    if (oldest) this.destroy(oldest);
    return oldest !== undefined;
  }
}
