import { errorText, isInstance, VirtualTimeRefusedError } from '../errors.js';
import type { FailureKind } from '../model/trace.js';
import { runAs, type Flow } from './activity.js';
import type { Decision } from './decision.js';
import type { Orphan } from './failure-capture.js';
import { hookSettled } from './hook-clock.js';
import { OutsideWait } from './outside-wait.js';
import { OutsideWork } from './outside-work.js';
import { fairnessLimit, fairOffer } from './fairness.js';
import { PendingSet } from './pending-set.js';
import { armNow, BUSY_ROUNDS, expectResumedJob, type QuietListener } from './quiescence.js';
import { noticeBusyLoop, noticeHeldClock, noticeLongWait } from './stderr-notice.js';
import { attachRun, detachRun } from './run-hooks.js';
import { RunEnding, type EndingRun } from './run-ending.js';
import { busyLoopMessage, deadlockMessage, realIoRefusal, setupThrewMessage, stepBudgetMessage } from './run-messages.js';
import { RunRecorder } from './run-recorder.js';
import type { RunEnd, RunResult, RunSpec } from './run-spec.js';
import { RunSurface, type RunControl } from './run-surface.js';
import { PRUNE } from './strategy.js';
import { SetupCtx } from './task-context.js';
import type { TaskTable } from './task-table.js';
import { IDLE_FIRING_LIMIT, TimerPolicy } from './timer-policy.js';
import type { YieldPoint } from './yield-point.js';

/** Executes one run: starts the tasks, resumes one pending yield point at each quiescent moment, checks the invariant. */
export function executeRun<S>(spec: RunSpec<S>): Promise<RunResult> {
  return new Run(spec).start();
}

/**
 * One run, as the algorithm reads: wait for quiescence, offer the pending yield points, ask the strategy, record, resume.
 * The parts have owners of their own: what the run's code asks of it (run-surface.ts), the tasks (task-table.ts), the pending
 * yield points (pending-set.ts), fairness (fairness.ts), outside work (outside-work.ts, outside-wait.ts), quiescence
 * (quiescence.ts), virtual timers (timer-policy.ts), the record (run-recorder.ts) and the end (run-ending.ts).
 */
class Run<S> implements RunControl, EndingRun, QuietListener {
  ended = false;
  private readonly pending = new PendingSet();
  private readonly outside = new OutsideWork();
  private readonly recorder = new RunRecorder();
  private readonly timers: TimerPolicy | undefined;
  private readonly surface: RunSurface;
  private readonly tasks: TaskTable;
  /** Made when the run first waits for outside work (most runs never do). */
  private waiting: OutsideWait | undefined;
  private readonly flow: Flow;
  private readonly ending: RunEnding<S>;
  private current = -1;
  private state: S | undefined;
  private setupDone = false;
  /** The run is a deadlock by what was visible, but unlisted work was not tracked: spec.confirm decides. */
  private unconfirmed = false;
  private readonly fairness: number;
  private settle!: (r: RunResult) => void;
  private refuse!: (error: unknown) => void;

  constructor(private readonly spec: RunSpec<S>) {
    this.timers = spec.clock && new TimerPolicy(spec.clock, spec.maxLatency);
    this.fairness = fairnessLimit(spec.stepBudget);
    this.surface = new RunSurface(this, this.pending, this.outside, this.recorder, this.timers);
    this.tasks = this.surface.tasks;
    this.flow = { run: this.surface, task: -1 };
    this.ending = new RunEnding(spec, this.flow, this.recorder, this.tasks, this);
  }

  delivered(r: RunResult): void {
    // A scenario that cannot run under virtual time is bad input, not a race: the run rejects with the error.
    if (isInstance(r.error, VirtualTimeRefusedError)) this.refuse(r.error);
    else if (this.unconfirmed) this.spec.confirm!(r.schedule, this.spec.chooser).then(this.settle, this.refuse);
    else this.settle(r);
  }

  start(): Promise<RunResult> {
    const done = new Promise<RunResult>((resolve, reject) => { this.settle = resolve; this.refuse = reject; });
    this.spec.clock?.reset();
    attachRun(this.surface, this.outside, this.spec.resources.unlisted, this);
    runAs(this.flow, () => this.begin());
    return done;
  }

