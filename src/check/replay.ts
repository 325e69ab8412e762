import type * as fc from 'fast-check';
import type { CheckResult } from '../model/check-result.js';
import { followSchedule } from '../scheduler/follow.js';
import { realNow } from '../scheduler/real-time.js';
import { encodeReplay, findDivergence, type ReplayToken } from '../scheduler/replay-token.js';
import { drawWorkload, followShrinkPath } from '../workload/draw.js';
import { divergenceMessage, failedCheck, passedCheck, SAME_INTERLEAVING_PASSED } from './results.js';
import type { Runner } from './runner.js';

/** Runs exactly the recorded run once and says whether (and where) it departed from its recording. */
export async function replayRun<S, W>(runner: Runner<S, W>, name: string, arb: fc.Arbitrary<W>, token: ReplayToken): Promise<CheckResult> {
  const began = realNow();
  const workload = followShrinkPath(arb, drawWorkload(arb, token.seed, token.workload), token.path);
  const result = await runner.runSettled(workload.value, followSchedule(token.schedule));
  const divergedAt = findDivergence(token, result.trace);
  const base = { name, seed: token.seed, strategy: 'replay', runs: 1, exhausted: false, steps: result.steps, replay: encodeReplay(token), ms: realNow() - began, divergedAt, warnings: [], workload: workload.value, originalSteps: result.steps, originalPreemptions: result.preemptions };
  if (result.outcome === 'fail') return failedCheck({ ...base, firstFailure: 1, foundBy: 'replay', shrinkRuns: 0 }, result);
  return passedCheck({
    ...base,
    message: divergedAt === undefined ? SAME_INTERLEAVING_PASSED : divergenceMessage(divergedAt),
    trace: result.trace,
    taskNames: result.taskNames,
    preemptions: result.preemptions,
  });
}
