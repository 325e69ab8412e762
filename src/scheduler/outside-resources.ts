import { UnlistedWork } from './unlisted-work.js';
import { pollTimers } from './outside-wait.js';

/** Resource types of one-shot requests: FSReqPromise, FSReqCallback, GetAddrInfoReqWrap, … */
const REQUEST = /Req/;

/**
 * Tells whether outside work the scheduler cannot see (a real timer, a
 * socket, a file read, and once tracked unlisted work) is pending, by
 * comparing the process's active resources with those that existed when
 * exploration began. When nothing new is active, a stall is a deadlock at
 * once; otherwise the scheduler waits, bounded, for that work to wake a task.
 */
export class OutsideResources {
  private readonly baseline: Map<string, number>;
  /** Outside work the process does not list: thread-pool jobs, timers made inside Node (see UnlistedWork). */
  readonly unlisted = new UnlistedWork();

  constructor() {
    this.baseline = countByType();
  }

  /** True when a resource type has more live instances than at the baseline, or the run has unlisted work outstanding. */
  active(): boolean {
    return this.unlisted.outstanding || this.newTypes().length > 0;
  }

  /**
   * A request is in flight that was not at the baseline (a file read, a DNS
   * lookup: one-shot, soon done), or tracked thread-pool jobs are
   * outstanding. Under virtual time such work takes no virtual time: with
   * nothing pending, the clock waits for it (bounded) before a timer fires.
   */
  requesting(): boolean {
    return this.unlisted.jobsOutstanding || this.listedRequests().length > 0;
  }

  /**
   * One-shot jobs in flight that end by themselves: a request the process
   * lists (a file read, a DNS lookup) that was not at the baseline, and once
   * tracked a thread-pool job or a piscina task (see UnlistedWork.jobsInFlight).
   */
  jobsInFlight(): string[] {
    const listed = this.listedRequests();
    const unlisted = this.unlisted.jobsInFlight();
    return unlisted.length === 0 ? listed : [...new Set([...listed, ...unlisted])];
  }

  /** Request types the process lists with more live instances than at the baseline (a file read, a DNS lookup). */
  private listedRequests(): string[] {
    return this.newTypes().filter((t) => REQUEST.test(t));
  }

  /** Resource types with more live instances than at the baseline. */
  newTypes(): string[] {
    const types: string[] = [];
    for (const [type, n] of countByType()) {
      // The scheduler's own setImmediate is always there while it polls, and its poll timers are its own.
      if (type === 'Immediate') continue;
      const theirs = type === 'Timeout' ? n - pollTimers() : n;
      if (theirs > (this.baseline.get(type) ?? 0)) types.push(type);
    }
    return types;
  }
}

function countByType(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}