  private begin(): void {
    let state: S | Promise<S>;
    try {
      state = this.spec.setup(new SetupCtx(this.surface, undefined));
    } catch (error) {
      return this.fail('exception', setupThrewMessage(error), error, true);
    }
    if (state instanceof Promise) hookSettled(state, this.spec, this.flow).then((s) => this.launch(s), (error: unknown) => this.fail('exception', setupThrewMessage(error), error, true));
    else this.launch(state);
  }

  private launch(state: S): void {
    if (this.ended) return;
    this.state = state;
    this.setupDone = true;
    if (this.refusedRealIo()) return;
    for (const task of this.spec.tasks) this.surface.spawn((ctx) => task(ctx, state), undefined);
    armNow();
  }

  /** Called at every quiescent moment (and at every poll while waiting for outside work). */
  quiet(): void {
    if (this.ended) return;
    const { pending, outside, tasks, timers } = this;
    const delayed = outside.busy && !((pending.size > 0 || timers?.timerPending === true) && outside.polling) && timers?.clockDue(outside.immediates, outside.jobs) !== true;
    if (delayed && !this.refusedRealIo() && this.wait().keepWaiting(this.spec.deadlockTimeout, false, outside.immediatesOnly)) return;
    if (this.ended) return;
    const offered = timers?.offer(pending.size, pending.earliestSince(), tasks.unfinished > 0 || outside.busy, pending.awaits, this.waiting?.ended ?? 0);
    const timer = offered !== undefined && this.clockHeld(pending.size === 0) ? undefined : offered;
    if (offered !== undefined && timer === undefined && pending.size === 0) return void this.wait().keepWaiting(Number.POSITIVE_INFINITY, true);
    if (pending.size === 0 && timer === undefined) {
      // A worker a task started (not only setup) is refused too, before the run is judged or called a deadlock.
      if (this.refusedRealIo()) return;
      if (tasks.unfinished === 0 && !outside.busy) {
        this.ended = true;
        return this.ending.judge(this.state as S);
      }
      // Real timers or new outside resources may still wake a task: wait, bounded. With none visible, unlisted work may.
      const visible = tasks.unfinished > 0 && (outside.realTimers + outside.engineWaits > 0 || this.spec.resources.active());
      if (visible && this.waitStalled()) return;
      // Unconfirmed unless counted work explains it: unlisted work, or a timer the census did not see made, may still wake a task (rerun tracked).
      return this.deadlock(deadlockMessage(tasks, outside, this.waiting?.waited, this.spec.resources, timers !== undefined, this.waiting?.wokenPastCap), tasks.unfinished > 0 && outside.realTimers + outside.engineWaits === 0);
    }
    if (this.waiting?.over(pending, this.spec.resources.unlisted, this.spec.deadlockTimeout) === false) return;
    this.decide(timer);
  }

  /**
   * A stall beside outside work that may wake a task: waits, bounded (true while it goes on). In real time, a task
   * woken meanwhile restarts the wait (OutsideWait.watchTasks), and a one-shot job in flight is waited for as a
   * real execution would, up to JOB_CAP_MS past deadlockTimeout.
   */
  private waitStalled(): boolean {
    const waiting = this.wait();
    const real = this.timers === undefined;
    if (real) waiting.watchTasks(this.surface);
    const jobs = real ? this.spec.resources.jobsInFlight() : [];
    return waiting.keepWaiting(this.spec.deadlockTimeout, true, false, this.outside.stallHorizon(this.spec.deadlockTimeout, this.spec.resources.unlisted.latestDue()), jobs.length > 0 ? jobs.join(', ') : undefined);
  }

  /** No quiescent moment for BUSY_ROUNDS rounds, a loop of awaits: a real execution interleaves other flows at its awaits, so resume one (not a wrapped call's answer: it comes from the event loop). With none, the loop may be long or endless: say so once, wait on. */
  busy(): void {
    if (this.ended) return;
    const amid = this.pending.points.filter((p) => p.kind !== 'call');
    if (amid.length > 0) return this.decide(undefined, amid);
    noticeBusyLoop(this.spec.name, busyLoopMessage(this.tasks, BUSY_ROUNDS));
    armNow();
  }

