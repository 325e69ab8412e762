/**
 * A small database connection pool with a health check on checkout, audited
 * with `npx racekit audit examples/connection-pool.ts --instrument examples/connection-pool.ts`.
 *
 * The bug: `acquire` looks at the top idle connection, awaits its ping, and
 * only then pops. A released connection seen by two waiters at once is pinged
 * by both and handed to both.
 * The fix claims the connection (pops it) before the await, so no one else
 * can see it while it is being checked.
 *
 * Plain code: no racekit call in the pools, the driver or the clients. Under
 * `--instrument` every `await` below is a yield point, taken after the
 * awaited value settles, so a ping's answer, a woken waiter and a query may
 * each be held back while other clients run. (examples/hand-placed/connection-pool.ts
 * wraps the driver and marks the clients' steps by hand instead.)
 */
import * as fc from 'fast-check';
import { taskName, type Scenario } from '../src/index.js';

/** A connection the driver opened. */
export interface Connection {
  readonly id: number;
  /** The task using it now, if any: set by the scenario to catch double checkout. */
  holder?: number;
}

/** What the pools need of a database driver. */
export interface Driver {
  connect(): Promise<Connection>;
  ping(conn: Connection): Promise<boolean>;
  query(conn: Connection, sql: string): Promise<void>;
}

/** An in-memory driver: every connection opens, answers its ping and runs its queries. */
export function memoryDriver(): Driver {
  let opened = 0;
  return {
    async connect() {
      return { id: ++opened };
    },
    async ping() {
      return true;
    },
    async query() {},
  };
}

/** What both pools share: size accounting and a queue of waiters woken by release. */
export abstract class Pool {
  protected readonly idle: Connection[] = [];
  protected open = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(
    readonly driver: Driver,
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
      // A connection released while we looked would wake nobody: look again before waiting.
      if (this.idle.length > 0) continue;
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

/** Two to four clients, one to three queries each. */
export const workload: fc.Arbitrary<PoolWorkload> = fc.record({ clients: fc.integer({ min: 2, max: 4 }), queries: fc.integer({ min: 1, max: 3 }) });
/** Connections the pool may open. */
export const MAX = 2;

/** A connection handed to a second client while the first still holds it, as the error a client throws. */
export function doubleCheckout(conn: Connection, task: number): Error {
  return new Error(`connection ${conn.id} handed to ${taskName(task)} while ${taskName(conn.holder!)} still holds it`);
}

function poolScenario(name: string, create: (d: Driver) => Pool): Scenario<Pool, PoolWorkload> {
  return {
    name,
    workload,
    setup: () => create(memoryDriver()),
    tasks: (w) =>
      Array.from({ length: w.clients }, () => async (ctx, pool) => {
        for (let q = 0; q < w.queries; q++) {
          const conn = await pool.acquire();
          if (conn.holder !== undefined) throw doubleCheckout(conn, ctx.task);
          conn.holder = ctx.task;
          await pool.driver.query(conn, 'select 1');
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
