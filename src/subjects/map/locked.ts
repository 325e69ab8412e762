import { Mutex } from 'async-mutex';
import type { OperationSpec } from '../../audit/operation-spec.js';
import { mapBackend, mapModel, mapOperations, type CounterMap } from './model.js';

/** The same map with every operation under its key's mutex. */
export const lockedMap: OperationSpec<CounterMap, Readonly<Record<string, number>>> = {
  name: 'map/locked',
  create: (ctx) => {
    const store = mapBackend(ctx);
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
  operations: mapOperations,
  model: mapModel,
};
