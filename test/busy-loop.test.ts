import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { polling, type Flagged } from './support/polling.js';

/** One turn of the event loop, as code that polls with setImmediate waits. */
const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a loop of awaits that polls (no yield point in it)', () => {
  it('is not a hang: the pending yield point of the task that will end it is resumed, under every strategy', async () => {
    for (const strategy of ['random', 'pct', 'exhaustive', 'portfolio'] as StrategyName[]) {
      const scenario = { ...polling(), invariant: (s: Flagged) => s.order.length === 1 || 'A never saw ready' };
      const r = await check(scenario, { strategy, runs: 8, seed: 2 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('a lost update after the loop is found, and replays the same trace', async () => {
    const r = await check(polling(), { strategy: 'exhaustive' });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('n = 1');
    const again = await check(polling(), { replay: r.replay });
    expect(again.message).toBe('n = 1');
    expect(again.divergedAt).toBeUndefined();
    expect(again.trace).toEqual(r.trace);
  });

  it('polling with setImmediate is not a wait for outside work that lasts the deadlock timeout at each decision, and replays exactly', async () => {
    const scenario = { ...polling(immediate), invariant: (s: Flagged) => s.order.length === 1 || 'A never saw ready' };
    for (const strategy of ['random', 'exhaustive'] as StrategyName[]) {
      const r = await check(scenario, { strategy, runs: 6, seed: 3 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
    // Where the loop is cut must not depend on timing: the number of polls is part of the state each replay reaches.
    const counted = { ...polling(immediate), invariant: (s: Flagged) => s.n === 2 || `n = ${s.n} after ${s.polls} polls` };
    const r = await check(counted, { strategy: 'exhaustive' });
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/^n = 1 after \d+ polls$/);
    for (let i = 0; i < 3; i++) {
      const again = await check(counted, { replay: r.replay });
      expect(again.message).toBe(r.message);
      expect(again.trace).toEqual(r.trace);
    }
  });

  it('a long loop of awaits that ends is not a livelock: with nothing else to resume, the run waits it out', async () => {
    // 400,000 iterations of an awaited async call: over a million rounds of the microtask queue, and a few hundred ms.
    const rows = 400_000;
    const r = await check(
      {
        name: 'bulk import',
        setup: () => ({ rows: 0 }),
        tasks: [
          async (ctx, s) => {
            await ctx.step('begin');
            const insert = async () => { await null; s.rows++; };
            for (let i = 0; i < rows; i++) await insert();
          },
          async (ctx) => { await ctx.step('other'); },
        ],
        invariant: (s) => s.rows === rows || `${s.rows} rows`,
      },
      { runs: 2, seed: 1 },
    );
    expect(r.failed, r.failed ? r.message : '').toBe(false);
  });

  it('a wrapped call\'s answer is not resumed in the middle of such a loop: it comes from the event loop, after the loop', async () => {
    const r = await check(
      {
        name: 'answer amid a loop',
        setup: (ctx) => ({ importing: false, amid: undefined as number | undefined, rows: 0, count: ctx.wrap(async () => 42, 'count') }),
        tasks: [
          async (ctx, s) => {
            await ctx.step('begin');
            s.importing = true;
            const insert = async () => { await null; s.rows++; };
            for (let i = 0; i < 400_000; i++) await insert();
            s.importing = false;
          },
          async (ctx, s) => {
            await s.count();
            if (s.importing) s.amid = s.rows;
            await ctx.step('after count');
          },
        ],
        invariant: (s) => s.amid === undefined || `the answer came after ${s.amid} rows`,
      },
      { runs: 4, seed: 1 },
    );
    expect(r.failed, r.failed ? r.message : '').toBe(false);
  });

  /** What a check of `tasks` (source text) prints on stderr first, in a process of its own: nothing queued behind such a loop will ever run there, the test runner's timers included. */
  async function firstWordOf(name: string, tasks: string): Promise<string> {
    const index = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
    const script = `import { check } from ${JSON.stringify(index)};
      await check({ name: ${JSON.stringify(name)}, setup: () => ({ ready: false }), tasks: ${tasks} }, { runs: 1, seed: 1 });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      return await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n')) resolve(text);
        });
        child.on('exit', () => resolve(text));
        child.on('error', reject);
      });
    } finally {
      child.kill('SIGKILL');
    }
  }

  const starved = (name: string, tasks: string) =>
    `racekit: scenario "${name}": the code of unfinished ${tasks} kept the microtask or tick queue busy for 1,000,000 rounds with no yield point to resume meanwhile: a long loop of awaits goes on, but one polling for a change nothing can make (such as \`while (!ready) await null\`) never ends, and then the process cannot go on\n`;

  it('with nothing pending it starves the process for good, and says so on stderr at once', async () => {
    expect(await firstWordOf('spins forever', `[async (ctx, s) => { await ctx.step('start'); while (!s.ready) await null; }]`)).toBe(starved('spins forever', 'task A'));
  });

  it('a loop of process.nextTick starves even the promise jobs that would end it (as in a real execution), and says so', async () => {
    const tasks = `[
      async (_ctx, s) => { await new Promise((done) => { const loop = () => (s.ready ? done() : process.nextTick(loop)); loop(); }); },
      async (ctx, s) => { await ctx.step('set ready'); s.ready = true; },
    ]`;
    expect(await firstWordOf('ticks forever', tasks)).toBe(starved('ticks forever', 'tasks A, B'));
  });
});
