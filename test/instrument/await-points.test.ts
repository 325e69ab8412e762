import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check } from '../../src/check.js';
import type { Scenario } from '../../src/scenario.js';
import { instrumentSource } from '../../src/instrument/transform.js';
import { instrumentState } from '../../src/instrument/runtime.js';
import { stepText } from '../../src/report/step-text.js';
import { UNTASKED } from '../../src/check/warnings.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What an instrumented await means inside a check (src/scheduler/await-points.ts):
 * a yield point of the task whose flow reaches it, taken after the value
 * settles; a plain await outside every task; each flow of a task its own
 * pending yield point. The code under test below has no racekit call: it
 * is transformed as a loader would, written to a file, and imported.
 */
const dir = mkdtempSync(join(tmpdir(), 'racekit-awaits-'));

async function load<T>(name: string, source: string): Promise<T> {
  // The original stays on disk, where labels point (reports show its lines); the transformed code loads from beside it.
  const file = join(dir, name);
  writeFileSync(file, source);
  const result = instrumentSource(source, { file, format: 'module' });
  if (!result) throw new Error(`${name}: nothing to instrument`);
  const loaded = join(dir, `instrumented-${name}`);
  writeFileSync(loaded, result.code);
  return (await import(pathToFileURL(loaded).href)) as T;
}

interface Counter {
  value: number;
  /** Read, await, write: the lost update when two flows interleave between the read and the write. */
  increment(): Promise<void>;
}

const counterModule = await load<{ Counter: new () => Counter; twice(c: Counter): Promise<void>; later(c: Counter, done: () => void): void; warm(c: Counter): Promise<number> }>(
  'counter.mjs',
  `
export class Counter {
  value = 0;
  async increment() {
    const v = this.value;
    await null;
    this.value = v + 1;
  }
}
/** Two flows of one task, side by side. */
export async function twice(c) {
  await Promise.all([c.increment(), c.increment()]);
}
/** A background flow the caller does not wait for (a library's internal loop). */
export function later(c, done) {
  void (async () => {
    await c.increment();
    done();
  })();
}
/** Called from setup: outside every task. */
export async function warm(c) {
  for (let i = 0; i < 3; i++) await c.increment();
  return c.value;
}
`,
);
const { Counter, twice, later, warm } = counterModule;
const { get } = await load<{ get(url: string): Promise<string> }>('client.mjs', 'export async function get(url) { const response = await fetch(url); return await response.text(); }\n');

const { Logger, Gate } = await load<{ Logger: new () => { lines: string[]; log(m: string): Promise<void> }; Gate: new () => { order: string[]; a(): Promise<void>; b(): Promise<void> } }>(
  'same-promise.mjs',
  `
/** Every log line waits for the one opening: three awaits of one promise. */
export class Logger {
  lines = [];
  opened = (async () => {})();
  async log(m) {
    await this.opened;
    this.lines.push(m);
  }
}
/** A waits on open before B can open it: A's reaction to open is registered first. */
export class Gate {
  order = [];
  #open;
  #opened = new Promise((r) => (this.#open = r));
  #aWaiting;
  #aWaits = new Promise((r) => (this.#aWaiting = r));
  async a() {
    const opened = this.#opened;
    this.#aWaiting();
    await opened;
    this.order.push('A');
  }
  async b() {
    await this.#aWaits;
    this.#open();
    await this.#opened;
    this.order.push('B');
  }
}
`,
);

const lostUpdate = (s: { c: Counter }, expected: number) => s.c.value === expected || `counter is ${s.c.value}, expected ${expected}`;

