import { describe, expect, it } from 'vitest';
import { pbkdf2, randomBytes, scrypt, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, createGzip, gzip, type Gzip } from 'node:zlib';
import { Piscina } from 'piscina';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { UnlistedWork } from '../src/scheduler/unlisted-work.js';
import { awaitHandler } from '../src/instrument/runtime.js';
import { realClearTimeout, realSetTimeout } from '../src/scheduler/real-time.js';
import { setImmediate as immediate } from 'node:timers/promises';

// Thread-pool jobs that process.getActiveResourcesInfo() does not list: a
// task awaiting one looked blocked on nothing, and was called a deadlock.
const jobs: Record<string, () => Promise<unknown>> = {
  // Node's own timer, unreferenced: not listed, not made through the global setTimeout.
  'AbortSignal.timeout': () => new Promise((resolve) => AbortSignal.timeout(2).addEventListener('abort', resolve)),
  'timers/promises setImmediate': () => immediate(),
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

describe('unlisted work (thread-pool jobs, timers inside Node) is outside work, not a deadlock', () => {
  for (const [name, job] of Object.entries(jobs)) {
    it(`tasks awaiting ${name} pass under every strategy`, async () => {
      for (const strategy of strategies) {
        const r = await check(awaiting(name, job), { strategy, runs: 40, seed: 3 });
        expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
        expect(r.warnings).toEqual([]);
      }
    });
  }

  it('a lost update across a thread-pool job is found as the invariant it breaks, and replays the same trace', async () => {
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

  it('three tasks awaiting jobs that end in the thread pool\'s order replay the same trace every time', async () => {
    // What an instrumented `await job()` does (the transform calls the installed handler), without a transform.
    const instrumentedAwait = (value: Promise<unknown>) => awaitHandler()!.await(value, 'await hash');
    // A job of microseconds, the same answer every time: which of three ends first is the pool's toss-up.
    const hash = () => promisify(pbkdf2)('secret', 'salt', 1, 8, 'sha256');
    const scenario: Scenario<{ n: number }> = {
      name: 'lost update over three hashes',
      setup: () => ({ n: 0 }),
      tasks: [0, 1, 2].map(() => async (_ctx: unknown, s: { n: number }) => {
        const v = s.n;
        await instrumentedAwait(hash());
        s.n = v + 1;
      }),
      invariant: (s) => s.n === 3 || `n = ${s.n}`,
    };
    const r = await check(scenario, { strategy: 'random', seed: 4, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.trace!.map((e) => e.label)).toEqual(['await hash', 'await hash', 'await hash']);
    for (let i = 0; i < 8; i++) {
      const again = await check(scenario, { replay: r.replay });
      expect(again.divergedAt).toBeUndefined();
      expect(again.trace).toEqual(r.trace);
    }
  });

  it('zlib jobs (a promisified gzip kept from before the check, brotli) finish in either order the scheduler picks, and replay', async () => {
    const instrumentedAwait = (value: Promise<unknown>) => awaitHandler()!.await(value, 'await zip');
    const zip = { gzip: promisify(gzip), brotli: promisify(brotliCompress) };
    for (const [name, job] of Object.entries(zip)) {
      const orders = new Set<string>();
      // A large input and a small one: in real time the small one always ends first.
      const scenario: Scenario<{ out: string[] }> = {
        name: `two ${name} jobs`,
        setup: () => ({ out: [] }),
        tasks: [1 << 17, 8].map((size, i) => async (_ctx: unknown, s: { out: string[] }) => {
          await instrumentedAwait(job(Buffer.alloc(size, 1)));
          s.out.push('AB'[i]!);
        }),
        invariant: (s) => (orders.add(s.out.join('')), s.out.join('') === 'AB' || s.out.join('')),
      };
      const r = await check(scenario, { strategy: 'exhaustive' });
      // Before, each job's completion was decided alone, in the pool's order: B first every run, and nothing was interleaved.
      expect([...orders].sort(), name).toEqual(['AB', 'BA']);
      expect(r.failed).toBe(true);
      expect(r.warnings).toEqual([]);
      const again = await check(scenario, { replay: r.replay });
      expect(again.divergedAt).toBeUndefined();
      expect(again.trace).toEqual(r.trace);
    }
  });

  it('a real deadlock after a thread-pool job is still a deadlock, and replays', async () => {
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

  it('a thread-pool job longer than deadlockTimeout is waited for while it is in flight, as a real execution would: the task it wakes ends', async () => {
    // 600,000 rounds of PBKDF2: some 300 ms here, three times deadlockTimeout.
    const r = await check(awaiting('slow pbkdf2', () => promisify(pbkdf2)('secret', 'salt', 600_000, 16, 'sha256')), { runs: 2, seed: 1, deadlockTimeout: 100 });
    // Before, a deadlock once deadlockTimeout had passed: "unlisted work outstanding: PBKDF2REQUEST (if it would wake a task later, raise deadlockTimeout)".
    expect(r.failed, r.message).toBe(false);
  });

  it('a piscina task longer than deadlockTimeout is waited for while it is in flight', async () => {
    const pool = new Piscina({ filename: new URL('../workers/primes.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1 });
    try {
      await pool.run({ start: 2, end: 3 });
      // The primes below 1,000,000 by trial division: some 200 ms here, twice deadlockTimeout.
      const r = await check(awaiting('slow piscina task', () => pool.run({ start: 2, end: 1_000_000 }) as Promise<number>), { runs: 1, seed: 1, deadlockTimeout: 100 });
      expect(r.failed, r.message).toBe(false);
    } finally {
      await pool.destroy();
    }
  });

  it('a stall after a long job has ended is a deadlock still, about deadlockTimeout after', async () => {
    const r = await check(
      { name: 'stuck after a slow pbkdf2', tasks: [async (ctx) => { await ctx.step('hash'); await promisify(pbkdf2)('secret', 'salt', 600_000, 16, 'sha256'); await new Promise(() => {}); }] },
      { runs: 1, deadlockTimeout: 100 },
    );
    expect(r.kind).toBe('deadlock');
    // Not waited for as a job still in flight (up to 60 s past deadlockTimeout): it ended.
    expect(r.message).toMatch(/^deadlock: task A blocked and nothing pending/);
    expect(r.message).not.toMatch(/one-shot job still in flight/);
  });

  it('unlisted work still outstanding when the deadlock timeout is over is named', async () => {
    let zip: Gzip | undefined;
    const r = await check({ name: 'stuck beside a gzip stream', tasks: [async (ctx) => { await ctx.step('zip'); zip = createGzip(); await new Promise(() => {}); }] }, { runs: 1, deadlockTimeout: 0 });
    zip?.destroy();
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/^deadlock: task A blocked and nothing pending \(waited \d+ ms for outside work; unlisted work outstanding: ZLIB \(if it would wake a task later, raise deadlockTimeout\)\)$/);
  });
});

describe('waits V8 resolves itself are outside work the process does not list', () => {
  // A module of no function: the magic number and the version.
  const emptyModule = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  const wasm = (globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<unknown>; instantiate(b: Uint8Array): Promise<unknown> } }).WebAssembly;

  for (const [name, job] of [
    ['WebAssembly.compile', () => wasm.compile(emptyModule)],
    ['WebAssembly.instantiate', () => wasm.instantiate(emptyModule)],
  ] as const) {
    it(`tasks awaiting ${name} (compiled on V8's own threads) pass under every strategy`, async () => {
      for (const strategy of strategies) {
        const r = await check(awaiting(name, job), { strategy, runs: 10, seed: 3 });
        expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
      }
    });
  }

  it('a WebAssembly compilation that fails and nobody handles is still an unhandled rejection of the run', async () => {
    const task = async (ctx: { step(label: string): Promise<void> }) => {
      await ctx.step('compile');
      void wasm.compile(new Uint8Array([1, 2, 3]));
      // The run lives on until well after the compilation has failed.
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    const r = await check({ name: 'bad module', tasks: [task] }, { runs: 1 });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('exception');
    expect(r.message).toMatch(/unhandled rejection.*CompileError/i);
  });

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

  it('a timeout past deadlockTimeout is waited out; a wait nothing can notify is a deadlock that names Atomics.waitAsync, not a timer', async () => {
    const waiting: Scenario<Shared> = {
      name: 'waitAsync timeout past deadlockTimeout',
      setup: shared,
      tasks: [async (ctx, s) => { await ctx.step('wait'); s.woken.push(await waitAsync(s.cell, 0, 0, 300).value); }, async (ctx) => ctx.step('other')],
      invariant: (s) => s.woken.join() === 'timed-out' || s.woken.join(),
    };
    const timedOut = await check(waiting, { runs: 1, seed: 1, deadlockTimeout: 50 });
    expect(timedOut.failed, timedOut.message).toBe(false);
    const forever = await check({ ...waiting, name: 'waitAsync, no timeout', tasks: [async (ctx, s) => { await ctx.step('wait'); await waitAsync(s.cell, 0, 0).value; }] }, { runs: 1, deadlockTimeout: 50 });
    Atomics.notify(new Int32Array(new SharedArrayBuffer(4)), 0);
    expect(forever.kind).toBe('deadlock');
    expect(forever.message).toMatch(/; an Atomics\.waitAsync or a WebAssembly compilation is still pending: if another thread would notify it later, raise deadlockTimeout\)$/);
    expect(forever.message).not.toContain('real timer');
  });
});

describe('AbortSignal.timeout under virtual time', () => {
  it('is a virtual timer: a 30-second timeout racing a completion is found in both orders, with the TimeoutError, and the real one is back after', async () => {
    const real = AbortSignal.timeout;
    const outcomes = new Set<string>();
    const scenario: Scenario<{ fetch: () => Promise<string>; got: string[] }> = {
      name: 'signal timeout race',
      time: 'virtual',
      setup: (ctx) => ({ fetch: ctx.wrap(async () => 'body', 'fetch'), got: [] }),
      tasks: [
        async (_ctx, s) => {
          const signal = AbortSignal.timeout(30_000);
          const aborted = new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(`${(signal.reason as Error).name} @${Date.now() - Date.UTC(2026, 0, 1)}`)));
          s.got.push(await Promise.race([s.fetch(), aborted]));
        },
      ],
      invariant: (s) => (outcomes.add(s.got.join()), s.got[0] === 'body' || s.got.join()),
    };
    const r = await check(scenario, { strategy: 'exhaustive' });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('TimeoutError @30000');
    expect(r.trace?.map((e) => e.label)).toEqual(['timer 30000ms', 'fetch']);
    expect([...outcomes].sort()).toEqual(['TimeoutError @30000', 'body']);
    expect(AbortSignal.timeout).toBe(real);
  });
});

describe('UnlistedWork', () => {
  it("leaves the scheduler's own timers out", () => {
    const unlisted = new UnlistedWork();
    unlisted.track();
    try {
      const own = realSetTimeout(() => {}, 10_000);
      expect(unlisted.outstanding).toBe(false);
      realClearTimeout(own);
      const theirs = setTimeout(() => {}, 10_000);
      expect(unlisted.types()).toEqual(['Timeout']);
      clearTimeout(theirs);
    } finally {
      unlisted.stop();
    }
  });

  it('counts a job of the current run from its creation until async_hooks destroys it, and only while tracking', async () => {
    const unlisted = new UnlistedWork();
    await jobs['crypto.randomBytes']!();
    expect(unlisted.outstanding).toBe(false);
    unlisted.track();
    expect(unlisted.tracking).toBe(true);
    const job = jobs['crypto.pbkdf2']!();
    expect(unlisted.types()).toEqual(['PBKDF2REQUEST']);
    await job;
    // async_hooks emits destroys from an immediate of its own (which counts until it has run).
    for (let i = 0; i < 10 && unlisted.types().includes('PBKDF2REQUEST'); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(unlisted.types()).not.toContain('PBKDF2REQUEST');
    void jobs['crypto.randomBytes']!();
    expect(unlisted.types()).toContain('RANDOMBYTESREQUEST');
    unlisted.runStarted();
    expect(unlisted.outstanding).toBe(false);
    unlisted.stop();
    expect(unlisted.tracking).toBe(false);
    void jobs['crypto.randomBytes']!();
    expect(unlisted.outstanding).toBe(false);
  });
});
