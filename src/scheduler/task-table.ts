import { taskName } from '../model/trace.js';
import type { Flow, FlowOwner } from './activity.js';

/** Where a task is: its main function still runs (or waits), or it has returned. */
export type TaskState = 'running' | 'finished';

/**
 * The tasks of one run: their names, states and flows, and the per-task
 * counters that give each pending yield point its identity. A task's state
 * changes in one place ({@link TaskTable.finish}); whether an unfinished
 * task is pending or blocked is read off the pending yield points at a
 * quiescent moment, not stored.
 */
export class TaskTable {
  readonly names: string[] = [];
  private readonly states: TaskState[] = [];
  /** The flow of each task's own code, carried to the promises it creates. */
  readonly flows: Flow[] = [];
  /** Yield points each task has reached so far; index 0 of the array is task 0. */
  private readonly ordinals: number[] = [];
  /** Yield points reached by no task's code (a timer callback, setup). */
  private orphanOrdinal = 0;
  /** Tasks whose main function has not returned. */
  unfinished = 0;

  constructor(private readonly run: FlowOwner) {}

  /** Adds a task; returns its index. */
  add(name: string | undefined): number {
    const i = this.states.length;
    this.states.push('running');
    this.names.push(name ?? taskName(i));
    this.flows.push({ run: this.run, task: i });
    this.ordinals.push(0);
    this.unfinished++;
    return i;
  }

  /** The task's main function returned (or threw); false if it had already. */
  finish(task: number): boolean {
    if (this.states[task] !== 'running') return false;
    this.states[task] = 'finished';
    this.unfinished--;
    return true;
  }

  /** The next ordinal of a yield point reached by `task` (-1: by no task). */
  nextOrdinal(task: number): number {
    return task < 0 ? this.orphanOrdinal++ : this.ordinals[task]!++;
  }

  /** Names of the tasks whose main function has not returned. */
  unfinishedNames(): string[] {
    return this.names.filter((_, i) => this.states[i] === 'running');
  }

  get count(): number {
    return this.states.length;
  }
}
