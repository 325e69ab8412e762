import type * as fc from 'fast-check';
import { validateScenario, type Scenario } from './scenario.js';
import { resolveOptions, type CheckOptions } from './options.js';
import type { CheckResult } from './model/check-result.js';
import { decodeReplay } from './scheduler/replay-token.js';
import { nextTurn } from './scheduler/real-time.js';
import { noWorkload } from './workload/draw.js';
import { installEnvironment } from './check/environment.js';
import { exclusively } from './check/exclusive.js';
import { keepShapes } from './check/kept-shapes.js';
import { explore, type CheckShare } from './check/explore.js';
import { replayRun } from './check/replay.js';
import { Runner } from './check/runner.js';

export type { CheckResult, FailedCheck, PassedCheck } from './model/check-result.js';
export { divergenceMessage, SAME_INTERLEAVING_PASSED } from './check/results.js';

/**
 * Explores interleavings (and workloads) of a scenario until a run fails or
 * the budget is spent; shrinks a failure and gives it a replay token.
 */
export function check<S, W = undefined>(scenario: Scenario<S, W>, options: CheckOptions = {}): Promise<CheckResult> {
  return checkShare(scenario, options, {});
}

/** The options, with the scenario's stepBudget and deadlockTimeout where they give none (options that are no object are resolveOptions' to reject). */
function withBudgetsOf(scenario: Scenario<unknown, unknown>, options: CheckOptions): CheckOptions {
  if (typeof options !== 'object' || options === null) return options;
  return { ...options, stepBudget: options.stepBudget ?? scenario.stepBudget, deadlockTimeout: options.deadlockTimeout ?? scenario.deadlockTimeout };
}

/** {@link check}, as one worker's share of a check spread over worker threads (not part of the public API). */
export function checkShare<S, W = undefined>(scenario: Scenario<S, W>, options: CheckOptions, share: CheckShare): Promise<CheckResult> {
  try {
    validateScenario(scenario);
    const opts = resolveOptions(withBudgetsOf(scenario, options));
    const token = opts.replay === undefined ? undefined : decodeReplay(opts.replay);
    return exclusively(scenario.name, async () => {
      const time = opts.time ?? scenario.time ?? 'real';
      const arb = (scenario.workload ?? noWorkload) as fc.Arbitrary<W>;
      // Whatever the caller left queued (ticks, microtasks, immediates) runs before the first run starts.
      await nextTurn();
      const env = installEnvironment(time);
      try {
        await keepShapes(env.resources);
        const runner = new Runner(scenario, opts, env, opts.maxLatency ?? scenario.maxLatency);
        return token !== undefined ? await replayRun(runner, scenario.name, arb, token) : await explore(runner, scenario.name, arb, opts, scenario.workload !== undefined, share);
      } finally {
        // Even when a run failed or threw: the caller must get real timers back.
        env.release();
      }
    }, opts.signal);
  } catch (error) {
    return Promise.reject(error);
  }
}
