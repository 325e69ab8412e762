import type { OperationSpec } from '../../audit/operation-spec.js';
import { mapBackend, mapModel, mapOperations, type CounterMap } from './model.js';

/** incr reads, awaits, then writes: two increments of one key can read the same value. */
export const unlockedMap: OperationSpec<CounterMap, Readonly<Record<string, number>>> = {
  name: 'map/unlocked',
  create: (ctx) => {
    const store = mapBackend(ctx);
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
  operations: mapOperations,
  model: mapModel,
};
