import type { Program, YieldPoint } from './program.js';
import { transitionProbability } from './uniform-odds.js';

/**
 * The programs the benchmarks run. Every task is a loop of labelled yield
 * points; the bugs sit at fixed steps among noise steps that touch nothing.
 */

/** The lost-update counter: N tasks × K increments of read, yield, write. */
export function counterProgram(tasks: number, increments: number, checkInvariant = true): Program<{ counter: number }> {
  const task = async (y: YieldPoint, s: { counter: number }) => {
    for (let i = 0; i < increments; i++) {
      await y('read');
      const v = s.counter;
      await y('write');
      s.counter = v + 1;
    }
  };
  return {
    name: `counter ${tasks}×${increments}`,
    setup: () => ({ counter: 0 }),
    tasks: Array.from({ length: tasks }, () => task),
    invariant: (s) => (!checkInvariant || s.counter === tasks * increments ? true : `counter is ${s.counter}, expected ${tasks * increments}`),
  };
}

/** `steps` noise yield points, calling `at(i)` after the i-th (0-based). */
async function steps(y: YieldPoint, count: number, at: (i: number) => void): Promise<void> {
  for (let i = 0; i < count; i++) {
    await y('s');
    at(i);
  }
}

interface FlagState {
  flag: boolean;
  relay: boolean;
  seen: string | undefined;
}

/** A bug of the panel: its program and how deep it is (PCT's d). */
export interface PanelBug {
  readonly id: string;
  readonly depth: number;
  /** Hidden among many steps (≥ 100 per run): where the targets are claimed. */
  readonly hidden: boolean;
  readonly description: string;
  readonly program: Program<unknown>;
  /** Two-task bugs: exact per-run failure probability under uniform random scheduling. */
  readonly uniformP?: number;
}

/**
 * Depth 2: task A sets a flag after its step `a` and clears it after step
 * `a+1`; task B reads it after its step `b`. The other tasks only take noise
 * steps. Fails when B's read falls inside A's one-step window.
 */
export function flagBug(tasks: number, stepsPerTask: number, a: number, b: number): PanelBug {
  const program: Program<FlagState> = {
    name: `flag ${tasks}×${stepsPerTask}`,
    setup: () => ({ flag: false, relay: false, seen: undefined }),
    tasks: [
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === a) s.flag = true;
        if (i === a + 1) s.flag = false;
      }),
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === b && s.flag) s.seen = 'B saw A’s flag';
      }),
      ...Array.from({ length: tasks - 2 }, () => (y: YieldPoint) => steps(y, stepsPerTask, () => {})),
    ],
    invariant: (s) => s.seen ?? true,
  };
  const uniformP = tasks === 2 ? transitionProbability(stepsPerTask, stepsPerTask, [{ task: 'B', a: a + 1, b }]) : undefined;
  return { uniformP, id: `flag-${tasks}x${stepsPerTask}`, depth: 2, hidden: tasks * stepsPerTask >= 100, description: `flag set/cleared by A at steps ${a}/${a + 1}, read by B at step ${b}; ${tasks} tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
}

/**
 * Depth 3: A opens a one-step window (flag) at step `a`; B, reading the flag
 * at step `b`, opens its own one-step window (relay); C fails when it sees
 * both at step `c`. Needs A.a < B.b < C.c < A.(a+1) and C.c < B.(b+1).
 */
export function relayBug(tasks: number, stepsPerTask: number, a: number, b: number, c: number): PanelBug {
  const program: Program<FlagState> = {
    name: `relay ${tasks}×${stepsPerTask}`,
    setup: () => ({ flag: false, relay: false, seen: undefined }),
    tasks: [
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === a) s.flag = true;
        if (i === a + 1) s.flag = false;
      }),
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === b && s.flag) s.relay = true;
        if (i === b + 1) s.relay = false;
      }),
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === c && s.flag && s.relay) s.seen = 'C saw A’s flag and B’s relay';
      }),
      ...Array.from({ length: tasks - 3 }, () => (y: YieldPoint) => steps(y, stepsPerTask, () => {})),
    ],
    invariant: (s) => s.seen ?? true,
  };
  return { id: `relay-${tasks}x${stepsPerTask}`, depth: 3, hidden: tasks * stepsPerTask >= 100, description: `depth-3 relay: A's window at ${a}, B relays at ${b}, C reads at ${c}; ${tasks} tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
}

/**
 * The lost update in a 50-step task: A increments (read, yield, write) at its
 * step `a`, B at its step `b`, among noise steps. Fails when one read falls
 * between the other's read and write.
 */
export function lostUpdateBug(stepsPerTask: number, a: number, b: number): PanelBug {
  const incrementAt = (at: number) => async (y: YieldPoint, s: { counter: number }) => {
    let v = 0;
    for (let i = 0; i < stepsPerTask; i++) {
      await y(i === at ? 'read' : i === at + 1 ? 'write' : 's');
      if (i === at) v = s.counter;
      if (i === at + 1) s.counter = v + 1;
    }
  };
  const program: Program<{ counter: number }> = {
    name: `lost update 2×${stepsPerTask}`,
    setup: () => ({ counter: 0 }),
    tasks: [incrementAt(a), incrementAt(b)],
    invariant: (s) => (s.counter === 2 ? true : `counter is ${s.counter}, expected 2`),
  };
  // B reads between A's read and write, or A reads between B's read and write.
  const uniformP = transitionProbability(stepsPerTask, stepsPerTask, [
    { task: 'B', a: a + 1, b },
    { task: 'A', a, b: b + 1 },
  ]);
  return { uniformP, id: `lost-update-2x${stepsPerTask}`, depth: 2, hidden: 2 * stepsPerTask >= 100, description: `one increment per task among noise: A at step ${a}, B at step ${b}; 2 tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
}
