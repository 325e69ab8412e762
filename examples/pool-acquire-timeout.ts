/**
 * A connection pool whose `acquire(timeoutMs)` gives up after a deadline,
 * audited under virtual time with
 * `npx racekit audit examples/pool-acquire-timeout.ts --instrument examples/pool-acquire-timeout.ts`.
 *
 * The bug: when the 30-second acquire timeout fires, the waiter is rejected
 * but stays in the queue. The connection being opened for it (or released by
 * another client) then arrives and is handed to that waiter: resolving a
 * settled promise does nothing, so the connection is handed to nobody and
 * leaks. The pool is one connection short for good.
 * The fix takes a timed-out waiter out of the queue, and hands a connection
 * only to a waiter still waiting (otherwise back to the idle list).
 *
 * `time: 'virtual'` makes the timeout a schedulable event: the scheduler
 * chooses whether it fires before or after the connection arrives, and the
 * 30 seconds cost microseconds.
 *
 * Plain code: no racekit call in the pools, the driver or the clients. Under
 * `--instrument` every `await` below is a yield point too, taken after the
 * awaited value settles. The driver here opens a connection in a time the
 * workload draws: 20 ms, or 45 s from a database that is slow to accept
 * (longer than the timeout, so the timeout fires first).
 * (examples/hand-placed/pool-acquire-timeout.ts wraps an in-memory driver by
 * hand instead: a wrapped call's answer may come at any later decision, after
 * the timeout too.)
 */
import * as fc from 'fast-check';
import { taskName, type Scenario } from '../src/index.js';

/** How long a client waits for a connection, as a real pool's default would be. */
export const ACQUIRE_TIMEOUT_MS = 30_000;
/** How long a query holds its connection (virtual time). */
const QUERY_MS = 50;

/** A connection the driver opened. */
export interface Connection {
  readonly id: number;
}

/** `acquire` waited longer than its timeout. */
export class AcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(
    readonly timeoutMs: number,
    readonly at: number,
  ) {
    super(`acquire timed out after ${timeoutMs} ms`);
    this.name = 'AcquireTimeoutError';
  }
}

/** What the pools need of a database driver: opening a connection (a network round trip). */
export interface Driver {
  connect(): Promise<Connection>;
}

/** An in-memory driver: every connection opens. */
export function memoryDriver(): Driver {
  let opened = 0;
  return {
    async connect() {
      return { id: ++opened };
    },
  };
}

/** A driver across a network: a connection opens `connectMs` virtual ms after it is asked for. */
export function networkDriver(connectMs: number): Driver {
  const driver = memoryDriver();
  return {
    async connect() {
      await new Promise((resolve) => setTimeout(resolve, connectMs));
      return driver.connect();
    },
  };
}

/** A client waiting for a connection. */
export interface Waiter {
  resolve(conn: Connection): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
  /** Virtual ms since the run's start at which it timed out, if it did. */
  timedOutAt?: number;
}

/** What both pools share: opening up to `max` connections, idle list, queue of waiters. */
export abstract class TimeoutPool {
  readonly idle: Connection[] = [];
  open = 0;
  /** Connections asked of the driver and not yet arrived. */
  opening = 0;
  protected readonly waiters: Waiter[] = [];
  /** Connections handed to a waiter that had already given up (the leak, when non-empty). */
  readonly handedToNobody: { conn: Connection; timedOutAt: number }[] = [];
  private readonly start = Date.now();

  constructor(
    private readonly driver: Driver,
    private readonly max: number,
  ) {}

  /** Virtual ms since the pool was made (the run's clock). */
  protected now(): number {
    return Date.now() - this.start;
  }

  /** A free connection, or one opened or released within `timeoutMs`; else an {@link AcquireTimeoutError}. */
  acquire(timeoutMs: number): Promise<Connection> {
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise<Connection>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.waiters.push(waiter);
      waiter.timer = setTimeout(() => this.timeOut(waiter, timeoutMs), timeoutMs);
      if (this.open < this.max) {
        this.open++;
        void this.openConnection();
      }
    });
  }

  /** Opens a connection and dispatches it to whoever waits when it arrives, as real pools do. */
  private async openConnection(): Promise<void> {
    this.opening++;
    const conn = await this.driver.connect();
    this.opening--;
    this.dispatch(conn);
  }

  /** Gives a connection back. */
  release(conn: Connection): void {
    this.dispatch(conn);
  }

  protected abstract timeOut(waiter: Waiter, timeoutMs: number): void;
  protected abstract dispatch(conn: Connection): void;
}

