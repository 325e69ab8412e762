import { Mutex } from 'async-mutex';
import type { Scenario } from '../../../src/scenario.js';
import type { TaskContext } from '../../../src/scheduler/context.js';
import { bilingual, type Lesson } from '../lesson.js';

/** Requests each client sends: alice twice, bob once. */
const REQUESTS = ['alice', 'alice', 'bob'];

interface State {
  readonly hits: Map<string, number>;
  readonly locks: Map<string, Mutex>;
  handled: number;
}

function verdict(s: State) {
  const want = (c: string) => REQUESTS.filter((r) => r === c).length;
  const wrong = [...new Set(REQUESTS)].filter((c) => (s.hits.get(c) ?? 0) !== want(c));
  if (wrong.length === 0) return true;
  const shown = wrong.map((c) => `${c}: ${s.hits.get(c) ?? 0}/${want(c)}`).join(', ');
  return bilingual({ en: `the server counted ${shown} requests`, zh: `服务器统计的请求数为 ${shown}` });
}

/** The handler reads the client's count, awaits (a log write, say), then stores count + 1. */
async function handle(ctx: TaskContext, s: State, client: string): Promise<void> {
  await ctx.step('read count');
  const n = s.hits.get(client) ?? 0;
  ctx.note(`${client}: ${n}`);
  await ctx.step('store count');
  s.hits.set(client, n + 1);
  ctx.note(`${client}: ${n + 1}`);
}

/** Each request arrives as its own handler task, as a server runs one handler per connection. */
function server(name: string, handler: (ctx: TaskContext, s: State, client: string) => Promise<void>): Scenario<State> {
  return {
    name,
    setup: () => ({ hits: new Map(), locks: new Map(), handled: 0 }),
    tasks: [
      async (ctx, s) => {
        for (const [i, client] of REQUESTS.entries()) {
          await ctx.step('accept');
          ctx.note(client);
          ctx.spawn((hctx) => handler(hctx, s, client), `handler #${i + 1} (${client})`);
        }
      },
    ],
    invariant: verdict,
  };
}

const racy = server('teach/server-counter', handle);
const fixed = server('teach/server-counter-locked', (ctx, s, client) => {
  const lock = s.locks.get(client) ?? s.locks.set(client, new Mutex()).get(client)!;
  return lock.runExclusive(() => handle(ctx, s, client));
});

export const serverCounter: Lesson = {
  id: 'server-counter',
  title: { en: 'a server counting requests per client', zh: '按客户端统计请求数的服务器' },
  intro: {
    en: 'A server keeps a request count per client. Every request is handled by its own handler (one per connection, as an HTTP or TCP server does); the handler reads the client\'s count, writes a log line (an await), then stores the count plus one. alice sends two requests, bob one.',
    zh: '服务器为每个客户端记录请求次数。每个请求由各自的处理函数处理（每个连接一个，HTTP 或 TCP 服务器就是这样做的）；处理函数读取该客户端的计数，写一行日志（一次 await），再存回计数加一。alice 发送两个请求，bob 发送一个。',
  },
  racy,
  fixed,
  fixedRuns: 300,
  roles: [{ en: 'server', zh: '服务器' }],
  steps: {
    accept: { en: 'accepts a request', zh: '接受一个请求' },
    'read count': { en: "reads the client's count", zh: '读取该客户端的计数' },
    'store count': { en: 'stores the count + 1', zh: '存回计数 + 1' },
  },
  why: {
    en: "two handlers of the same client were in flight at once: both read the old count before either stored, so the client's second request was not counted. Handlers of one server share its state exactly as threads do.",
    zh: '同一客户端的两个处理函数同时在运行：它们都在对方存回之前读到了旧的计数，于是这个客户端的第二个请求没有被计入。同一服务器的处理函数共享它的状态，和线程完全一样。',
  },
  fix: {
    en: "each client's count is updated under that client's lock (async-mutex), so handlers of one client take turns while different clients still run in parallel.",
    zh: '每个客户端的计数在该客户端自己的锁（async-mutex）下更新：同一客户端的处理函数轮流执行，不同客户端仍可并行。',
  },
};
