import * as fc from 'fast-check';

/**
 * A schedule as a shrinkable value: relative choices (0 = no preemption).
 * fast-check's array shrinker removes choices and lowers them toward 0, which
 * is exactly "shorter, with fewer preemptions".
 */
export const scheduleArbitrary: fc.Arbitrary<number[]> = fc.array(fc.nat());

/** Drops trailing defaults: they are implied. */
export function trimSchedule(schedule: readonly number[]): number[] {
  let end = schedule.length;
  while (end > 0 && schedule[end - 1] === 0) end--;
  return schedule.slice(0, end);
}
