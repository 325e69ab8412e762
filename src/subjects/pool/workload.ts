import * as fc from 'fast-check';

/** A pool of 1..4 threads and 1..200 jobs splitting the seeds' range. */
export interface PoolWorkload {
  readonly threads: number;
  readonly jobs: number;
}

/** threads 1..4, jobs 1..200. */
export const poolWorkload: fc.Arbitrary<PoolWorkload> = fc.record({
  threads: fc.integer({ min: 1, max: 4 }),
  jobs: fc.integer({ min: 1, max: 200 }),
});
