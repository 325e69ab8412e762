/**
 * A fixed-window rate limiter backed by a shared store (Redis-like), audited
 * with `npx racekit audit examples/rate-limiter.ts --instrument examples/rate-limiter.ts`.
 *
 * Plain code: no racekit call in the limiters or the store. Under
 * `--instrument` every `await` below is a yield point, taken after the
 * awaited value settles: each command takes effect at once and its reply
 * reaches the limiter when the scheduler says, so replies get reordered the
 * way a network reorders them. (examples/hand-placed/rate-limiter.ts wraps
 * the store by hand instead.)
 *
 * The bug: check-then-act across an await. `tryAcquire` reads the count,
 * awaits, then writes count + 1; two requests that read the same count both
 * get through, so a client limited to 2 requests gets 3.
 * The fix asks the store for one atomic increment and decides on the count it
 * returns, as `INCR` does in Redis.
 */
import * as fc from 'fast-check';
import type { OperationSpec, SequentialModel } from '../src/index.js';

/** Requests per client in the current window. */
export const LIMIT = 2;

/** The three commands of the shared store the limiters use. */
export interface Store {
  get(key: string): Promise<number>;
  set(key: string, value: number): Promise<void>;
  incr(key: string): Promise<number>;
}

/** An in-memory store: each command takes effect at once. */
export function memoryStore(): Store {
  const counts = new Map<string, number>();
  return {
    async get(key) {
      return counts.get(key) ?? 0;
    },
    async set(key, value) {
      counts.set(key, value);
    },
    async incr(key) {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n;
    },
  };
}

/** Reads, compares, writes: three round trips with room for another request in between. */
export class CheckThenActLimiter {
  constructor(private readonly store: Store) {}
  async tryAcquire(client: string): Promise<boolean> {
    const used = await this.store.get(`window:${client}`);
    if (used >= LIMIT) return false;
    await this.store.set(`window:${client}`, used + 1);
    return true;
  }
}

/** One atomic increment; the count it returns decides. */
export class AtomicLimiter {
  constructor(private readonly store: Store) {}
  async tryAcquire(client: string): Promise<boolean> {
    return (await this.store.incr(`window:${client}`)) <= LIMIT;
  }
}

/** The sequential limiter: the first LIMIT requests of each client pass, the rest are refused. */
export const limiterModel: SequentialModel<Readonly<Record<string, number>>> = {
  init: () => ({}),
  step: (state, op) => {
    const client = op.args[0] as string;
    const used = state[client] ?? 0;
    return used < LIMIT ? { state: { ...state, [client]: used + 1 }, output: true } : { state, output: false };
  },
  partition: (op) => op.args[0] as string,
};

/** Requests of two clients, from two to four tasks. */
export const operations = { tryAcquire: [fc.constantFrom('alice', 'bob')] };
export const tasks = { min: 2, max: 4 };

export const buggy: OperationSpec<CheckThenActLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/buggy',
  summary: 'get, compare, set across awaits: concurrent requests read the same count and all pass',
  expect: 'fail',
  runs: 2000,
  create: () => new CheckThenActLimiter(memoryStore()),
  operations,
  tasks,
  model: limiterModel,
};

export const fixed: OperationSpec<AtomicLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/fixed',
  summary: 'one atomic INCR per request, decided on the count it returns',
  expect: 'pass',
  runs: 1000,
  create: () => new AtomicLimiter(memoryStore()),
  operations,
  tasks,
  model: limiterModel,
};
