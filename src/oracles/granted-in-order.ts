import type { HistoryEvent, Verdict } from './history.js';

/**
 * FIFO grant order (for primitives that promise it): no actor `acquire`s
 * while one that `request`ed earlier is still waiting — neither granted nor
 * `withdraw`n (cancelled, timed out).
 */
export function grantedInOrder(history: readonly HistoryEvent[]): Verdict {
  const waiting: string[] = [];
  for (const [i, e] of history.entries()) {
    if (e.op === 'request') waiting.push(e.actor);
    else if (e.op === 'acquire' || e.op === 'withdraw') {
      const at = waiting.indexOf(e.actor);
      if (e.op === 'acquire' && at > 0) return `${e.actor} was granted before ${waiting.slice(0, at).join(', ')}, who asked first (event ${i + 1})`;
      if (at >= 0) waiting.splice(at, 1);
    }
  }
  return true;
}
