/**
 * examples/pool-acquire-timeout.ts with its yield points placed by hand, for
 * code that is not instrumented:
 * `npx racekit audit examples/hand-placed/pool-acquire-timeout.ts`.
 *
 * The same pools on the same driver, wrapped with `ctx.wrapObject` (a
 * connection arrives only when the scheduler picks it); the clients mark
 * their acquires with `ctx.step`. Under `time: 'virtual'` the 30-second
 * timeout is a schedulable timer either way.
 */
import { taskName, type Scenario } from '../../src/index.js';
import { ACQUIRE_TIMEOUT_MS, AcquireTimeoutError, DequeuingPool, LeakyPool, memoryDriver, noLeak, query, workload, type Connection, type Driver, type PoolTimeoutWorkload, type TimeoutPool } from '../pool-acquire-timeout.js';
import * as plain from '../pool-acquire-timeout.js';

function poolScenario(name: string, create: (d: Driver, max: number) => TimeoutPool): Scenario<TimeoutPool, PoolTimeoutWorkload> {
  return {
    name,
    time: 'virtual',
    workload,
    setup: (ctx, w) => create(ctx.wrapObject(memoryDriver()), w.max),
    tasks: (w) =>
      Array.from({ length: w.clients }, () => async (ctx, pool) => {
        for (let q = 0; q < w.queries; q++) {
          await ctx.step('acquire');
          let conn: Connection;
          try {
            conn = await pool.acquire(ACQUIRE_TIMEOUT_MS);
          } catch (error) {
            if (!(error instanceof AcquireTimeoutError)) throw error;
            ctx.note(`timed out at ${error.at} ms`);
            continue;
          }
          ctx.note(`${taskName(ctx.task)} got conn ${conn.id}`);
          await query();
          pool.release(conn);
        }
      }),
    invariant: (pool) => noLeak(pool),
  };
}

/** As the plain buggy, with the yield points placed by hand. */
export const buggy = { ...plain.buggy, ...poolScenario(plain.buggy.name, (d, max) => new LeakyPool(d, max)) };

/** As the plain fixed, with the yield points placed by hand. */
export const fixed = { ...plain.fixed, ...poolScenario(plain.fixed.name, (d, max) => new DequeuingPool(d, max)) };
