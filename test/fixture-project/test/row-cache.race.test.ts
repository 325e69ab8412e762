// A property file over plain code: racekit/vite (vitest.config.ts) makes every await in src/ a yield point.
import { raceTest } from 'racekit/vitest';
import type { Scenario } from 'racekit';
import { RowCache, VersionedRowCache } from '../src/row-cache.js';

type State = { db: Map<number, string>; cache: RowCache };

const staleRow = (Cache: typeof RowCache): Scenario<State> => ({
  name: 'row cache',
  setup: () => {
    const db = new Map([[42, 'v1']]);
    return { db, cache: new Cache(async (id) => db.get(id), async (id, row) => void db.set(id, row)) };
  },
  tasks: [async (_ctx, s) => void (await s.cache.get(42)), async (_ctx, s) => s.cache.set(42, 'v2')],
  invariant: (s) => s.cache.peek(42) === undefined || s.cache.peek(42) === s.db.get(42) || `cache holds ${s.cache.peek(42)}, db has ${s.db.get(42)}`,
});

// The red test: the race is found.
raceTest('a write never leaves a stale row cached', staleRow(RowCache), { seed: 1 });

raceTest('the versioned cache never serves a stale row', staleRow(VersionedRowCache));
