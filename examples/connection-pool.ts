/**
 * A small database connection pool with a health check on checkout, audited
 * with `npx racekit audit examples/connection-pool.ts`.
 *
 * The bug: `acquire` looks at the top idle connection, awaits its ping, and
 * only then pops. A released connection seen by two waiters at once is pinged
 * by both and handed to both.
 * The fix claims the connection (pops it) before the await, so no one else
 * can see it while it is being checked.
 */
import * as fc from 'fast-check';
import { taskName, type Scenario, type SetupContext } from '../src/index.js';

/** A connection the driver opened. */
export interface Connection {
  readonly id: number;
  /** The task using it now, if any: set by the scenario to catch double checkout. */
  holder?: number;
}

/** The driver: connecting and pinging are network round trips whose replies the scheduler orders. */
function driver(ctx: SetupContext) {
  let opened = 0;
  return ctx.wrapObject({
    async connect(): Promise<Connection> {
      return { id: ++opened };
    },
    async ping(_conn: Connection): Promise<boolean> {
      return true;
    },
  });
}
type Driver = ReturnType<typeof driver>;

/** What both pools share: size accounting and a queue of waiters woken by release. */
abstract class Pool {
  protected readonly idle: Connection[] = [];
  protected open = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(
    protected readonly driver: Driver,
    private readonly max: number,
  ) {}

  abstract checkout(): Promise<Connection | undefined>;

  /** Waits until a connection is free or may be opened. */
  async acquire(): Promise<Connection> {
    for (;;) {
      const conn = await this.checkout();
      if (conn) return conn;
      if (this.open < this.max) {
        this.open++;
        return this.driver.connect();
      }
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  release(conn: Connection): void {
    this.idle.push(conn);
    this.waiters.shift()?.();
  }
}

/** Peeks, awaits the ping, then pops: two callers can check out the same connection. */
export class PeekingPool extends Pool {
  override async checkout(): Promise<Connection | undefined> {
    const conn = this.idle.at(-1);
    if (!conn) return undefined;
    const healthy = await this.driver.ping(conn);
    this.idle.pop();
    return healthy ? conn : undefined;
  }
}

/** Pops first, then pings: the connection is ours while we check it. */
export class ClaimingPool extends Pool {
  override async checkout(): Promise<Connection | undefined> {
    const conn = this.idle.pop();
    if (!conn) return undefined;
    if (await this.driver.ping(conn)) return conn;
    this.open--;
    return undefined;
  }
}

/** Clients each running a few queries, each query on a checked-out connection. */
export interface PoolWorkload {
  readonly clients: number;
  readonly queries: number;
}

const workload: fc.Arbitrary<PoolWorkload> = fc.record({ clients: fc.integer({ min: 2, max: 4 }), queries: fc.integer({ min: 1, max: 3 }) });
const MAX = 2;

function poolScenario(name: string, create: (d: Driver) => Pool): Scenario<Pool, PoolWorkload> {
  return {
    name,
    workload,
    setup: (ctx) => create(driver(ctx)),
    tasks: (w) =>
      Array.from({ length: w.clients }, () => async (ctx, pool) => {
        for (let q = 0; q < w.queries; q++) {
          await ctx.step('acquire');
          const conn = await pool.acquire();
          if (conn.holder !== undefined) throw new Error(`connection ${conn.id} handed to ${taskName(ctx.task)} while ${taskName(conn.holder)} still holds it`);
          conn.holder = ctx.task;
          ctx.note(`conn ${conn.id}`);
          await ctx.step('query');
          conn.holder = undefined;
          pool.release(conn);
        }
      }),
  };
}

export const buggy = {
  ...poolScenario('connection-pool/buggy', (d) => new PeekingPool(d, MAX)),
  expect: 'fail' as const,
  runs: 2000,
  summary: 'peek, await the ping, pop: a released connection is handed to two waiters',
};

export const fixed = {
  ...poolScenario('connection-pool/fixed', (d) => new ClaimingPool(d, MAX)),
  expect: 'pass' as const,
  runs: 1000,
  summary: 'pop, then ping: a connection being checked belongs to one caller',
};
