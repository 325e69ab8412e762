import { EventEmitter, on, once } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Chains of work that need no yield point: promise reactions, awaits,
 * queueMicrotask, process.nextTick, thenables, async iteration, streams and
 * immediates, mixed. Each starts at once and calls `end` when its last hop has
 * run. The quiescence property starts one whenever a yield point resumes, and
 * no decision may be taken while one is still running.
 */
export type Chain = (length: number, end: () => void) => void;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const chains: Record<string, Chain> = {
  then: (n, end) => {
    let p = Promise.resolve();
    for (let i = 0; i < n; i++) p = p.then(() => {});
    void p.then(end);
  },
  awaits: (n, end) => {
    void (async () => {
      for (let i = 0; i < n; i++) await null;
      end();
    })();
  },
  nestedAsync: (n, end) => {
    // Async calls nested 50 deep at most (deeper would overflow the stack), again until n.
    const f = async (k: number): Promise<void> => {
      if (k > 0) await f(k - 1);
    };
    void (async () => {
      for (let done = 0; done < n; done += 50) await f(Math.min(50, n - done));
      end();
    })();
  },
  all: (n, end) => {
    void Promise.all(range(3).map((i) => new Promise<void>((r) => chains.then!(n + i, r)))).then(end);
  },
  allSettled: (n, end) => {
    void Promise.allSettled([Promise.reject(new Error('expected')), new Promise<void>((r) => chains.awaits!(n, r))]).then(end);
  },
  race: (n, end) => {
    void Promise.race([new Promise<void>((r) => chains.then!(n, r)), new Promise(() => {})]).then(end);
  },
  any: (n, end) => {
    void Promise.any([Promise.reject(new Error('expected')), new Promise<void>((r) => chains.awaits!(n, r))]).then(end);
  },
  thenable: (n, end) => {
    void (async () => {
      for (let i = 0; i < n; i++) await { then: (resolve: (v: number) => void) => resolve(i) };
      end();
    })();
  },
  thenableMicrotask: (n, end) => {
    void (async () => {
      for (let i = 0; i < n; i++) await { then: (resolve: (v: number) => void) => queueMicrotask(() => resolve(i)) };
      end();
    })();
  },
  thenableTick: (n, end) => {
    void (async () => {
      for (let i = 0; i < n; i++) await { then: (resolve: (v: number) => void) => process.nextTick(() => resolve(i)) };
      end();
    })();
  },
  resolveWithPromise: (n, end) => {
    let p: Promise<number> = Promise.resolve(0);
    for (let i = 0; i < n; i++) {
      const q = p;
      p = new Promise((r) => r(q));
    }
    void p.then(end);
  },
  microtasks: (n, end) => {
    let i = 0;
    const f = (): void => (++i < n ? queueMicrotask(f) : end());
    queueMicrotask(f);
  },
  ticks: (n, end) => {
    let i = 0;
    const f = (): void => (++i < n ? process.nextTick(f) : end());
    process.nextTick(f);
  },
  ticksAndMicrotasks: (n, end) => {
    let i = 0;
    const f = (): void => {
      if (++i >= n) end();
      else if (i % 2) process.nextTick(f);
      else queueMicrotask(f);
    };
    f();
  },
  asyncGenerator: (n, end) => {
    void (async () => {
      async function* g() {
        for (let i = 0; i < n; i++) yield i;
      }
      for await (const _ of g());
      end();
    })();
  },
  forAwaitOverArray: (n, end) => {
    void (async () => {
      for await (const _ of range(n));
      end();
    })();
  },
  finally: (n, end) => {
    let p = Promise.resolve();
    for (let i = 0; i < n; i++) p = p.finally(() => {});
    void p.then(end);
  },
  eventsOnce: (n, end) => {
    const e = new EventEmitter();
    void once(e, 'x').then(() => chains.then!(n, end));
    queueMicrotask(() => e.emit('x'));
  },
  eventsOn: (n, end) => {
    const e = new EventEmitter();
    void (async () => {
      let i = 0;
      for await (const _ of on(e, 'x')) if (++i >= n) break;
      end();
    })();
    let j = 0;
    const emit = (): void => {
      e.emit('x');
      if (++j < n) queueMicrotask(emit);
    };
    queueMicrotask(emit);
  },
  readable: (n, end) => {
    void (async () => {
      for await (const _ of Readable.from(range(n)));
      end();
    })();
  },
  pipeline: (n, end) => {
    void pipeline(
      Readable.from(range(n).map(String)),
      new PassThrough(),
      new Writable({ write: (_chunk, _encoding, done) => process.nextTick(done) }),
    ).then(end);
  },
  immediates: (n, end) => {
    let i = 0;
    const f = (): void => {
      if (++i >= n) end();
      else setImmediate(f);
    };
    setImmediate(f);
  },
};

/** The kinds of chain, for arbitraries. */
export const chainKinds = Object.keys(chains);
