import { account, type Database } from './database.js';
import type { Bank } from './bank.js';

/**
 * Read, await the database, write: two handlers that read before either
 * writes lose an increment, or create or destroy money in a transfer.
 */
export function unlockedBank(db: Database): Bank {
  return {
    async increment(ctx) {
      const v = await db.get(ctx, 'counter');
      await db.set(ctx, 'counter', v + 1);
      return v + 1;
    },
    read: (ctx) => db.get(ctx, 'counter'),
    async transfer(ctx, from, to, amount) {
      const a = await db.get(ctx, account(from));
      const b = await db.get(ctx, account(to));
      if (a < amount) return false;
      await db.set(ctx, account(from), a - amount);
      await db.set(ctx, account(to), b + amount);
      return true;
    },
  };
}
