import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { Mutex } from 'async-mutex';
import { check } from '../src/check.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scenario } from '../src/scenario.js';
import { node } from './support/instrumented.js';
import { leftoverNotice, leftoverTimer } from './support/leftover-timer.js';

describe('deadlock', () => {
  const opposite: Scenario<{ a: Mutex; b: Mutex }> = {
    name: 'two locks in opposite order',
    setup: () => ({ a: new Mutex(), b: new Mutex() }),
    tasks: [
      async (ctx, s) => {
        await s.a.runExclusive(async () => {
          await ctx.step('holds a');
          await s.b.runExclusive(async () => ctx.step('holds a, b'));
        });
      },
      async (ctx, s) => {
        await s.b.runExclusive(async () => {
          await ctx.step('holds b');
          await s.a.runExclusive(async () => ctx.step('holds b, a'));
        });
      },
    ],
  };

  it('two async-mutex locks taken in opposite order deadlock, reported with the trace', async () => {
    const r = await check(opposite, { strategy: 'random', seed: 1, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/tasks A, B blocked/);
    expect(r.trace?.map((e) => e.label)).toEqual(['holds a', 'holds b']);
    // Nothing outside the scheduler was pending, so it was reported without waiting for the deadlock timeout.
    expect(r.message).not.toMatch(/waited/);
  });

  it('the exhaustive strategy finds it too, and the deadlock replays', async () => {
    const r = await check(opposite, { strategy: 'exhaustive' });
    expect(r.kind).toBe('deadlock');
    const again = await check(opposite, { replay: r.replay });
    expect(again.kind).toBe('deadlock');
    expect(again.trace).toEqual(r.trace);
  });

  it('a task waiting on a promise nobody resolves is a deadlock, not a hang', async () => {
    const r = await check(
      { name: 'orphan', tasks: [async (ctx) => { await ctx.step('before'); await new Promise(() => {}); }] },
      { runs: 5 },
    );
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/task A blocked/);
  });

  it('a stall beside a one-shot real timer is waited out until the timer is due, however far past deadlockTimeout: the task it wakes ends', async () => {
    const { setTimeout: sleep } = await import('node:timers/promises');
    const scenario = (wait: () => Promise<unknown>): Scenario<{ done: number }> => ({
      name: 'sleeps past deadlockTimeout',
      setup: () => ({ done: 0 }),
      tasks: [async (ctx, s) => { await ctx.step('before'); await wait(); s.done++; }, async (ctx) => ctx.step('other')],
      invariant: (s) => s.done === 1 || `done ${s.done}`,
    });
    // The global setTimeout, and timers/promises' (made inside Node, where the globals never see it): before, both were deadlocks after 50 ms.
    for (const wait of [() => new Promise((r) => setTimeout(r, 300)), () => sleep(300)]) {
      const r = await check(scenario(wait), { runs: 2, seed: 1, deadlockTimeout: 50 });
      expect(r.failed, r.message).toBe(false);
    }
  });

  it('a fetch answered after a server-side timer past deadlockTimeout passes: the wait after the task ended starts at its end', async () => {
    type S = { server: Server; url: string; body: string };
    const r = await check<S>(
      {
        name: 'slow reply',
        setup: async () => {
          const server = createServer((_req, res) => void setTimeout(() => res.end('ok'), 300));
          await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
          return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, body: '' };
        },
        tasks: [async (_ctx, s) => void (s.body = await (await fetch(s.url)).text())],
        invariant: (s) => s.body === 'ok' || `body ${s.body}`,
        teardown: async (s) => {
          s.server.closeAllConnections();
          await new Promise((resolve) => s.server.close(resolve));
        },
      },
      { runs: 2, seed: 1, deadlockTimeout: 100 },
    );
    // Before, the wait for fetch's keep-alive work after the task ended counted from the stall: "every task ended, but outside work never finished".
    expect(r.failed, r.message).toBe(false);
  });

  it('a stall beside an interval (which recurs for good) waits deadlockTimeout, then says a real timer is pending', async () => {
    let interval: ReturnType<typeof setInterval> | undefined;
    const r = await check(
      {
        name: 'stuck beside an interval',
        tasks: [async (ctx) => { await ctx.step('before'); interval = setInterval(() => {}, 10); await new Promise(() => {}); }],
      },
      { runs: 1, deadlockTimeout: 50 },
    );
    clearInterval(interval);
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/waited \d+ ms for outside work; a real timer is still pending \(an interval, or a timeout racekit did not see made\): if it would wake a task later, raise deadlockTimeout\)$/);
  });

  /** A token bucket an interval refills: each tick hands one token to the task waiting longest, or keeps it. */
  class Bucket {
    private tokens = 0;
    private readonly waiters: (() => void)[] = [];
    private readonly refill = setInterval(() => (this.waiters.length > 0 ? this.waiters.shift()!() : this.tokens++), 40);
    take(): Promise<void> {
      if (this.tokens === 0) return new Promise((resolve) => this.waiters.push(resolve));
      this.tokens--;
      return Promise.resolve();
    }
    stop(): void {
      clearInterval(this.refill);
    }
  }

  it('tasks an interval wakes one token at a time, with no yield point between, pass however far past deadlockTimeout they take in all', async () => {
    const takes = async (ctx: { step(label: string): Promise<void> }, s: { bucket: Bucket; taken: number }) => {
      await ctx.step('start');
      for (let i = 0; i < 3; i++) {
        await s.bucket.take();
        s.taken++;
      }
    };
    const r = await check<{ bucket: Bucket; taken: number }>(
      {
        name: 'token bucket',
        setup: () => ({ bucket: new Bucket(), taken: 0 }),
        tasks: [takes, takes],
        invariant: (s) => s.taken === 6 || `taken ${s.taken}`,
        teardown: (s) => s.bucket.stop(),
      },
      { runs: 2, seed: 1, deadlockTimeout: 100 },
    );
    // Six tokens 40 ms apart, every wait for the next shorter than deadlockTimeout: before, a deadlock once 100 ms had passed since the stall began.
    expect(r.failed, r.message).toBe(false);
  });

  it('a stall beside a heartbeat whose callback runs promise jobs, even on promises a task made, but wakes no task is a deadlock after about deadlockTimeout', async () => {
    let beats = 0;
    type S = { made?: Promise<void>; heartbeat?: ReturnType<typeof setInterval> };
    const r = await check<S>(
      {
        name: 'stuck beside a busy heartbeat',
        setup: () => {
          const s: S = {};
          const beat = async () => {
            await s.made?.then(() => beats++);
            await null;
          };
          s.heartbeat = setInterval(() => void beat(), 5);
          return s;
        },
        tasks: [
          async (ctx, s) => {
            // A promise of the task's own, settled: the heartbeat's reactions to it are the heartbeat's, not the task's.
            s.made = Promise.resolve();
            await ctx.step('before');
            await new Promise(() => {});
          },
        ],
        teardown: (s) => clearInterval(s.heartbeat),
      },
      { runs: 1, deadlockTimeout: 100 },
    );
    expect(r.kind).toBe('deadlock');
    expect(r.message).toMatch(/^deadlock: task A blocked and nothing pending \(waited \d+ ms for outside work; a real timer is still pending/);
    expect(beats).toBeGreaterThan(5);
    // Had the heartbeat's jobs counted as the task's, every beat would have restarted the wait until its 60 s cap.
    expect(r.message).not.toMatch(/still woken/);
  });

  it('an aborted signal ends a wait for outside work at once: the check returns what it explored, not a deadlock after deadlockTimeout', async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const r = await check(
      {
        name: 'stuck beside a timer, aborted',
        tasks: [async (ctx) => { await ctx.step('before'); timer = setTimeout(() => {}, 60_000); controller.abort(); await new Promise(() => {}); }],
      },
      { runs: 10, deadlockTimeout: 30_000, signal: controller.signal },
    );
    clearTimeout(timer);
    // Before, the run waited out the 30 s deadlockTimeout and then reported a deadlock: failed, and past vitest's timeout.
    expect(r.failed).toBe(false);
    expect(r.runs).toBe(1);
  });

  it('waits, bounded, for a real timer before deciding', async () => {
    const r = await check(
      {
        name: 'sleepy',
        setup: () => ({ done: false }),
        tasks: [async (ctx, s: { done: boolean }) => { await ctx.step('before'); await new Promise((r) => setTimeout(r, 20)); s.done = true; }],
        invariant: (s) => s.done,
      },
      { runs: 2 },
    );
    expect(r.message).toBeUndefined();
    expect(r.failed).toBe(false);
  });
});

