import * as fc from 'fast-check';

/** Producers with their item counts, consumers, capacity and how consumers are told to stop. */
export interface QueueWorkload {
  /** Items each producer puts (one entry per producer, 1..4 producers). */
  readonly producers: readonly number[];
  readonly consumers: number;
  /** Most items the queue holds; `null` for unbounded. */
  readonly capacity: number | null;
  /** One sentinel per consumer, or `close()`. */
  readonly shutdown: 'sentinel' | 'close';
}

/** P in 1..4 with 0..30 items each, C in 1..4, capacity 1..8 or unbounded. */
export const queueWorkload: fc.Arbitrary<QueueWorkload> = fc.record({
  producers: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
  consumers: fc.integer({ min: 1, max: 4 }),
  capacity: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  shutdown: fc.constantFrom('sentinel' as const, 'close' as const),
});

/** The sentinel a consumer stops on (the seeds' `None`); also what `get` returns on a closed, empty queue. */
export const STOP = 'STOP';

/** True for the sentinel: not an item for the history oracles. */
export const isStop = (value: unknown): boolean => value === STOP;

/** The item a producer puts: producer and sequence number, readable in traces. */
export const itemName = (producer: number, seq: number): string => `P${producer}#${seq}`;
