import type { TaskContext } from '../../scheduler/context.js';
import type { History } from '../../oracles/history.js';
import type { TaskQueue } from './task-queue.js';
import { STOP } from './workload.js';

const touches = ['queue'];

/**
 * A bounded queue with check-then-act across a yield: `put` checks for room,
 * yields, then pushes; `get` checks for an item, yields, then shifts. Two
 * consumers can both see the last item (one takes `undefined`), two producers
 * both see the last free slot, and a wake-up sent between a check and the
 * wait it decided on is lost.
 */
export class UnlockedQueue implements TaskQueue {
  private readonly items: string[] = [];
  private readonly getters: (() => void)[] = [];
  private readonly putters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly capacity: number,
    private readonly history: History,
  ) {}

  async put(ctx: TaskContext, actor: string, item: string): Promise<void> {
    await ctx.step('check room', { touches });
    ctx.note(`${this.items.length} queued`);
    if (this.items.length >= this.capacity) await new Promise<void>((wake) => this.putters.push(wake));
    await ctx.step('push', { touches });
    this.items.push(item);
    ctx.note(item);
    this.history.put(actor, item);
    this.getters.shift()?.();
  }

  async get(ctx: TaskContext, actor: string): Promise<string | undefined> {
    await ctx.step('check item', { touches });
    ctx.note(`${this.items.length} queued`);
    if (this.items.length === 0 && !this.closed) await new Promise<void>((wake) => this.getters.push(wake));
    await ctx.step('shift', { touches });
    if (this.items.length === 0 && this.closed) {
      ctx.note(`${STOP} (closed)`);
      return STOP;
    }
    const item = this.items.shift();
    ctx.note(item);
    this.history.get(actor, item);
    this.putters.shift()?.();
    return item;
  }

  async close(ctx: TaskContext): Promise<void> {
    await ctx.step('close', { touches });
    this.closed = true;
    for (const wake of this.getters.splice(0)) wake();
  }
}
