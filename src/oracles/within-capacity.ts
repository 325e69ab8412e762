import type { HistoryEvent, Verdict } from './history.js';

/**
 * Capacity bound of a queue history: replaying puts and gets in order, the
 * queue never holds more than `capacity` items and never fewer than none (a
 * get from an empty queue). Record at the moment of the push and the shift.
 */
export function withinCapacity(history: readonly HistoryEvent[], capacity: number): Verdict {
  let size = 0;
  for (const [i, e] of history.entries()) {
    if (e.op === 'put') size++;
    else if (e.op === 'get') size--;
    else continue;
    if (size > capacity) return `capacity exceeded: ${size} items after ${e.actor}'s put (event ${i + 1}), capacity ${capacity}`;
    if (size < 0) return `${e.actor} got from an empty queue (event ${i + 1})`;
  }
  return true;
}
