import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';

describe('ctx.spawn, ctx.hold and teardown', () => {
  it('spawned tasks get their own lane and name, and race like any task', async () => {
    const r = await check(
      {
        name: 'handlers',
        setup: () => ({ hits: 0 }),
        tasks: [
          async (ctx, s: { hits: number }) => {
            for (const id of [1, 2]) {
              ctx.spawn(async (h) => {
                const v = s.hits;
                await h.step('read');
                s.hits = v + 1;
              }, `request ${id}`);
            }
          },
        ],
        invariant: (s) => (s.hits === 2 ? true : `hits ${s.hits}`),
      },
      { strategy: 'exhaustive' },
    );
    expect(r.failed).toBe(true);
    expect(r.taskNames).toEqual(['A', 'request 1', 'request 2']);
    expect(r.trace?.map((e) => e.task)).toEqual([1, 2]);
  });

  it('hold makes the scheduler wait for outside work before deciding', async () => {
    const seen: string[] = [];
    const scenario: Scenario<{ order: string[] }> = {
      name: 'arrival',
      setup: () => ({ order: [] }),
      tasks: [
        async (ctx, s) => {
          const release = ctx.hold('request');
          // Arrives through a real timer: without the hold the scheduler would decide before it.
          setTimeout(() => {
            ctx.spawn(async (h) => { await h.step('handle'); s.order.push('handler'); }, 'handler');
            release();
          }, 5);
        },
        async (ctx, s) => { await ctx.step('other'); s.order.push('other'); },
      ],
      invariant: (s) => void seen.push(s.order.join()),
    };
    await check(scenario, { strategy: 'exhaustive', runs: 10 });
    // Both orders were available at the first decision, so both were explored.
    expect(new Set(seen)).toEqual(new Set(['handler,other', 'other,handler']));
  });

  it('teardown runs after every run, passed or failed', async () => {
    let setups = 0;
    let teardowns = 0;
    const r = await check(
      {
        name: 'resources',
        setup: () => { setups++; return {}; },
        tasks: [async (ctx) => { await ctx.step('a'); }, async (ctx) => { await ctx.step('b'); throw new Error('x'); }],
        teardown: () => { teardowns++; },
      },
      { runs: 20, shrink: false },
    );
    expect(r.failed).toBe(true);
    expect(teardowns).toBe(setups);
  });
});
