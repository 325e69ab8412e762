import type { FailedCheck, PassedCheck } from '../model/check-result.js';
import type { RunResult } from '../scheduler/run-spec.js';

/** The one-line explanation of a replay that did not follow its recording. */
export function divergenceMessage(step: number): string {
  return `replay diverged at step ${step}: uncontrolled nondeterminism (Math.random, Date.now, real timers or I/O in the scenario)`;
}

/** A failed check from its (shrunk) failing run. */
export function failedCheck(
  base: Pick<FailedCheck, 'name' | 'seed' | 'strategy' | 'runs' | 'firstFailure' | 'exhausted' | 'foundBy' | 'originalSteps' | 'shrinkRuns' | 'workload' | 'steps' | 'replay' | 'ms' | 'divergedAt' | 'warnings'>,
  result: RunResult,
): FailedCheck {
  return {
    ...base,
    failed: true,
    kind: result.kind ?? 'exception',
    message: result.message ?? '',
    trace: result.trace,
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
    trace: undefined,
    taskNames: undefined,
    preemptions: 0,
    originalSteps: 0,
    workload: undefined,
    ...base,
    failed: false,
    firstFailure: undefined,
    kind: undefined,
    foundBy: undefined,
    traceSteps: 0,
    shrinkRuns: 0,
  };
}
