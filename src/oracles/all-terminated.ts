import type { HistoryEvent, Verdict } from './history.js';

/**
 * Termination: every actor named recorded its `end`. (An actor still waiting
 * when nothing can run is a deadlock, which the scheduler reports itself;
 * this catches actors that returned without finishing their protocol.)
 */
export function allTerminated(history: readonly HistoryEvent[], actors: readonly string[]): Verdict {
  const ended = new Set(history.filter((e) => e.op === 'end').map((e) => e.actor));
  const missing = actors.filter((a) => !ended.has(a));
  return missing.length === 0 ? true : `${missing.join(', ')} never finished`;
}
