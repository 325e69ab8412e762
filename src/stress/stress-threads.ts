import { Worker } from 'node:worker_threads';
import { WorkerCrashError } from '../threads/errors.js';
import type { StressTest } from './stress-test.js';

// Node 20 has Atomics.waitAsync; the project's lib (ES2023) does not declare it.
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

const ROUND = 0;
const DONE = 1;
const ARRIVED = 2;

/** The threads of one stress test, started once and driven round by round. */
export class StressThreads {
  readonly data: Int32Array;
  private readonly control = new Int32Array(new SharedArrayBuffer(3 * 4));
  private readonly workers: Worker[];
  private crash: Error | undefined;
  private readonly crashed: Promise<never>;
  private closed = false;

  constructor(private readonly test: StressTest) {
    this.data = new Int32Array(new SharedArrayBuffer(test.words * 4));
    let fail!: (e: Error) => void;
    this.crashed = new Promise<never>((_, reject) => (fail = reject));
    // Observed even when no round is running, so a crash never goes unhandled.
    this.crashed.catch(() => {});
    const onCrash = (e: Error) => {
      this.crash ??= e;
      fail(e);
    };
    this.workers = Array.from({ length: test.threads }, (_, i) => {
      const w = new Worker(test.worker, { workerData: { ...test.workerData, control: this.control.buffer, data: this.data.buffer, threads: test.threads } });
      w.on('error', (e) => onCrash(new WorkerCrashError(String(i), `of ${test.name} threw: ${e.message}`, { cause: e })));
      w.on('exit', (code) => {
        if (!this.closed) onCrash(new WorkerCrashError(String(i), `of ${test.name} exited with code ${code} mid-test`));
      });
      return w;
    });
  }

  /**
   * One round: zero the data, start every thread at once, wait (without
   * blocking the event loop) until all are done. Rejects if a thread dies or
   * the round takes longer than `timeoutMs`.
   */
  async round(timeoutMs = 30_000): Promise<Int32Array> {
    if (this.crash) throw this.crash;
    this.data.fill(0);
    Atomics.store(this.control, DONE, 0);
    Atomics.store(this.control, ARRIVED, 0);
    Atomics.add(this.control, ROUND, 1);
    Atomics.notify(this.control, ROUND);
    const began = performance.now();
    for (;;) {
      const done = Atomics.load(this.control, DONE);
      if (done === this.test.threads) return this.data;
      const left = timeoutMs - (performance.now() - began);
      if (left <= 0) throw new WorkerCrashError('set', `of ${this.test.name} did not finish a round in ${timeoutMs} ms`);
      const wait = waitAsync(this.control, DONE, done, Math.min(left, 100));
      if (wait.async) await Promise.race([wait.value, this.crashed]);
    }
  }

  /** Ends every thread (round -1), terminating any that does not stop by itself. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, ROUND, -1);
    Atomics.notify(this.control, ROUND);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
