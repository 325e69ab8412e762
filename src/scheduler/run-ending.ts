import { errorText } from '../errors.js';
import { runAs, type Flow } from './activity.js';
import { hookSettled } from './hook-clock.js';
import type { RunRecorder } from './run-recorder.js';
import type { LateSlot, RunEnd, RunResult, RunSpec } from './run-spec.js';
import type { TaskTable } from './task-table.js';

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
    private readonly tasks: TaskTable,
    /** The run: told once it has stopped (before teardown), then given its result. */
    private readonly run: EndingRun,
  ) {}

  /** Every task ended and nothing is pending: checks the invariant, then ends. */
  judge(state: S): void {
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
      return this.end(invariantThrew(error), state, true);
    }
    if (verdict instanceof Promise) hookSettled(verdict, this.spec, this.flow).then((v: unknown) => this.end(verdictEnd(v), state, true), (error: unknown) => this.end(invariantThrew(error), state, true));
    else this.end(verdictEnd(verdict), state, true);
  }

  /** Ends the run (once): the run is told it stopped at once, teardown runs if setup had finished, then the result is delivered. */
  end(how: RunEnd, state: S | undefined, setupDone: boolean): void {
    if (this.over) return;
    this.over = true;
    this.run.stopped();
    const teardown = this.spec.teardown;
    if (teardown === undefined || !setupDone) return this.deliver(how);
    void (async () => {
      try {
        const done = runAs(this.flow, () => teardown(state as S));
        await (done instanceof Promise ? hookSettled(done, this.spec, this.flow) : done);
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
    this.result = new RecordedRun(how, this.recorder, this.tasks.names(), this.interleaved);
    this.run.delivered(this.result);
  }
}

/** What the run ending needs of its run. */
export interface EndingRun {
  /** The run has stopped: no more decisions (called before teardown). */
  stopped(): void;
  /** The run's result, once teardown is done. */
  delivered(result: RunResult): void;
}

/** A passed run's end: one object for all of them (RecordedRun copies what it needs). */
const PASSED: RunEnd = { outcome: 'pass' };

/** What the invariant's verdict makes of the run: false or a message fails it. */
function verdictEnd(v: unknown): RunEnd {
  if (v === false) return { outcome: 'fail', kind: 'invariant', message: 'invariant broken' };
  return typeof v === 'string' ? { outcome: 'fail', kind: 'invariant', message: v === '' ? 'invariant broken (its message was empty)' : v } : PASSED;
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
  readonly unattributed: RunEnd['unattributed'];
  readonly inSetup: true | undefined;
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
    this.unattributed = how.unattributed;
    this.inSetup = how.inSetup;
    this.schedule = recorder.schedule;
    this.steps = recorder.steps;
    this.preemptions = recorder.preemptions;
    this.widest = recorder.widest;
  }

  get trace() {
    return this.recorder.trace;
  }
}
