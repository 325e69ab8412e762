import type { Program, Touches, YieldPoint } from './program.js';
import { relayProbability, transitionProbability } from './uniform-odds.js';

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
  /** What each step touches, for the variant whose steps declare it (noise steps touch nothing). */
  readonly touches?: Touches;
}

/** Touches of a bug whose task `t` touches `cells[t][ordinal]` at the listed steps and nothing elsewhere. */
function declared(cells: Record<number, Record<number, readonly string[]>>): Touches {
  return (task, _label, ordinal) => cells[task]?.[ordinal] ?? [];
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
  const touches = declared({ 0: { [a]: ['flag'], [a + 1]: ['flag'] }, 1: { [b]: ['flag'] } });
  return { uniformP, touches, id: `flag-${tasks}x${stepsPerTask}`, depth: 2, hidden: tasks * stepsPerTask >= 100, description: `flag set/cleared by A at steps ${a}/${a + 1}, read by B at step ${b}; ${tasks} tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
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
  const touches = declared({ 0: { [a]: ['flag'], [a + 1]: ['flag'] }, 1: { [b]: ['flag', 'relay'], [b + 1]: ['relay'] }, 2: { [c]: ['flag', 'relay'] } });
  // The exact walk has (steps+1)^tasks states: affordable up to four tasks of a few dozen steps.
  const uniformP = tasks <= 4 && (stepsPerTask + 1) ** tasks <= 4e6 ? relayProbability(tasks, stepsPerTask, a, b, c) : undefined;
  return { uniformP, touches, id: `relay-${tasks}x${stepsPerTask}`, depth: 3, hidden: tasks * stepsPerTask >= 100, description: `depth-3 relay: A's window at ${a}, B relays at ${b}, C reads at ${c}; ${tasks} tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
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
  const touches = declared({ 0: { [a]: ['counter'], [a + 1]: ['counter'] }, 1: { [b]: ['counter'], [b + 1]: ['counter'] } });
  return { uniformP, touches, id: `lost-update-2x${stepsPerTask}`, depth: 2, hidden: 2 * stepsPerTask >= 100, description: `one increment per task among noise: A at step ${a}, B at step ${b}; 2 tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
}

/**
 * A window that every other writer closes: A opens it (`open = true`) at its
 * step `a` and closes it at `a+1`; the checker C reads it at its step `c`;
 * each of the other `tasks − 2` writers closes it at every one of its steps
 * (a heartbeat that resets the status). Fails when C's read falls inside A's
 * window with no other writer's step between A's opening and C's read.
 */
export function windowBug(tasks: number, stepsPerTask: number, a: number, c: number, closeEvery = true): PanelBug {
  const program: Program<{ open: boolean; seen: string | undefined }> = {
    name: `window ${tasks}×${stepsPerTask}`,
    setup: () => ({ open: false, seen: undefined }),
    tasks: [
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === a) s.open = true;
        if (i === a + 1) s.open = false;
      }),
      (y, s) => steps(y, stepsPerTask, (i) => {
        if (i === c && s.open) s.seen = 'C saw A’s open window';
      }),
      ...Array.from({ length: tasks - 2 }, (_, w) => (y: YieldPoint, s: { open: boolean }) => steps(y, stepsPerTask, (i) => {
        if (closeEvery || i === (w * 7) % stepsPerTask) s.open = false;
      })),
    ],
    invariant: (s) => s.seen ?? true,
  };
  const touches: Touches = (task, _label, i) => {
    if (task === 0) return i === a || i === a + 1 ? ['open'] : [];
    if (task === 1) return i === c ? ['open'] : [];
    return closeEvery || i === ((task - 2) * 7) % stepsPerTask ? ['open'] : [];
  };
  return { touches, id: `window-${tasks}x${stepsPerTask}`, depth: 2, hidden: tasks * stepsPerTask >= 100, description: `A opens a window at step ${a} and closes it at ${a + 1}, C reads it at step ${c}, the ${tasks - 2} other writers close it at ${closeEvery ? 'every step' : 'one step each'}; ${tasks} tasks × ${stepsPerTask} steps`, program: program as Program<unknown> };
}

/**
 * A 100-task program of two stages per task: the reader R (task 0) takes a
 * snapshot of a generation counter in its first stage and validates it in
 * its second; each writer prepares in its first stage and commits (bumps the
 * generation, which wraps at the writer count) in its second. Fails when all
 * writers commit between R's two stages, so the generation is back where R
 * saw it although everything changed (ABA): R must be stopped between its
 * stages while the 99 others run to the end.
 */
export function twoStageBug(tasks: number): PanelBug {
  const writers = tasks - 1;
  interface Gen { gen: number; commits: number; seen: string | undefined }
  const program: Program<Gen> = {
    name: `two-stage ${tasks}`,
    setup: () => ({ gen: 0, commits: 0, seen: undefined }),
    tasks: [
      async (y, s) => {
        await y('snapshot');
        const gen = s.gen;
        const commits = s.commits;
        await y('validate');
        if (s.gen === gen && s.commits !== commits) s.seen = `R validated a stale snapshot: generation ${gen} again after ${s.commits - commits} commits`;
      },
      ...Array.from({ length: writers }, () => async (y: YieldPoint, s: Gen) => {
        await y('prepare');
        await y('commit');
        s.gen = (s.gen + 1) % writers;
        s.commits++;
      }),
    ],
    invariant: (s) => s.seen ?? true,
  };
  // R reads the generation in both stages; a writer's commit (its second step) writes it.
  const touches: Touches = (task, _label, i) => (task === 0 || i === 1 ? ['gen'] : []);
  return { touches, id: `two-stage-${tasks}`, depth: 2, hidden: true, description: `ABA: R snapshots a generation that wraps at ${writers} and validates it later; fails when all ${writers} writers commit between R's two stages; ${tasks} tasks × 2 steps`, program: program as Program<unknown> };
}
