import type { TraceEvent } from '../model/trace.js';
import { defaultIndex, isPreemption, relativeChoice, type Decision } from './decision.js';
import type { CallRecord } from './pending-set.js';
import type { YieldPoint } from './yield-point.js';

/**
 * What a run records of its decisions: the trace (one event per step), the
 * schedule (relative choices, replayable and shrinkable), the preemptions,
 * and the most yield points ever pending at once (a check says so when
 * nothing was ever interleaved).
 *
 * Most runs pass and their trace is never read, so a step records only the
 * yield point it resumed (an object that exists already) and what is
 * particular to it; the trace events are built when first asked for.
 */
export class RunRecorder {
  readonly schedule: number[] = [];
  preemptions = 0;
  /** The most yield points pending at one decision. */
  widest = 0;
  /** The yield point each step resumed. */
  private readonly resumed: YieldPoint[] = [];
  // Most runs have none of these: made on first use (an array or a Map costs more to make than a short run's step).
  private preempted: number[] | undefined;
  /** Under virtual time, the clock at each step. */
  private clock: number[] | undefined;
  private calls: Map<number, CallRecord> | undefined;
  private notes: Map<number, unknown> | undefined;
  private built: TraceEvent[] | undefined;

  get steps(): number {
    return this.resumed.length;
  }

  /** Records that `decision.pending[index]` was resumed (at virtual time `at`, with its call's record). */
  record(decision: Decision, index: number, at: number | undefined, call: CallRecord | undefined): void {
    const point = decision.pending[index]!;
    const def = defaultIndex(decision);
    const i = this.resumed.length;
    this.schedule.push(relativeChoice(def, index));
    if (decision.pending.length > this.widest) this.widest = decision.pending.length;
    if (isPreemption(decision, index, def)) {
      (this.preempted ??= []).push(i);
      this.preemptions++;
    }
    if (at !== undefined) (this.clock ??= [])[i] = at;
    if (call !== undefined) (this.calls ??= new Map()).set(i, call);
    this.resumed.push(point);
  }

  /** Attaches a noted value to the task's latest step (looked up here: notes are rare, steps are not). */
  note(task: number, value: unknown): void {
    let i = this.resumed.length - 1;
    while (i >= 0 && this.resumed[i]!.task !== task) i--;
    if (i < 0) return;
    (this.notes ??= new Map()).set(i, value);
    if (this.built !== undefined) this.built[i]!.value = value;
  }

  /** The trace: one event per step. */
  get trace(): TraceEvent[] {
    if (this.built !== undefined) return this.built;
    const trace = this.resumed.map((p, i): TraceEvent => ({ step: i + 1, task: p.task, label: p.label, kind: p.kind }));
    for (const i of this.preempted ?? []) trace[i]!.preemption = true;
    this.clock?.forEach((at, i) => (trace[i]!.at = at));
    for (const [i, call] of this.calls ?? []) {
      const e = trace[i]!;
      // Other steps came between the call (or the await) and its resumption: the trace says when it was made.
      if (call.madeAfter < i) e.madeAfter = call.madeAfter;
      if (call.args === undefined) continue;
      e.args = call.args;
      if (call.threw !== undefined) e.threw = call.threw;
      else e.returned = call.returned;
    }
    for (const [i, value] of this.notes ?? []) trace[i]!.value = value;
    return (this.built = trace);
  }
}
