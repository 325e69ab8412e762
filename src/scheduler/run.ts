import { errorText, VirtualTimeRefusedError } from '../errors.js';
import type { FailureKind } from '../model/trace.js';
import { carryFlows, current as runningFlow, runAs, type Flow, type FlowOwner } from './activity.js';
import type { StepOptions, TaskContext } from './context.js';
import type { Decision } from './decision.js';
import { runEnded, runStarted } from './failure-capture.js';
import { OutsideWait } from './outside-wait.js';
import { OutsideWork } from './outside-work.js';
import { PendingSet, type CallRecord } from './pending-set.js';
import { armNow, detectQuiescence, expectResumedJob, requestQuiescence, stopDetecting } from './quiescence.js';
import { RunRecorder } from './run-recorder.js';
import type { RunEnd, RunResult, RunSpec } from './run-spec.js';
import { PRUNE } from './strategy.js';
import { SetupCtx, TaskCtx, type RunApi } from './task-context.js';
import { TaskTable } from './task-table.js';
import { countInto } from './timer-census.js';
import { IDLE_FIRING_LIMIT, TimerPolicy } from './timer-policy.js';
import { wrapCall, type CallHost } from './wrapped-call.js';
import type { YieldPoint } from './yield-point.js';

/** Resource types that cannot follow a virtual clock. */
const REAL_IO = /TCP|Pipe|UDP|Worker/;
const never = new Promise<never>(() => {});
/** The resolve function of the promise created last through {@link capture} (no closure per yield point). */
let captured: (() => void) | undefined;
const capture = (resolve: () => void): void => {
  captured = resolve;
};

/** Executes one run: starts the tasks, resumes one pending yield point at each quiescent moment, checks the invariant. */
export function executeRun<S>(spec: RunSpec<S>): Promise<RunResult> {
  return new Run(spec).start();
}

/**
 * One run, as the algorithm reads: wait for quiescence, offer the pending
 * yield points, ask the strategy, record, resume. The parts have owners of
 * their own: the tasks (task-table.ts), the pending yield points
 * (pending-set.ts), outside work (outside-work.ts, outside-wait.ts),
 * quiescence (quiescence.ts), virtual timers (timer-policy.ts) and the
 * record (run-recorder.ts).
 */
class Run<S> implements RunApi, CallHost, FlowOwner {
  ended = false;
  private settled = false;
  private readonly tasks = new TaskTable(this);
  private readonly pending = new PendingSet();
  private readonly outside = new OutsideWork();
  private readonly recorder = new RunRecorder();
  private readonly timers: TimerPolicy | undefined;
  private readonly wait = new OutsideWait(() => this.quiet());
  private readonly flow: Flow = { run: this, task: -1 };
  private current = -1;
  private state: S | undefined;
  private setupDone = false;
  private result: RunResult | undefined;
  private settle!: (r: RunResult) => void;

  constructor(private readonly spec: RunSpec<S>) {
    this.timers = spec.clock && new TimerPolicy(spec.clock, spec.maxLatency);
  }

  start(): Promise<RunResult> {
    const done = new Promise<RunResult>((resolve) => (this.settle = resolve));
    runStarted(this);
    countInto(this.outside);
    this.spec.clock?.reset();
    detectQuiescence(this.quiet);
    runAs(this.flow, () => this.begin());
    return done;
  }

  private begin(): void {
    let state: S | Promise<S>;
    try {
      state = this.spec.setup(new SetupCtx(this, undefined));
    } catch (error) {
      return this.fail('exception', `setup threw: ${errorText(error)}`, error);
    }
    if (state instanceof Promise) state.then((s) => this.launch(s), (error: unknown) => this.fail('exception', `setup threw: ${errorText(error)}`, error));
    else this.launch(state);
  }

  private launch(state: S): void {
    if (this.ended) return;
    this.state = state;
    this.setupDone = true;
    if (this.spec.clock && this.refuseRealIo()) return;
    for (const task of this.spec.tasks) this.spawn((ctx) => task(ctx, state), undefined);
    armNow();
  }

