import * as fc from 'fast-check';
import type { Mutex } from 'async-mutex';
import type { Scenario } from '../../../src/scenario.js';
import { bilingual, type Lesson } from '../lesson.js';
import { lockedCounter, unlockedCounter } from '../../../src/subjects/counter/index.js';
import { plural } from '../../../src/model/plural.js';

interface Shape {
  readonly tasks: number;
  readonly increments: number;
}
// Small on purpose: the race needs one increment per task, not a million.
const shape: fc.Arbitrary<Shape> = fc.record({ tasks: fc.integer({ min: 2, max: 3 }), increments: fc.integer({ min: 1, max: 3 }) });

function verdict(counter: number, w: Shape) {
  const want = w.tasks * w.increments;
  if (counter === want) return true;
  return bilingual({
    en: `counter is ${counter}, but ${w.tasks} tasks × ${w.increments} ${plural(w.increments, 'increment')} should give ${want}: ${want - counter} ${plural(want - counter, 'update')} lost`,
    zh: `counter 是 ${counter}，但 ${w.tasks} 个任务 × 每个 ${w.increments} 次递增应得 ${want}：丢失了 ${want - counter} 次更新`,
  });
}

// The built-in counter's tasks, on a small workload and with a verdict that speaks both languages.
const racy: Scenario<{ counter: number }, Shape> = {
  ...unlockedCounter,
  name: 'teach/lost-update',
  workload: shape,
  invariant: (s, w) => verdict(s.counter, w),
};

const fixed: Scenario<{ counter: number; mutex: Mutex }, Shape> = {
  ...lockedCounter,
  name: 'teach/lost-update-locked',
  workload: shape,
  invariant: (s, w) => verdict(s.counter, w),
};

export const lostUpdate: Lesson = {
  id: 'lost-update',
  title: { en: 'the lost update: counter = counter + 1', zh: '丢失的更新：counter = counter + 1' },
  intro: {
    en: 'Several tasks each add 1 to a shared counter by reading it, then writing the value read plus one. The tutorials run 2 threads × 1,000,000 increments and sometimes print less than 2,000,000 — sometimes, because the bad interleaving is rare among millions of lucky ones. racekit does not need the volume: it chooses the interleaving, so one increment per task is enough to show the race every time.',
    zh: '几个任务各自给共享计数器加 1：先读出它的值，再写回读到的值加一。教程里用 2 个线程各递增 1,000,000 次，结果有时小于 2,000,000——只是“有时”，因为出错的交错执行混在数百万次侥幸正确的执行之中。racekit 不需要这么大的规模：交错执行由它来选择，所以每个任务递增一次就足以每次都重现这个竞态。',
  },
  racy,
  fixed,
  fixedRuns: 300,
  steps: {
    read: { en: 'reads counter', zh: '读取 counter' },
    write: { en: 'writes counter (the value it read + 1)', zh: '写入 counter（读到的值 + 1）' },
  },
  why: {
    en: 'both tasks read the counter before either wrote it back, so both wrote the same value: one increment overwrote the other. Reading and writing are two separate steps, and another task can run between them.',
    zh: '两个任务都在对方写回之前读取了 counter，于是写回的是同一个值：一次递增覆盖了另一次。读和写是两个独立的步骤，另一个任务可以在两者之间运行。',
  },
  fix: {
    en: "the read and the write happen inside one lock (async-mutex's runExclusive), so no other task can read between them.",
    zh: '读和写都放在同一把锁里（async-mutex 的 runExclusive），这样其他任务就无法在两者之间读取。',
  },
};
