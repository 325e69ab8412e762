import type { TaskContext } from '../../scheduler/context.js';
import { realClearTimeout, realSetTimeout } from '../../scheduler/real-time.js';
import { taskName } from '../../model/trace.js';
import { WorkerCrashError } from '../errors.js';
import { WAKE, type WorkerMessage } from './protocol.js';
import { ThreadSet, threadSets } from './thread-set.js';

/** What a controlled run starts: `count` threads running `program` over shared memory. */
export interface ControlledOptions {
  /** A module whose default export is `(rk, args) => void`; `rk.step(label, touches?)` is its yield point. */
  readonly program: URL;
  readonly count: number;
  /** Int32 words of fresh shared memory the program sees as `rk.memory`. */
  readonly words: number;
  /** Passed to every worker's program (structured-cloned). */
  readonly args?: unknown;
  /** Real ms every worker may take to reach its first yield point. @default 10000 */
  readonly startTimeout?: number;
}

/**
 * One controlled run over real worker threads: every worker runs until its
 * next yield point and parks on its own `Atomics.wait` slot; its proxy task
 * on the main thread takes that yield point as a `ctx.step`, and only when
 * the scheduler picks it wakes the worker, holding the run (`ctx.hold`)
 * until the worker parks again or ends. One thread runs at a time, so the
 * trace depends on the schedule alone and replays exactly.
 */
export class ControlledWorkers {
  /** The run's shared memory (read it in the invariant). */
  readonly memory: Int32Array;
  private readonly first: WorkerMessage[] = [];
  private finished = 0;
  // Workers that ended with "done" (at their first message or later): only then is the set reusable.
  private closed = false;

  private constructor(
    private readonly set: ThreadSet,
    words: number,
  ) {
    this.memory = new Int32Array(new SharedArrayBuffer(words * 4));
  }

  /** Starts the program on `count` threads and waits until each is parked at its first yield point (or ended). */
  static async start(options: ControlledOptions): Promise<ControlledWorkers> {
    const set = await threadSets.acquire(options.count, async () => new ThreadSet(options.count));
    const run = new ControlledWorkers(set, options.words);
    const timeout = options.startTimeout ?? 10_000;
    let timer: ReturnType<typeof realSetTimeout> | undefined;
    try {
      set.slots.fill(0);
      for (const w of set.workers) w.postMessage({ program: options.program.href, memory: run.memory.buffer, args: options.args });
      // A program that loops or blocks before its first yield point would hold setup forever: bound it.
      const late = new Promise<never>((_, reject) => {
        timer = realSetTimeout(() => reject(new WorkerCrashError('set', `did not reach a first yield point within ${timeout} ms`)), timeout);
      });
      for (const inbox of set.inboxes) {
        const m = await Promise.race([inbox.take(), late]);
        if (m.type === 'done') run.finished++;
        run.first.push(m);
      }
    } catch (error) {
      // Setup failed, so no teardown will close this run: give the threads back (terminated) here.
      run.close();
      throw error;
    } finally {
      realClearTimeout(timer);
    }
    return run;
  }

  /** One proxy task per worker, named like ordinary tasks (A, B, …). */
  tasks(): ((ctx: TaskContext) => Promise<void>)[] {
    return this.first.map((first, i) => (ctx: TaskContext) => this.proxy(ctx, i, first));
  }

  /** Ends the run: threads that all finished cleanly are kept for the next run, others terminated. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    threadSets.release(this.set.count, this.set, this.finished === this.set.count);
  }

  private async proxy(ctx: TaskContext, i: number, first: WorkerMessage): Promise<void> {
    const name = taskName(i);
    let message = first;
    for (;;) {
      if (message.note !== undefined) ctx.note(message.note);
      switch (message.type) {
        case 'done':
          return;
        case 'error':
          throw new WorkerCrashError(name, `threw: ${message.message}`);
        case 'exit':
          throw new WorkerCrashError(name, `exited with code ${message.code} before finishing`);
        case 'park':
          break;
      }
      await ctx.step(message.label, message.touches ? { touches: message.touches } : undefined);
      // The worker runs on its own thread now: the scheduler must not decide until it parks again.
      const release = ctx.hold(`worker ${name} running`);
      Atomics.store(this.set.slots, i, WAKE);
      Atomics.notify(this.set.slots, i);
      try {
        message = await this.set.inboxes[i]!.take();
      } finally {
        release();
      }
      // Only 'done' leaves the thread reusable; an error or exit counts as unfinished.
      if (message.type === 'done') this.finished++;
    }
  }
}
