import type { Scenario } from '../../../src/scenario.js';
import type { TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';
import { Channel } from './channel.js';

const MESSAGES = ['data 1', 'data 2'];
const END = 'end';

interface State {
  /** The shared integer: one Int32 slot of shared memory, as multiprocessing.Value('i', 0). */
  readonly shared: Int32Array;
  readonly queue: Channel<string>;
  seen?: number;
}

function setup(): State {
  return { shared: new Int32Array(new SharedArrayBuffer(4)), queue: new Channel() };
}

async function reader(ctx: TaskContext, s: State): Promise<void> {
  for (;;) {
    const msg = await s.queue.get();
    await ctx.step('receive');
    ctx.note(msg);
    if (msg === END) break;
  }
  await ctx.step('read shared');
  s.seen = Atomics.load(s.shared, 0);
  ctx.note(s.seen);
}

async function send(ctx: TaskContext, s: State, msg: string): Promise<void> {
  await ctx.step('send');
  s.queue.put(msg);
  ctx.note(msg);
}

async function publish(ctx: TaskContext, s: State): Promise<void> {
  await ctx.step('write shared');
  Atomics.store(s.shared, 0, 100);
  ctx.note(100);
}

function verdict(s: State) {
  if (s.seen === 100) return true;
  return bilingual({ en: `the reader saw the shared integer as ${s.seen}, not 100`, zh: `读取方看到的共享整数是 ${s.seen}，而不是 100` });
}

/** The writer sends its messages and the end marker, then sets the shared integer. */
const racy: Scenario<State> = {
  name: 'teach/shared-integer-late-write',
  setup,
  tasks: [
    async (ctx, s) => {
      for (const m of [...MESSAGES, END]) await send(ctx, s, m);
      await publish(ctx, s);
    },
    reader,
  ],
  invariant: verdict,
};

/** The writer sets the shared integer before it sends the end marker. */
const fixed: Scenario<State> = {
  name: 'teach/shared-integer',
  setup,
  tasks: [
    async (ctx, s) => {
      for (const m of MESSAGES) await send(ctx, s, m);
      await publish(ctx, s);
      await send(ctx, s, END);
    },
    reader,
  ],
  invariant: verdict,
};

export const sharedInteger: Lesson = {
  id: 'shared-integer',
  title: { en: 'workers sharing an integer', zh: '工作进程共享一个整数' },
  intro: {
    en: "A writer and a reader share a queue and one integer in shared memory (a SharedArrayBuffer, as multiprocessing.Value('i', 0) in the tutorials). The writer sends two messages and the end marker, then sets the integer to 100; the reader reads messages until the end marker, then reads the integer and expects 100.",
    zh: "写入方和读取方共享一个队列和一块共享内存中的整数（SharedArrayBuffer，相当于教程中的 multiprocessing.Value('i', 0)）。写入方发送两条消息和结束标记，然后把整数设为 100；读取方一直读消息直到结束标记，再读取这个整数，期望是 100。",
  },
  racy,
  fixed,
  fixedRuns: 300,
  roles: [
    { en: 'writer', zh: '写入方' },
    { en: 'reader', zh: '读取方' },
  ],
  steps: {
    send: { en: 'sends a message', zh: '发送一条消息' },
    receive: { en: 'receives a message', zh: '收到一条消息' },
    'write shared': { en: 'sets the shared integer', zh: '设置共享整数' },
    'read shared': { en: 'reads the shared integer', zh: '读取共享整数' },
  },
  why: {
    en: 'the end marker told the reader "everything is ready" before the integer was written: the reader acted on the signal and read the old value. Shared memory is not ordered with the queue; what the signal announces must be written before the signal is sent.',
    zh: '结束标记在整数写入之前就告诉读取方“一切就绪”：读取方根据这个信号读到了旧值。共享内存与队列之间没有先后保证；信号所宣告的数据，必须在发出信号之前写好。',
  },
  fix: {
    en: 'the writer stores the integer before it sends the end marker, so whoever receives the marker sees 100.',
    zh: '写入方先写入整数，再发送结束标记，所以收到标记的一方一定能看到 100。',
  },
};
