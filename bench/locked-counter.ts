import { Mutex } from 'async-mutex';
import type { Program } from './program.js';

/**
 * The locked counter: N tasks × K increments of read, yield, write inside an
 * async-mutex lock, so while one task holds the lock across its yield points
 * the others are blocked on it (not at a yield point). Correct: the
 * invariant holds under every schedule.
 */
export function lockedCounterProgram(tasks: number, increments: number): Program<{ counter: number; lock: Mutex }> {
  const task = async (y: (label: string) => Promise<void>, s: { counter: number; lock: Mutex }) => {
    for (let i = 0; i < increments; i++) {
      await s.lock.runExclusive(async () => {
        await y('read');
        const v = s.counter;
        await y('write');
        s.counter = v + 1;
      });
    }
  };
  return {
    name: `locked counter ${tasks}×${increments}`,
    setup: () => ({ counter: 0, lock: new Mutex() }),
    tasks: Array.from({ length: tasks }, () => task),
    invariant: (s) => (s.counter === tasks * increments ? true : `counter is ${s.counter}, expected ${tasks * increments}`),
  };
}
