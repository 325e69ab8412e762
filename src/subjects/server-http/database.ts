import type { TaskContext } from '../../scheduler/context.js';

/**
 * The handlers' "database": named numeric cells behind async calls. Every
 * call starts with a yield point, as a query over the network would, so the
 * scheduler chooses which handler's query completes first.
 */
export class Database {
  constructor(private readonly cells: Map<string, number>) {}

  /** Reads one cell (a yield point, then the read). */
  async get(ctx: TaskContext, key: string): Promise<number> {
    await ctx.step(`get ${key}`);
    const value = this.cells.get(key) ?? 0;
    ctx.note(value);
    return value;
  }

  /** Writes one cell (a yield point, then the write). */
  async set(ctx: TaskContext, key: string, value: number): Promise<void> {
    await ctx.step(`set ${key}`);
    this.cells.set(key, value);
    ctx.note(value);
  }

  /**
   * One yield point, then `change` runs synchronously on the cells: the
   * read-modify-write has no await inside it, so nothing can interleave.
   */
  async update<T>(ctx: TaskContext, label: string, change: (cells: Map<string, number>) => T): Promise<T> {
    await ctx.step(label);
    const result = change(this.cells);
    ctx.note(result);
    return result;
  }

  /** The current value of a cell, for oracles (not a yield point). */
  peek(key: string): number {
    return this.cells.get(key) ?? 0;
  }
}

/** The cell holding account `n`'s balance. */
export const account = (n: number): string => `account ${n}`;
