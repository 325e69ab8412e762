import type { Piscina } from 'piscina';
import { Mutex } from 'async-mutex';
import type { TaskContext } from '../../scheduler/context.js';
import { PoolKeeper } from '../../threads/pool-keeper.js';
import { workerFile } from '../../threads/worker-file.js';
import type { Job } from './primes.js';

/** What a job delivered: its prime count, or why it failed. */
export type JobOutcome = { readonly job: number; readonly count: number } | { readonly job: number; readonly error: string };

/** Shared state of a pool run: the pool and the structure results are merged into. */
export interface PoolState {
  readonly pool: Piscina;
  readonly threads: number;
  /** The shared result list every task merges into. */
  merged: JobOutcome[];
  readonly mutex: Mutex;
  /** pool.run calls not yet settled: a run that ends with some abandons its pool. */
  pending: number;
}

/** What a job sends to workers/primes.mjs. */
export interface PrimeTask {
  readonly start: number;
  readonly end: number;
  readonly fail?: 'throw' | 'exit';
}

/** The pools of every pool-family run in this process (see PoolKeeper for why they are reused). */
export const poolKeeper = new PoolKeeper(() => workerFile('primes.mjs'));

/** Fresh state around a pool of `threads` threads. */
export async function poolState(threads: number): Promise<PoolState> {
  return { pool: await poolKeeper.acquire(threads, { start: 0, end: 0 }), threads, merged: [], mutex: new Mutex(), pending: 0 };
}

/** Hands the pool back; one with unsettled work is destroyed rather than reused. */
export function releasePool(s: PoolState): void {
  poolKeeper.release(s.pool, s.threads, s.pending === 0 && s.pool.queueSize === 0);
}

/**
 * Submits a job through `ctx.wrap`: the worker computes at once, but the
 * completion reaches the task only when the scheduler picks it, so results
 * arrive in any order the strategy chooses.
 */
export function submit(ctx: TaskContext, s: PoolState, job: Job, task: PrimeTask, signal?: AbortSignal): Promise<number> {
  const run = ctx.wrap((t: PrimeTask): Promise<number> => {
    s.pending++;
    const p = s.pool.run(t, signal ? { signal } : {}) as Promise<number>;
    const settle = () => void s.pending--;
    p.then(settle, settle);
    return p;
  }, `job ${job.id} done`);
  return run(task);
}

/** The message of a job's rejection, for the shared result list. */
export function reason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
