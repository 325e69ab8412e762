import type { Scenario } from '../../scenario.js';
import type { TaskContext } from '../../scheduler/context.js';
import { History, firstViolation } from '../../oracles/history.js';
import { nothingLost } from '../../oracles/nothing-lost.js';
import { perProducerFifo } from '../../oracles/fifo.js';
import { withinCapacity } from '../../oracles/within-capacity.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import { Latch } from './latch.js';
import type { TaskQueue } from './task-queue.js';
import { isStop, itemName, queueWorkload, STOP, type QueueWorkload } from './workload.js';

/** One run's queue, its history and the latch the coordinator waits on. */
export interface QueueState {
  readonly queue: TaskQueue;
  readonly history: History;
  readonly producersDone: Latch;
}

/** How a producer hands over its items. */
export type ProducerStyle =
  /** Awaits every put, then says it is done. */
  | 'awaits-every-put'
  /** Forgets to await its last put: it says it is done while that put is still in flight. */
  | 'last-put-unawaited';

async function producer(ctx: TaskContext, s: QueueState, p: number, count: number, style: ProducerStyle): Promise<void> {
  const name = `P${p}`;
  for (let i = 0; i < count; i++) {
    const put = s.queue.put(ctx, name, itemName(p, i));
    if (i < count - 1 || style === 'awaits-every-put') await put;
  }
  s.producersDone.arrive();
  s.history.end(name);
}

async function consumer(ctx: TaskContext, s: QueueState, c: number): Promise<void> {
  const name = `C${c}`;
  for (;;) {
    const item = await s.queue.get(ctx, name);
    // `undefined` is a take from an empty queue: the history oracle reports it.
    if (item === STOP || item === undefined) break;
  }
  s.history.end(name);
}

/**
 * The seeds' producer/consumer: the coordinator (lane A) starts producers
 * P0.. and consumers C0.., waits until every producer is done, then stops the
 * consumers with one sentinel each, or with `close()`.
 */
export function queueScenario(name: string, makeQueue: (capacity: number, history: History) => TaskQueue, style: ProducerStyle): Scenario<QueueState, QueueWorkload> {
  return {
    name,
    workload: queueWorkload,
    setup: (_ctx, w) => {
      const history = new History();
      return { queue: makeQueue(w.capacity ?? Infinity, history), history, producersDone: new Latch(w.producers.length) };
    },
    tasks: (w) => [
      async (ctx, s) => {
        w.producers.forEach((count, p) => ctx.spawn((pctx) => producer(pctx, s, p, count, style), `P${p}`));
        for (let c = 0; c < w.consumers; c++) ctx.spawn((cctx) => consumer(cctx, s, c), `C${c}`);
        await s.producersDone.wait();
        if (w.shutdown === 'close') await s.queue.close(ctx);
        else for (let c = 0; c < w.consumers; c++) await s.queue.put(ctx, 'main', STOP);
        s.history.end('main');
      },
    ],
    invariant: (s, w) => {
      const h = s.history.events;
      const consumers = Array.from({ length: w.consumers }, (_, c) => `C${c}`);
      return firstViolation(
        nothingLost(h, { ignore: isStop }),
        // Gets are recorded at the shift, so one producer's items leave in order across all consumers.
        perProducerFifo(h, { scope: 'global', ignore: isStop }),
        withinCapacity(h, w.capacity ?? Infinity),
        allTerminated(h, [...consumers, 'main']),
      );
    },
  };
}
