import { fromRelative, type Decision } from './decision.js';
import type { RunChooser } from './strategy.js';

/** A chooser that replays a recorded schedule of relative choices, then takes defaults. */
export function followSchedule(schedule: readonly number[]): RunChooser {
  return { choose: (d: Decision) => fromRelative(d, schedule[d.step - 1] ?? 0) };
}

/** A chooser that replays a recorded schedule of relative choices, then asks `then` (a run's own chooser, resumed where the recorded run stopped). */
export function followThen(schedule: readonly number[], then: RunChooser): RunChooser {
  return { choose: (d: Decision) => (d.step <= schedule.length ? fromRelative(d, schedule[d.step - 1]!) : then.choose(d)) };
}