describe('errors inside runs', () => {
  it('a task that throws fails the run with its message, not the kit', async () => {
    const r = await check({
      name: 'thrower',
      tasks: [async (ctx) => { await ctx.step('x'); throw new Error('boom'); }, async (ctx) => { await ctx.step('y'); }],
    });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('exception');
    expect(r.message).toMatch(/task A threw: boom/);
  });

  it('an unhandled rejection raised during a run fails that run', async () => {
    const r = await check({
      name: 'floating promise',
      tasks: [async (ctx) => { await ctx.step('x'); void Promise.reject(new Error('lost')); await ctx.step('y'); }],
    }, { runs: 3 });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('exception');
    expect(r.message).toMatch(/unhandled rejection: lost/);
  });

  // Runs follow one another within one turn of the event loop; the rejection surfaces at the next turn, several runs later.
  it.each([
    ['flows not carried: the batch is run again to find the run', false],
    ['flows carried (a dependency wrapped in setup): the promise names its run', true],
  ])('an unhandled rejection is credited to the run that raised it, not a later one (%s)', async (_how, wrapInSetup) => {
    // Only runs whose workload is 7 misbehave; the same check with an invariant that fails there says which run is first.
    const scenario = (reject: boolean): Scenario<{ call: () => Promise<number> }, number> => ({
      name: 'some runs reject',
      workload: fc.integer({ min: 0, max: 20 }),
      setup: (ctx) => ({ call: wrapInSetup ? ctx.wrap(async () => 1, 'call') : async () => 1 }),
      tasks: (w) => [
        async (ctx, s) => {
          await s.call();
          if (w === 7 && reject) void Promise.reject(new Error(`workload ${w} lost this`));
          await ctx.step('after');
        },
      ],
      invariant: (_s, w) => reject || w !== 7 || 'workload 7',
    });
    const options = { strategy: 'random' as const, runs: 100, shrink: false, seed: 3 };
    const first = (await check(scenario(false), options)).firstFailure!;
    // Not the first run, and not the last of its batch of 16: later runs ran before the rejection surfaced.
    expect(first).toBeGreaterThan(1);
    expect(first % 16).not.toBe(0);
    const r = await check(scenario(true), options);
    expect(r.failed).toBe(true);
    expect(r.message).toBe('unhandled rejection: workload 7 lost this');
    expect(r.firstFailure).toBe(first);
    expect(r.runs).toBeGreaterThan(first);
    const again = await check(scenario(true), { replay: r.replay });
    expect(again.failed).toBe(true);
    expect(again.message).toBe(r.message);
  });

  it("a real timer of the run's own that throws while the run waits for it fails that run, and replays", async () => {
    const scenario: Scenario<undefined> = {
      name: 'own timer throws',
      tasks: [
        async (ctx) => {
          await ctx.step('x');
          await new Promise<void>((resolve) => setTimeout(() => { resolve(); throw new Error('own timer threw'); }, 5));
          await ctx.step('z');
        },
        async (ctx) => ctx.step('y'),
      ],
    };
    const r = await check(scenario, { runs: 20, seed: 1 });
    expect(r.message).toBe('uncaught exception: own timer threw');
    const again = await check(scenario, { replay: r.replay });
    expect(again.message).toBe(r.message);
    expect(again.trace).toEqual(r.trace);
  });

  // In a process of its own (its listener, if any, stands for the test runner's), with racekit as a user imports it.
  const runScript = (body: string) => node(['--input-type=module', '-e', `import { check } from 'racekit';\n${body}`]);

  it("an earlier run's leftover timer that throws while a later run waits is not blamed on the later run: it reaches the test runner", async () => {
    const { declare, scenario } = leftoverTimer('leftover', 20);
    const out = await runScript(`${declare}
      const forwarded = [];
      process.on('uncaughtException', (e) => forwarded.push(e.message));
      const r = await check(${scenario}, { runs: 20, seed: 1 });
      console.log(JSON.stringify({ failed: r.failed, message: r.message, forwarded }));`);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ failed: false, forwarded: ['thrown by run 2'] });
  });

  it("with no listener of the test runner's to hand it to, such an error is one line on stderr and the exit code", async () => {
    const { declare, scenario } = leftoverTimer('leftover', 20);
    const out = await runScript(`${declare}
      const r = await check(${scenario}, { runs: 20, seed: 1 });
      console.log(JSON.stringify({ failed: r.failed }));`);
    expect(out).toEqual({ code: 1, stdout: '{"failed":false}\n', stderr: `${leftoverNotice('leftover')}\n` });
  });

  it('a task that throws what String cannot convert is an exception naming the task, not a deadlock; an error says its cause and an AggregateError its errors', async () => {
    const throwing = (value: () => unknown): Scenario<undefined> => ({ name: 'throws', tasks: [async (ctx) => ctx.step('ok'), async (ctx) => { await ctx.step('before'); throw value(); }] });
    for (const [value, text] of [
      [() => Object.create(null), '[Object: null prototype] {}'],
      [() => ({ toString() { throw new Error('no'); } }), '{ toString: [Function: toString] }'],
      [() => ({ name: 'MyErr', message: 'not an Error' }), "{ name: 'MyErr', message: 'not an Error' }"],
      [() => 10n, '10n'],
      // A revoked Proxy throws even on instanceof: the check never settled.
      [() => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }, 'a thrown value that cannot be printed'],
      [() => new Error('outer', { cause: new TypeError('inner') }), 'outer (cause: TypeError: inner)'],
      [() => new AggregateError([new Error('first'), 'second'], 'all failed'), 'AggregateError: all failed [first; second]'],
      [() => new AggregateError([]), 'AggregateError'],
    ] as const) {
      const r = await check(throwing(value), { runs: 5, seed: 1 });
      expect(r.kind).toBe('exception');
      expect(r.message).toBe(`task B threw: ${text}`);
    }
  });

  it('an invariant that returns an empty message fails saying so, not with a blank', async () => {
    const r = await check({ name: 'blank', tasks: [async (ctx) => ctx.step('a')], invariant: () => '' }, { runs: 1 });
    expect(r.message).toBe('invariant broken (its message was empty)');
  });

  it('a livelock ends as a step-budget failure', async () => {
    const r = await check(
      {
        name: 'spin',
        setup: () => ({ flag: false }),
        tasks: [async (ctx, s: { flag: boolean }) => { while (!s.flag) await ctx.step('spin'); }],
      },
      { stepBudget: 500, runs: 1 },
    );
    expect(r.kind).toBe('step-budget');
    expect(r.message).toMatch(/500 steps/);
  });

  it('a scenario carries its own stepBudget and deadlockTimeout (racekit audit runs an exported scenario as it is); check\'s options win; a bad one is rejected naming the scenario', async () => {
    const long: Scenario<{ n: number }> = {
      name: 'long but ending',
      stepBudget: 3000,
      setup: () => ({ n: 0 }),
      tasks: [async (ctx, s) => { while (s.n < 1000) { s.n++; await ctx.step('tick'); } }, async (ctx, s) => { while (s.n < 1000) { s.n++; await ctx.step('tock'); } }],
    };
    // 1,000 steps and more: over a budget of 500, within the scenario's 3,000 (before, the scenario's field was dropped without a word).
    expect((await check(long, { runs: 2, seed: 1 })).failed).toBe(false);
    const over = await check(long, { runs: 1, seed: 1, stepBudget: 500 });
    expect(over.kind).toBe('step-budget');
    expect(over.message).toBe('step budget exhausted: more than 500 steps (a livelock, or a run longer than that: raise stepBudget, a scenario field or check option)');
    // Woken at an interval's fifth tick: a stall beside an interval is waited out for deadlockTimeout alone.
    const fifthTick = () => new Promise<void>((resolve) => { let ticks = 0; const i = setInterval(() => ++ticks === 5 && (clearInterval(i), resolve()), 20); });
    const ticking: Scenario<undefined> = { name: 'waits for five ticks', deadlockTimeout: 30, tasks: [async (ctx) => { await ctx.step('before'); await fifthTick(); }] };
    expect((await check(ticking, { runs: 1 })).kind).toBe('deadlock');
    expect((await check(ticking, { runs: 1, deadlockTimeout: 2000 })).failed).toBe(false);
    await expect(check({ ...long, stepBudget: 0 })).rejects.toThrow('scenario "long but ending": stepBudget must be an integer ≥ 1, got 0 (number)');
    await expect(check({ ...long, deadlockTimeout: '5s' } as unknown as Scenario<{ n: number }>)).rejects.toThrow('scenario "long but ending": deadlockTimeout must be an integer ≥ 0, got "5s" (string)');
  });

  it('setup that throws is reported as an exception, without a warning that nothing was interleaved or an empty table', async () => {
    const r = await check({ name: 'bad setup', setup: () => { throw new Error('no db'); }, tasks: [async () => {}] }, { runs: 1 });
    expect(r.message).toMatch(/setup threw: no db/);
    expect(r.warnings).toEqual([]);
    const { formatFailure } = await import('../src/report/text.js');
    expect(formatFailure(r)).not.toMatch(/nothing was interleaved|step \||marks a preemption/);
  });

  it('an async setup that rejects is told apart from a task whose error reads like one: only the setup goes without the warning', async () => {
    const rejected = await check({ name: 'bad async setup', setup: async () => { throw new Error('no db'); }, tasks: [async () => {}] }, { runs: 1 });
    expect(rejected.message).toMatch(/setup threw: no db/);
    expect(rejected.warnings).toEqual([]);
    const task = await check({ name: 'task threw', tasks: [async () => { throw new Error('setup threw'); }] }, { runs: 1 });
    expect(task.message).toMatch(/task .* threw: .*setup threw/);
    expect(task.warnings.join('\n')).toMatch(/nothing was interleaved/);
  });

  it('an invariant that throws is an invariant failure with its message', async () => {
    const r = await check({ name: 'assert', tasks: [async () => {}], invariant: () => { throw new Error('expected 2'); } }, { runs: 1 });
    expect(r.kind).toBe('invariant');
    expect(r.message).toMatch(/expected 2/);
  });
});

