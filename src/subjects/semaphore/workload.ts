import * as fc from 'fast-check';

/** What happens to one task: nothing, a cancel (the canceller lane aborts its signal), or a timeout on its wait for a permit. */
export type Interruption = 'none' | 'cancel' | 'timeout';

/** One task: steps of work while holding a permit, and whether it is interrupted. */
export interface SemaphoreTask {
  readonly work: number;
  readonly interrupt: Interruption;
}

/** T tasks sharing L permits. */
export interface SemaphoreWorkload {
  readonly limit: number;
  readonly tasks: readonly SemaphoreTask[];
}

/** T in 2..20, L in 1..5 (the seeds limit downloads to 5 at a time), 1..3 work steps each, about half interrupted. */
export const semaphoreWorkload: fc.Arbitrary<SemaphoreWorkload> = fc.record({
  limit: fc.integer({ min: 1, max: 5 }),
  tasks: fc.array(fc.record({ work: fc.integer({ min: 1, max: 3 }), interrupt: fc.constantFrom<Interruption>('none', 'none', 'cancel', 'timeout') }), { minLength: 2, maxLength: 20 }),
});
