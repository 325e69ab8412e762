import { realNow } from './real-time.js';
import type { VirtualClock } from './virtual-clock.js';
import type { YieldPoint } from './yield-point.js';

/** Timer firings in a row while another yield point waits, before that one must go (so an interval cannot starve it). */
const STREAK_LIMIT = 16;
/** Timer firings in a row with nothing else pending and no task ending: a stuck task under a live interval. */
export const IDLE_FIRING_LIMIT = 1000;
/**
 * Rounds of outside work waited out (an immediate, a file request) with the
 * clock held, past which a due timer is offered even beside settled awaits:
 * a loop that polls with setImmediate or fs calls until a timer ends it
 * takes no virtual time otherwise, and would never end, where a real event
 * loop reaches its timers phase between those rounds. Counted, not timed,
 * so that replay makes the same offer at the same step.
 */
export const CLOCK_ROUNDS = 2000;

/**
 * When, under virtual time, the earliest due timer may be offered as a
 * pending yield point: only while tasks or outside work are unfinished
 * (leftover timers, an interval or a reaper, do not keep a run alive), not more than
 * {@link STREAK_LIMIT} times in a row while something else waits, and not
 * when firing it would keep a pending yield point waiting longer than
 * `maxLatency` virtual ms. It also counts firings with nothing else to do,
 * which end a run as a deadlock.
 */
export class TimerPolicy {
  private firings = 0;
  private streak = 0;
  private idle = 0;
  /** Rounds of outside work waited out when a timer last fired. */
  private roundsAtFiring = 0;
  /** When (realNow) outside work in flight began to hold the clock, as {@link holdFor} last saw it; undefined when it does not. */
  private heldSince: number | undefined;
  /** When (realNow) a timer last fired during that hold (the hold's start if none did). */
  private movedAt = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly maxLatency: number | undefined,
  ) {}

  /**
   * The earliest due timer as a yield point, or undefined when it may not be offered now. `live`: tasks are unfinished, or outside
   * work (a hold a timer may release) is. `awaits`: instrumented awaits are pending; each one's value has settled, so its flow is a
   * promise job ready to run, and Node runs every promise job before the next timer, however soon it is due; unless the run has
   * waited out {@link CLOCK_ROUNDS} rounds of outside work (`rounds`, so far) since a timer last fired.
   */
  offer(othersPending: number, earliestSince: number | undefined, live: boolean, awaits: number, rounds: number): YieldPoint | undefined {
    if (!live || (awaits > 0 && rounds - this.roundsAtFiring < CLOCK_ROUNDS)) return this.unheld();
    const next = this.clock.next();
    if (next === undefined) return this.unheld();
    if (othersPending > 0) {
      if (this.streak >= STREAK_LIMIT) return this.unheld();
      if (this.maxLatency !== undefined && earliestSince !== undefined && next.due - earliestSince > this.maxLatency) return this.unheld();
    }
    return { seq: Number.MAX_SAFE_INTEGER, task: -1, ordinal: this.firings, kind: 'timer', label: `timer ${next.delay}ms`, touches: undefined, at: next.due };
  }

  /**
   * How many more real ms the offered timer must wait for outside work in
   * flight (`inFlight`: a request, a thread-pool or zlib job), 0 when it may
   * fire now. Such work takes no virtual time, and a real execution fires a
   * timer before it only if the work takes longer than the timer's delay:
   * the clock is held (the timer is not offered, other pending yield points
   * may still be resumed) until the work has been in flight, in real ms
   * since it was first seen holding the clock, as long as the timer is
   * still off in virtual ms (counted from the last firing, when the hold
   * outlasted a timer), and at least `grace` from the hold's start (so that a
   * short timer against a short job goes the same way every run). Work that
   * never ends thus lets each timer fire when a real execution's would. A
   * hold seen only from time to time (no timer offerable between) starts
   * again, later, never sooner.
   */
  holdFor(inFlight: boolean, grace: number): number {
    if (!inFlight) return (this.unheld(), 0);
    const now = realNow();
    if (this.heldSince === undefined) this.heldSince = this.movedAt = now;
    const due = this.clock.next()?.due ?? this.clock.now;
    return Math.max(0, this.heldSince + grace - now, this.movedAt + due - this.clock.now - now);
  }

  /** Real ms the clock has been held by outside work so far (0 when it is not). */
  get heldFor(): number {
    return this.heldSince === undefined ? 0 : realNow() - this.heldSince;
  }

  /** Nothing holds the clock now, as far as this policy saw. */
  private unheld(): undefined {
    this.heldSince = undefined;
    return undefined;
  }

  /** A timer was chosen (`rounds` of outside work waited out so far); true when it was the {@link IDLE_FIRING_LIMIT}-th firing in a row with nothing else to do. */
  fired(othersPending: number, rounds: number): boolean {
    this.firings++;
    this.roundsAtFiring = rounds;
    // The clock moved: work still in flight holds it again for the next timer's delay, from now.
    if (this.heldSince !== undefined) this.movedAt = realNow();
    if (othersPending > 0) {
      this.streak++;
      return false;
    }
    return ++this.idle > IDLE_FIRING_LIMIT;
  }

  /** Fires the earliest due timer (it was chosen); what its callback threw, if it threw. */
  fire(): { readonly error: unknown } | undefined {
    try {
      this.clock.fire();
      return undefined;
    } catch (error) {
      return { error };
    }
  }

  /** Something other than a timer was resumed. */
  resumedOther(): void {
    this.streak = 0;
    this.idle = 0;
  }

  /** A task ended: the timers fired so far were not idle. */
  taskEnded(): void {
    this.idle = 0;
  }

  /** Work in flight with a timer due and no immediate or zlib job is waiting on the clock (a wrapped call's body on a timer), not on outside work. */
  clockDue(immediates: number, jobs: number): boolean {
    return immediates === 0 && jobs === 0 && this.timerPending;
  }

  /** Whether a timer is pending at all (offered or not). */
  get timerPending(): boolean {
    return this.clock.next() !== undefined;
  }

  /** Virtual ms since the run started. */
  get now(): number {
    return this.clock.now;
  }
}
