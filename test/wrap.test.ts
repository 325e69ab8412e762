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

/** A wrapped service whose method calls a wrapped repository twice (read, then write): two bumps can lose one. */
function layered(): Scenario<{ rows: Map<string, number>; service: { bump(k: string): Promise<number> } }> {
  return {
    name: 'layered',
    setup: (ctx) => {
      const rows = new Map([['a', 1]]);
      const repo = ctx.wrapObject({ get: async (k: string) => rows.get(k) ?? 0, put: async (k: string, v: number) => void rows.set(k, v) });
      const service = ctx.wrapObject({
        async bump(k: string) {
          const v = await repo.get(k);
          await repo.put(k, v + 1);
          return v + 1;
        },
      });
      return { rows, service };
    },
    tasks: [async (_ctx, s) => void (await s.service.bump('a')), async (_ctx, s) => void (await s.service.bump('a'))],
    invariant: (s) => s.rows.get('a') === 3 || `a = ${s.rows.get('a')}`,
  };
}

describe('wrapped calls that call wrapped calls', () => {
  // A deadline of a minute: a decision that waited for the outer call (in flight until the scheduler resumes its inner answers) would wait it out.
  const patient = { deadlockTimeout: 60_000, seed: 1 };

  it('the outer call waits on the inner answers the scheduler resumes, not on outside work: the lost update is found and replays', async () => {
    const r = await check(layered(), { ...patient, runs: 50 });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('a = 2');
    const again = await check(layered(), { ...patient, replay: r.replay });
    expect(again.trace).toEqual(r.trace);
  });

  it('a wrapped call whose body awaits a thread-pool job is still waited for', async () => {
    const { pbkdf2 } = await import('node:crypto');
    const r = await check(
      {
        name: 'hash in a wrapped call',
        setup: (ctx) => ({ hashed: [] as string[], hash: ctx.wrap((pw: string) => new Promise<string>((resolve, reject) => pbkdf2(pw, 'salt', 1000, 8, 'sha256', (e, key) => (e ? reject(e) : resolve(key.toString('hex'))))), 'hash') }),
        tasks: [async (_ctx, s) => void s.hashed.push(await s.hash('a')), async (_ctx, s) => void s.hashed.push(await s.hash('b'))],
        invariant: (s) => s.hashed.length === 2 || `${s.hashed.length} hashed`,
      },
      { runs: 10, seed: 1 },
    );
    expect(r.failed, r.failed ? r.message : '').toBe(false);
  });
});

describe('the trace of a wrapped call', () => {
  it('says when the call was made when other steps came before its answer', async () => {
    const r = await check(memo(), { strategy: 'exhaustive' });
    expect(r.failed).toBe(true);
    const { formatFailure } = await import('../src/report/text.js');
    // A's load('old') is made before any step and answered last, after B's step and its own load.
    const last = r.trace!.at(-1)!;
    expect(last).toMatchObject({ kind: 'call', task: 0, madeAfter: 0 });
    expect(formatFailure(r)).toContain('load("old") (made before step 1) ⇒ "old"');
    // B's load, made right before its answer, says nothing more.
    expect(r.trace!.find((e) => e.kind === 'call' && e.task === 1)?.madeAfter).toBeUndefined();
  });
});
