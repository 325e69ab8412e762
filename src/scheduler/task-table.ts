import { taskName } from '../model/trace.js';
import type { Flow, FlowOwner } from './activity.js';

/** Where a task is: its main function still runs (or waits), or it has returned. */
export type TaskState = 'running' | 'finished';

/** One task of a run: the flow its code runs as (carried to the promises it creates), its name, state and yield-point counter. */
class TaskEntry implements Flow {
  state: TaskState = 'running';
  /** Yield points this task has reached so far. */
  ordinal = 0;

  constructor(
    readonly run: FlowOwner,
    readonly task: number,
    readonly name: string,
  ) {}
}

/**
 * The tasks of one run: their names, states and flows, and the per-task
 * counters that give each pending yield point its identity. A task's state
 * changes in one place ({@link TaskTable.finish}); whether an unfinished
 * task is pending or blocked is read off the pending yield points at a
 * quiescent moment, not stored. One entry per task, each its own flow (a
 * short run makes one array here, not one per field).
 */
export class TaskTable {
  private readonly entries: TaskEntry[] = [];
  /** Yield points reached by no task's code (a timer callback, setup). */
  private orphanOrdinal = 0;
  /** Tasks whose main function has not returned. */
  unfinished = 0;

  constructor(private readonly run: FlowOwner) {}

  /** Adds a task; returns its index. */
  add(name: string | undefined): number {
    const i = this.entries.length;
    this.entries.push(new TaskEntry(this.run, i, name ?? taskName(i)));
    this.unfinished++;
    return i;
  }

  /** The flow of the task's own code. */
  flow(task: number): Flow {
    return this.entries[task]!;
  }

  /** The task's display name. */
  name(task: number): string {
    return this.entries[task]!.name;
  }

  /** Display name of every task, by index. */
  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** The task's main function returned (or threw); false if it had already. */
  finish(task: number): boolean {
    const e = this.entries[task]!;
    if (e.state !== 'running') return false;
    e.state = 'finished';
    this.unfinished--;
    return true;
  }

  /** The next ordinal of a yield point reached by `task` (-1: by no task). */
  nextOrdinal(task: number): number {
    return task < 0 ? this.orphanOrdinal++ : this.entries[task]!.ordinal++;
  }

  /** Names of the tasks whose main function has not returned. */
  unfinishedNames(): string[] {
    return this.entries.filter((e) => e.state === 'running').map((e) => e.name);
  }

  get count(): number {
    return this.entries.length;
  }
}
