import { account, type Database } from './database.js';
import type { Bank } from './bank.js';

/**
 * No lock, and no await inside the critical section: one yield point (the
 * query's round trip), then the whole read-modify-write runs synchronously,
 * as a single `UPDATE … SET n = n + 1` would in a real database.
 */
export function atomicBank(db: Database): Bank {
  return {
    increment: (ctx) =>
      db.update(ctx, 'update counter', (cells) => {
        const v = (cells.get('counter') ?? 0) + 1;
        cells.set('counter', v);
        return v;
      }),
    read: (ctx) => db.get(ctx, 'counter'),
    transfer: (ctx, from, to, amount) =>
      db.update(ctx, `transfer ${account(from)} → ${account(to)}`, (cells) => {
        const a = cells.get(account(from)) ?? 0;
        if (a < amount) return false;
        cells.set(account(from), a - amount);
        cells.set(account(to), (cells.get(account(to)) ?? 0) + amount);
        return true;
      }),
  };
}
