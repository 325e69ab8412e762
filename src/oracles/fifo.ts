import { valueKey, type HistoryEvent, type Verdict } from './history.js';

/** Options of {@link perProducerFifo}. */
export interface FifoOptions {
  /**
   * `'consumer'` (default): each consumer gets one producer's items in the
   * order produced. `'global'`: the gets of all consumers, in history order,
   * do (right for one consumer, or when gets are recorded at the dequeue).
   */
  readonly scope?: 'consumer' | 'global';
  /** Values that are not items (a sentinel): skipped. */
  readonly ignore?: (value: unknown) => boolean;
}

/** Per-producer FIFO: items of one producer are got in the order that producer put them. */
export function perProducerFifo(history: readonly HistoryEvent[], options: FifoOptions = {}): Verdict {
  const ignore = options.ignore ?? (() => false);
  // Where each put sits in its producer's sequence; equal values queue up in put order.
  const origins = new Map<string, { producer: string; index: number }[]>();
  const produced = new Map<string, number>();
  for (const e of history) {
    if (e.op !== 'put' || ignore(e.value)) continue;
    const index = produced.get(e.actor) ?? 0;
    produced.set(e.actor, index + 1);
    const k = valueKey(e.value);
    origins.set(k, [...(origins.get(k) ?? []), { producer: e.actor, index }]);
  }
  const last = new Map<string, { index: number; key: string }>();
  for (const e of history) {
    if (e.op !== 'get' || ignore(e.value)) continue;
    const k = valueKey(e.value);
    const origin = origins.get(k)?.shift();
    if (!origin) continue; // nothingLost reports gets of values never put
    const lane = `${options.scope === 'global' ? '*' : e.actor}/${origin.producer}`;
    const before = last.get(lane);
    if (before && before.index > origin.index) {
      return `FIFO broken: ${e.actor} got ${k} after ${before.key}, but ${origin.producer} put ${k} first`;
    }
    last.set(lane, { index: origin.index, key: k });
  }
  return true;
}