describe('instrumented awaits inside a check', () => {
  it('are yield points: two tasks calling plain code race, and the trace names the source lines', async () => {
    const scenario: Scenario<{ c: Counter }> = {
      name: 'two tasks',
      setup: () => ({ c: new Counter() }),
      tasks: [async (_ctx, s) => s.c.increment(), async (_ctx, s) => s.c.increment()],
      invariant: (s) => lostUpdate(s, 2),
    };
    const r = await check(scenario, { seed: 1, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('counter is 1, expected 2');
    expect(r.trace!.map((e) => [r.taskNames![e.task], e.kind, e.label.replace(/^await .*\//, 'await ')])).toEqual([
      ['A', 'await', 'await counter.mjs:6'],
      ['B', 'await', 'await counter.mjs:6'],
    ]);
    expect(r.trace![0]!.source).toBe('await null;');
    // B read the counter before step 1, where its await was reached: its row says so, or the lost update would read as serial.
    expect(r.trace!.map((e) => e.madeAfter)).toEqual([undefined, 0]);
    expect(stepText(r.trace![1]!)).toMatch(/^await .*counter\.mjs:6 \(reached before step 1\)/);
    const again = await check(scenario, { replay: r.replay });
    expect(again.failed).toBe(true);
    expect(again.trace).toEqual(r.trace);
  });

  it('are yield points past each task\'s first also when no instrumented module had finished loading as the check began (a top-level await, an import in setup)', async () => {
    const state = instrumentState();
    state.loaded = false;
    try {
      const r = await check({ name: 'loading', setup: () => ({ c: new Counter() }), tasks: [async (_ctx, s: { c: Counter }) => warm(s.c), async (_ctx, s: { c: Counter }) => warm(s.c)], invariant: () => true }, { seed: 1, runs: 5 });
      // Six awaits per task (three increments, each awaited), every one a step of every run (only the first of each task was, before).
      expect(r.steps).toBe(5 * 12);
    } finally {
      state.loaded = true;
    }
  });

  it('every flow of one task is its own pending yield point, named after its task', async () => {
    const r = await check({ name: 'Promise.all in one task', setup: () => ({ c: new Counter() }), tasks: [async (_ctx, s: { c: Counter }) => twice(s.c)], invariant: (s) => lostUpdate(s, 2) }, { seed: 1, runs: 200 });
    // One task, two flows: both increments read 0 before either writes.
    expect(r.failed).toBe(true);
    expect(r.trace!.every((e) => e.task === 0 && e.kind === 'await')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('awaits of one promise resume in the order they were reached, one right after the other, as Node runs its reactions', async () => {
    // A tester's false alarm: each of the three awaits of `opened` was its own pending yield point, and 'b,a,c' was reported.
    const logger = await check({ name: 'one promise, three flows', setup: () => ({ l: new Logger() }), tasks: [async (_ctx, s: { l: InstanceType<typeof Logger> }) => void (await Promise.all([s.l.log('a'), s.l.log('b'), s.l.log('c')]))], invariant: (s) => s.l.lines.join() === 'a,b,c' || `lines ${s.l.lines.join()}` }, { seed: 1, runs: 300 });
    expect(logger.failed).toBe(false);
    expect(logger.message).toBeUndefined();
    // Also across tasks: A's reaction to the gate is registered before B opens it, so A goes first in every run.
    const gate = await check({ name: 'one promise, two tasks', setup: () => ({ g: new Gate() }), tasks: [async (_ctx, s: { g: InstanceType<typeof Gate> }) => s.g.a(), async (_ctx, s: { g: InstanceType<typeof Gate> }) => s.g.b()], invariant: (s) => s.g.order.join() === 'A,B' || `order ${s.g.order.join()}` }, { seed: 1, runs: 300 });
    expect(gate.failed).toBe(false);
    expect(gate.runs).toBe(300);
  });

  it('a flow that outlives its task is still that task\'s: its awaits interleave with the other tasks', async () => {
    const scenario: Scenario<{ c: Counter; done: boolean }> = {
      name: 'background flow',
      setup: () => ({ c: new Counter(), done: false }),
      tasks: [
        async (_ctx, s) => later(s.c, () => (s.done = true)),
        async (_ctx, s) => s.c.increment(),
      ],
      invariant: (s) => (s.done ? lostUpdate(s, 2) : 'the background flow never ended'),
    };
    const r = await check(scenario, { seed: 2, runs: 300 });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('counter is 1, expected 2');
    expect(new Set(r.trace!.map((e) => e.task))).toEqual(new Set([0, 1]));
  });

  it('are plain awaits outside every task: setup\'s awaits are not steps', async () => {
    const r = await check(
      {
        name: 'warm in setup',
        setup: async () => {
          const c = new Counter();
          return { c, warmed: await warm(c) };
        },
        tasks: [async (_ctx, s: { c: Counter; warmed: number }) => s.c.increment()],
        invariant: (s) => (s.warmed === 3 && s.c.value === 4) || `warmed ${s.warmed}, value ${s.c.value}`,
      },
      { seed: 1, runs: 20 },
    );
    expect(r.failed).toBe(false);
    // The task's one await is the only yield point: setup's three were plain.
    expect(r.steps).toBe(20);
    expect(r.warnings).toEqual([expect.stringMatching(/no run had two yield points pending at once/)]);
  });

  it("reached in a server's request handler (a callback the event loop started), are plain awaits, and a check that passes says so", async () => {
    type S = { c: Counter; server: Server; url: string };
    const scenario: Scenario<S> = {
      name: 'counter behind a server',
      setup: async () => {
        const c = new Counter();
        const server = createServer((_req, res) => void c.increment().then(() => res.end('ok')));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return { c, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
      },
      // The tasks' own awaits are instrumented too, as in a module audited whole: they interleave, the handler's do not.
      tasks: [0, 1].map(() => async (_ctx: unknown, s: S) => void (await get(s.url))),
      invariant: (s) => lostUpdate(s, 2),
      teardown: async (s) => {
        s.server.closeAllConnections();
        await new Promise((resolve) => s.server.close(resolve));
      },
    };
    const r = await check(scenario, { seed: 1, runs: 10 });
    expect(r.failed).toBe(false);
    expect(r.warnings).toEqual([UNTASKED]);
    // Awaits of the tasks alone (a check of the counter itself) say nothing of the kind.
    const direct = await check({ name: 'counter', setup: () => ({ c: new Counter() }), tasks: [0, 1].map(() => async (_ctx: unknown, s: { c: Counter }) => s.c.increment()), invariant: (s) => lostUpdate(s, 2) }, { strategy: 'exhaustive' });
    expect(direct.warnings).toEqual([]);
  });

  it('deliver rejections after the yield point, where the flow can catch them', async () => {
    const { guarded } = await load<{ guarded(fail: () => Promise<never>): Promise<string> }>(
      'reject.mjs',
      `
export async function guarded(fail) {
  try {
    await fail();
    return 'no error';
  } catch (error) {
    return 'caught ' + error.message;
  }
}
`,
    );
    const r = await check(
      {
        name: 'rejection',
        setup: () => ({ out: [] as string[] }),
        tasks: [
          async (_ctx, s: { out: string[] }) => void s.out.push(await guarded(() => Promise.reject(new Error('gone')))),
          async (ctx) => ctx.step('other'),
        ],
        invariant: (s) => s.out.join() === 'caught gone' || s.out.join(),
      },
      { strategy: 'exhaustive' },
    );
    expect(r.failed).toBe(false);
    expect(r.exhausted).toBe(true);
  });

  it('each turn of a for await is a yield point', async () => {
    const { sum } = await load<{ sum(items: AsyncIterable<number> | Iterable<number>): Promise<number> }>(
      'iterate.mjs',
      `
export async function sum(items) {
  let total = 0;
  for await (const x of items) total += x;
  return total;
}
`,
    );
    const r = await check(
      {
        name: 'for await',
        setup: () => ({ totals: [] as number[] }),
        tasks: [async (_ctx, s: { totals: number[] }) => void s.totals.push(await sum([1, 2, 3]))],
        invariant: (s) => (s.totals[0] === 6 ? 'report the trace' : `total ${s.totals[0]}`),
      },
      { seed: 1, runs: 1, shrink: false },
    );
    // Three items and the end of the iteration: four turns.
    expect(r.trace!.map((e) => e.label.replace(/^await .*\//, 'await '))).toEqual(Array(4).fill('await iterate.mjs:4'));
  });

  it('under virtual time, no timer fires before an await whose value has settled: Node runs every promise job before the next timer', async () => {
    const { debounced } = await load<{ debounced(saved: string[]): Promise<void> }>(
      'debounce.mjs',
      `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A save armed for 50 ms and cancelled 10 ms later: the cancelled save never runs. */
export async function debounced(saved) {
  const t = setTimeout(() => saved.push('stale'), 50);
  await sleep(10);
  clearTimeout(t);
  saved.push('fresh');
}
`,
    );
    const scenario: Scenario<{ saved: string[] }> = {
      name: 'cleared timer',
      time: 'virtual',
      setup: () => ({ saved: [] }),
      tasks: [async (_ctx, s) => debounced(s.saved), async (ctx) => { await ctx.step('a'); await ctx.step('b'); }],
      invariant: (s) => s.saved.join() === 'fresh' || `saved ${s.saved.join()}`,
    };
    for (const strategy of ['random', 'pct', 'exhaustive', 'portfolio'] as const) {
      const r = await check(scenario, { strategy, seed: 1, runs: 200 });
      expect(r.failed, `${strategy}: ${r.message}`).toBe(false);
      expect(r.steps).toBeGreaterThan(0);
    }
  });

  it('under virtual time, a loop that polls with setImmediate until a timer ends it does end: after rounds of waiting with the clock held, the due timer is offered', async () => {
    const { pollUntil } = await load<{ pollUntil(signal: AbortSignal): Promise<number> }>(
      'poll.mjs',
      `
export async function pollUntil(signal) {
  let n = 0;
  while (!signal.aborted) {
    await new Promise((r) => setImmediate(r));
    n++;
  }
  return n;
}
`,
    );
    const scenario: Scenario<{ polls: number }> = {
      name: 'poll until a deadline',
      time: 'virtual',
      setup: () => ({ polls: -1 }),
      tasks: [async (_ctx, s) => void (s.polls = await pollUntil(AbortSignal.timeout(100)))],
      invariant: (s) => s.polls >= 0 || 'the loop never ended',
    };
    // Before, every run was a step-budget livelock: the clock never moved while an await was pending after each immediate.
    const r = await check(scenario, { seed: 1, runs: 3 });
    expect(r.failed, r.message).toBe(false);
  });
});

