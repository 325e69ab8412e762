/**
 * A fixed-window rate limiter backed by a shared store (Redis-like), audited
 * with `npx racekit audit examples/rate-limiter.ts`.
 *
 * The bug: check-then-act across an await. `tryAcquire` reads the count,
 * awaits, then writes count + 1; two requests that read the same count both
 * get through, so a client limited to 2 requests gets 3.
 * The fix asks the store for one atomic increment and decides on the count it
 * returns, as `INCR` does in Redis.
 */
import * as fc from 'fast-check';
import type { OperationSpec, SequentialModel, SetupContext } from '../src/index.js';

/** Requests per client in the current window. */
export const LIMIT = 2;

/** The shared store: each command takes effect at once, its reply arrives when the scheduler says. */
function store(ctx: SetupContext) {
  const counts = new Map<string, number>();
  return ctx.wrapObject({
    async get(key: string): Promise<number> {
      return counts.get(key) ?? 0;
    },
    async set(key: string, value: number): Promise<void> {
      counts.set(key, value);
    },
    async incr(key: string): Promise<number> {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n;
    },
  });
}
type Store = ReturnType<typeof store>;

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
const limiterModel: SequentialModel<Readonly<Record<string, number>>> = {
  init: () => ({}),
  step: (state, op) => {
    const client = op.args[0] as string;
    const used = state[client] ?? 0;
    return used < LIMIT ? { state: { ...state, [client]: used + 1 }, output: true } : { state, output: false };
  },
  partition: (op) => op.args[0] as string,
};

const operations = { tryAcquire: [fc.constantFrom('alice', 'bob')] };
const tasks = { min: 2, max: 4 };

export const buggy: OperationSpec<CheckThenActLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/buggy',
  summary: 'get, compare, set across awaits: concurrent requests read the same count and all pass',
  expect: 'fail',
  runs: 2000,
  create: (ctx) => new CheckThenActLimiter(store(ctx)),
  operations,
  tasks,
  model: limiterModel,
};

export const fixed: OperationSpec<AtomicLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/fixed',
  summary: 'one atomic INCR per request, decided on the count it returns',
  expect: 'pass',
  runs: 1000,
  create: (ctx) => new AtomicLimiter(store(ctx)),
  operations,
  tasks,
  model: limiterModel,
};
