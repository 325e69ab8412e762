import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';

/** A cache written by whichever load completes last: a stale write wins when completions reorder. */
function memo(): Scenario<{ value: string | undefined; load: (v: string) => Promise<string> }> {
  return {
    name: 'last write wins',
    setup: (ctx) => ({ value: undefined, load: ctx.wrap(async (v: string) => v, 'load') }),
    tasks: [
      async (_ctx, s) => { s.value = await s.load('old'); },
      async (ctx, s) => { await ctx.step('later'); s.value = await s.load('new'); },
    ],
    invariant: (s) => (s.value === 'new' ? true : `stale value ${s.value} overwrote the newer one`),
  };
}

describe('ctx.wrap', () => {
  it('holds completions back so the scheduler orders them; the stale write is found', async () => {
    const r = await check(memo(), { strategy: 'random', seed: 1, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.trace?.filter((e) => e.kind === 'call').map((e) => e.label)).toEqual(['load', 'load']);
    // The first load's completion comes last: attributed to task A.
    expect(r.trace?.at(-1)).toMatchObject({ kind: 'call', task: 0 });
  });

  it('every order of completions is explored exhaustively', async () => {
    const values: string[] = [];
    const s = memo();
    await check({ ...s, invariant: (st) => void values.push(String(st.value)) }, { strategy: 'exhaustive', runs: 100 });
    expect(new Set(values)).toEqual(new Set(['old', 'new']));
  });

  it('a rejection is delivered when the scheduler picks it', async () => {
    const r = await check({
      name: 'rejecting dependency',
      setup: (ctx) => ({ fetch: ctx.wrap(async () => { throw new Error('503'); }, 'fetch') }),
      tasks: [async (_ctx, s: { fetch: () => Promise<void> }) => { await s.fetch(); }],
    }, { runs: 1 });
    expect(r.message).toMatch(/task A threw: 503/);
    expect(r.trace?.[0]).toMatchObject({ kind: 'call', label: 'fetch' });
  });

  it('wrapObject wraps every method, labelled by name', async () => {
    const r = await check({
      name: 'store',
      setup: (ctx) => ctx.wrapObject({ async get(k: string) { return k.length; } }, 'store'),
      tasks: [async (_ctx, store: { get(k: string): Promise<number> }) => { if ((await store.get('abc')) !== 3) throw new Error('wrong'); }],
      invariant: () => 'always report',
    }, { runs: 1 });
    expect(r.trace?.[0]?.label).toBe('store.get');
  });
});
