import { sourceLineOf } from '../instrument/source-line.js';
import type { FailedCheck, PassedCheck } from '../model/check-result.js';
import type { TraceEvent } from '../model/trace.js';
import type { RunResult } from '../scheduler/run-spec.js';

/** The trace as reported: each instrumented await with the text of its source line. */
function reported(trace: TraceEvent[]): TraceEvent[] {
  for (const e of trace) {
    if (e.kind !== 'await' || e.source !== undefined) continue;
    const source = sourceLineOf(e.label);
    if (source !== undefined) e.source = source;
  }
  return trace;
}

/** The one-line explanation of a replay that did not follow its recording. */
export function divergenceMessage(step: number): string {
  return `replay diverged at step ${step}: the code changed since the token was recorded, the token is another scenario's or was altered, or the scenario has uncontrolled nondeterminism (Math.random, Date.now, real timers or I/O, or code instrumented when recorded and not now); for the last, ctx.wrap an I/O call, or use time: 'virtual', so that the scheduler orders what it delivers`;
}

/** What a replay that took the recorded interleaving and passed says. */
export const SAME_INTERLEAVING_PASSED = "the replay took the recorded interleaving and passed: the code changed since the token was recorded (a fix?), or the failure depended on what the scheduler does not order (thread-pool jobs, sockets or real timers finishing in another order between yield points); for the last, ctx.wrap the call or instrument the code so that its completion is a yield point";

/** A failed check from its (shrunk) failing run. */
export function failedCheck(
  base: Pick<FailedCheck, 'name' | 'seed' | 'strategy' | 'runs' | 'firstFailure' | 'exhausted' | 'foundBy' | 'originalSteps' | 'originalPreemptions' | 'shrinkRuns' | 'workload' | 'steps' | 'replay' | 'ms' | 'divergedAt' | 'warnings' | 'classes' | 'members'>,
  result: RunResult,
): FailedCheck {
  return {
    ...base,
    failed: true,
    kind: result.kind ?? 'exception',
    message: result.message ?? '',
    trace: reported(result.trace),
    taskNames: result.taskNames,
    traceSteps: result.steps,
    preemptions: result.preemptions,
  };
}

/** A passed check. */
export function passedCheck(base: Pick<PassedCheck, 'name' | 'seed' | 'strategy' | 'runs' | 'exhausted' | 'steps' | 'ms' | 'warnings'> & Partial<PassedCheck>): PassedCheck {
  return {
    replay: undefined,
    divergedAt: undefined,
    message: undefined,
    taskNames: undefined,
    preemptions: 0,
    originalSteps: 0,
    workload: undefined,
    ...base,
    trace: base.trace && reported(base.trace),
    failed: false,
    firstFailure: undefined,
    kind: undefined,
    foundBy: undefined,
    traceSteps: 0,
    shrinkRuns: 0,
  };
}
