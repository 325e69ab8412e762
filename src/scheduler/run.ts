import { AsyncLocalStorage } from 'node:async_hooks';
import { defaultIndex, isPreemption, relativeChoice, type Decision } from './decision.js';
import type { YieldPoint } from './yield-point.js';

/** A pending yield point with the means to resume it (strategies see only the YieldPoint). */
interface Pending extends YieldPoint {
  readonly fire: () => void;
}
import type { SetupContext, StepOptions, TaskContext } from './context.js';
import { PRUNE, type RunChooser } from './strategy.js';
import { realClearTimeout, realNow, realSetImmediate, realSetTimeout } from './real-time.js';
import type { ForeignActivity } from './foreign-activity.js';
import type { VirtualClock } from './virtual-clock.js';
import { errorText, VirtualTimeRefusedError } from '../errors.js';
import { wrapObject } from './wrap-object.js';
import type { FailureKind, TraceEvent } from '../model/trace.js';
import { taskName } from '../model/trace.js';


/** The verdict of one run. */
export interface RunResult {
  readonly outcome: 'pass' | 'fail' | 'pruned';
  readonly kind?: FailureKind;
  readonly message?: string;
  readonly error?: unknown;
  readonly trace: TraceEvent[];
  /** The decisions taken, as relative choices (see decision.ts). */
  readonly schedule: number[];
  readonly steps: number;
  readonly preemptions: number;
  /** Display name of every task, by index (spawned tasks included). */
  readonly taskNames: string[];
}

/** How a run ended, before the trace is attached. */
interface Verdict {
  readonly outcome: RunResult['outcome'];
  readonly kind?: FailureKind;
  readonly message?: string;
  readonly error?: unknown;
}

/** Everything one run needs; the scenario is already resolved for its workload. */
export interface RunSpec<S> {
  readonly setup: (ctx: SetupContext) => S | Promise<S>;
  readonly tasks: readonly ((ctx: TaskContext, state: S) => unknown)[];
  readonly invariant: (state: S) => unknown;
  /** Called after every run, passed or failed, to release what setup acquired. */
  readonly teardown: ((state: S) => unknown) | undefined;
  readonly chooser: RunChooser;
  readonly stepBudget: number;
  /** Real ms to wait for outside activity (I/O, real timers) before calling a stall a deadlock. */
  readonly deadlockTimeout: number;
  readonly foreign: ForeignActivity;
  /** Under virtual time, the installed clock (reset at the start of the run); every pending timer is a yield point. */
  readonly clock: VirtualClock | undefined;
  /** Under virtual time: the most virtual ms an event may stay parked while timers fire. */
  readonly maxLatency: number | undefined;
  /** Scenario name, for errors. */
  readonly name: string;
}


/** Timer firings in a row while another event waits, before that event must go (so an interval cannot starve it). */
const TIMER_RUN_LIMIT = 16;
/** Timer firings in a row with nothing else pending and no task ending: a stuck task under a live interval. */
const IDLE_FIRING_LIMIT = 1000;
/** Microtask hops to wait for a running task before checking after a full event-loop turn. */
const PATIENCE = 8;
/** Resource types that cannot follow a virtual clock. */
const REAL_IO = /TCP|Pipe|UDP|Worker/;

const never = new Promise<never>(() => {});

/**
 * Which task a wrapped call came from, for dependencies wrapped in setup.
 * One instance for the process: every AsyncLocalStorage adds a cost to every
 * promise for as long as it lives, so one per run would slow runs down as
 * they accumulate.
 */
const taskStorage = new AsyncLocalStorage<number>();

/** The run currently executing, for routing unhandled rejections to it. */
let active: Run<unknown> | undefined;

/**
 * Counts a real timer created by the active run's code; returns the release
 * to call when it fires or is cleared, or undefined when no run is active.
 */
export function countRealTimer(): (() => void) | undefined {
  const run = active;
  if (!run || run.ended) return undefined;
  run.realTimers++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    run.realTimers--;
  };
}

/** Fails the active run with an error that escaped its tasks; false if no run is active. */
export function failActiveRun(message: string, error: unknown): boolean {
  if (!active || active.ended) return false;
  active.fail('exception', message, error);
  return true;
}

