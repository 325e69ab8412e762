import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { setTimeout as sleep, setInterval as every, scheduler } from 'node:timers/promises';
import { setTimeout as timersSetTimeout } from 'node:timers';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { readFile } from 'node:fs/promises';
import { pbkdf2 } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import type { StrategyName } from '../src/scheduler/strategy.js';

const strategies: StrategyName[] = ['random', 'pct', 'exhaustive', 'portfolio'];
// The real clock's functions, taken before any check installs a fake one.
const realSetTimeout = globalThis.setTimeout;
const RealDate = globalThis.Date;
const realPerformanceNow = globalThis.performance.now;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

/** A request with a 30-second timeout racing its answer (a wrapped dependency). */
function timeoutRace(): Scenario<{ result: string; answer: () => Promise<string> }> {
  return {
    name: 'timeout vs answer',
    time: 'virtual',
    setup: (ctx) => ({ result: '', answer: ctx.wrap(async () => 'answer', 'answer') }),
    tasks: [
      async (_ctx, s) => {
        const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 30_000));
        s.result = await Promise.race([s.answer(), timeout]);
      },
    ],
    invariant: (s) => (s.result === 'answer' ? true : `timed out at ${Date.now() - Date.UTC(2026, 0, 1)} ms although the answer was on its way`),
  };
}