  /**
   * Under virtual time, with a timer to offer: whether outside work in flight (a file read, a DNS lookup, a thread-pool, piscina
   * or zlib job) holds the clock, so that the timer is not offered yet (TimerPolicy.holdFor): a real execution's request of a
   * millisecond beats a 30-second timeout, whatever else is pending. `stalled`: nothing else is pending, so the run waits: past
   * deadlockTimeout that is said once on stderr, since work that never ends keeps it waiting for as long as the timer's delay.
   */
  private clockHeld(stalled: boolean): boolean {
    const timers = this.timers!;
    const more = timers.holdFor(this.outside.jobs > 0 || this.spec.resources.requesting(), this.spec.deadlockTimeout);
    if (more > 0 && stalled && timers.heldFor >= this.spec.deadlockTimeout) noticeHeldClock(this.spec.name, more);
    return more > 0;
  }

  /** Asks the strategy which pending yield point (the due timer, or one of `only`) to resume, records it, resumes it. */
  private decide(timer: YieldPoint | undefined, only?: YieldPoint[]): void {
    const points = this.pending.points;
    const step = this.recorder.steps + 1;
    if (step > this.spec.stepBudget) return this.fail('step-budget', stepBudgetMessage(this.spec.stepBudget));
    if (timer !== undefined) points.push(timer);
    const offered = only ?? fairOffer(points, step, this.fairness);
    const decision: Decision = { pending: offered, current: this.current, step };
    const index = this.spec.chooser.choose(decision);
    if (index === PRUNE) {
      if (timer !== undefined) points.pop();
      return this.end({ outcome: 'pruned' });
    }
    const chosen = offered[index]!;
    const taken = offered === points ? index : points.indexOf(chosen);
    const at = this.timers === undefined ? undefined : (chosen.at ?? this.timers.now);
    this.recorder.record(decision, index, at, chosen === timer ? undefined : this.pending.callAt(taken));
    if (timer !== undefined) points.pop();
    this.current = chosen.task;
    this.outside.immediatesRun = 0;
    if (chosen === timer) {
      if (this.timers!.fired(points.length, this.waiting?.ended ?? 0)) return this.deadlock(`${deadlockMessage(this.tasks, this.outside).replace(' and nothing pending', '')} while only timers fired (${IDLE_FIRING_LIMIT} in a row, a live interval?)`, this.tasks.unfinished > 0);
      const threw = runAs(this.flow, () => this.timers!.fire());
      if (threw) return this.fail('exception', `timer callback threw: ${errorText(threw.error)}`, threw.error);
      return armNow();
    }
    const resume = this.pending.take(taken);
    this.timers?.resumedOther();
    resume();
    expectResumedJob();
  }

  raise(message: string, error: unknown, unattributed?: Orphan): void {
    if (this.ending.over) this.ending.raiseLate(message, error);
    else this.end({ outcome: 'fail', kind: 'exception', message, error, unattributed });
  }

  fail(kind: FailureKind, message: string, error?: unknown, inSetup?: true): void {
    this.end({ outcome: 'fail', kind, message, error, inSetup });
  }

  private end(how: RunEnd): void {
    this.ended = true;
    this.ending.end(how, this.state, this.setupDone);
  }

  stopped(): void {
    detachRun(this.surface, this.waiting);
  }

  taskEnded(): void {
    this.waiting?.restart();
  }

  /** A deadlock by what was visible; when `unlisted` work may be what the run waits for, spec.confirm decides (the run again, tracked). */
  private deadlock(message: string, unlisted: boolean): void {
    this.unconfirmed = unlisted && this.spec.confirm !== undefined;
    this.fail('deadlock', message);
  }

  private wait(): OutsideWait {
    return (this.waiting ??= new OutsideWait(() => this.quiet(), this.spec.signal, () => this.end({ outcome: 'pruned' }), (ms, job) => noticeLongWait(this.spec.name, ms, job)));
  }

  /** Under virtual time, fails the run (and the check) when real sockets or workers appeared. */
  private refusedRealIo(): boolean {
    const refusal = this.spec.clock && realIoRefusal(this.spec.name, this.spec.resources);
    return refusal !== undefined && (this.fail('exception', refusal.message, refusal), true);
  }
}
