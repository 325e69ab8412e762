import type { Scenario } from '../src/scenario.js';

/** A yield point as a program sees it: racekit's `ctx.step`, or a call fast-check's scheduler holds back. */
export type YieldPoint = (label: string) => Promise<void>;

/**
 * A concurrent program written once and run under both schedulers, so racekit
 * and `fc.scheduler()` execute the same task code with the same yield points.
 */
export interface Program<S> {
  readonly name: string;
  setup(): S;
  readonly tasks: readonly ((yieldPoint: YieldPoint, state: S) => Promise<void>)[];
  /** true, or a message saying what broke. */
  invariant(state: S): true | string;
}

/** What a task's step (its label and per-task ordinal, from 0) touches; undefined: not declared. */
export type Touches = (task: number, label: string, ordinal: number) => readonly string[] | undefined;

/** The racekit scenario of a program: every yield point is a `ctx.step`. */
export function toScenario<S>(program: Program<S>, touches?: Touches): Scenario<S> {
  return {
    name: program.name,
    setup: () => program.setup(),
    tasks: program.tasks.map((task, i) => (ctx, state: S) => {
      let ordinal = 0;
      return task((label) => ctx.step(label, touches ? { touches: touches(i, label, ordinal++) } : undefined), state);
    }),
    invariant: (state) => program.invariant(state),
  };
}