/** Executes one run: starts the tasks, fires one pending event per quiescent point, checks the invariant. */
export function executeRun<S>(spec: RunSpec<S>): Promise<RunResult> {
  return new Run(spec).start();
}

class Run<S> {
  ended = false;
  /** Real timers this run's code created that have neither fired nor been cleared. */
  realTimers = 0;
  private readonly enabled: Pending[] = [];
  /** Per task: 1 running (or blocked), 0 parked, 2 finished. */
  private readonly running: number[];
  private readonly names: string[];
  private orphanOrdinal = 0;
  private runningCount: number;
  private unfinished: number;
  private inflight = 0;
  private current = -1;
  private seq = 0;
  private steps = 0;
  private preemptions = 0;
  private readonly ordinals: number[];
  private readonly lastTraced: number[];
  private readonly trace: TraceEvent[] = [];
  private readonly schedule: number[] = [];
  private checkQueued = false;
  /** Microtask hops the current check has waited for a running task. */
  private patience = 0;
  private slowQueued = false;
  private pollTimer: ReturnType<typeof realSetTimeout> | undefined;
  private waitingSince = -1;
  private state!: S;
  private als: AsyncLocalStorage<number> | undefined;
  private setupDone = false;
  private readonly holds: string[] = [];
  private clock: VirtualClock | undefined;
  private timerFirings = 0;
  private timerRun = 0;
  private idleFirings = 0;
  private settle!: (r: RunResult) => void;

  constructor(private readonly spec: RunSpec<S>) {
    this.running = [];
    this.names = [];
    this.runningCount = 0;
    this.unfinished = 0;
    this.ordinals = [];
    this.lastTraced = [];
  }

  start(): Promise<RunResult> {
    const done = new Promise<RunResult>((resolve) => (this.settle = resolve));
    active = this as Run<unknown>;
    if (this.spec.clock) {
      this.clock = this.spec.clock;
      this.clock.reset();
    }
    void this.begin();
    return done;
  }

  private async begin(): Promise<void> {
    let usedWrap = false;
    const setupCtx: SetupContext = {
      wrap: (fn, label) => {
        usedWrap = true;
        return this.wrap(fn, label, () => this.als?.getStore() ?? this.current);
      },
      wrapObject: (obj, label) => {
        usedWrap = true;
        return wrapObject(obj, label, (fn, l) => this.wrap(fn, l, () => this.als?.getStore() ?? this.current));
      },
      spawn: (fn, name) => this.spawn(fn, name),
      hold: (label) => this.hold(label),
    };
    try {
      this.state = await this.spec.setup(setupCtx);
      this.setupDone = true;
    } catch (error) {
      this.fail('exception', `setup threw: ${errorText(error)}`, error);
      return;
    }
    if (this.ended) return;
    if (this.clock && this.refuseRealIo()) return;
    // Wrapped dependencies built in setup are called from any task; a task's
    // async context tells which (only then, since it slows every promise).
    if (usedWrap) this.als = taskStorage;
    for (const task of this.spec.tasks) this.spawn((ctx) => task(ctx, this.state));
    // A run whose tasks all finish synchronously still needs its end noticed.
    this.requestCheck();
  }

  /** Starts a task now; it runs until its first yield point before this returns. */
  private spawn(fn: (ctx: TaskContext) => unknown, name?: string): number {
    if (this.ended) return -1;
    const i = this.running.length;
    this.running.push(1);
    this.names.push(name ?? taskName(i));
    this.ordinals.push(0);
    this.lastTraced.push(-1);
    this.runningCount++;
    this.unfinished++;
    const ctx = this.context(i);
    const body = async () => fn(ctx);
    const promise = this.als ? this.als.run(i, body) : body();
    promise.then(
      () => this.taskDone(i),
      (error: unknown) => this.fail('exception', `task ${this.names[i]} threw: ${errorText(error)}`, error),
    );
    return i;
  }

