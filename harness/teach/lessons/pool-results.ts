import * as fc from 'fast-check';
import type { Scenario } from '../../../src/scenario.js';
import type { SetupContext, TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';

/** Trial division, as the tutorials' is_prime. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;
  return true;
}

const FIRST = 1_000_000;

interface Shape {
  readonly jobs: number;
  readonly workers: number;
}

interface State {
  /** The shared result map, as the store keeps it (a serialized blob, like a Manager dict proxy's copy). */
  stored: Readonly<Record<number, boolean>>;
  /** The pool: each call runs on a worker; its completion arrives when the scheduler says. */
  readonly work: (n: number) => Promise<boolean>;
}

function setup(ctx: SetupContext): State {
  return { stored: {}, work: ctx.wrap(async (n: number) => isPrime(n), 'worker done') };
}

/** Primes in [1,000,000, 1,000,500): the fixed run must find exactly these. */
const PRIMES_IN_500 = 39;

function verdict(s: State, w: Shape) {
  const have = Object.keys(s.stored).length;
  if (have === w.jobs) {
    const primes = Object.values(s.stored).filter(Boolean).length;
    if (w.jobs !== 500 || primes === PRIMES_IN_500) return true;
    return bilingual({ en: `${primes} primes found, expected ${PRIMES_IN_500}`, zh: `找到 ${primes} 个素数，应为 ${PRIMES_IN_500} 个` });
  }
  return bilingual({ en: `the result map holds ${have} of ${w.jobs} results`, zh: `结果字典只保存了 ${w.jobs} 个结果中的 ${have} 个` });
}

/** Workers take every `workers`-th number. */
function jobsOf(w: Shape, worker: number): number[] {
  return Array.from({ length: w.jobs }, (_, i) => FIRST + i).filter((_, i) => i % w.workers === worker);
}

function pool(name: string, shape: fc.Arbitrary<Shape>, save: (ctx: TaskContext, s: State, n: number, prime: boolean) => Promise<void>): Scenario<State, Shape> {
  return {
    name,
    workload: shape,
    setup: (ctx) => setup(ctx),
    tasks: (w) =>
      Array.from({ length: w.workers }, (_, worker) => async (ctx: TaskContext, s: State) => {
        for (const n of jobsOf(w, worker)) await save(ctx, s, n, await s.work(n));
      }),
    invariant: verdict,
  };
}

/** Copy the map, add one result, write the whole map back. */
const racy = pool('teach/pool-results', fc.record({ jobs: fc.integer({ min: 2, max: 6 }), workers: fc.constant(2) }), async (ctx, s, n, prime) => {
  await ctx.step('copy map');
  const copy = { ...s.stored };
  ctx.note(Object.keys(copy).length);
  copy[n] = prime;
  await ctx.step('write map back');
  s.stored = copy;
  ctx.note(Object.keys(copy).length);
});

/** Write only the one entry: the tutorials' 500 numbers, of which 39 are prime. */
const fixed = pool('teach/pool-results-entry', fc.constant({ jobs: 500, workers: 4 }), async (ctx, s, n, prime) => {
  await ctx.step('write entry');
  s.stored = Object.assign(s.stored, { [n]: prime });
});

export const poolResults: Lesson = {
  id: 'pool-results',
  title: { en: 'a process pool sharing a result map', zh: '进程池共享结果字典' },
  intro: {
    en: 'A pool of workers tests numbers from 1,000,000 upward for primality, as the tutorials\' Pool.map over [1,000,000, 1,000,500) does (they print 47; there are 39). Each worker, when a job completes, copies the shared result map, adds its result and writes the whole map back. racekit draws 2–6 numbers over 2 workers.',
    zh: '一组工作进程从 1,000,000 开始逐个判断素数，就像教程中对 [1,000,000, 1,000,500) 执行 Pool.map（教程写的是 47 个，实际是 39 个素数）。每个工作进程在任务完成时复制共享的结果字典，加入自己的结果，再把整个字典写回。racekit 随机生成 2–6 个数，分给 2 个工作进程。',
  },
  racy,
  fixed,
  fixedRuns: 5,
  roles: [
    { en: 'worker 1', zh: '工作进程 1' },
    { en: 'worker 2', zh: '工作进程 2' },
  ],
  steps: {
    'worker done': { en: 'gets its job\'s result from the pool', zh: '从进程池拿到任务结果' },
    'copy map': { en: 'copies the shared result map (results in it)', zh: '复制共享结果字典（其中的结果数）' },
    'write map back': { en: 'writes the whole map back (results in it)', zh: '把整个字典写回（其中的结果数）' },
  },
  why: {
    en: "two workers copied the map at the same moment; the one that wrote back last replaced the other's copy, and the other's result vanished. Writing a whole copy back is a read-modify-write of the entire map.",
    zh: '两个工作进程在同一时刻复制了字典；后写回的那个覆盖了另一个的副本，另一个的结果就消失了。把整个副本写回，相当于对整个字典做“读-改-写”。',
  },
  fix: {
    en: 'each worker writes only its own entry, one step that no other write can undo; over the tutorials\' 500 numbers and 4 workers every result arrives, 39 of them prime.',
    zh: '每个工作进程只写入自己的那一项，这一步不会被其他写入抹掉；在教程的 500 个数、4 个工作进程上，每个结果都被保存下来，其中 39 个是素数。',
  },
};
