import { followSchedule } from '../scheduler/follow.js';
import { realNow } from '../scheduler/real-time.js';
import { findDivergence, type ReplayToken } from '../scheduler/replay-token.js';
import type { RunResult } from '../scheduler/run-spec.js';
import type { Runner } from './runner.js';

// Every failure must replay from its token: before one is reported it is replayed, and one whose outcome the schedule does not
// decide alone is said to be so.

/** Times a failure is replayed before it is reported, to say so when its outcome is not the schedule's alone; slow runs get fewer. */
const REPLAY_TRIES = 3;
/** No replay is begun that would end past this (predicted from the one before): a slow failing run is replayed once. */
const REPLAY_MS = 500;

/** What the replays of a failing run did: failed the same way, passed, took another interleaving, or failed otherwise. */
export interface Replayed {
  tries: number;
  reproduced: number;
  passed: number;
  diverged: number;
  otherwise: number;
}

/** A failure's message with its numbers blanked: a clock or a count in it may differ from run to run, what broke may not. */
const shapeOf = (message: string | undefined) => (message ?? '').replace(/\d+/g, '#');

/** Replays the failing run (up to {@link REPLAY_TRIES} times within {@link REPLAY_MS}) and says how each went. */
export async function replays<S, W>(runner: Runner<S, W>, workload: W, token: ReplayToken, failed: RunResult): Promise<Replayed> {
  const began = realNow();
  const r: Replayed = { tries: 0, reproduced: 0, passed: 0, diverged: 0, otherwise: 0 };
  let last = 0;
  while (r.tries < REPLAY_TRIES && (r.tries === 0 || realNow() - began + last < REPLAY_MS)) {
    const t = realNow();
    r.tries++;
    const again = await runner.runSettled(workload, followSchedule(token.schedule));
    last = realNow() - t;
    // Abandoned (the check's signal was aborted, as the other workers' are once one fails): it says nothing of the failure.
    if (again.outcome === 'pruned') {
      r.tries--;
      break;
    }
    if (again.outcome !== 'fail') r.passed++;
    else if (findDivergence(token, again.trace) !== undefined) r.diverged++;
    else if (again.kind !== failed.kind || shapeOf(again.message) !== shapeOf(failed.message)) r.otherwise++;
    else r.reproduced++;
  }
  return r;
}

/** The warning of a failure whose replays did not all fail the same way. */
export function unreproducedWarning(r: Replayed): string {
  const how = [r.passed > 0 ? `${r.passed} passed` : '', r.diverged > 0 ? `${r.diverged} took another interleaving` : '', r.otherwise > 0 ? `${r.otherwise} failed otherwise` : ''].filter((x) => x !== '').join(', ');
  return `replay reproduced this failure ${r.reproduced} of ${r.tries} times (${how}): the outcome depends on what the scheduler does not order (thread-pool jobs, sockets or real timers finishing in another order between yield points, Math.random, Date.now); ctx.wrap the call or instrument the code (--instrument) so that its completion is a yield point`;
}
