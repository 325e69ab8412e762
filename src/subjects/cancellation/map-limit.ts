import type { SetupContext, TaskContext } from '../../scheduler/context.js';
import { startJob } from './start-job.js';

/** How a runner claims the next index: at once, or read–yield–write (the racy variant). */
export type Claim = (ctx: TaskContext, cursor: { next: number }) => Promise<number>;

/** Claims the next index in one synchronous read-and-increment. */
export const claimAtomically: Claim = (_ctx, cursor) => Promise.resolve(cursor.next++);

/** Reads the cursor, yields, then writes it back: two runners can claim the same index. */
export const claimAcrossYield: Claim = async (ctx, cursor) => {
  await ctx.step('read cursor', { touches: ['cursor'] });
  const i = cursor.next;
  ctx.note(`next = ${i}`);
  await ctx.step('claim', { touches: ['cursor'] });
  cursor.next = i + 1;
  ctx.note(`takes item${i}`);
  return i;
};

/**
 * A bounded-concurrency map (the seeds' semaphore-limited `gather`): `limit`
 * runner lanes R0.. pull indices from a shared cursor until none is left;
 * results keep the input order.
 */
export async function mapLimit<T, R>(ctx: SetupContext, items: readonly T[], limit: number, fn: (ctx: TaskContext, item: T, index: number) => Promise<R>, claim: Claim = claimAtomically): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const cursor = { next: 0 };
  const runners = Array.from({ length: Math.min(limit, items.length) }, (_, r) =>
    startJob(ctx, `R${r}`, async (rctx) => {
      for (;;) {
        const i = await claim(rctx, cursor);
        if (i >= items.length) return;
        results[i] = await fn(rctx, items[i]!, i);
      }
    }),
  );
  await Promise.all(runners);
  return results;
}
