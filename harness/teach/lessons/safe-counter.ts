import * as fc from 'fast-check';
import type { Scenario } from '../../../src/scenario.js';
import type { TaskContext } from '../../../src/scheduler/context.js';
import { SafeCounter } from '../../../src/subjects/counter/safe-counter.js';
import { bilingual, type Lesson } from '../lesson.js';

/** The same class without its lock. */
class UnsafeCounter {
  private count = 0;
  async increment(ctx: TaskContext): Promise<void> {
    await ctx.step('load');
    const v = this.count;
    ctx.note(v);
    await ctx.step('store');
    this.count = v + 1;
    ctx.note(this.count);
  }
  get value(): number {
    return this.count;
  }
}

interface Shape {
  readonly tasks: number;
  readonly increments: number;
}

function verdict(value: number, want: number) {
  if (value === want) return true;
  return bilingual({ en: `the counter ends at ${value} instead of ${want}`, zh: `计数器最终是 ${value}，而不是 ${want}` });
}

const racy: Scenario<UnsafeCounter, Shape> = {
  name: 'teach/unsafe-counter',
  workload: fc.record({ tasks: fc.integer({ min: 2, max: 10 }), increments: fc.integer({ min: 1, max: 5 }) }),
  setup: () => new UnsafeCounter(),
  tasks: (w) =>
    Array.from({ length: w.tasks }, () => async (ctx: TaskContext, c: UnsafeCounter) => {
      for (let i = 0; i < w.increments; i++) await c.increment(ctx);
    }),
  invariant: (c, w) => verdict(c.value, w.tasks * w.increments),
};

const TASKS = 10;
const INCREMENTS = 1000;

/** The tutorials' full scale: 10 tasks × 1,000 increments through the locked class. */
const fixed: Scenario<SafeCounter> = {
  name: 'teach/safe-counter',
  setup: () => new SafeCounter(),
  tasks: Array.from({ length: TASKS }, () => async (ctx: TaskContext, c: SafeCounter) => {
    for (let i = 0; i < INCREMENTS; i++) await c.increment(ctx);
  }),
  invariant: (c) => verdict(c.value, TASKS * INCREMENTS),
};

export const safeCounter: Lesson = {
  id: 'safe-counter',
  title: { en: 'SafeCounter: a class that owns its lock', zh: 'SafeCounter：自带锁的计数器类' },
  intro: {
    en: 'A counter class whose increment() loads the count, then stores it plus one. The tutorials start 10 threads × 1,000 increments and expect exactly 10,000. First the class without a lock (racekit draws 2–10 tasks × 1–5 increments and shrinks the failure), then SafeCounter, which takes its own lock inside increment(), at the full 10 × 1,000.',
    zh: '一个计数器类，它的 increment() 先读出计数，再把计数加一存回。教程启动 10 个线程、每个递增 1,000 次，期望结果恰好是 10,000。先看没有锁的版本（racekit 随机生成 2–10 个任务 × 1–5 次递增，并把失败缩减到最小），再看在 increment() 内部自己加锁的 SafeCounter，以完整的 10 × 1,000 规模运行。',
  },
  racy,
  fixed,
  fixedRuns: 3,
  steps: {
    load: { en: 'loads the count inside increment()', zh: '在 increment() 中读取计数' },
    store: { en: 'stores the count + 1', zh: '存回计数 + 1' },
  },
  why: {
    en: 'increment() is not one step: a second task loaded the same count before the first stored its result, and the later store erased the earlier one. Callers cannot fix this from outside; the class must protect its own state.',
    zh: 'increment() 并不是一步完成的：第二个任务在第一个任务存回之前读到了同一个计数，后一次存回抹掉了前一次。调用者无法从外部修正这一点，类必须自己保护自己的状态。',
  },
  fix: {
    en: 'SafeCounter wraps the load and the store in its own async-mutex lock: 10 tasks × 1,000 increments end at exactly 10,000.',
    zh: 'SafeCounter 用自己的 async-mutex 锁包住读取和存回：10 个任务 × 1,000 次递增，结果恰好是 10,000。',
  },
};
