import { errorText } from '../errors.js';
import { runAs, type Flow } from './activity.js';
import type { RunRecorder } from './run-recorder.js';
import type { LateSlot, RunEnd, RunResult, RunSpec } from './run-spec.js';

/**
 * How a run ends: the invariant judged (when every task ended), teardown
 * (after every run that got past setup), and the result delivered once. An
 * error the run's code raises after the result went out (an unhandled
 * rejection surfaces a turn of the event loop later) marks a passed result
 * `late`.
 */
export class RunEnding<S> {
  private result: RunResult | undefined;
  /** The run has ended (its result is delivered or on its way). */
  over = false;
  private interleaved: boolean | undefined;

  constructor(
    private readonly spec: RunSpec<S>,
    /** The run's own flow: the invariant and teardown run as its code, not a task's. */
    private readonly flow: Flow,
    private readonly recorder: RunRecorder,
    private readonly names: readonly string[],
    private readonly deliverTo: (r: RunResult) => void,
  ) {}

  /** Every task ended and nothing is pending: checks the invariant, then ends. */
  judge(state: S, tornDown: () => void): void {
    const witness = this.spec.interleaved;
    if (witness !== undefined) {
      try {
        this.interleaved = runAs(this.flow, () => witness(state));
      } catch {
        this.interleaved = undefined;
      }
    }
    let verdict: unknown;
    try {
      verdict = runAs(this.flow, () => this.spec.invariant(state));
    } catch (error) {
      return this.end(invariantThrew(error), state, true, tornDown);
    }
    const judged = (v: unknown) => this.end(v === false ? { outcome: 'fail', kind: 'invariant', message: 'invariant broken' } : typeof v === 'string' ? { outcome: 'fail', kind: 'invariant', message: v } : { outcome: 'pass' }, state, true, tornDown);
    if (verdict instanceof Promise) verdict.then(judged, (error: unknown) => this.end(invariantThrew(error), state, true, tornDown));
    else judged(verdict);
  }

  /** Ends the run (once): `stopped` is called at once, teardown runs if setup had finished, then the result is delivered. */
  end(how: RunEnd, state: S | undefined, setupDone: boolean, stopped: () => void): void {
    if (this.over) return;
    this.over = true;
    stopped();
    const teardown = this.spec.teardown;
    if (teardown === undefined || !setupDone) return this.deliver(how);
    void (async () => {
      try {
        await runAs(this.flow, () => teardown(state as S));
        this.deliver(how);
      } catch (error) {
        this.deliver(how.outcome === 'fail' ? how : { outcome: 'fail', kind: 'exception', message: `teardown threw: ${errorText(error)}`, error });
      }
    })();
  }

  /** An error raised after the run ended: a passed result becomes a late failure. */
  raiseLate(message: string, error: unknown): void {
    const r = this.result;
    if (r !== undefined && r.outcome === 'pass' && r.after.late === undefined) r.after.late = { outcome: 'fail', kind: 'exception', message, error };
  }

  private deliver(how: RunEnd): void {
    this.result = new RecordedRun(how, this.recorder, this.names as string[], this.interleaved);
    this.deliverTo(this.result);
  }
}

function invariantThrew(error: unknown): RunEnd {
  return { outcome: 'fail', kind: 'invariant', message: `invariant threw: ${errorText(error)}`, error };
}

/** A run's result; its trace is built from the record only when read (most runs pass unread). */
class RecordedRun implements RunResult {
  readonly outcome: RunEnd['outcome'];
  readonly kind: RunEnd['kind'];
  readonly message: string | undefined;
  readonly error: unknown;
  readonly schedule: number[];
  readonly steps: number;
  readonly preemptions: number;
  readonly widest: number;
  readonly after: LateSlot = { late: undefined };

  constructor(
    how: RunEnd,
    private readonly recorder: RunRecorder,
    readonly taskNames: string[],
    readonly interleaved: boolean | undefined,
  ) {
    this.outcome = how.outcome;
    this.kind = how.kind;
    this.message = how.message;
    this.error = how.error;
    this.schedule = recorder.schedule;
    this.steps = recorder.steps;
    this.preemptions = recorder.preemptions;
    this.widest = recorder.widest;
  }

  get trace() {
    return this.recorder.trace;
  }
}
