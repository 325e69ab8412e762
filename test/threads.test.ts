import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { ControlledWorkers } from '../src/threads/controlled/controlled-workers.js';
import { threadSets } from '../src/threads/controlled/thread-set.js';
import { workerFile } from '../src/threads/worker-file.js';
import { runStress } from '../src/stress/run-stress.js';
import { stressScenario } from '../src/stress/stress-scenario.js';
import { incrementStress } from '../src/subjects/shared-memory/index.js';
import { controlledAtomic } from '../src/subjects/shared-memory-controlled/index.js';
import { lockedPool, poolKeeper, poolOptions } from '../src/subjects/pool/index.js';
import { osThreads, threadsSettledTo } from './support/os-threads.js';

function crashing(how: 'exit' | 'throw' | 'hang' | 'spin'): Scenario<ControlledWorkers> {
  return {
    name: `controlled worker that ${how}s`,
    setup: () => ControlledWorkers.start({ program: workerFile('controlled/crash.mjs'), count: 2, words: 1, args: { how }, startTimeout: 500 }),
    tasks: [0, 1].map((i) => (ctx, set: ControlledWorkers) => set.tasks()[i]!(ctx)),
    teardown: (set) => set.close(),
  };
}

describe('worker threads never outlive their run', () => {
  it('a controlled worker that exits or throws fails its run as an exception; one that hangs, as a deadlock', async () => {
    await threadSets.settled();
    const before = osThreads();
    const exit = await check(crashing('exit'), { runs: 3, shrink: false, deadlockTimeout: 10_000 });
    expect(exit.kind).toBe('exception');
    expect(exit.message).toMatch(/worker [AB] exited with code 7/);
    const thrown = await check(crashing('throw'), { runs: 3, shrink: false, deadlockTimeout: 10_000 });
    expect(thrown.kind).toBe('exception');
    expect(thrown.message).toMatch(/threw: controlled worker threw on purpose/);
    // Blocked without reaching a yield point: the run waits (bounded), then reports a deadlock and terminates it.
    const hung = await check(crashing('hang'), { runs: 1, shrink: false, deadlockTimeout: 300 });
    expect(hung.kind).toBe('deadlock');
    expect(hung.message).toMatch(/still waiting for worker [AB] running/);
    // Looping before its first yield point: setup gives up, and the threads are terminated all the same.
    const spun = await check(crashing('spin'), { runs: 1, shrink: false });
    expect(spun.kind).toBe('exception');
    expect(spun.message).toMatch(/setup threw: .*did not reach a first yield point within 500 ms/);
    await threadSets.settled();
    expect(await threadsSettledTo(before)).toBeLessThanOrEqual(before);
  });

  it('a stress thread that dies is that test\'s failure, not a hang', async () => {
    const r = await runStress({ name: 'dies', worker: new URL('data:text/javascript,process.exit(5)'), threads: 2, words: 1, workerData: {}, judge: () => ({ outcome: '-', acceptable: true }) }, { iterations: 5 });
    expect(r.failed).toBe(true);
    expect(r.crash).toMatch(/exited with code 5/);
    expect(r.message).toMatch(/stress threads crashed: .*exited with code 5/);
  });

  it('a stress test also runs as a check() scenario: one round per run, threads closed after each', async () => {
    await threadSets.settled();
    const before = osThreads();
    const r = await check(stressScenario(incrementStress('atomic', 2, 1_000)), { runs: 3, deadlockTimeout: 10_000 });
    expect(r.failed).toBe(false);
    expect(r.runs).toBe(3);
    expect(await threadsSettledTo(before)).toBeLessThanOrEqual(before);
  });

  it('many runs leave no thread behind (controlled sets and piscina pools reused, then destroyed)', async () => {
    await threadSets.settled();
    await poolKeeper.settled();
    const before = osThreads();
    const controlled = await check({ ...controlledAtomic, workload: fc.constant({ threads: 2, increments: 2 }) }, { runs: 150, deadlockTimeout: 10_000 });
    expect(controlled.failed).toBe(false);
    expect(controlled.runs).toBe(150);
    const pool = await check({ ...lockedPool, workload: fc.constant({ threads: 2, jobs: 4 }) }, { runs: 100, ...poolOptions });
    expect(pool.failed).toBe(false);
    // The pool's threads are still up right after its check (kept for a next run), so this count can tell.
    if (before > 0) expect(osThreads()).toBeGreaterThanOrEqual(before + 2);
    await threadSets.settled();
    await poolKeeper.settled();
    expect(await threadsSettledTo(before)).toBeLessThanOrEqual(before);
  });
});
