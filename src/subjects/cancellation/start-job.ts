import type { SetupContext, TaskContext } from '../../scheduler/context.js';

/**
 * Starts `fn` as a task of its own (a lane named `name` in traces) and
 * returns its outcome as a promise, the way code under test starts a job and
 * keeps a handle to it. The lane itself never throws: its failure is the
 * promise's rejection, for `Promise.all` and friends to see (or not).
 */
export function startJob<T>(ctx: SetupContext, name: string, fn: (ctx: TaskContext) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    ctx.spawn(async (jctx) => {
      try {
        resolve(await fn(jctx));
      } catch (error) {
        reject(error);
      }
    }, name);
  });
}
