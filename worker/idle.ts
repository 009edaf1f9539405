/**
 * Idle-time work for the Worker: runs steps one per task, each only after the Worker has had no
 * query for a while, so background work never delays the host's queries by more than one step.
 * Pure scheduling (clock and timer injected), so it is tested without a Worker or real time.
 */

/** What {@link runWhenIdle} needs from its environment. */
export interface IdleOptions {
  /** How long without activity before the next step may run (ms). */
  readonly idleMs: number;
  /** When the last activity (query) happened, on the `now` clock. */
  readonly lastActivity: () => number;
  /** False once the work is moot (its engine was replaced or closed): the remaining steps are dropped. */
  readonly stillWanted: () => boolean;
  /** Clock (default performance.now). */
  readonly now?: () => number;
  /** Timer (default setTimeout). */
  readonly schedule?: (run: () => void, ms: number) => void;
}

/**
 * Runs `steps` in order, one per task, each once `idleMs` have passed since the last activity.
 * A step that throws ends the run (whoever needs its result will meet the error with its code).
 */
export function runWhenIdle(steps: readonly (() => void)[], options: IdleOptions): void {
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms));
  const queue = [...steps];
  const next = () => {
    if (queue.length === 0 || !options.stillWanted()) return;
    const idle = now() - options.lastActivity();
    if (idle < options.idleMs) {
      schedule(next, options.idleMs - idle);
      return;
    }
    try {
      queue.shift()!();
    } catch {
      return;
    }
    schedule(next, 0);
  };
  schedule(next, options.idleMs);
}
