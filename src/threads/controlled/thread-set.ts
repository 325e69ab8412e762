import { Worker } from 'node:worker_threads';
import { Keeper } from '../keeper.js';
import { workerFile } from '../worker-file.js';
import { Inbox } from './inbox.js';
import type { WorkerMessage } from './protocol.js';

/** `count` controlled-host threads, each with its own wake slot and inbox, reusable run after run. */
export class ThreadSet {
  readonly slots: Int32Array;
  readonly workers: Worker[] = [];
  readonly inboxes: Inbox[] = [];

  constructor(readonly count: number) {
    this.slots = new Int32Array(new SharedArrayBuffer(count * 4));
    const host = workerFile('controlled-host.mjs');
    for (let i = 0; i < count; i++) {
      const inbox = new Inbox();
      const worker = new Worker(host, { workerData: { slots: this.slots.buffer, index: i } });
      worker.on('message', (m: WorkerMessage) => inbox.put(m));
      // One handler for a crash and an exit, as piscina does: the proxy sees either as the worker's last message.
      worker.on('error', (e: Error) => inbox.put({ type: 'error', message: e.message }));
      worker.on('exit', (code) => inbox.put({ type: 'exit', code }));
      this.workers.push(worker);
      this.inboxes.push(inbox);
    }
  }

  /** Terminates every thread, parked ones included. */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Thread sets by size, reused across the runs of a check (see {@link Keeper}). */
export const threadSets = new Keeper<number, ThreadSet>((set) => set.terminate());