describe('virtual time', () => {
  it('a timeout racing a wrapped completion is found in both orders, with the clock in the trace', async () => {
    const outcomes = new Set<string>();
    const base = timeoutRace();
    await check({ ...base, invariant: (s) => void outcomes.add(s.result) }, { strategy: 'exhaustive' });
    expect(outcomes).toEqual(new Set(['answer', 'timeout']));

    const r = await check(base, { seed: 4, runs: 100 });
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/timed out at 30000 ms/);
    expect(r.trace?.[0]).toMatchObject({ kind: 'timer', label: 'timer 30000ms', at: 30_000, task: -1 });
    const again = await check(base, { replay: r.replay });
    expect(again.trace).toEqual(r.trace);
  });

  it.each(strategies)('timers fire in due order under %s', async (strategy) => {
    const orders = new Set<string>();
    await check(
      {
        name: 'due order',
        time: 'virtual',
        setup: () => ({ fired: [] as number[] }),
        tasks: [
          async (_ctx, s) => {
            await Promise.all([30, 10, 20].map((ms) => sleep(ms).then(() => s.fired.push(ms))));
          },
          async (ctx) => {
            await ctx.step('other');
          },
        ],
        invariant: (s) => void orders.add(s.fired.join()),
      },
      { strategy, seed: 1, runs: 200 },
    );
    expect(orders).toEqual(new Set(['10,20,30']));
  });

  it('timers/promises rejects an aborted wait with an AbortError as Node does (the reason its cause), and scheduler.wait waits on the virtual clock', async () => {
    const seen: Record<string, unknown> = {};
    const errorOf = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { code?: string });
    const r = await check({
      name: 'aborted waits',
      time: 'virtual',
      tasks: [async () => {
        const timedOut = await errorOf(sleep(1000, undefined, { signal: AbortSignal.timeout(100) }));
        seen.timedOut = [timedOut?.name, timedOut?.code, (timedOut?.cause as Error | undefined)?.name];
        const controller = new AbortController();
        controller.abort('why');
        const early = await errorOf(sleep(1000, undefined, { signal: controller.signal }));
        seen.early = [early?.name, early?.code, early?.cause];
        const ticks = every(10, undefined, { signal: AbortSignal.timeout(35) });
        let n = 0;
        const stopped = await errorOf((async () => { for await (const _ of ticks) n++; })());
        seen.interval = [stopped?.name, n];
        const before = Date.now();
        await (scheduler as unknown as { wait(ms: number): Promise<void> }).wait(5000);
        seen.waited = Date.now() - before;
      }],
    }, { runs: 1, seed: 1 });
    expect(r.message).toBeUndefined();
    expect(seen).toEqual({ timedOut: ['AbortError', 'ABORT_ERR', 'TimeoutError'], early: ['AbortError', 'ABORT_ERR', 'why'], interval: ['AbortError', 3], waited: 5000 });
    // Back on the real clock after the check.
    expect(await errorOf(sleep(1, undefined, { signal: AbortSignal.abort('x') }))).toMatchObject({ name: 'AbortError' });
  });

  it('node:timers, timers/promises, Date and performance.now follow the clock, which starts at the same instant every run (performance.now() at 1000, never 0: lru-cache reads 0 as unset)', async () => {
    const seen = new Set<string>();
    const r = await check(
      {
        name: 'clocks',
        time: 'virtual',
        tasks: [
          async () => {
            const start = [Date.now(), performance.now()];
            await new Promise((resolve) => timersSetTimeout(resolve, 1500));
            await sleep(500);
            seen.add(`${start.join()} → ${Date.now() - start[0]!} ${Math.round(performance.now() - start[1]!)}`);
          },
        ],
      },
      { runs: 20 },
    );
    expect(r.failed).toBe(false);
    expect(seen).toEqual(new Set([`${Date.UTC(2026, 0, 1)},1000 → 2000 2000`]));
  });

  it.each(['random', 'pct'] as StrategyName[])('an interval does not starve a parked completion under %s', async (strategy) => {
    const r = await check(
      {
        name: 'reaper',
        time: 'virtual',
        setup: (ctx) => ({ done: false, load: ctx.wrap(async () => 1, 'load') }),
        tasks: [
          async (_ctx, s) => {
            const reaper = setInterval(() => {}, 5);
            await s.load();
            clearInterval(reaper);
            s.done = true;
          },
        ],
        invariant: (s) => s.done,
      },
      { strategy, seed: 2, runs: 300, stepBudget: 200 },
    );
    expect(r.failed).toBe(false);
  });

  it('a stuck task under a live interval is a deadlock, not a step-budget failure', async () => {
    const r = await check(
      {
        name: 'stuck',
        time: 'virtual',
        tasks: [
          async (ctx) => {
            setInterval(() => {}, 10);
            await ctx.step('start');
            await new Promise(() => {});
          },
        ],
      },
      { runs: 3 },
    );
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/only timers fired/);
  });

  it('maxLatency keeps a long timeout from firing before a completion', async () => {
    const scenario = timeoutRace();
    expect((await check(scenario, { strategy: 'exhaustive', maxLatency: 1000 })).failed).toBe(false);
    expect((await check(scenario, { strategy: 'exhaustive' })).failed).toBe(true);
  });

  it('the fake clock is uninstalled after a failing or throwing run', async () => {
    await check(timeoutRace(), { seed: 1, runs: 50 });
    await check({ name: 'thrower', time: 'virtual', tasks: [async () => { await sleep(10); throw new Error('x'); }] }, { runs: 1 });
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(globalThis.Date).toBe(RealDate);
    expect(globalThis.performance.now).toBe(realPerformanceNow);
  });

  it('10,000 virtual runs leave no timer, no handle and no run behind', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const scenario = timeoutRace();
    // Every run's state, watched without being kept: once the check returns, nothing may hold any of them.
    const states: WeakRef<object>[] = [];
    const pass: typeof scenario = {
      ...scenario,
      setup: (ctx) => {
        const state = scenario.setup!(ctx, undefined) as Awaited<ReturnType<NonNullable<typeof scenario.setup>>>;
        states.push(new WeakRef(state));
        return state;
      },
      invariant: () => true,
    };
    await check(pass, { strategy: 'random', seed: 1, runs: 1000 });
    const resources = process.getActiveResourcesInfo().filter((r) => r !== 'Immediate');
    states.length = 0;
    const r = await check(pass, { strategy: 'random', seed: 2, runs: 10_000 });
    expect(r.runs).toBe(10_000);
    expect(states).toHaveLength(10_000);
    // WeakRefs read during a job keep their target until the job ends: collect on a later turn.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(states.filter((w) => w.deref() !== undefined)).toHaveLength(0);
    // Nothing of ours is left: no resource type has more live instances than before (the runner's own may come and go).
    const count = (list: string[]) => list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
    const before = count(resources);
    for (const [type, n] of count(process.getActiveResourcesInfo().filter((x) => x !== 'Immediate'))) expect(n, type).toBeLessThanOrEqual(before.get(type) ?? 0);
  });

  it('refuses real sockets, naming the scenario', async () => {
    await expect(
      check({
        name: 'socket under virtual time',
        time: 'virtual',
        setup: async () => {
          const server = createServer();
          await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
          return server;
        },
        tasks: [async () => {}],
        teardown: (server) => new Promise<void>((resolve) => server.close(() => resolve())),
      }),
    ).rejects.toMatchObject({ code: 'RACEKIT_VIRTUAL_TIME_IO', message: expect.stringMatching(/scenario "socket under virtual time": time 'virtual' cannot drive real sockets/) });
  });

  it('fakes process.hrtime with the clock: elapsed time read from it agrees with Date across a virtual sleep, and is never behind a reading from before the check', async () => {
    const before = process.hrtime.bigint();
    const beforeTuple = process.hrtime();
    const r = await check<{ ms: number; dn: number; tuple: number }>({
      name: 'hrtime elapsed',
      time: 'virtual',
      setup: () => ({ ms: -1, dn: -1, tuple: -1 }),
      tasks: [async (_ctx, s) => {
        // fake-timers' own hrtime starts at 0: a start read at module load was ahead of every reading in the run.
        if (process.hrtime.bigint() < before) throw new Error('hrtime.bigint went backwards');
        if (process.hrtime(beforeTuple)[0] < 0) throw new Error('hrtime(prev) went backwards');
        const t0 = process.hrtime.bigint();
        const h0 = process.hrtime();
        const d0 = Date.now();
        await sleep(1000);
        s.ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const [sec, ns] = process.hrtime(h0);
        s.tuple = sec * 1000 + ns / 1e6;
        s.dn = Date.now() - d0;
      }],
      // Before, hrtime stayed on the real clock: under a millisecond had passed by it, a branch no real run takes.
      invariant: (s) => (s.ms === 1000 && s.tuple === 1000 && s.dn === 1000) || `hrtime.bigint ${s.ms} ms, hrtime ${s.tuple} ms, Date ${s.dn} ms`,
    }, { runs: 2 });
    expect(r.failed, r.message).toBe(false);
  });

  it('refuses a worker thread a task starts, however soon it answers', async () => {
    const code = "require('node:worker_threads').parentPort.postMessage(1);";
    await expect(
      check({
        name: 'worker started by a task',
        time: 'virtual',
        tasks: [async () => {
          const worker = new Worker(code, { eval: true });
          await new Promise((resolve) => worker.once('message', resolve));
          await worker.terminate();
        }, async (ctx) => ctx.step('x')],
      }, { runs: 2 }),
    ).rejects.toMatchObject({ code: 'RACEKIT_VIRTUAL_TIME_IO' });
  });

  it('a job of a piscina pool made before the check holds the virtual clock: a 30-second timeout never beats it', async () => {
    const pool = new Piscina({ filename: new URL('../workers/primes.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1 });
    try {
      await pool.run({ start: 2, end: 3 });
      const r = await check<{ results: number[] }>({
        name: 'pool job against a timeout',
        time: 'virtual',
        setup: () => ({ results: [] }),
        tasks: [1, 2].map(() => async (_ctx: unknown, s: { results: number[] }) => {
          const ac = new AbortController();
          s.results.push(await Promise.race([pool.run({ start: 2, end: 1000 }) as Promise<number>, sleep(30_000, -1, { signal: ac.signal }).catch(() => -2)]));
          ac.abort();
        }),
        // Before, the virtual timer fired first in every run: a failure no real run (a job of a millisecond) has.
        invariant: (s) => !s.results.includes(-1) || `timed out: ${s.results.join()}`,
      }, { runs: 10, seed: 1 });
      expect(r.failed, r.message).toBe(false);
    } finally {
      await pool.destroy();
    }
  });

  it('refuses worker threads, also an unreferenced one a pool keeps idle (the process lists none), naming the scenario', async () => {
    const code = "require('node:worker_threads').parentPort.on('message', (n) => require('node:worker_threads').parentPort.postMessage(n * n));";
    await expect(
      check<{ worker: Worker; results: number[] }>({
        name: 'worker under virtual time',
        time: 'virtual',
        setup: () => {
          const worker = new Worker(code, { eval: true });
          worker.unref();
          return { worker, results: [] };
        },
        // A job of milliseconds raced against a 30-second timeout: the virtual timer fired first, a failure no real run has.
        tasks: [async (_ctx, s) => {
          const job = new Promise<number>((resolve) => s.worker.once('message', resolve));
          s.worker.postMessage(3);
          s.results.push(await Promise.race([job, sleep(30_000, -1)]));
        }],
        invariant: (s) => !s.results.includes(-1) || 'timed out',
        teardown: (s) => s.worker.terminate(),
      }, { runs: 3 }),
    ).rejects.toMatchObject({ code: 'RACEKIT_VIRTUAL_TIME_IO', message: expect.stringMatching(/scenario "worker under virtual time": time 'virtual' cannot drive real sockets or worker threads \(found WORKER\)/) });
  });

  it.each([
    [{ time: 'sometimes' }, /time must be 'real' or 'virtual', got "sometimes"/],
    [{ maxLatency: -1 }, /maxLatency must be an integer ≥ 0, got -1/],
  ])('bad option %o is a typed error naming it', async (options, message) => {
    await expect(check({ name: 'x', tasks: [async () => {}] }, options as never)).rejects.toThrow(message);
  });

  it('a request in flight (a file read, a thread-pool job) takes no virtual time: no timer beats it while nothing else is pending', async () => {
    const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
      try {
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    const hash = () => new Promise<string>((resolve, reject) => pbkdf2('pw', 'salt', 1000, 16, 'sha256', (e, key) => (e ? reject(e) : resolve(key.toString('hex')))));
    const scenario: Scenario<{ read?: unknown; hashed?: unknown; polls: number }> = {
      name: 'requests vs virtual timers',
      time: 'virtual',
      setup: () => ({ polls: 0 }),
      tasks: [
        async (_ctx, s) => { s.read = await withTimeout(readFile(fileURLToPath(import.meta.url)).then(() => 'read'), 5000); },
        async (_ctx, s) => { s.hashed = await withTimeout(hash(), 5000); },
        // A task polling on virtual time meanwhile: its timers do not run ahead of the requests either.
        async (_ctx, s) => { while (s.read === undefined || s.hashed === undefined) { s.polls++; await sleep(10); } },
      ],
      invariant: (s) => (s.read === 'read' && s.hashed !== 'timeout') || `read: ${String(s.read)}, hash: ${String(s.hashed)}, after ${s.polls} polls`,
    };
    for (const strategy of strategies) {
      const r = await check(scenario, { strategy, runs: 5, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('a delay of 0 (or below 1, or not a number) is 1 ms, as in Node: timers armed in order fire in order', async () => {
    const r = await check({
      name: 'zero delay',
      time: 'virtual',
      setup: () => ({ fired: [] as string[] }),
      tasks: [
        async (_ctx, s) => {
          await Promise.all([
            new Promise<void>((resolve) => setTimeout(() => { s.fired.push('a'); resolve(); }, 1)),
            new Promise<void>((resolve) => setTimeout(() => { s.fired.push('b'); resolve(); }, 0)),
            new Promise<void>((resolve) => setTimeout(() => { s.fired.push('c'); resolve(); }, -5)),
          ]);
          // An interval of 0 lets the clock move on (it is 1 ms): a 5 ms wait beside it ends.
          const interval = setInterval(() => {}, 0);
          await sleep(5);
          clearInterval(interval);
        },
      ],
      invariant: (s) => s.fired.join() === 'a,b,c' || s.fired.join(),
    }, { runs: 5, seed: 1 });
    expect(r.failed, r.failed ? r.message : '').toBe(false);
  });

  it('a hold a virtual timer releases after every task ended is waited for, not a deadlock', async () => {
    const r = await check({
      name: 'hold released by a timer',
      time: 'virtual',
      setup: () => ({ released: false }),
      tasks: [async (ctx, s) => { await ctx.step('a'); const release = ctx.hold('h'); setTimeout(() => { s.released = true; release(); }, 1); }],
      invariant: (s) => s.released || 'never released',
    }, { runs: 3, seed: 1, deadlockTimeout: 500 });
    expect(r.failed, r.failed ? r.message : '').toBe(false);
  });

  it('an async setup, invariant or teardown may await a virtual timer: it fires, as it would in real time', async () => {
    const nap = () => new Promise((resolve) => setTimeout(resolve, 10));
    for (const hook of ['setup', 'invariant', 'teardown'] as const) {
      let tornDown = 0;
      const scenario: Scenario<{ n: number }> = {
        name: `${hook} awaits a timer`,
        time: 'virtual',
        setup: hook === 'setup' ? async () => { await nap(); return { n: 0 }; } : () => ({ n: 0 }),
        tasks: [async (ctx, s) => { await ctx.step('a'); s.n++; }, async (ctx, s) => { await ctx.step('b'); s.n++; }],
        invariant: hook === 'invariant' ? async (s) => { await nap(); return s.n === 2; } : (s) => s.n === 2,
        teardown: hook === 'teardown' ? async () => { await nap(); tornDown++; } : undefined,
      };
      const r = await check(scenario, { strategy: 'random', seed: 1, runs: 3, deadlockTimeout: 500 });
      expect(r.failed, `${hook}: ${r.failed ? r.message : ''}`).toBe(false);
      expect(r.runs).toBe(3);
      if (hook === 'teardown') expect(tornDown).toBe(3);
    }
  });

  it('a negative maxLatency on a scenario is rejected by name', async () => {
    await expect(check({ name: 'lat', maxLatency: -5, tasks: [async () => {}] })).rejects.toThrow(/scenario "lat": maxLatency must be an integer ≥ 0/);
  });

  it('a real interval made before the check and cleared during a virtual run is cleared for real (a reaper left by an earlier check)', async () => {
    let fired = 0;
    const reaper = realSetInterval(() => fired++, 5);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const r = await check({ name: 'reaper cleared', time: 'virtual', tasks: [async () => clearInterval(reaper)] }, { runs: 1 });
      expect(r.failed).toBe(false);
    } finally {
      console.warn = warn;
    }
    const before = fired;
    await new Promise((resolve) => realSetTimeout(resolve, 40));
    expect(fired).toBe(before);
    expect(warnings).toEqual([]);
    realClearInterval(reaper);
  });

  it('a loop polling with setImmediate until a virtual timer ends it does not wait out deadlockTimeout at each run', async () => {
    const r = await check(
      {
        name: 'immediate poll',
        time: 'virtual',
        setup: () => ({ done: false, polls: -1 }),
        tasks: [
          async (_ctx, s: { done: boolean; polls: number }) => {
            setTimeout(() => (s.done = true), 100);
            let n = 0;
            while (!s.done) {
              await new Promise((resolve) => setImmediate(resolve));
              n++;
            }
            s.polls = n;
          },
        ],
        invariant: (s) => s.polls >= 0,
      },
      // Before, each run waited the whole deadlockTimeout for the immediates before the timer could fire: 3 minutes here.
      { seed: 1, runs: 3, deadlockTimeout: 60_000 },
    );
    expect(r.failed, r.message).toBe(false);
    expect(r.runs).toBe(3);
  }, 30_000);
});

