import { countTaskJobs, taskJobs, type FlowOwner } from './activity.js';
import type { PendingSet } from './pending-set.js';
import type { UnlistedWork } from './unlisted-work.js';
import { realClearTimeout, realNow, realSetImmediate, realSetTimeout } from './real-time.js';

/** Polls at once for this long (fast I/O), then backs off. */
const EAGER_MS = 0.5;
/** The longest pause between two polls. */
const MAX_PAUSE_MS = 20;
/** A wait that a real timer due later makes this much longer than the deadlock timeout, or more, is said (`onLongWait`). */
const LONG_WAIT_MS = 5000;

/**
 * How long after a stall's wait began tasks woken by outside work, with no
 * yield point reached (see {@link OutsideWait.watchTasks}), keep it going:
 * far longer than such progress takes, short of a test that never ends.
 */
export const WOKEN_CAP_MS = 60_000;

/**
 * How long past the deadlock timeout a stall is waited out while a one-shot
 * job is in flight (a thread-pool job, a piscina task, a file read): a job
 * ends, and a real execution waits for it, but one that never does (a
 * worker in an endless loop) must not hang the check.
 */
export const JOB_CAP_MS = 60_000;

/** Poll timers armed and not yet fired or cleared, over every run: the process lists them as its own 'Timeout's (OutsideResources leaves them out). */
let armedPolls = 0;

/** How many of the process's active timers are outside waits' polls. */
export function pollTimers(): number {
  return armedPolls;
}

/**
 * A bounded wait for outside work (I/O, real timers, holds) before a
 * decision: polled at every turn of the event loop at first, then backed
 * off so a long wait costs little CPU. Each poll calls `poll` from a macrotask,
 * where no microtask or tick can be pending: a quiescent moment.
 */
export class OutsideWait {
  /** Waits that ended in a decision: rounds of outside work (an immediate, a request) the run waited out. */
  ended = 0;
  private since = -1;
  /** When (realNow) the wait began: {@link restart} and {@link watchTasks} move `since`, not this. */
  private began = -1;
  /** {@link taskJobs} when the watched tasks were last looked at; -1 when not watching. */
  private jobsSeen = -1;
  /** Watched tasks were woken past {@link WOKEN_CAP_MS} and no longer kept the wait going. */
  wokenPastCap = false;
  private stall = false;
  private scheduled = false;
  private timer: ReturnType<typeof realSetTimeout> | undefined;
  private toldLong = false;
  private toldJob = false;

  constructor(
    private readonly poll: () => void,
    /** Aborted: the wait is given up at once (`abandon` ends the run) and counts as kept. */
    private readonly signal: AbortSignal | undefined,
    private readonly abandon: () => void,
    /**
     * Told once when a wait is to go on {@link LONG_WAIT_MS} or more past the
     * deadlock timeout (a real timer due later), or has gone on that long for
     * a one-shot `job` in flight: how much longer it may go on.
     */
    private readonly onLongWait?: (ms: number, job?: string) => void,
  ) {}

  private readonly fire = (): void => {
    this.scheduled = false;
    const timed = this.timer !== undefined;
    this.timer = undefined;
    this.poll();
    // The process lists a timer as active until its callback has returned.
    if (timed) armedPolls--;
  };

  /**
   * Waits (schedules the next poll) unless `timeout` ms have passed since the
   * wait began; false when they have. `stall`: nothing is pending (see
   * {@link over}). `eager`: poll at every turn, not backing off (waiting on
   * immediates only, which keep the event loop turning anyway, so that the
   * poll that sees a busy loop of them comes after the same count every time).
   * `until`: a realNow time before which the wait goes on however long it has
   * been (a real timer due later). `job`: a one-shot job in flight (its
   * types), which the wait goes on for up to {@link JOB_CAP_MS} past `timeout`.
   */
  keepWaiting(timeout: number, stall = false, eager = false, until = -Infinity, job?: string): boolean {
    if (this.signal?.aborted) return (this.abandon(), true);
    if (stall) this.stall = true;
    const now = realNow();
    if (this.since < 0) this.since = this.began = now;
    const waited = now - this.since;
    if (waited >= timeout && now >= until && (job === undefined || waited >= timeout + JOB_CAP_MS)) return false;
    if (!this.toldLong && until - this.since - timeout >= LONG_WAIT_MS) {
      this.toldLong = true;
      this.onLongWait?.(until - now);
    }
    if (job !== undefined && !this.toldJob && waited - timeout >= LONG_WAIT_MS) {
      this.toldJob = true;
      this.onLongWait?.(timeout + JOB_CAP_MS - waited, job);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      if (eager || waited < EAGER_MS) realSetImmediate(this.fire);
      else {
        this.timer = realSetTimeout(this.fire, Math.min(MAX_PAUSE_MS, Math.ceil(waited / 8)));
        armedPolls++;
      }
    }
    return true;
  }

  /**
   * A task ended during the wait: progress, so what is waited for now (the
   * outside work its end left, a socket's keep-alive, say) is waited for
   * from here, not from the stall it ended.
   */
  restart(): void {
    if (this.since >= 0) this.since = realNow();
  }

  /**
   * Called at each poll of a stall waited out in real time: watches `run`'s
   * tasks. One that outside work woke (an interval's callback resolved what
   * it awaits) ran its code, a yield point reached or not: progress, so the
   * stall is waited out from then on, as after a task ends. But only until
   * {@link WOKEN_CAP_MS} after the wait began: tasks woken for good with no
   * yield point (a poll that never ends) must still end as a deadlock. A
   * heartbeat that wakes no task runs no task's promise job, and restarts
   * nothing. Which task a job belongs to is known while flows are carried
   * (from the run's first interval on, see timer-census.ts).
   */
  watchTasks(run: FlowOwner): void {
    if (this.jobsSeen < 0) {
      countTaskJobs(run);
      this.jobsSeen = taskJobs;
      return;
    }
    if (taskJobs === this.jobsSeen) return;
    this.jobsSeen = taskJobs;
    if (this.since < 0) return;
    const now = realNow();
    if (now - this.began < WOKEN_CAP_MS) this.since = now;
    else this.wokenPastCap = true;
  }

  /** Milliseconds waited so far, or undefined when not waiting. */
  get waited(): number | undefined {
    return this.since < 0 ? undefined : realNow() - this.since;
  }

  /**
   * A decision is due: ends the wait, unless a stall's thread-pool jobs are
   * still outstanding (false: waiting on for them, so that what they deliver
   * is offered together). Outside work ends in real time's order, so after a
   * wait the pending yield points are put in the program's order.
   */
  over(pending: PendingSet, unlisted: UnlistedWork, timeout: number): boolean {
    if (this.since >= 0) {
      if (this.stall && unlisted.jobsOutstanding && this.keepWaiting(timeout)) return false;
      pending.canonicalize();
      this.ended++;
    }
    this.since = -1;
    this.stall = false;
    this.unwatch();
    return true;
  }

  private unwatch(): void {
    if (this.jobsSeen < 0) return;
    this.jobsSeen = -1;
    this.wokenPastCap = false;
    countTaskJobs(undefined);
  }

  /** The run ended: no more polls. */
  cancel(): void {
    if (this.timer !== undefined) {
      realClearTimeout(this.timer);
      armedPolls--;
    }
    this.timer = undefined;
    this.since = -1;
    this.unwatch();
  }
}
