import { mixSeed } from '../../src/scheduler/prng.js';

/** Worker `index` (0-based) of the `count` workers exploring one check. */
export interface WorkerSlot {
  readonly index: number;
  readonly count: number;
}

/** The most workers `--workers` accepts (each is a thread that loads every family). */
export const MAX_WORKERS = 64;

/** Workers a check of `runs` runs uses: no more than it has runs, so every worker has at least one. */
export function workersFor(workers: number, runs: number): number {
  return Math.max(1, Math.min(workers, runs));
}

/**
 * The seed a worker explores with: worker 0 keeps the check's seed (its runs
 * are the first runs one thread would make), worker i > 0 a mix of the seed
 * and i, so the workers draw different workloads and schedules.
 */
export function workerSeed(seed: number, slot: WorkerSlot): number {
  return slot.index === 0 ? seed >>> 0 : mixSeed(seed, slot.index);
}

/** A worker's share of a check's runs: dealt out in turn, so the shares add up to `runs`. */
export function workerRuns(runs: number, slot: WorkerSlot): number {
  return Math.floor(runs / slot.count) + (slot.index < runs % slot.count ? 1 : 0);
}

/**
 * A worker's run in the merged order, where the workers take turns: run r
 * of worker i is run (r − 1) · count + i + 1. Deterministic, unlike the
 * order in which runs happen to end on the clock.
 */
export function mergedRun(run: number, slot: WorkerSlot): number {
  return (run - 1) * slot.count + slot.index + 1;
}