  /** Marks outside work (I/O in flight) the scheduler must wait for before deciding. */
  private hold(label = 'io'): () => void {
    if (this.ended) return () => {};
    this.inflight++;
    this.holds.push(label);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.ended) return;
      this.inflight--;
      this.holds.splice(this.holds.indexOf(label), 1);
      this.requestCheck();
    };
  }

  private context(task: number): TaskContext {
    const attribute = () => task;
    return {
      task,
      step: (label = 'step', options?: StepOptions) => this.step(task, label, options),
      note: (value: unknown) => {
        const i = this.lastTraced[task]!;
        if (i >= 0 && !this.ended) this.trace[i]!.value = value;
      },
      wrap: (fn, label) => this.wrap(fn, label, attribute),
      wrapObject: (obj, label) => wrapObject(obj, label, (fn, l) => this.wrap(fn, l, attribute)),
      spawn: (fn, name) => this.spawn(fn, name),
      hold: (label) => this.hold(label),
    };
  }

  private step(task: number, label: string, options: StepOptions | undefined): Promise<void> {
    if (this.ended) return never;
    return new Promise<void>((fire) => {
      this.park({ seq: this.seq++, task, ordinal: this.ordinals[task]!++, kind: 'manual', label, touches: options?.touches, fire, since: this.clock?.now });
    });
  }

  private wrap<F extends (...args: never[]) => unknown>(fn: F, label: string | undefined, attribute: () => number): F {
    const name = label ?? (fn.name || 'call');
    const run = this;
    const wrapped = function (this: unknown, ...args: never[]): unknown {
      if (run.ended) return fn.apply(this, args);
      const task = attribute();
      let result: unknown;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        result = Promise.reject(error);
      }
      run.inflight++;
      // The caller almost always awaits the call: count it as waiting, not
      // running, so the completion can be decided without a full event-loop
      // turn. Firing the completion marks it running again.
      if (task >= 0 && run.running[task] === 1) {
        run.running[task] = 0;
        run.runningCount--;
      }
      return new Promise((resolve, reject) => {
        const held = (kind: 'resolve' | 'reject', value: unknown) => {
          if (run.ended) return;
          run.inflight--;
          const ordinal = task < 0 ? run.orphanOrdinal++ : run.ordinals[task]!++;
          const fire = kind === 'resolve' ? () => resolve(value) : () => reject(value);
          run.park({ seq: run.seq++, task, ordinal, kind: 'call', label: name, touches: undefined, fire, since: run.clock?.now });
        };
        Promise.resolve(result).then(
          (v) => held('resolve', v),
          (e: unknown) => held('reject', e),
        );
      });
    };
    return wrapped as unknown as F;
  }

  private park(event: Pending): void {
    this.enabled.push(event);
    if (event.kind === 'manual' && this.running[event.task] === 1) {
      this.running[event.task] = 0;
      this.runningCount--;
    }
    this.requestCheck();
  }

  private taskDone(task: number): void {
    if (this.ended) return;
    if (this.running[task] === 1) {
      this.running[task] = 0;
      this.runningCount--;
    }
    this.running[task] = 2;
    this.unfinished--;
    this.idleFirings = 0;
    this.requestCheck();
  }

  private requestCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    queueMicrotask(this.check);
  }

  /**
   * Fast path: every unfinished task is parked and no wrapped call is in
   * flight, so nothing can progress on its own: decide now. Anything else
   * (a task blocked on a lock, a promise, I/O) waits for the event loop to
   * drain first.
   */
  private readonly check = (): void => {
    this.checkQueued = false;
    if (this.ended) return;
    if (this.runningCount === 0 && this.inflight === 0 && this.enabled.length > 0) return this.decide();
    if ((this.runningCount > 0 || this.inflight > 0) && this.patience < PATIENCE) {
      // A task that is about to park or finish usually needs only a few more
      // microtask hops (an async function's return takes two or three): look
      // again before paying for a full turn of the event loop.
      this.patience++;
      return this.requestCheck();
    }
    this.requestSlow();
  };

  private requestSlow(): void {
    if (this.pollTimer) {
      // Something happened (a park, a released hold): look now, not when the backed-off poll is due.
      realClearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      this.slowQueued = false;
    }
    if (this.slowQueued) return;
    this.slowQueued = true;
    realSetImmediate(this.slowCheck);
  }

  /** Runs after a full turn of the event loop: every microtask has run, so running tasks are blocked. */
  private readonly slowCheck = (): void => {
    this.slowQueued = false;
    this.pollTimer = undefined;
    this.patience = 0;
    if (this.ended) return;
    const timerPending = this.clock !== undefined && this.unfinished > 0 && this.clock.next() !== undefined;
    // Under virtual time a wrapped call still in flight after a full turn is
    // waiting on the fake clock (real sockets and workers are refused), so a
    // pending timer is offered instead of waiting in real time.
    const waitable = (this.inflight > 0 && !timerPending) || (this.enabled.length === 0 && !timerPending && this.unfinished > 0 && (this.realTimers > 0 || this.spec.foreign.active()));
    if (waitable && this.clock && this.refuseRealIo()) return;
    if (waitable) {
      // In-flight I/O or outside timers may still wake a task: wait, bounded.
      const now = realNow();
      if (this.waitingSince < 0) this.waitingSince = now;
      const waited = now - this.waitingSince;
      if (waited < this.spec.deadlockTimeout) {
        this.slowQueued = true;
        // Poll at once for fast I/O, then back off so a long wait costs little CPU.
        if (waited < 0.5) realSetImmediate(this.slowCheck);
        else this.pollTimer = realSetTimeout(this.slowCheck, Math.min(20, Math.ceil(waited / 8)));
        return;
      }
    }
    if (this.enabled.length > 0 || timerPending) return this.decide();
    if (this.unfinished === 0 && this.inflight === 0) return void this.finish();
    const blocked = this.names.filter((_, i) => this.running[i] !== 2);
    const capturedTimer = this.clock ? '; a real timer is pending: some code captured setTimeout before the virtual clock was installed' : '';
    const waitedNote = this.waitingSince >= 0 ? ` (waited ${Math.round(realNow() - this.waitingSince)} ms for outside activity${capturedTimer})` : '';
    const held = this.holds.length > 0 ? `, still waiting for ${[...new Set(this.holds)].join(', ')}` : '';
    const unsettled = this.inflight > this.holds.length ? `, ${this.inflight - this.holds.length} wrapped call(s) never settled` : '';
    this.fail('deadlock', `deadlock: task${blocked.length > 1 ? 's' : ''} ${blocked.join(', ')} blocked and nothing pending${unsettled}${held}${waitedNote}`);
  };

  private decide(): void {
    this.waitingSince = -1;
    this.patience = 0;
    const step = ++this.steps;
    if (step > this.spec.stepBudget) {
      this.steps--;
      this.fail('step-budget', `step budget exhausted: more than ${this.spec.stepBudget} steps (livelock?)`);
      return;
    }
    const timer = this.clock ? this.timerEvent(this.clock) : undefined;
    const offered = timer ? [...this.enabled, timer] : this.enabled;
    if (offered.length === 0) {
      // Only reachable under virtual time when the firing limit withheld the last timer.
      this.steps--;
      return this.requestSlow();
    }
    const d: Decision = { pending: offered, current: this.current, step };
    const index = this.spec.chooser.choose(d);
    if (index === PRUNE) {
      this.steps--;
      this.end({ outcome: 'pruned' });
      return;
    }
    const event = offered[index]!;
    const def = defaultIndex(d);
    const preemption = isPreemption(d, index, def);
    this.schedule.push(relativeChoice(def, index));
    if (event !== timer) this.enabled.splice(index, 1);
    const traced: TraceEvent = { step, task: event.task, label: event.label, kind: event.kind };
    if (preemption) {
      traced.preemption = true;
      this.preemptions++;
    }
    if (this.clock) {
      traced.at = event.at ?? this.clock.now;
      if (event === timer) {
        this.timerFirings++;
        if (this.enabled.length > 0) this.timerRun++;
        else if (++this.idleFirings > IDLE_FIRING_LIMIT) {
          this.trace.push(traced);
          const stuck = this.names.filter((_, i) => this.running[i] !== 2);
          return this.fail('deadlock', `deadlock: task${stuck.length > 1 ? 's' : ''} ${stuck.join(', ')} blocked while only timers fired (${IDLE_FIRING_LIMIT} in a row, a live interval?)`);
        }
      } else {
        this.timerRun = 0;
        this.idleFirings = 0;
      }
    }
    this.trace.push(traced);
    if (event.task >= 0) {
      this.lastTraced[event.task] = this.trace.length - 1;
      if (this.running[event.task] === 0) {
        this.running[event.task] = 1;
        this.runningCount++;
      }
    }
    this.current = event.task;
    event.fire();
    this.requestCheck();
  }

  /**
   * The earliest due timer as a pending event, unless it may not fire now:
   * tasks are all done (leftover timers, an interval or a reaper, do not
   * keep a run alive), it already fired TIMER_RUN_LIMIT times in a row while
   * something else waited, or firing it would keep a parked event waiting
   * longer than maxLatency virtual ms.
   */
  private timerEvent(clock: VirtualClock): Pending | undefined {
    if (this.unfinished === 0) return undefined;
    const next = clock.next();
    if (!next) return undefined;
    if (this.enabled.length > 0) {
      if (this.timerRun >= TIMER_RUN_LIMIT) return undefined;
      const max = this.spec.maxLatency;
      if (max !== undefined && this.enabled.some((e) => next.due - (e.since ?? 0) > max)) return undefined;
    }
    return {
      seq: Number.MAX_SAFE_INTEGER,
      task: -1,
      ordinal: this.timerFirings,
      kind: 'timer',
      label: `timer ${next.delay}ms`,
      touches: undefined,
      at: next.due,
      fire: this.fireTimer,
    };
  }

  private readonly fireTimer = (): void => {
    try {
      this.clock?.fire();
    } catch (error) {
      this.fail('exception', `timer callback threw: ${errorText(error)}`, error);
    }
  };

  /** Under virtual time, fails the run (and check) if real sockets or workers appeared. */
  private refuseRealIo(): boolean {
    const io = this.spec.foreign.newTypes().filter((t) => REAL_IO.test(t));
    if (io.length === 0) return false;
    this.fail('exception', new VirtualTimeRefusedError(this.spec.name, io).message, new VirtualTimeRefusedError(this.spec.name, io));
    return true;
  }

  private async finish(): Promise<void> {
    this.ended = true;
    let verdict: unknown;
    try {
      verdict = await this.spec.invariant(this.state);
    } catch (error) {
      return this.end({ outcome: 'fail', kind: 'invariant', message: `invariant threw: ${errorText(error)}`, error });
    }
    if (verdict === false) this.end({ outcome: 'fail', kind: 'invariant', message: 'invariant broken' });
    else if (typeof verdict === 'string') this.end({ outcome: 'fail', kind: 'invariant', message: verdict });
    else this.end({ outcome: 'pass' });
  }

  fail(kind: FailureKind, message: string, error?: unknown): void {
    if (this.settled) return;
    this.end({ outcome: 'fail', kind, message, error });
  }

  private settled = false;

  private end(result: Verdict): void {
    if (this.settled) return;
    this.settled = true;
    this.ended = true;
    if (active === (this as Run<unknown>)) active = undefined;
    if (this.pollTimer) realClearTimeout(this.pollTimer);
    // Timers created after the run ended (by abandoned tasks) never fire:
    // the clock is reset before the next run and uninstalled after check().
    this.clock = undefined;
    if (this.spec.teardown && this.setupDone) void this.tearDown(result);
    else this.deliver(result);
  }

  private async tearDown(result: Verdict): Promise<void> {
    try {
      await this.spec.teardown!(this.state);
      this.deliver(result);
    } catch (error) {
      this.deliver(result.outcome === 'fail' ? result : { outcome: 'fail', kind: 'exception', message: `teardown threw: ${errorText(error)}`, error });
    }
  }

  private deliver(v: Verdict): void {
    this.settle({
      outcome: v.outcome,
      kind: v.kind,
      message: v.message,
      error: v.error,
      trace: this.trace,
      schedule: this.schedule,
      steps: this.steps,
      preemptions: this.preemptions,
      taskNames: this.names,
    });
  }
}



