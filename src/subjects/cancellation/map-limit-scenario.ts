import * as fc from 'fast-check';
import type { Scenario } from '../../scenario.js';
import { History, firstViolation } from '../../oracles/history.js';
import { nothingLost } from '../../oracles/nothing-lost.js';
import { boundedConcurrency } from '../../oracles/bounded-concurrency.js';
import { releasedExactlyOnce } from '../../oracles/released-exactly-once.js';
import { mapLimit, type Claim } from './map-limit.js';

/** N items mapped with at most L in flight. */
export interface MapLimitWorkload {
  readonly items: number;
  readonly limit: number;
}

/** N in 1..8, L in 1..3. */
export const mapLimitWorkload: fc.Arbitrary<MapLimitWorkload> = fc.record({ items: fc.integer({ min: 1, max: 8 }), limit: fc.integer({ min: 1, max: 3 }) });

/** One run's output and history. */
export interface MapLimitState {
  output: number[] | undefined;
  readonly history: History;
}

/** Lane A maps items 0..N-1 to their doubles through {@link mapLimit}; every item once, in order, at most L at a time. */
export function mapLimitScenario(name: string, claim: Claim): Scenario<MapLimitState, MapLimitWorkload> {
  return {
    name,
    workload: mapLimitWorkload,
    setup: () => ({ output: undefined, history: new History() }),
    tasks: (w) => [
      async (ctx, s) => {
        const items = Array.from({ length: w.items }, (_, i) => i);
        for (const i of items) s.history.put('A', `item${i}`);
        s.output = await mapLimit(ctx, items, w.limit, async (rctx, item) => {
          const me = `runner@${rctx.task}`;
          s.history.acquire(me);
          s.history.get(me, `item${item}`);
          // The code after this step records the release and (atomic claim) takes the next index.
          await rctx.step('work', { touches: ['cursor'] });
          rctx.note(`item${item} → ${item * 2}`);
          s.history.release(me);
          return item * 2;
        }, claim);
      },
    ],
    invariant: (s, w) => {
      const expected = Array.from({ length: w.items }, (_, i) => i * 2);
      const out = s.output ?? [];
      return firstViolation(
        nothingLost(s.history.events),
        boundedConcurrency(s.history.events, w.limit),
        releasedExactlyOnce(s.history.events),
        out.length === expected.length && out.every((v, i) => v === expected[i]) ? true : `results out of order or missing: [${out.join(', ')}], expected [${expected.join(', ')}]`,
      );
    },
  };
}
