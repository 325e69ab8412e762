import { valueKey, type HistoryEvent, type Verdict } from './history.js';

/**
 * Exactly-once release: every acquire is matched by one release of the same
 * actor (and permit, when named); no release without a hold, none leaked.
 */
export function releasedExactlyOnce(history: readonly HistoryEvent[]): Verdict {
  const held = new Map<string, number>();
  const name = (e: HistoryEvent) => (e.value === undefined ? e.actor : `${e.actor} (permit ${valueKey(e.value)})`);
  for (const [i, e] of history.entries()) {
    if (e.op !== 'acquire' && e.op !== 'release') continue;
    const k = name(e);
    const n = held.get(k) ?? 0;
    if (e.op === 'acquire') held.set(k, n + 1);
    else if (n === 0) return `${k} released a permit it did not hold (event ${i + 1}): a double release`;
    else held.set(k, n - 1);
  }
  const leaked = [...held].filter(([, n]) => n > 0).map(([k]) => k);
  if (leaked.length > 0) return `permit leaked: acquired by ${leaked.join(', ')}, never released`;
  return true;
}
