import type { CallInFlight } from './activity.js';
import { realNow } from './real-time.js';

/**
 * A loop polling with setImmediate (`while (!ready) await new Promise((r) => setImmediate(r))`)
 * keeps immediates outstanding for good: after this many of the run's
 * immediates have run since the last decision, with only immediates
 * outstanding, they no longer hold a decision back (a real execution
 * interleaves other tasks between them). Five times the longest immediate chain
 * of the quiescence property; about 70 ms.
 */
export const IMMEDIATE_ROUNDS = 50_000;

/**
 * The outside work of one run: what the scheduler cannot see finish by
 * itself. Wrapped calls in flight, holds and immediates of the run's code
 * will produce something soon, so a decision waits for them (bounded by the
 * deadlock timeout). Real timers the run created are only waited for when
 * nothing is pending: a step has no duration, so it happens before them.
 */
export class OutsideWork {
  /** Wrapped calls started and not yet settled. */
  calls = 0;
  /** Of those, the ones whose body waits for a nested call's pending answer (a service wrapping a wrapped repository): they wait on a decision. */
  private waitingOnAnswers = 0;
  /** Real timers the run's code created that have neither fired nor been cleared. */
  realTimers = 0;
  /** Waits V8 resolves itself (Atomics.waitAsync, WebAssembly compilation) the run started, not yet settled. */
  engineWaits = 0;
  /** When (realNow) each pending one-shot real timer of the run is due, or an Atomics.waitAsync with a timeout times out. */
  private dues: Set<{ readonly due: number }> | undefined;
  /** When (realNow) the run's last one-shot real timer fired. */
  private lastFired = -Infinity;
  /** setImmediate callbacks of the run's code not yet run. */
  immediates = 0;
  /** The run's immediates that ran since the last decision (reset by the run). */
  immediatesRun = 0;
  /** Of the holds, zlib's thread-pool jobs in flight (see {@link job}). */
  jobs = 0;
  private readonly holds: string[] = [];

  /** Declares outside work in flight; the returned release (idempotent) ends it and calls `released`. */
  hold(label: string, released: () => void): () => void {
    this.holds.push(label);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds.splice(this.holds.indexOf(label), 1);
      released();
    };
  }

  /**
   * Declares a zlib job in flight: a hold that also holds the virtual clock
   * (TimerPolicy.holdFor), since it never waits on a timer, unlike a wrapped
   * call's body or a ctx.hold a timer may release.
   */
  job(label: string): () => void {
    this.jobs++;
    return this.hold(label, () => this.jobs--);
  }

  /** Notes a one-shot wait due at `due` (realNow); the returned function ends it (fired: true when it fired, not cleared). */
  awaitDue(due: number): (fired: boolean) => void {
    const entry = { due };
    // Made on the first timer: most runs have none, and a run is short.
    const dues = (this.dues ??= new Set());
    dues.add(entry);
    return (fired) => {
      dues.delete(entry);
      if (fired) this.lastFired = realNow();
    };
  }

  /**
   * Until when (realNow) a stall must be waited out before it is a deadlock:
   * `grace` ms after the latest due time of the run's pending one-shot
   * timers (and `seenElsewhere`, the latest of those unlisted work saw made),
   * or after the last one fired. A real execution waits for a timer however
   * late it is due, and what its callback starts may wake a task: an
   * unreferenced one too (`AbortSignal.timeout`'s), since the process that
   * runs the code is kept alive by whatever else it does.
   */
  stallHorizon(grace: number, seenElsewhere = -Infinity): number {
    let latest = Math.max(this.lastFired, seenElsewhere);
    for (const d of this.dues ?? []) if (d.due > latest) latest = d.due;
    return latest + grace;
  }

  /** Work that will produce something soon: wait for it before deciding. */
  get busy(): boolean {
    return this.calls > this.waitingOnAnswers || this.holds.length > 0 || this.immediates > 0;
  }

  /** Immediates are the only outside work outstanding. */
  get immediatesOnly(): boolean {
    return this.immediates > 0 && this.calls === this.waitingOnAnswers && this.holds.length === 0;
  }

  /** The answer of a call nested in `outer` became pending. */
  answerPending(outer: CallInFlight): void {
    if (outer.answersPending++ === 0 && !outer.settled) this.waitingOnAnswers++;
  }

  /** The answer of a call nested in `outer` was resumed. */
  answerResumed(outer: CallInFlight): void {
    if (--outer.answersPending === 0 && !outer.settled) this.waitingOnAnswers--;
  }

  /** `call` settled (its answer is pending now, or the run ended). */
  callSettled(call: CallInFlight): void {
    this.calls--;
    call.settled = true;
    if (call.answersPending > 0) this.waitingOnAnswers--;
  }

  /** Only immediates are outstanding, and {@link IMMEDIATE_ROUNDS} of them ran since the last decision: a busy loop of immediates. */
  get polling(): boolean {
    return this.immediatesRun >= IMMEDIATE_ROUNDS && this.immediatesOnly;
  }

  /** What is still outstanding, for a deadlock message (", still waiting for …"). */
  describe(): string {
    const held = this.holds.length > 0 ? `, still waiting for ${[...new Set(this.holds)].join(', ')}` : '';
    const unsettled = this.calls > 0 ? `, ${this.calls} wrapped call(s) never settled` : '';
    return `${unsettled}${held}`;
  }
}
