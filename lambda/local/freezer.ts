/**
 * Freezing an idle execution environment as Lambda does: SIGSTOP of the
 * runtime's process group once it waits in `/next`, SIGCONT before its next
 * event. Lambda keeps every idle environment frozen; here one whose function
 * is called back to back is given a grace period first, because a thaw
 * (SIGCONT wakes every thread of a Node process) costs the caller ~0.15 ms on
 * the project machine, before the Duration clock starts. The pool freezes at
 * once when another environment gets work (see ExecutionEnvironment.freezeIfIdle).
 */

/** How long an idle environment may run before it is frozen, when nothing else is working. */
export const FREEZE_GRACE_MS = 100;

/** The freeze state of one environment. Every call is a no-op when freezing is disabled. */
export class Freezer {
  private frozen = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly enabled: boolean,
    private readonly signal: (name: NodeJS.Signals) => void,
  ) {}

  /** Freezes after the grace period if `mayFreeze` still agrees then. */
  freezeLater(mayFreeze: () => boolean): void {
    if (!this.enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.freezeNow(mayFreeze), FREEZE_GRACE_MS);
    this.timer.unref();
  }

  /** Freezes now if `mayFreeze` agrees (and not frozen already). */
  freezeNow(mayFreeze: () => boolean): void {
    if (!this.enabled || this.frozen || !mayFreeze()) return;
    clearTimeout(this.timer);
    this.signal('SIGSTOP');
    this.frozen = true;
  }

  /** Cancels a pending freeze and thaws a frozen environment: an event is about to be handed over. */
  thaw(): void {
    clearTimeout(this.timer);
    if (!this.frozen) return;
    this.signal('SIGCONT');
    this.frozen = false;
  }

  /** Cancels a pending freeze (the environment is being killed; a stopped process dies of SIGKILL too). */
  cancel(): void {
    clearTimeout(this.timer);
  }
}
