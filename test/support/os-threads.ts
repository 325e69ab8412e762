import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * OS threads of this process: every worker thread is one. Active-resource
 * lists miss idle piscina workers (their ports are unref'd), this does not.
 * (Linux; elsewhere the count is 0 and the checks that use it hold trivially.)
 */
export const osThreads = (): number => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : 0);

/**
 * The thread count once it is back to at most `before`, or the last count
 * after `ms`. A worker's 'exit' event can come a moment before its OS
 * thread is gone, so one reading right after a close can see it still;
 * a thread left behind stays, and the count after the wait shows it.
 */
export async function threadsSettledTo(before: number, ms = 5_000): Promise<number> {
  const deadline = Date.now() + ms;
  let now = osThreads();
  while (now > before && Date.now() < deadline) {
    await sleep(20);
    now = osThreads();
  }
  return now;
}
