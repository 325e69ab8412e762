import { Mutex } from 'async-mutex';
import { account, type Database } from './database.js';
import type { Bank } from './bank.js';
import { unlockedBank } from './unlocked.js';

/**
 * The unlocked handlers inside async-mutex locks, one per key. A transfer
 * takes both accounts' locks in key order, so two opposite transfers cannot
 * each hold one lock and wait for the other.
 */
export function lockedBank(db: Database): Bank {
  const inner = unlockedBank(db);
  const locks = new Map<string, Mutex>();
  const lock = (key: string): Mutex => {
    let m = locks.get(key);
    if (!m) locks.set(key, (m = new Mutex()));
    return m;
  };
  return {
    increment: (ctx) => lock('counter').runExclusive(() => inner.increment(ctx)),
    // One cell read is atomic already; taking the lock would only serialise readers.
    read: (ctx) => inner.read(ctx),
    async transfer(ctx, from, to, amount) {
      const keys = [account(from), account(to)].sort();
      const releases: (() => void)[] = [];
      try {
        for (const key of keys) releases.push(await lock(key).acquire());
        return await inner.transfer(ctx, from, to, amount);
      } finally {
        for (const release of releases.reverse()) release();
      }
    },
  };
}
