import { describe, expect, it } from 'vitest';
import { pbkdf2, randomBytes, scrypt, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { NativeWork } from '../src/scheduler/native-work.js';

// Thread-pool jobs that process.getActiveResourcesInfo() does not list: a
// task awaiting one looked blocked on nothing, and was called a deadlock.
const jobs: Record<string, () => Promise<unknown>> = {
  'zlib.gzip': () => promisify(gzip)('racekit'),
  'crypto.pbkdf2': () => promisify(pbkdf2)('secret', 'salt', 1000, 16, 'sha256'),
  'crypto.scrypt': () => new Promise((resolve, reject) => scrypt('secret', 'salt', 16, { N: 1024 }, (e, key) => (e ? reject(e) : resolve(key)))),
  'crypto.randomBytes': () => promisify(randomBytes)(8),
  'crypto.subtle.digest': () => webcrypto.subtle.digest('SHA-256', new Uint8Array(8)),
};

/** Two tasks that each await `job` between two yield points; every run must end with both done. */
function awaiting(name: string, job: () => Promise<unknown>): Scenario<{ done: number }> {
  const task = async (ctx: { step(label: string): Promise<void> }, s: { done: number }) => {
    await ctx.step('before');
    await job();
    s.done++;
    await ctx.step('after');
  };
  return { name, setup: () => ({ done: 0 }), tasks: [task, task], invariant: (s) => s.done === 2 || `${s.done} of 2 tasks done` };
}

const strategies: StrategyName[] = ['random', 'pct', 'exhaustive', 'portfolio'];

describe('native work (thread-pool jobs) is outside work, not a deadlock', () => {
  for (const [name, job] of Object.entries(jobs)) {
    it(`tasks awaiting ${name} pass under every strategy`, async () => {
      for (const strategy of strategies) {
        const r = await check(awaiting(name, job), { strategy, runs: 40, seed: 3 });
        expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
        expect(r.warnings).toEqual([]);
      }
    });
  }

  it('a lost update across a native job is found as the invariant it breaks, and replays the same trace', async () => {
    // One task's job only: the other's steps are decided in microtasks, which no job completion can come between, so the replay is exact.
    const scenario: Scenario<{ n: number }> = {
      name: 'lost update over pbkdf2',
      setup: () => ({ n: 0 }),
      tasks: [
        async (ctx, s) => {
          const v = s.n;
          await ctx.step('read');
          await jobs['crypto.pbkdf2']!();
          s.n = v + 1;
          await ctx.step('write');
        },
        async (ctx, s) => {
          const v = s.n;
          await ctx.step('read');
          s.n = v + 1;
          await ctx.step('write');
        },
      ],
      invariant: (s) => s.n === 2 || `n = ${s.n}`,
    };
    const r = await check(scenario, { strategy: 'random', seed: 1, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('invariant');
    expect(r.message).toBe('n = 1');
    for (let i = 0; i < 3; i++) {
      const again = await check(scenario, { replay: r.replay });
      expect(again.kind).toBe('invariant');
      expect(again.divergedAt).toBeUndefined();
      expect(again.trace).toEqual(r.trace);
    }
  });

  it('a real deadlock after a native job is still a deadlock, and replays', async () => {
    const scenario: Scenario<undefined> = {
      name: 'stuck after scrypt',
      tasks: [
        async (ctx) => {
          await ctx.step('hash');
          await jobs['crypto.scrypt']!();
          await new Promise(() => {});
        },
        async (ctx) => ctx.step('other'),
      ],
    };
    const r = await check(scenario, { strategy: 'random', seed: 1, runs: 20 });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/^deadlock: task A blocked and nothing pending/);
    expect(r.runs).toBe(1);
    const again = await check(scenario, { replay: r.replay });
    expect(again.kind).toBe('deadlock');
    expect(again.trace).toEqual(r.trace);
  });

  it('native work still outstanding when the deadlock timeout is over is named', async () => {
    const slow: Promise<unknown>[] = [];
    const hash = async (ctx: { step(label: string): Promise<void> }) => {
      await ctx.step('hash');
      slow.push(promisify(pbkdf2)('secret', 'salt', 300_000, 16, 'sha256'));
      await slow.at(-1);
    };
    const r = await check({ name: 'slow pbkdf2', tasks: [hash] }, { runs: 1, deadlockTimeout: 0 });
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/^deadlock: task A blocked and nothing pending \(waited 0 ms for outside work; native work outstanding: PBKDF2REQUEST\)$/);
    await Promise.all(slow);
  });
});

describe('Atomics.waitAsync is outside work the process does not list', () => {
  type Shared = { cell: Int32Array; woken: string[] };
  const shared = (): Shared => ({ cell: new Int32Array(new SharedArrayBuffer(4)), woken: [] });
  // Looked up at each call, as code does (the check counts the one installed while it runs).
  const waitAsync = (a: Int32Array, i: number, v: number, t?: number) => (Atomics as unknown as { waitAsync(...args: unknown[]): { value: Promise<string> | string } }).waitAsync(a, i, v, t);

  it('a task waiting out its timeout is waiting, not deadlocked', async () => {
    const scenario: Scenario<Shared> = {
      name: 'waitAsync timeout',
      setup: shared,
      tasks: [
        async (ctx, s) => {
          await ctx.step('wait');
          s.woken.push(await waitAsync(s.cell, 0, 0, 2).value);
        },
        async (ctx) => ctx.step('other'),
      ],
      invariant: (s) => s.woken.join() === 'timed-out' || s.woken.join(),
    };
    for (const strategy of strategies) {
      const r = await check(scenario, { strategy, runs: 10, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('a task woken by Atomics.notify from the other task ends in every schedule', async () => {
    const scenario: Scenario<Shared> = {
      name: 'waitAsync notify',
      setup: shared,
      tasks: [
        async (ctx, s) => {
          await ctx.step('wait');
          s.woken.push(await waitAsync(s.cell, 0, 0).value);
        },
        async (ctx, s) => {
          await ctx.step('store');
          Atomics.store(s.cell, 0, 1);
          Atomics.notify(s.cell, 0);
        },
      ],
      // Stored before the wait began: 'not-equal' at once; after: woken, 'ok'.
      invariant: (s) => ['ok', 'not-equal'].includes(s.woken.join()) || s.woken.join(),
    };
    for (const strategy of strategies) {
      const r = await check(scenario, { strategy, runs: 20, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });
});

describe('NativeWork', () => {
  it('counts a job of the current run from its creation until async_hooks destroys it, and only while tracking', async () => {
    const native = new NativeWork();
    await jobs['crypto.randomBytes']!();
    expect(native.outstanding).toBe(false);
    native.track();
    expect(native.tracking).toBe(true);
    const job = jobs['crypto.pbkdf2']!();
    expect(native.outstanding).toBe(true);
    expect(native.types()).toEqual(['PBKDF2REQUEST']);
    await job;
    await new Promise((resolve) => setImmediate(resolve));
    expect(native.outstanding).toBe(false);
    void jobs['crypto.randomBytes']!();
    native.runStarted();
    expect(native.outstanding).toBe(false);
    native.stop();
    expect(native.tracking).toBe(false);
    void jobs['crypto.randomBytes']!();
    expect(native.outstanding).toBe(false);
  });
});
