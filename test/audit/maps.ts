import * as fc from 'fast-check';
import { Mutex } from 'async-mutex';
import type { SetupContext } from '../../src/scheduler/context.js';
import type { OperationSpec } from '../../src/audit/operation-spec.js';
import type { SequentialModel } from '../../src/oracles/sequential-model.js';

/** A key-value store whose reads and writes are async (a remote cache, say). */
function backend(ctx: SetupContext) {
  const data = new Map<string, number>();
  return ctx.wrapObject({
    async get(key: string) {
      return data.get(key) ?? 0;
    },
    async put(key: string, value: number) {
      data.set(key, value);
    },
  });
}

/** Sequential model of a counter map: get, set, incr (returns the new value). */
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
const operations = { get: [key], set: [key, fc.integer({ min: 1, max: 9 })], incr: [key] };

/** incr reads then writes with an await between: two increments can read the same value. */
export const brokenMap: OperationSpec<{ get(k: string): Promise<number>; set(k: string, v: number): Promise<void>; incr(k: string): Promise<number> }, Readonly<Record<string, number>>> = {
  name: 'map/broken',
  create: (ctx) => {
    const store = backend(ctx);
    return {
      get: (k) => store.get(k),
      set: (k, v) => store.put(k, v),
      async incr(k) {
        const v = await store.get(k);
        await store.put(k, v + 1);
        return v + 1;
      },
    };
  },
  operations,
  model: mapModel,
};

/** The same map with every operation under one mutex per key. */
export const lockedMap: typeof brokenMap = {
  name: 'map/locked',
  create: (ctx) => {
    const store = backend(ctx);
    const locks = new Map<string, Mutex>();
    const lock = (k: string) => locks.get(k) ?? locks.set(k, new Mutex()).get(k)!;
    return {
      get: (k) => lock(k).runExclusive(() => store.get(k)),
      set: (k, v) => lock(k).runExclusive(() => store.put(k, v)),
      incr: (k) =>
        lock(k).runExclusive(async () => {
          const v = await store.get(k);
          await store.put(k, v + 1);
          return v + 1;
        }),
    };
  },
  operations,
  model: mapModel,
};
