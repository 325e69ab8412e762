import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../harness/teach/lessons/index.js';
import { requestTimeout } from '../../harness/teach/lessons/request-timeout.js';
import { narrate } from '../../harness/teach/narrate.js';

/** What the narration must say in each language: the timer firing, the clock, the double charge. */
const MUST = {
  en: [/timer runs: the 2-second timeout timer fires: the clock jumps/, /attempt 2 · 2000 ms/, /answer arrives .* → receipt 1 · 2000 ms/, /charged 2 times/, /timer 2000ms @2000ms/],
  zh: [/timer 运行：2 秒的超时定时器触发：时钟跳到/, /attempt 2 · 2000 ms/, /应答到达.* → receipt 1 · 2000 ms/, /扣了 2 次款/, /timer 2000ms @2000ms/],
};

describe('lesson request-timeout (virtual time)', () => {
  it('is registered with the other lessons', () => {
    expect(LESSONS).toContain(requestTimeout);
    expect(requestTimeout.racy.time).toBe('virtual');
  });

  it.each(['en', 'zh'] as const)('narrates the timer firing before the answer, with the clock, then the passing fix, in %s', async (lang) => {
    const lines: string[] = [];
    const { racy, fixed } = await narrate(requestTimeout, { line: (t) => lines.push(t), pause: async () => {} }, { lang, fixedRuns: 30 });
    const text = lines.join('\n');
    expect(racy.failed).toBe(true);
    // The timeout fires before the first answer arrives: that order is the race.
    const timer = racy.trace!.findIndex((e) => e.kind === 'timer');
    const answer = racy.trace!.findIndex((e) => e.label === 'charge');
    expect(timer).toBeGreaterThanOrEqual(0);
    expect(racy.trace![timer]!.at).toBe(2000);
    expect(answer).toBeGreaterThan(timer);
    for (const re of MUST[lang]) expect(text).toMatch(re);
    expect(fixed.failed, fixed.message).toBe(false);
    expect(text).toMatch(lang === 'en' ? /every one passes ✓/ : /全部通过 ✓/);
  });
});
