import type { HistoryEvent, Verdict } from './history.js';

/** The most actors holding a permit at once over an acquire/release history. */
export function maxHolders(history: readonly HistoryEvent[]): number {
  let holders = 0;
  let most = 0;
  for (const e of history) {
    if (e.op === 'acquire') most = Math.max(most, ++holders);
    else if (e.op === 'release') holders--;
  }
  return most;
}

/** Bounded concurrency: at no point do more than `limit` actors hold a permit. */
export function boundedConcurrency(history: readonly HistoryEvent[], limit: number): Verdict {
  const holding: string[] = [];
  for (const [i, e] of history.entries()) {
    if (e.op === 'acquire') {
      holding.push(e.actor);
      if (holding.length > limit) return `${holding.length} holders at once (${holding.join(', ')}) at event ${i + 1}, limit ${limit}`;
    } else if (e.op === 'release') {
      const at = holding.indexOf(e.actor);
      if (at >= 0) holding.splice(at, 1);
    }
  }
  return true;
}
