import { Mutex } from 'async-mutex';
import type { TaskContext } from '../../scheduler/context.js';
import type { History } from '../../oracles/history.js';
import { Condition } from '../condition/condition.js';
import type { TaskQueue } from './task-queue.js';
import { STOP } from './workload.js';

const touches = ['queue'];

/**
 * A bounded queue done right: every check and act under one async-mutex
 * `Mutex`, waits on conditions in `while` loops, history recorded at the
 * push and the shift. `get` yields inside the lock, so a consumer parked
 * there holds everyone else off.
 */
export class LockedQueue implements TaskQueue {
  private readonly items: string[] = [];
  private readonly mutex = new Mutex();
  private readonly notEmpty = new Condition(this.mutex);
  private readonly notFull = new Condition(this.mutex);
  private closed = false;

  constructor(
    private readonly capacity: number,
    private readonly history: History,
  ) {}

  async put(ctx: TaskContext, actor: string, item: string): Promise<void> {
    // The yield comes before the lock (handing the item over takes a turn), so
    // two puts can reach the lock in either order; inside it nothing yields.
    await ctx.step('put', { touches });
    await this.mutex.acquire();
    try {
      while (this.items.length >= this.capacity) await this.notFull.wait();
      this.items.push(item);
      ctx.note(item);
      this.history.put(actor, item);
      this.notEmpty.notify();
    } finally {
      this.mutex.release();
    }
  }

  async get(ctx: TaskContext, actor: string): Promise<string | undefined> {
    await this.mutex.acquire();
    try {
      while (this.items.length === 0 && !this.closed) await this.notEmpty.wait();
      await ctx.step('get', { touches });
      const item = this.items.shift();
      ctx.note(item ?? `${STOP} (closed)`);
      if (item === undefined) return STOP;
      this.history.get(actor, item);
      this.notFull.notify();
      return item;
    } finally {
      this.mutex.release();
    }
  }

  async close(ctx: TaskContext): Promise<void> {
    await this.mutex.acquire();
    try {
      await ctx.step('close', { touches });
      this.closed = true;
      this.notEmpty.notifyAll();
    } finally {
      this.mutex.release();
    }
  }
}
