import type { Orphan } from './failure-capture.js';
import { errorText } from '../errors.js';
import type { FailureKind, YieldKind } from '../model/trace.js';
import { carryFlows, current as runningFlow, runAs, type CallInFlight, type Flow, type FlowOwner } from './activity.js';
import type { StepOptions, TaskContext } from './context.js';
import type { OutsideWork } from './outside-work.js';
import type { CallRecord, PendingSet } from './pending-set.js';
import { requestQuiescence } from './quiescence.js';
import type { RunRecorder } from './run-recorder.js';
import { TaskCtx, type RunApi } from './task-context.js';
import { TaskTable } from './task-table.js';
import type { TimerPolicy } from './timer-policy.js';
import { wrapCall, type CallHost } from './wrapped-call.js';

const never = new Promise<never>(() => {});
/** The resolve function of the promise created last through {@link capture} (no closure per yield point). */
let captured: (() => void) | undefined;
const capture = (resolve: () => void): void => {
  captured = resolve;
};

/** What the surface needs of its run. */
export interface RunControl {
  readonly ended: boolean;
  /** A task ended (its main function returned): a wait for outside work starts over. */
  taskEnded(): void;
  fail(kind: FailureKind, message: string, error?: unknown): void;
  /** An error escaped the run's code (see FlowOwner.raise). */
  raise(message: string, error: unknown, unattributed?: Orphan): void;
}

/**
 * What a run offers the code it runs: yield points (`ctx.step`, wrapped
 * calls, instrumented awaits) that become pending, tasks spawned, holds,
 * notes; and, as the owner of every flow of the run, where an escaped error
 * or an instrumented await goes. Each pending yield point asks for a
 * quiescence check; the run decides.
 */
export class RunSurface implements RunApi, CallHost, FlowOwner {
  readonly tasks: TaskTable;
  /** Promises with an await pending, and the later awaits of each that resume with it (made at the first such await). */
  private sameAwaited: Map<Promise<unknown>, (() => void)[]> | undefined;

  constructor(
    private readonly run: RunControl,
    private readonly pending: PendingSet,
    private readonly outside: OutsideWork,
    private readonly recorder: RunRecorder,
    private readonly timers: TimerPolicy | undefined,
  ) {
    this.tasks = new TaskTable(this);
  }

  get ended(): boolean {
    return this.run.ended;
  }

  get steps(): number {
    return this.recorder.steps;
  }

  step(task: number, label: string, options: StepOptions | undefined): Promise<void> {
    if (this.run.ended) return never;
    const promise = new Promise<void>(capture);
    this.park(task, 'manual', label, options?.touches, captured!, undefined);
    return promise;
  }

  awaitPoint(task: number, value: unknown, label: string): Promise<unknown> {
    if (this.run.ended) return never;
    // When the await was reached: the call behind it was made then, maybe steps before it is resumed.
    const reached: CallRecord = { madeAfter: this.recorder.steps };
    return new Promise((resolve, reject) => {
      Promise.resolve(value).then(
        (v) => this.run.ended || this.settledAwait(task, label, value, () => resolve(v), reached),
        (e: unknown) => this.run.ended || this.settledAwait(task, label, value, () => reject(e), reached),
      );
    });
  }

  /**
   * An await whose value settled becomes pending, unless an earlier await of
   * the same promise still is: then it resumes right after that one, in the
   * same step. Node runs the reactions of one promise in the order they were
   * registered, one after the other, however long the promise took, so no
   * real execution resumes them in another order or runs anything between.
   */
  private settledAwait(task: number, label: string, value: unknown, resume: () => void, reached: CallRecord): void {
    if (!(value instanceof Promise)) return this.park(task, 'await', label, undefined, resume, reached);
    const followers = (this.sameAwaited ??= new Map()).get(value);
    if (followers !== undefined) {
      followers.push(resume);
      return;
    }
    const mine: (() => void)[] = [];
    this.sameAwaited.set(value, mine);
    this.park(task, 'await', label, undefined, () => {
      this.sameAwaited!.delete(value);
      resume();
      for (const f of mine) f();
    }, reached);
  }

  private park(task: number, kind: YieldKind, label: string, touches: readonly string[] | undefined, resume: () => void, call: CallRecord | undefined): void {
    this.pending.park(task, this.tasks.nextOrdinal(task), kind, label, touches, this.timers?.now, this.recorder.steps, resume, call);
    requestQuiescence();
  }

  note(task: number, value: unknown): void {
    if (!this.run.ended) this.recorder.note(task, value);
  }

  wrap<F extends (...args: never[]) => unknown>(fn: F, label: string | undefined, task: number | undefined): F {
    if (task === undefined) this.attributeCalls();
    return wrapCall(this, fn, label, task);
  }

  attributeCalls(): void {
    // A dependency wrapped in setup is called from any task: which one, only carried flows can tell.
    carryFlows();
  }

  callStarted(): void {
    this.outside.calls++;
  }

  runningFlow(): Flow | undefined {
    const flow = runningFlow;
    return flow?.run === this ? flow : undefined;
  }

  callSettled(task: number, label: string, deliver: () => void, record: CallRecord, call: CallInFlight, outer: CallInFlight | undefined): void {
    const { outside } = this;
    outside.callSettled(call);
    if (outer === undefined) return this.park(task, 'call', label, undefined, deliver, record);
    // The call whose body made this one waits on this answer's decision now, not on outside work.
    outside.answerPending(outer);
    this.park(task, 'call', label, undefined, () => (outside.answerResumed(outer), deliver()), record);
  }

  /** Starts a task now; it runs until its first yield point before this returns. */
  spawn(fn: (ctx: TaskContext) => unknown, name: string | undefined): number {
    if (this.run.ended) return -1;
    const i = this.tasks.add(name);
    const ctx = new TaskCtx(this, i);
    const done = runAs(this.tasks.flow(i), () => {
      try {
        return Promise.resolve(fn(ctx));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    done.then(
      () => this.taskDone(i),
      (error: unknown) => this.run.fail('exception', `task ${this.tasks.name(i)} threw: ${errorText(error)}`, error),
    );
    return i;
  }

  hold(label = 'io'): () => void {
    if (this.run.ended) return () => {};
    return this.outside.hold(label, () => this.run.ended || requestQuiescence());
  }

  raise(message: string, error: unknown, unattributed?: Orphan): void {
    this.run.raise(message, error, unattributed);
  }

  private taskDone(task: number): void {
    if (this.run.ended || !this.tasks.finish(task)) return;
    this.timers?.taskEnded();
    this.run.taskEnded();
    requestQuiescence();
  }
}
