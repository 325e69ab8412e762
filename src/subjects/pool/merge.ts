import type { TaskContext } from '../../scheduler/context.js';
import type { JobOutcome, PoolState } from './state.js';

/** Merges one outcome into the shared result list under the mutex: the correct read-modify-write. */
export function mergeLocked(ctx: TaskContext, s: PoolState, outcome: JobOutcome): Promise<void> {
  return s.mutex.runExclusive(async () => {
    const merged = s.merged;
    await ctx.step('merge', { touches: ['results', 'mutex'] });
    s.merged = [...merged, outcome];
    ctx.note(`${s.merged.length} results`);
  });
}
