import { valueKey, type HistoryEvent, type Verdict } from './history.js';

/** Options of {@link nothingLost}. */
export interface NothingLostOptions {
  /** Values that are not items (a sentinel, a close marker): left out of both sides. */
  readonly ignore?: (value: unknown) => boolean;
}

/**
 * Multiset equality of a queue history: every item put was got exactly once,
 * and nothing was got that was never put (`undefined` from an empty queue).
 */
export function nothingLost(history: readonly HistoryEvent[], options: NothingLostOptions = {}): Verdict {
  const ignore = options.ignore ?? (() => false);
  const owed = new Map<string, number>();
  const takers = new Map<string, string[]>();
  for (const e of history) {
    if (e.op !== 'put' || ignore(e.value)) continue;
    const k = valueKey(e.value);
    owed.set(k, (owed.get(k) ?? 0) + 1);
  }
  for (const e of history) {
    if (e.op !== 'get' || ignore(e.value)) continue;
    const k = valueKey(e.value);
    const left = owed.get(k) ?? 0;
    takers.set(k, [...(takers.get(k) ?? []), e.actor]);
    if (left > 0) {
      owed.set(k, left - 1);
      continue;
    }
    if (e.value === undefined) return `${e.actor} got undefined: it took when nothing was there`;
    const by = takers.get(k)!;
    return by.length > 1 ? `${k} duplicated: got ${by.length} times (by ${by.join(', ')})` : `${e.actor} got ${k}, which was never put`;
  }
  const lost = [...owed].filter(([, n]) => n > 0).map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
  if (lost.length > 0) return `${lost.length === 1 ? 'item' : `${lost.length} items`} lost (put, never got): ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}`;
  return true;
}
