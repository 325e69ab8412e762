import type { Scenario } from '../../../src/scenario.js';
import type { TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';
import { Channel } from './channel.js';

const ITEMS = ['A', 'B', 'C'];
const END = null;

interface State {
  readonly queue: Channel<string | null>;
  readonly consumed: string[];
  producerDone: Promise<void>;
  finished: () => void;
}

function setup(): State {
  let finished!: () => void;
  const producerDone = new Promise<void>((r) => (finished = r));
  return { queue: new Channel(), consumed: [], producerDone, finished };
}

const producer = async (ctx: TaskContext, s: State) => {
  for (const item of ITEMS) {
    await ctx.step('put');
    s.queue.put(item);
    ctx.note(item);
  }
  s.finished();
};

const consumer = async (ctx: TaskContext, s: State) => {
  for (;;) {
    const item = await s.queue.get();
    await ctx.step('get');
    ctx.note(item ?? 'END');
    if (item === END) return;
    s.consumed.push(item);
  }
};

function verdict(s: State) {
  const missing = ITEMS.filter((i) => !s.consumed.includes(i));
  if (missing.length === 0) return true;
  return bilingual({
    en: `the consumer stopped after ${JSON.stringify(s.consumed)}; ${JSON.stringify(missing)} never consumed`,
    zh: `消费者在处理了 ${JSON.stringify(s.consumed)} 之后就停止了；${JSON.stringify(missing)} 从未被消费`,
  });
}

/** main sends the end marker as soon as it has started the producer. */
const racy: Scenario<State> = {
  name: 'teach/producer-consumer-early-end',
  setup,
  tasks: [
    producer,
    consumer,
    async (ctx, s) => {
      await ctx.step('send end marker');
      s.queue.put(END);
    },
  ],
  invariant: verdict,
};

/** main waits for the producer (join) before sending the end marker. */
const fixed: Scenario<State> = {
  name: 'teach/producer-consumer-join',
  setup,
  tasks: [
    producer,
    consumer,
    async (ctx, s) => {
      await s.producerDone;
      await ctx.step('send end marker');
      s.queue.put(END);
    },
  ],
  invariant: verdict,
};

export const producerConsumer: Lesson = {
  id: 'producer-consumer',
  title: { en: 'producer/consumer with an end marker (sentinel)', zh: '带结束标记（哨兵）的生产者/消费者' },
  intro: {
    en: 'A producer puts A, B, C into a queue; a consumer takes items until it gets the end marker (null, like Python\'s None); main puts the end marker in the queue. The tutorials do this right: main first waits for the producer to finish (join). Here main forgets to wait.',
    zh: '生产者把 A、B、C 放入队列；消费者不断取出，直到取到结束标记（null，相当于 Python 的 None）；结束标记由主程序放入队列。教程中的写法是对的：主程序先等待生产者结束（join）。这里的主程序忘了等待。',
  },
  racy,
  fixed,
  fixedRuns: 300,
  roles: [
    { en: 'producer', zh: '生产者' },
    { en: 'consumer', zh: '消费者' },
    { en: 'main', zh: '主程序' },
  ],
  steps: {
    put: { en: 'puts an item in the queue', zh: '把一个元素放入队列' },
    get: { en: 'takes from the queue', zh: '从队列中取出' },
    'send end marker': { en: 'puts the end marker in the queue', zh: '把结束标记放入队列' },
  },
  why: {
    en: 'the end marker overtook items the producer had not put yet: the consumer took it, believed the stream was over and stopped, and the later items stayed in the queue forever. A sentinel only means "the end" if nothing can be put after it.',
    zh: '结束标记跑到了生产者尚未放入的元素前面：消费者取到它，以为数据已经结束就停下了，之后放入的元素永远留在了队列里。只有当它之后不可能再有元素放入时，哨兵才真正表示“结束”。',
  },
  fix: {
    en: 'main waits until the producer has finished (join) and only then puts the end marker, so it is always the last item.',
    zh: '主程序先等待生产者结束（join），然后才放入结束标记，这样它总是最后一个元素。',
  },
};
