import { valueKey, type HistoryEvent, type Verdict } from './history.js';

/**
 * No zombie write: once work on `value` was abandoned (an `abandon` event: a
 * timeout fired, a batch was closed), no `write` on the same `value` follows.
 * Abandoned work that keeps mutating shared state afterwards breaks this.
 */
export function noZombieWrite(history: readonly HistoryEvent[]): Verdict {
  const abandoned = new Map<string, string>();
  for (const [i, e] of history.entries()) {
    const k = valueKey(e.value);
    if (e.op === 'abandon') abandoned.set(k, e.actor);
    else if (e.op === 'write' && abandoned.has(k)) return `zombie write: ${e.actor} wrote ${k} (event ${i + 1}) after ${abandoned.get(k)} abandoned it`;
  }
  return true;
}
