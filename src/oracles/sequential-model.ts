import { safeJson } from './operation-history.js';

/** An operation as a sequential model sees it. */
export interface Invocation {
  readonly name: string;
  readonly args: readonly unknown[];
}

/**
 * A sequential specification as a reducer: from a state and an operation, the
 * next state and the output the operation must return. States are treated as
 * immutable (the checker keeps old ones to backtrack).
 */
export interface SequentialModel<S = unknown> {
  init(): S;
  step(state: S, op: Invocation): { state: S; output: unknown };
  /**
   * P-compositionality: operations with different partitions never affect each
   * other (a map's keys), so each partition is checked alone. Omit when the
   * object is one indivisible state.
   */
  partition?(op: Invocation): string;
  /** Output equality; default compares JSON text. */
  equal?(expected: unknown, actual: unknown): boolean;
  /** A key identifying a state for memoization; default JSON text. */
  key?(state: S): string;
}

/**
 * Turns a plain sequential class into a {@link SequentialModel}: each
 * operation calls the method of the same name on a copy of the object
 * (own fields copied with structuredClone), so earlier states stay intact.
 */
export function classModel<T extends object>(create: () => T, options: Pick<SequentialModel<T>, 'partition' | 'equal' | 'key'> = {}): SequentialModel<T> {
  return {
    init: create,
    step(state, op) {
      const next = copyObject(state);
      const method = (next as Record<string, unknown>)[op.name];
      if (typeof method !== 'function') throw new TypeError(`sequential model has no method "${op.name}"`);
      let output: unknown;
      try {
        output = (method as (...a: unknown[]) => unknown).apply(next, [...op.args]);
      } catch (error) {
        output = { error: error instanceof Error ? error.message : String(error) };
      }
      return { state: next, output };
    },
    ...options,
  };
}

function copyObject<T extends object>(obj: T): T {
  const copy = Object.create(Object.getPrototypeOf(obj) as object | null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) copy[k] = structuredClone(v);
  return copy as T;
}

/** Stable text of a value for memoization and comparison (Map and Set by content). */
export function stableKey(value: unknown): string {
  return safeJson(value);
}
