import type { TaskContext } from '../../scheduler/context.js';
import type { Database } from './database.js';

/** What the API's handlers do to the database; one implementation per variant. */
export interface Bank {
  /** Adds one to the counter; resolves with the new value. */
  increment(ctx: TaskContext): Promise<number>;
  /** The counter's value. */
  read(ctx: TaskContext): Promise<number>;
  /** Moves `amount` between two distinct accounts; false when `from` lacks the funds. */
  transfer(ctx: TaskContext, from: number, to: number, amount: number): Promise<boolean>;
}

/** Builds a variant's bank over a run's database. */
export type BankFactory = (db: Database) => Bank;
