import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Progress } from '../../src/options.js';
import { addTransformedFiles } from '../../src/instrument/install.js';
import { raiseExitCode } from '../../src/scheduler/stderr-notice.js';
import { workerFile } from '../../src/threads/worker-file.js';
import { EarliestFailure } from './earliest-failure.js';
import { rethrown } from './errors.js';
import { mergeWorkers, type MergedCheck, type WorkerResult } from './merge-workers.js';
import type { ExploreTask, SearchSettings, StopCommand, TargetSource, WorkerNote, WorkerOutcome } from './protocol.js';
import { workerRuns, workerSeed, workersFor, type WorkerSlot } from './shares.js';

/** One check to spread over the pool's workers. */
export interface SpreadCheck extends SearchSettings {
  readonly target: TargetSource;
  /** The check's runs and seed; each worker gets its share and its own seed (shares.ts). */
  readonly runs: number;
  readonly seed: number;
  /** Wall time each worker may explore (they explore at once, so each gets all of it). */
  readonly budgetMs?: number | undefined;
  /** Runs done by all workers together. */
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /** Stops every worker; the merged result covers what they explored. */
  readonly signal?: AbortSignal | undefined;
}

/** The worker side, as this module was loaded: the built .js, or the .ts source (vitest, tsx). */
const ENTRY = new URL(`./explore-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/**
 * The worker threads of `--workers N`: one piscina pool for a whole command
 * (a thread loads every family once, then serves check after check), each
 * check spread over up to N of them and merged (merge-workers.ts).
 */
export class ExplorePool {
  private pool: Piscina | undefined;

  constructor(readonly workers: number) {}

  /** Explores one check on the workers; resolves once every worker has returned, or throws what one of them threw. */
  async explore(c: SpreadCheck): Promise<MergedCheck> {
    const began = performance.now();
    const count = workersFor(this.workers, c.runs);
    const slots: WorkerSlot[] = Array.from({ length: count }, (_, index) => ({ index, count }));
    // atomics 'disabled': an idle thread waits on its event loop, not blocked in Atomics.wait.
    const pool = (this.pool ??= new Piscina({ filename: workerFile('explore.mjs').href, minThreads: this.workers, maxThreads: this.workers, idleTimeout: 60_000, atomics: 'disabled' }));
    const earliest = EarliestFailure.buffer();
    const channels = slots.map(() => new MessageChannel());
    const done = slots.map(() => 0);
    const failures = slots.map(() => Infinity);
    const stop = (i: number) => channels[i]!.port1.postMessage({ type: 'stop' } satisfies StopCommand);
    const stopAll = () => slots.forEach((s) => stop(s.index));
    channels.forEach(({ port1 }, i) =>
      port1.on('message', (n: WorkerNote) => {
        if (n.type === 'progress') {
          done[i] = n.runs;
          c.onProgress?.({ runs: done.reduce((a, b) => a + b, 0), budget: c.runs, elapsedMs: performance.now() - began, phase: 'explore' });
          return;
        }
        failures[i] = n.run;
        // A worker shrinking a failure that comes after another's shrinks for nothing.
        const first = Math.min(...failures);
        failures.forEach((f, j) => f > first && f !== Infinity && stop(j));
      }),
    );
    c.signal?.addEventListener('abort', stopAll);
    if (c.signal?.aborted) stopAll();
    try {
      const outcomes = await Promise.allSettled(
        slots.map((slot, i) => {
          const port = channels[i]!.port2;
          const task: ExploreTask = { entry: ENTRY, target: c.target, slot, strategy: c.strategy, depth: c.depth, preemptionBound: c.preemptionBound, seed: workerSeed(c.seed, slot), runs: workerRuns(c.runs, slot), budgetMs: c.budgetMs, earliest, port };
          return (pool.run(task, { transferList: [port] }) as Promise<WorkerOutcome>).then(
            (outcome) => ('error' in outcome && stopAll(), outcome),
            (error: unknown) => {
              stopAll();
              throw error;
            },
          );
        }),
      );
      const results: WorkerResult[] = [];
      for (const [i, o] of outcomes.entries()) {
        if (o.status === 'rejected') throw o.reason;
        if ('error' in o.value) throw rethrown(o.value.error, `worker ${i + 1} of ${slots.length}`);
        raiseExitCode(o.value.exitCode);
        addTransformedFiles(o.value.instrumented);
        results.push({ slot: slots[i]!, result: o.value.result });
      }
      return mergeWorkers(results, c.seed, performance.now() - began);
    } finally {
      c.signal?.removeEventListener('abort', stopAll);
      for (const { port1 } of channels) port1.close();
    }
  }

  /** Ends every thread of the pool (the pool starts again at the next check). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
