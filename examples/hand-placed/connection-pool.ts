/**
 * examples/connection-pool.ts with its yield points placed by hand, for code
 * that is not instrumented: `npx racekit audit examples/hand-placed/connection-pool.ts`.
 *
 * The same pools on the same driver, wrapped with `ctx.wrapObject` (a ping's
 * answer reaches the pool only when the scheduler picks it); the clients mark
 * their own steps with `ctx.step`.
 */
import type { Scenario } from '../../src/index.js';
import { ClaimingPool, doubleCheckout, MAX, memoryDriver, PeekingPool, workload, type Driver, type Pool, type PoolWorkload } from '../connection-pool.js';
import * as plain from '../connection-pool.js';

function poolScenario(name: string, create: (d: Driver) => Pool): Scenario<Pool, PoolWorkload> {
  return {
    name,
    workload,
    setup: (ctx) => create(ctx.wrapObject(memoryDriver())),
    tasks: (w) =>
      Array.from({ length: w.clients }, () => async (ctx, pool) => {
        for (let q = 0; q < w.queries; q++) {
          await ctx.step('acquire');
          const conn = await pool.acquire();
          if (conn.holder !== undefined) throw doubleCheckout(conn, ctx.task);
          conn.holder = ctx.task;
          ctx.note(`conn ${conn.id}`);
          await ctx.step('query');
          conn.holder = undefined;
          pool.release(conn);
        }
      }),
  };
}

/** As the plain buggy, with the yield points placed by hand. */
export const buggy = { ...plain.buggy, ...poolScenario(plain.buggy.name, (d) => new PeekingPool(d, MAX)) };

/** As the plain fixed, with the yield points placed by hand. */
export const fixed = { ...plain.fixed, ...poolScenario(plain.fixed.name, (d) => new ClaimingPool(d, MAX)) };
