/**
 * Concurrency libraries that are right, unmodified from npm: audited with
 * every await of theirs a yield point, none of them may fail, whatever the
 * strategy. A failure here would be a false alarm, the worst thing an
 * auditing tool can print.
 *
 *     npx racekit audit examples/libraries/clean-releases.ts \
 *       --instrument 'node_modules/p-queue/**,node_modules/p-limit/**,node_modules/async-mutex/**,node_modules/generic-pool/**'
 *
 * Each scenario states what the library promises (at most `concurrency`
 * jobs at once, mutual exclusion, at most `max` resources) and how a run
 * must end (every job done, every acquire answered). The last export is a
 * limiter written wrong, so the same audit shows that the checks can fail.
 */
import { Mutex, Semaphore } from 'async-mutex';
import genericPool from 'generic-pool';
import pLimit from 'p-limit';
import PQueue from 'p-queue';
import type { Scenario } from '../../src/index.js';

/** What a limited job records: how many run at once, the most ever, how many finished. */
interface Gauge {
  running: number;
  most: number;
  done: number;
}

const gauge = (): Gauge => ({ running: 0, most: 0, done: 0 });

/** A job that holds its slot across two awaits of its own. */
const job = (g: Gauge) => async (): Promise<void> => {
  g.running++;
  g.most = Math.max(g.most, g.running);
  await Promise.resolve();
  await null;
  g.running--;
  g.done++;
};

/** At most `limit` jobs at once, and all `jobs` of them done. */
const limited = (limit: number, jobs: number) => (g: Gauge) => (g.most <= limit && g.done === jobs && g.running === 0) || `${g.most} jobs ran at once (limit ${limit}), ${g.done} of ${jobs} done`;

/** p-queue 8: four jobs through a queue of concurrency 2. */
export const pQueue: Scenario<Gauge & { queue: PQueue }> = {
  name: 'p-queue',
  setup: () => ({ ...gauge(), queue: new PQueue({ concurrency: 2 }) }),
  tasks: [0, 1, 2, 3].map(() => async (_ctx, s: Gauge & { queue: PQueue }) => {
    await s.queue.add(job(s));
  }),
  invariant: limited(2, 4),
};

/** p-limit 5: four jobs through a limit of 2. */
export const pLimitTwo: Scenario<Gauge & { limit: ReturnType<typeof pLimit> }> = {
  name: 'p-limit',
  setup: () => ({ ...gauge(), limit: pLimit(2) }),
  tasks: [0, 1, 2, 3].map(() => async (_ctx, s: Gauge & { limit: ReturnType<typeof pLimit> }) => {
    await s.limit(job(s));
  }),
  invariant: limited(2, 4),
};

/** async-mutex 0.5: three tasks increment a counter twice each, read and write apart, inside the lock. */
export const mutex: Scenario<{ lock: Mutex; n: number }> = {
  name: 'async-mutex',
  setup: () => ({ lock: new Mutex(), n: 0 }),
  tasks: [0, 1, 2].map(() => async (_ctx, s: { lock: Mutex; n: number }) => {
    for (let i = 0; i < 2; i++) {
      await s.lock.runExclusive(async () => {
        const v = s.n;
        await null;
        s.n = v + 1;
      });
    }
  }),
  invariant: (s) => s.n === 6 || `counter is ${s.n}, expected 6: an update was lost inside the lock`,
};

/** async-mutex 0.5: four jobs through a semaphore of 2. */
export const semaphore: Scenario<Gauge & { semaphore: Semaphore }> = {
  name: 'async-mutex-semaphore',
  setup: () => ({ ...gauge(), semaphore: new Semaphore(2) }),
  tasks: [0, 1, 2, 3].map(() => async (_ctx, s: Gauge & { semaphore: Semaphore }) => {
    await s.semaphore.runExclusive(job(s));
  }),
  invariant: limited(2, 4),
};

interface Pooled {
  pool: genericPool.Pool<{ id: number }>;
  made: number;
  live: number;
  most: number;
  outcomes: string[];
}

/** generic-pool 3 under virtual time: at most 2 resources, each created in 100 ms, acquired by four clients that give up after 150 ms; client i holds what it gets for `hold(i)` ms. */
function pooled(name: string, hold: (client: number) => number): Scenario<Pooled> {
  return {
    name,
    time: 'virtual',
    setup: () => {
      const s: Pooled = { made: 0, live: 0, most: 0, outcomes: [], pool: undefined as never };
      const create = () =>
        new Promise<{ id: number }>((resolve) =>
          setTimeout(() => {
            s.made++;
            s.live++;
            s.most = Math.max(s.most, s.live);
            resolve({ id: s.made });
          }, 100),
        );
      const destroy = async () => {
        s.live--;
      };
      s.pool = genericPool.createPool({ create, destroy }, { max: 2, min: 0, acquireTimeoutMillis: 150 });
      return s;
    },
    tasks: [0, 1, 2, 3].map((i) => async (_ctx, s: Pooled) => {
      try {
        const resource = await s.pool.acquire();
        await new Promise((resolve) => setTimeout(resolve, hold(i)));
        await s.pool.release(resource);
        s.outcomes.push('resource');
      } catch (error) {
        s.outcomes.push((error as Error).name);
      }
    }),
    invariant: (s) => (s.most <= 2 && s.outcomes.length === 4) || `${s.most} resources alive at once (max 2), ${s.outcomes.length} of 4 acquires answered`,
    teardown: async (s) => {
      await s.pool.drain();
      await s.pool.clear();
    },
  };
}

/**
 * The pool with clients holding 0–60 ms: never more than 2 resources alive,
 * and every acquire answered (the last two clients get the first two
 * resources back before their 150 ms are up).
 */
export const pool: Scenario<Pooled> = pooled('generic-pool', (i) => 20 * i);

/**
 * The pool with clients holding 0–180 ms, claimed never to time out: false,
 * and the audit finds it. The second resource comes back at 160 ms, after
 * the fourth client gave up at 150.
 */
export const poolTimeout: Scenario<Pooled> & { expect: 'fail' } = {
  ...pooled('generic-pool-timeout', (i) => 60 * i),
  expect: 'fail',
  invariant: (s) => !s.outcomes.includes('TimeoutError') || `an acquire timed out: ${s.outcomes.join(', ')}`,
};

/**
 * A limiter written wrong, for contrast: it checks for a free slot, awaits
 * (a log call, say), then takes the slot, so two callers can pass the check
 * before either takes it.
 */
function checkThenTake(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    await Promise.resolve();
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The wrong limiter under the same four jobs: three run at once. */
export const wrongLimiter: Scenario<Gauge & { limit: ReturnType<typeof checkThenTake> }> & { expect: 'fail' } = {
  name: 'wrong-limiter',
  expect: 'fail',
  setup: () => ({ ...gauge(), limit: checkThenTake(2) }),
  tasks: [0, 1, 2, 3].map(() => async (_ctx, s: Gauge & { limit: ReturnType<typeof checkThenTake> }) => {
    await s.limit(job(s));
  }),
  invariant: limited(2, 4),
};
