import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFile } from 'node:fs/promises';
import { pbkdf2 } from 'node:crypto';
import { gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { spawnSync } from 'node:child_process';
import { check } from '../src/check.js';
import type { Scenario, TaskFn } from '../src/scenario.js';
import type { StrategyName } from '../src/scheduler/strategy.js';

const strategies: StrategyName[] = ['random', 'pct', 'exhaustive', 'portfolio'];

const hash = (iterations: number) => new Promise<string>((resolve, reject) => pbkdf2('pw', 'salt', iterations, 16, 'sha256', (e, key) => (e ? reject(e) : resolve(key.toString('hex')))));
const zip = () => new Promise<string>((resolve, reject) => gzip('x'.repeat(100_000), (e, out) => (e ? reject(e) : resolve(String(out.length)))));

type Raced = Scenario<{ result?: unknown }>;
const raceTask = (work: () => Promise<unknown>): TaskFn<{ result?: unknown }> => async (_ctx, s) => { s.result = await Promise.race([work().then(() => 'done'), sleep(30_000, 'timeout')]); };

/** Outside work raced against a 30-second virtual timeout, alone. */
function raceAlone(work: () => Promise<unknown>): Raced {
  return {
    name: 'outside work vs a timeout',
    time: 'virtual',
    setup: () => ({}),
    tasks: [raceTask(work)],
    invariant: (s) => s.result === 'done' || `the 30 s virtual timeout fired first: ${String(s.result)}`,
  };
}

/** Outside work raced against a 30-second virtual timeout, beside a task with steps pending meanwhile. */
function raceBesideSteps(work: () => Promise<unknown>): Raced {
  return {
    ...raceAlone(work),
    name: 'outside work vs a timeout, another task pending',
    tasks: [raceTask(work), async (ctx) => { for (let i = 0; i < 3; i++) await ctx.step(`b${i}`); }],
  };
}

describe('virtual time: outside work in flight holds the clock', () => {
  it.each([
    ['a file read', () => readFile(fileURLToPath(import.meta.url))],
    ['a pbkdf2 job', () => hash(1000)],
    ['a zlib job', zip],
  ])('%s beats a 30-second timeout while another task has steps pending, under every strategy', async (_name, work) => {
    for (const strategy of strategies) {
      const r = await check(raceBesideSteps(work), { strategy, runs: 20, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  // deadlockTimeout 20 ms: jobs of some 100 ms are longer than it, as a 3-second job is than the default 2 s.
  it('a thread-pool job longer than deadlockTimeout still beats a 30-second timeout, alone or beside pending steps', async () => {
    for (const scenario of [raceAlone(() => hash(150_000)), raceBesideSteps(() => hash(150_000))]) {
      const r = await check(scenario, { runs: 2, seed: 1, deadlockTimeout: 20 });
      expect(r.failed, `${scenario.name}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('so does a job of a piscina pool made before the check', async () => {
    const pool = new Piscina({ filename: new URL('../workers/primes.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1 });
    try {
      await pool.run({ start: 2, end: 3 });
      const job = () => pool.run({ start: 2, end: 400_000 }) as Promise<number>;
      for (const scenario of [raceAlone(job), raceBesideSteps(job)]) {
        const r = await check(scenario, { runs: 2, seed: 1, deadlockTimeout: 20 });
        expect(r.failed, `${scenario.name}: ${r.failed ? r.message : ''}`).toBe(false);
      }
    } finally {
      await pool.destroy();
    }
  });

  it('work that outlasts the timer (a stuck job) lets it fire once the work has run as long as its delay, as a real execution would; with no timer the run is a deadlock', async () => {
    const pool = new Piscina({ filename: new URL('../workers/primes.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1 });
    try {
      await pool.run({ start: 2, end: 3 });
      // Trial division up to 2e9 takes hours: stuck, until destroy() ends it.
      const stuck = () => pool.run({ start: 2, end: 2e9 }) as Promise<number>;
      const results: unknown[] = [];
      const started = performance.now();
      const r = await check<{ result?: unknown }>({
        name: 'stuck job vs a 200 ms timeout',
        time: 'virtual',
        setup: () => ({}),
        tasks: [async (_ctx, s) => { s.result = await Promise.race([stuck(), sleep(200, 'timeout')]); }],
        invariant: (s) => void results.push(s.result),
      }, { runs: 1, deadlockTimeout: 20 });
      const took = performance.now() - started;
      expect(r.failed, r.message).toBe(false);
      expect(results).toEqual(['timeout']);
      // Not before a real execution's timer (load only makes it later), and not after the stuck job.
      expect(took).toBeGreaterThanOrEqual(195);

      const d = await check({ name: 'stuck job, no timer', time: 'virtual', tasks: [async () => { await stuck(); }] }, { runs: 1, deadlockTimeout: 20 });
      expect(d).toMatchObject({ failed: true, kind: 'deadlock', message: expect.stringMatching(/unlisted work outstanding: .*Piscina\.Task/) });
    } finally {
      await pool.destroy();
    }
  });

  it('a hold longer than deadlockTimeout is said once on stderr, with how long it may go on', () => {
    const index = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));
    const script = `import { check } from ${JSON.stringify(index)};
      import { pbkdf2 } from 'node:crypto';
      import { setTimeout as sleep } from 'node:timers/promises';
      const hash = () => new Promise((resolve) => pbkdf2('pw', 'salt', 150000, 16, 'sha256', resolve));
      const r = await check({ name: 'long job', time: 'virtual', setup: () => ({}),
        tasks: [async (_ctx, s) => { s.result = await Promise.race([hash().then(() => 'done'), sleep(30000, 'timeout')]); }],
        invariant: (s) => s.result === 'done' || 'timed out' }, { runs: 2, seed: 1, deadlockTimeout: 20 });
      process.stdout.write(String(r.failed));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stdout).toBe('false');
    expect(child.stderr).toMatch(/^racekit: scenario "long job": outside work in flight \(a request, a thread-pool job\) holds the virtual clock: the due timer fires in at most 30\.0 s, once the work has taken as long as the timer's delay, as in a real execution\n$/);
  });
});