describe('bad options', () => {
  it.each([
    [{ runs: -3 }, /runs must be an integer ≥ 1, got -3 \(number\)/],
    [{ strategy: 'nope' }, /strategy must be/],
    [{ depth: 0 }, /depth must be an integer ≥ 1/],
    [{ time: 'sometimes' }, /time must be 'real' or 'virtual', got "sometimes"/],
  ])('%o is a typed error naming the option', async (options, message) => {
    await expect(check({ name: 'x', tasks: [async () => {}] }, options as never)).rejects.toMatchObject({ code: 'RACEKIT_INVALID_OPTION', message: expect.stringMatching(message) });
  });

  it('a scenario without tasks is rejected by name', async () => {
    await expect(check({ name: 'empty', tasks: [] })).rejects.toThrow(/scenario "empty": tasks must be a non-empty array/);
  });

  it('a malformed replay token is rejected', async () => {
    await expect(check({ name: 'x', tasks: [async () => {}] }, { replay: 'garbage' })).rejects.toMatchObject({ code: 'RACEKIT_INVALID_REPLAY' });
    await expect(check({ name: 'x', tasks: [async () => {}] }, { replay: 'rk1:1:0::0*99999999999:0:0' })).rejects.toThrow(/schedule has more than 100000000 values/);
  });

  it("a long run's token writes a run of equal values once with its count, and replays the same trace", async () => {
    // Both read before their first step, A writes after 3,000 steps: a lost update in every run, its trace mostly A's.
    const scenario: Scenario<{ n: number }> = {
      name: 'long lost update',
      setup: () => ({ n: 0 }),
      tasks: [async (ctx, s) => { const v = s.n; for (let i = 0; i < 3000; i++) await ctx.step('spin'); s.n = v + 1; }, async (ctx, s) => { const v = s.n; await ctx.step('read'); s.n = v + 1; }],
      invariant: (s) => s.n === 2 || `n = ${s.n}`,
    };
    const r = await check(scenario, { strategy: 'random', seed: 1, runs: 1, shrink: false });
    expect(r.failed).toBe(true);
    expect(r.traceSteps).toBeGreaterThan(3000);
    // Each step's task and choice written out was 2 characters or more: over 12,000 characters.
    expect(r.replay!.length).toBeLessThan(2000);
    expect(r.replay).toMatch(/\d\*\d{2,}/);
    const again = await check(scenario, { replay: r.replay });
    expect(again.divergedAt).toBeUndefined();
    expect(again.trace).toEqual(r.trace);
  });
});

describe('checks on one thread', () => {
  it('a check called from inside a run is refused by name; two checks at once run one after the other', async () => {
    let inner: unknown;
    const outer = await check({ name: 'outer', tasks: [async (ctx) => { await ctx.step('a'); inner = await check({ name: 'inner', tasks: [async () => {}] }).catch((e: unknown) => e); }] }, { runs: 1 });
    expect(outer.failed).toBe(false);
    expect(inner).toMatchObject({ code: 'RACEKIT_NESTED_CHECK', message: expect.stringMatching(/check\("inner"\) was called from inside a run/) });
    const order: string[] = [];
    const scenario = (name: string) => ({ name, tasks: [async (ctx: { step(l: string): Promise<void> }) => { order.push(`${name} start`); await ctx.step('s'); order.push(`${name} end`); }] });
    await Promise.all([check(scenario('first'), { runs: 1 }), check(scenario('second'), { runs: 1 })]);
    expect(order).toEqual(['first start', 'first end', 'second start', 'second end']);
  });
});
