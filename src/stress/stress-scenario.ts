import type { Scenario } from '../scenario.js';
import { StressThreads } from './stress-threads.js';
import type { StressTest } from './stress-test.js';

/**
 * A stress test as an ordinary `check()` scenario: each run starts the
 * threads, runs one round and judges it. Nothing is interleaved by the
 * scheduler (the threads run truly in parallel), so there is nothing to
 * shrink or replay; {@link runStress} runs many rounds on one set of threads
 * and is what `racekit run` uses. This form lets `raceTest` and code that
 * takes a Scenario handle stress tests too.
 */
export function stressScenario(test: StressTest): Scenario<{ threads: StressThreads; data?: Int32Array }> {
  return {
    name: test.name,
    setup: () => ({ threads: new StressThreads(test) }),
    tasks: [
      async (ctx, s) => {
        // The round runs on other threads: hold the scheduler until it is over.
        const release = ctx.hold('stress round');
        try {
          s.data = await s.threads.round();
        } finally {
          release();
        }
      },
    ],
    invariant: (s) => {
      const judged = test.judge(s.data!);
      return judged.acceptable ? true : `forbidden outcome: ${judged.outcome}`;
    },
    teardown: (s) => s.threads.close(),
  };
}
