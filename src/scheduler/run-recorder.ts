import type { TraceEvent } from '../model/trace.js';
import { defaultIndex, isPreemption, relativeChoice, type Decision } from './decision.js';
import type { CallRecord } from './pending-set.js';

/**
 * What a run records of its decisions: the trace (one event per step), the
 * schedule (relative choices, replayable and shrinkable), the preemptions,
 * and the most yield points ever pending at once (a check says so when
 * nothing was ever interleaved).
 */
export class RunRecorder {
  readonly trace: TraceEvent[] = [];
  readonly schedule: number[] = [];
  preemptions = 0;
  /** The most yield points pending at one decision. */
  widest = 0;
  /** Per task, the index in the trace of its latest step (for `ctx.note`). */
  private readonly latest: number[] = [];

  get steps(): number {
    return this.trace.length;
  }

  /** Records that `decision.pending[index]` was resumed; returns its trace event. */
  record(decision: Decision, index: number, at: number | undefined, call: CallRecord | undefined): TraceEvent {
    const point = decision.pending[index]!;
    const def = defaultIndex(decision);
    this.schedule.push(relativeChoice(def, index));
    if (decision.pending.length > this.widest) this.widest = decision.pending.length;
    const event: TraceEvent = { step: decision.step, task: point.task, label: point.label, kind: point.kind };
    if (isPreemption(decision, index, def)) {
      event.preemption = true;
      this.preemptions++;
    }
    if (at !== undefined) event.at = at;
    if (call !== undefined) {
      event.args = call.args;
      if (call.threw !== undefined) event.threw = call.threw;
      else event.returned = call.returned;
    }
    this.trace.push(event);
    if (point.task >= 0) this.latest[point.task] = this.trace.length - 1;
    return event;
  }

  /** Attaches a noted value to the task's latest step. */
  note(task: number, value: unknown): void {
    const i = this.latest[task];
    if (i !== undefined) this.trace[i]!.value = value;
  }
}
