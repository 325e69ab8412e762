import * as fc from 'fast-check';
import { Semaphore } from 'async-mutex';
import type { Scenario } from '../../../src/scenario.js';
import type { TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';

interface Shape {
  readonly downloads: number;
  readonly limit: number;
}
// The tutorials limit 20 downloads to 5 at a time; a limit of 1–2 with a few downloads shows the same race.
const shape: fc.Arbitrary<Shape> = fc.record({ limit: fc.integer({ min: 1, max: 2 }), downloads: fc.integer({ min: 2, max: 4 }) });

interface State {
  active: number;
  peak: number;
}

async function download(ctx: TaskContext, s: State): Promise<void> {
  s.active++;
  s.peak = Math.max(s.peak, s.active);
  await ctx.step('download');
  ctx.note(s.active);
  s.active--;
}

function verdict(s: State, w: Shape) {
  if (s.peak <= w.limit) return true;
  return bilingual({ en: `${s.peak} downloads ran at once, the limit is ${w.limit}`, zh: `同时进行了 ${s.peak} 个下载，上限是 ${w.limit}` });
}

/** A hand-made limit: look at the number of active downloads, then (after an await) start. */
const racy: Scenario<State & { waiting: (() => void)[] }, Shape> = {
  name: 'teach/semaphore-check-then-start',
  workload: shape,
  setup: () => ({ active: 0, peak: 0, waiting: [] }),
  tasks: (w) =>
    Array.from({ length: w.downloads }, () => async (ctx, s) => {
      await ctx.step('check');
      ctx.note(s.active);
      while (s.active >= w.limit) await new Promise<void>((wake) => s.waiting.push(wake));
      // Between the check and the start, another download can pass the same check.
      await ctx.step('start');
      await download(ctx, s);
      s.waiting.shift()?.();
    }),
  invariant: verdict,
};

/** async-mutex's Semaphore: acquiring a slot and counting it are one step. */
const fixed: Scenario<State & { sem: Semaphore }, Shape> = {
  name: 'teach/semaphore',
  workload: shape,
  setup: (_ctx, w) => ({ active: 0, peak: 0, sem: new Semaphore(w.limit) }),
  tasks: (w) =>
    Array.from({ length: w.downloads }, () => async (ctx, s) => {
      await ctx.step('check');
      await s.sem.runExclusive(async () => {
        await ctx.step('start');
        await download(ctx, s);
      });
    }),
  invariant: verdict,
};

export const semaphore: Lesson = {
  id: 'semaphore',
  title: { en: 'a semaphore limiting concurrent downloads', zh: '用信号量限制并发下载' },
  intro: {
    en: 'Downloads must run at most N at a time. The tutorials use asyncio.Semaphore(5) or Semaphore(20) around 20 or more downloads. Here the limit is hand-made: each download checks how many are active and waits while the limit is reached, then starts. racekit draws 2–4 downloads and a limit of 1–2.',
    zh: '下载最多只能同时进行 N 个。教程在 20 个或更多下载外面套上 asyncio.Semaphore(5) 或 Semaphore(20)。这里的限制是手写的：每个下载先检查有多少个正在进行，达到上限就等待，然后开始。racekit 随机生成 2–4 个下载和 1–2 的上限。',
  },
  racy,
  fixed,
  fixedRuns: 300,
  steps: {
    check: { en: 'checks how many downloads are active', zh: '检查正在进行的下载数' },
    start: { en: 'starts its download', zh: '开始下载' },
    download: { en: 'is downloading (downloads running now)', zh: '正在下载（当前同时进行的下载数）' },
  },
  why: {
    en: 'two downloads passed the check before either started, so both saw room under the limit. Checking and taking the slot are separate steps: check-then-act.',
    zh: '两个下载都在对方开始之前通过了检查，所以都认为还没到上限。检查和占用名额是两个独立的步骤：先检查后行动（check-then-act）。',
  },
  fix: {
    en: "async-mutex's Semaphore: acquiring a slot is one step, so the count can never pass the limit.",
    zh: '使用 async-mutex 的 Semaphore：获取名额是一个不可分割的步骤，计数永远不会超过上限。',
  },
};
