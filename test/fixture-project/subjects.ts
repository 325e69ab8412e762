// Plain code under test, as a user of racekit writes it: a counter cell over an async store.
import type { OperationSpec, Scenario, SetupContext, TaskContext } from 'racekit';

type Counter = { value: number };

/** Read, yield, write: two tasks can lose an increment. */
export const lostUpdate: Scenario<Counter> = {
  name: 'lost update',
  setup: () => ({ value: 0 }),
  tasks: [0, 1].map(() => async (ctx: TaskContext, s: Counter) => {
    const v = s.value;
    await ctx.step('read');
    s.value = v + 1;
  }),
  invariant: (s) => s.value === 2 || `increment lost: value is ${s.value}`,
};

/** The same increment with no yield point between read and write. */
export const atomicIncrement: Scenario<Counter> = {
  ...lostUpdate,
  name: 'atomic increment',
  tasks: [0, 1].map(() => async (ctx: TaskContext, s: Counter) => {
    await ctx.step('before');
    s.value += 1;
  }),
};

/** The atomic increment after a real 5 ms sleep: a run waits on a real timer most of its time. */
export const sleepyIncrement: Scenario<Counter> = {
  ...atomicIncrement,
  name: 'sleepy increment',
  tasks: [0, 1].map(() => async (ctx: TaskContext, s: Counter) => {
    await ctx.step('before');
    await new Promise((resolve) => setTimeout(resolve, 5));
    s.value += 1;
  }),
};

function cell(ctx: SetupContext, locked: boolean) {
  const store = { value: 0 };
  const load = ctx.wrap(async () => store.value, 'load');
  const save = ctx.wrap(async (v: number) => void (store.value = v), 'save');
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
  const incr = async () => {
    const v = await load();
    await save(v + 1);
    return v + 1;
  };
  return { incr: () => (locked ? exclusive(incr) : incr()), get: () => (locked ? exclusive(load) : load()) };
}

const counterModel = { init: () => 0, step: (s: number, op: { name: string }) => (op.name === 'incr' ? { state: s + 1, output: s + 1 } : { state: s, output: s }) };

/** A counter cell whose incr reads and writes the store without a lock: not linearizable. */
export const racyCell: OperationSpec<ReturnType<typeof cell>, number> = { name: 'racy cell', create: (ctx) => cell(ctx, false), operations: { incr: [], get: [] }, model: counterModel };

/** The same cell with every operation in one queue. */
export const lockedCell: OperationSpec<ReturnType<typeof cell>, number> = { ...racyCell, name: 'locked cell', create: (ctx) => cell(ctx, true) };