  /** Called at every quiescent moment (and at every poll while waiting for outside work). */
  private readonly quiet = (): void => {
    if (this.ended) return;
    const { pending, outside, tasks, timers } = this;
    // Under virtual time, work in flight with a timer due is waiting on the clock.
    const clockDue = timers !== undefined && tasks.unfinished > 0 && timers.timerPending && outside.immediates === 0;
    if (outside.busy && !clockDue) {
      if (this.spec.clock && this.refuseRealIo()) return;
      if (this.wait.keepWaiting(this.spec.deadlockTimeout)) return;
    }
    const timer = timers?.offer(pending.size, pending.earliestSince(), tasks.unfinished);
    if (pending.size === 0 && timer === undefined) {
      if (tasks.unfinished === 0 && !outside.busy) return void this.finish();
      // Real timers or new outside resources may still wake a task: wait, bounded.
      if (tasks.unfinished > 0 && (outside.realTimers > 0 || this.spec.foreign.active()) && this.wait.keepWaiting(this.spec.deadlockTimeout)) return;
      return this.fail('deadlock', this.deadlockMessage());
    }
    this.wait.stop();
    this.decide(timer);
  };

  private decide(timer: YieldPoint | undefined): void {
    const points = this.pending.points;
    const step = this.recorder.steps + 1;
    if (step > this.spec.stepBudget) return this.fail('step-budget', `step budget exhausted: more than ${this.spec.stepBudget} steps (livelock?)`);
    if (timer !== undefined) points.push(timer);
    const decision: Decision = { pending: points, current: this.current, step };
    const index = this.spec.chooser.choose(decision);
    if (index === PRUNE) {
      if (timer !== undefined) points.pop();
      return this.end({ outcome: 'pruned' });
    }
    const chosen = points[index]!;
    const at = this.timers === undefined ? undefined : (chosen.at ?? this.timers.now);
    if (chosen === timer) {
      this.recorder.record(decision, index, at, undefined);
      points.pop();
      this.current = -1;
      if (this.timers!.fired(points.length)) return this.fail('deadlock', `deadlock: ${this.who()} blocked while only timers fired (${IDLE_FIRING_LIMIT} in a row, a live interval?)`);
      runAs(this.flow, this.fireTimer);
      return armNow();
    }
    if (timer !== undefined) points.pop();
    this.recorder.record(decision, index, at, this.pending.callAt(index));
    const resume = this.pending.take(index);
    this.timers?.resumedOther();
    this.current = chosen.task;
    resume();
    expectResumedJob();
  }

  private readonly fireTimer = (): void => {
    try {
      this.spec.clock!.fire();
    } catch (error) {
      this.fail('exception', `timer callback threw: ${errorText(error)}`, error);
    }
  };

  // ── what tasks and setup ask of the run (RunApi, CallHost) ──

  step(task: number, label: string, options: StepOptions | undefined): Promise<void> {
    if (this.ended) return never;
    const promise = new Promise<void>(capture);
    this.park(task, 'manual', label, options?.touches, captured!, undefined);
    return promise;
  }

  private park(task: number, kind: YieldPoint['kind'], label: string, touches: readonly string[] | undefined, resume: () => void, call: CallRecord | undefined): void {
    const p = this.pending;
    p.add({ seq: p.nextSeq(), task, ordinal: this.tasks.nextOrdinal(task), kind, label, touches, at: undefined, since: this.timers?.now }, resume, call);
    requestQuiescence();
  }

  awaitPoint(task: number, value: unknown, label: string): Promise<unknown> {
    if (this.ended) return never;
    return new Promise((resolve, reject) => {
      Promise.resolve(value).then(
        (v) => this.ended || this.park(task, 'await', label, undefined, () => resolve(v), undefined),
        (e: unknown) => this.ended || this.park(task, 'await', label, undefined, () => reject(e), undefined),
      );
    });
  }

  note(task: number, value: unknown): void {
    if (!this.ended) this.recorder.note(task, value);
  }

  wrap<F extends (...args: never[]) => unknown>(fn: F, label: string | undefined, task: number | undefined): F {
    if (task === undefined) this.attributeCalls();
    return wrapCall(this, fn, label, task);
  }

  attributeCalls(): void {
    // A dependency wrapped in setup is called from any task: which one, only carried flows can tell.
    carryFlows();
  }

  flowTask(): number {
    const flow = runningFlow;
    return flow?.run === this ? flow.task : -1;
  }

  callStarted(): void {
    this.outside.calls++;
  }

  callSettled(task: number, label: string, deliver: () => void, record: CallRecord): void {
    this.outside.calls--;
    this.park(task, 'call', label, undefined, deliver, record);
  }