/** Rejects a timed-out waiter but leaves it queued: the next connection goes to it, and to nobody. */
export class LeakyPool extends TimeoutPool {
  protected override timeOut(waiter: Waiter, timeoutMs: number): void {
    waiter.timedOutAt = this.now();
    waiter.reject(new AcquireTimeoutError(timeoutMs, waiter.timedOutAt));
  }

  protected override dispatch(conn: Connection): void {
    const waiter = this.waiters.shift();
    if (!waiter) {
      this.idle.push(conn);
      return;
    }
    clearTimeout(waiter.timer);
    if (waiter.timedOutAt !== undefined) this.handedToNobody.push({ conn, timedOutAt: waiter.timedOutAt });
    waiter.resolve(conn);
  }
}

/** Removes a timed-out waiter from the queue; a connection goes to a live waiter or back to idle. */
export class DequeuingPool extends TimeoutPool {
  protected override timeOut(waiter: Waiter, timeoutMs: number): void {
    const i = this.waiters.indexOf(waiter);
    if (i >= 0) this.waiters.splice(i, 1);
    waiter.timedOutAt = this.now();
    waiter.reject(new AcquireTimeoutError(timeoutMs, waiter.timedOutAt));
  }

  protected override dispatch(conn: Connection): void {
    const waiter = this.waiters.shift();
    if (!waiter) {
      this.idle.push(conn);
      return;
    }
    clearTimeout(waiter.timer);
    waiter.resolve(conn);
  }
}

/** A query: it holds its connection for a while of virtual time. */
export function query(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, QUERY_MS));
}

/** Clients, each running a few queries, the pool's size, and how long the network driver takes to open a connection. */
export interface PoolTimeoutWorkload {
  readonly clients: number;
  readonly queries: number;
  readonly max: number;
  readonly connectMs: number;
}

/** One to three clients, one or two queries each, a pool of one or two, connections that open in 20 ms or in 45 s. */
export const workload: fc.Arbitrary<PoolTimeoutWorkload> = fc.record({
  clients: fc.integer({ min: 1, max: 3 }),
  queries: fc.integer({ min: 1, max: 2 }),
  max: fc.integer({ min: 1, max: 2 }),
  connectMs: fc.constantFrom(20, 45_000),
});

/** Every connection opened is idle once all clients are done (or still on its way from the driver), else some were handed to nobody. */
export function noLeak(pool: TimeoutPool): true | string {
  if (pool.idle.length + pool.opening === pool.open) return true;
  const lost = pool.handedToNobody.map(({ conn, timedOutAt }) => `connection ${conn.id} was handed to a waiter that timed out at ${timedOutAt} ms`);
  return `${pool.open - pool.opening - pool.idle.length} of ${pool.open} connection(s) leaked after every client finished${lost.length ? `: ${lost.join('; ')}` : ''}`;
}

function poolScenario(name: string, create: (d: Driver, max: number) => TimeoutPool): Scenario<TimeoutPool, PoolTimeoutWorkload> {
  return {
    name,
    time: 'virtual',
    workload,
    setup: (_ctx, w) => create(networkDriver(w.connectMs), w.max),
    tasks: (w) =>
      Array.from({ length: w.clients }, () => async (ctx, pool) => {
        for (let q = 0; q < w.queries; q++) {
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

export const buggy = {
  ...poolScenario('pool-acquire-timeout/buggy', (d, max) => new LeakyPool(d, max)),
  expect: 'fail' as const,
  runs: 1000,
  summary: 'a 30 s acquire timeout leaves the waiter queued: the connection arriving next is handed to nobody and leaks',
};

export const fixed = {
  ...poolScenario('pool-acquire-timeout/fixed', (d, max) => new DequeuingPool(d, max)),
  expect: 'pass' as const,
  runs: 1000,
  summary: 'a timed-out waiter leaves the queue: connections go to live waiters or back to idle',
};
