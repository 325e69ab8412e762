import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../harness/teach/lessons/index.js';
import { narrate } from '../../harness/teach/narrate.js';
import type { Lang } from '../../harness/teach/lesson.js';

/** What each lesson's narration must mention, per language: the steps where its race happens. */
const MUST: Record<string, Record<Lang, RegExp[]>> = {
  'lost-update': { en: [/reads counter → 0/, /writes counter .* → 1/, /1 update lost/], zh: [/读取 counter → 0/, /写入 counter.* → 1/, /丢失了 1 次更新/] },
  'safe-counter': { en: [/loads the count/, /stores the count \+ 1/, /instead of/], zh: [/读取计数/, /存回计数/, /而不是/] },
  'producer-consumer': { en: [/C \(main\) runs: puts the end marker/, /B \(consumer\) runs: takes from the queue → END/, /never consumed/], zh: [/C \(主程序\) 运行：把结束标记放入队列/, /B \(消费者\) 运行：从队列中取出 → END/, /从未被消费/] },
  semaphore: { en: [/checks how many downloads are active → 0/, /starts its download/, /downloads ran at once/], zh: [/检查正在进行的下载数 → 0/, /开始下载/, /同时进行了 2 个下载/] },
  'server-counter': { en: [/handler #\d \(alice\) runs: reads the client's count → alice: 0/, /stores the count \+ 1 → alice: 1/, /alice: 1\/2/], zh: [/handler #\d \(alice\) 运行：读取该客户端的计数 → alice: 0/, /存回计数 \+ 1 → alice: 1/, /alice: 1\/2/] },
  'pool-results': { en: [/copies the shared result map/, /writes the whole map back/, /holds 1 of 2 results/], zh: [/复制共享结果字典/, /把整个字典写回/, /2 个结果中的 1 个/] },
  'shared-integer': { en: [/B \(reader\) runs: receives a message → end/, /reads the shared integer → 0/, /not 100/], zh: [/B \(读取方\) 运行：收到一条消息 → end/, /读取共享整数 → 0/, /而不是 100/] },
  'request-timeout': { en: [/timer runs: the 2-second timeout timer fires/, /charged 2 times/], zh: [/timer 运行：2 秒的超时定时器触发/, /扣了 2 次款/] },
};

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (id, lesson) => {
  it.each(['en', 'zh'] as const)('narrates the shrunk race and the passing fix in %s', async (lang) => {
    const lines: string[] = [];
    const { racy, fixed } = await narrate(lesson, { line: (t) => lines.push(t), pause: async () => {} }, { lang, fixedRuns: Math.min(20, lesson.fixedRuns) });
    const text = lines.join('\n');
    expect(racy.failed, `${id}: the racy version must fail`).toBe(true);
    expect(fixed.failed, `${id}: the fix must pass: ${fixed.message}`).toBe(false);
    // Every step of the shrunk trace is told, in order.
    for (const e of racy.trace!) expect(text).toMatch(lang === 'en' ? new RegExp(`step ${e.step} · `) : new RegExp(`第 ${e.step} 步 · `));
    for (const re of MUST[id]![lang]) expect(text).toMatch(re);
    expect(text).toMatch(lang === 'en' ? /every one passes ✓/ : /全部通过 ✓/);
    if (lang === 'zh') expect(text).not.toMatch(/ runs: /);
  });
});

it('every lesson is covered by the table above', () => {
  expect(Object.keys(MUST).sort()).toEqual(LESSONS.map((l) => l.id).sort());
});
