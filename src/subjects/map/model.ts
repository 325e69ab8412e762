import * as fc from 'fast-check';
import type { SetupContext } from '../../scheduler/context.js';
import type { SequentialModel } from '../../oracles/sequential-model.js';

/** The map's operations as the caller sees them. */
export interface CounterMap {
  get(key: string): Promise<number>;
  set(key: string, value: number): Promise<void>;
  /** Adds one and returns the new value. */
  incr(key: string): Promise<number>;
}

/** Sequential model of a counter map; keys never affect each other, so each is its own partition. */
export const mapModel: SequentialModel<Readonly<Record<string, number>>> = {
  init: () => ({}),
  step(state, op) {
    const key = op.args[0] as string;
    const v = state[key] ?? 0;
    if (op.name === 'get') return { state, output: v };
    if (op.name === 'set') return { state: { ...state, [key]: op.args[1] as number }, output: undefined };
    return { state: { ...state, [key]: v + 1 }, output: v + 1 };
  },
  partition: (op) => op.args[0] as string,
};

const key = fc.constantFrom('a', 'b');

/** get(key), set(key, 1..9), incr(key) over two keys. */
export const mapOperations = { get: [key], set: [key, fc.integer({ min: 1, max: 9 })], incr: [key] };

/** The backing store: a remote key-value store whose replies the scheduler orders. */
export function mapBackend(ctx: SetupContext) {
  const data = new Map<string, number>();
  return ctx.wrapObject({
    async get(key: string): Promise<number> {
      return data.get(key) ?? 0;
    },
    async put(key: string, value: number): Promise<void> {
      data.set(key, value);
    },
  });
}