  /** Starts a task now; it runs until its first yield point before this returns. */
  spawn(fn: (ctx: TaskContext) => unknown, name: string | undefined): number {
    if (this.ended) return -1;
    const i = this.tasks.add(name);
    const ctx = new TaskCtx(this, i);
    const done = runAs(this.tasks.flows[i], () => {
      try {
        return Promise.resolve(fn(ctx));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    done.then(
      () => this.taskDone(i),
      (error: unknown) => this.fail('exception', `task ${this.tasks.names[i]} threw: ${errorText(error)}`, error),
    );
    return i;
  }

  hold(label = 'io'): () => void {
    if (this.ended) return () => {};
    return this.outside.hold(label, () => {
      if (!this.ended) requestQuiescence();
    });
  }

  private taskDone(task: number): void {
    if (this.ended || !this.tasks.finish(task)) return;
    this.timers?.taskEnded();
    requestQuiescence();
  }

  // ── the end of a run ──

  raise(message: string, error: unknown): void {
    if (!this.settled) return this.fail('exception', message, error);
    const r = this.result;
    if (r !== undefined && r.outcome === 'pass' && r.late === undefined) r.late = { outcome: 'fail', kind: 'exception', message, error };
  }

  fail(kind: FailureKind, message: string, error?: unknown): void {
    this.end({ outcome: 'fail', kind, message, error });
  }

  private finish(): void {
    this.ended = true;
    let verdict: unknown;
    try {
      verdict = runAs(this.flow, () => this.spec.invariant(this.state as S));
    } catch (error) {
      return this.end({ outcome: 'fail', kind: 'invariant', message: `invariant threw: ${errorText(error)}`, error });
    }
    if (verdict instanceof Promise) verdict.then((v: unknown) => this.judged(v), (error: unknown) => this.end({ outcome: 'fail', kind: 'invariant', message: `invariant threw: ${errorText(error)}`, error }));
    else this.judged(verdict);
  }

  private judged(verdict: unknown): void {
    if (verdict === false) this.end({ outcome: 'fail', kind: 'invariant', message: 'invariant broken' });
    else if (typeof verdict === 'string') this.end({ outcome: 'fail', kind: 'invariant', message: verdict });
    else this.end({ outcome: 'pass' });
  }

  private end(how: RunEnd): void {
    if (this.settled) return;
    this.settled = true;
    this.ended = true;
    stopDetecting();
    runEnded(this);
    countInto(undefined);
    this.wait.cancel();
    if (this.spec.teardown && this.setupDone) void this.tearDown(how);
    else this.deliver(how);
  }

  private async tearDown(how: RunEnd): Promise<void> {
    try {
      await runAs(this.flow, () => this.spec.teardown!(this.state as S));
      this.deliver(how);
    } catch (error) {
      this.deliver(how.outcome === 'fail' ? how : { outcome: 'fail', kind: 'exception', message: `teardown threw: ${errorText(error)}`, error });
    }
  }

  private deliver(how: RunEnd): void {
    const r = this.recorder;
    this.result = { outcome: how.outcome, kind: how.kind, message: how.message, error: how.error, trace: r.trace, schedule: r.schedule, steps: r.steps, preemptions: r.preemptions, widest: r.widest, taskNames: this.tasks.names };
    this.settle(this.result);
  }

  // ── messages ──

  private who(): string {
    const names = this.tasks.unfinishedNames();
    return names.length === 0 ? 'nothing' : `task${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  }

  private deadlockMessage(): string {
    const waited = this.wait.waited;
    const captured = this.spec.clock ? '; a real timer is pending: some code captured setTimeout before the virtual clock was installed' : '';
    const waitedNote = waited !== undefined ? ` (waited ${Math.round(waited)} ms for outside work${captured})` : '';
    return `deadlock: ${this.who()} blocked and nothing pending${this.outside.describe()}${waitedNote}`;
  }

  /** Under virtual time, fails the run (and check) if real sockets or workers appeared. */
  private refuseRealIo(): boolean {
    const io = this.spec.foreign.newTypes().filter((t) => REAL_IO.test(t));
    if (io.length === 0) return false;
    const error = new VirtualTimeRefusedError(this.spec.name, io);
    this.fail('exception', error.message, error);
    return true;
  }
}
