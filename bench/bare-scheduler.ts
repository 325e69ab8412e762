import { promiseHooks } from 'node:v8';
import type { Program } from './program.js';

/**
 * The least a scheduler of racekit's design can do per run, to measure what
 * the design itself costs: V8's before/after promise hooks count jobs, a
 * marker queued at the end of each resumed job finds quiescence, and a
 * uniform choice resumes one pending yield point. Nothing else: no trace,
 * no schedule, no invariant, no errors, timers, flows, budgets or deadlock
 * detection, and programs must not block outside a yield point. Not used by
 * racekit; bench/throughput-ceiling.ts runs it beside racekit and
 * fc.scheduler.
 */
export class BareScheduler {
  private activity = 0;
  private seen = 0;
  private outstanding = 0;
  private resumed = false;
  private onQuiet: (() => void) | undefined;
  private readonly resolved = Promise.resolve();
  private readonly marker = (): void => {
    if (--this.outstanding > 0) return;
    if (this.activity !== this.seen + 1) return this.arm();
    this.onQuiet?.();
  };
  private state = 1;

  /** `runs` runs of `program`, one after another; the hooks are on only meanwhile, so they cost nothing to what is measured beside. */
  async runs<S>(program: Program<S>, runs: number): Promise<void> {
    const stop = promiseHooks.createHook({
      before: () => {
        this.activity++;
      },
      after: () => {
        if (!this.resumed) return;
        this.resumed = false;
        this.arm();
      },
    }) as () => void;
    try {
      for (let i = 0; i < runs; i++) await this.run(program);
    } finally {
      stop();
    }
  }

  /** One run of `program`, every choice uniform. */
  private run<S>(program: Program<S>): Promise<void> {
    return new Promise((done) => {
      const resumes: (() => void)[] = [];
      const state = program.setup();
      const yieldPoint = () => new Promise<void>((resume) => void resumes.push(resume));
      this.onQuiet = () => {
        if (resumes.length === 0) {
          this.onQuiet = undefined;
          return done();
        }
        const resume = resumes.splice(this.int(resumes.length), 1)[0]!;
        this.resumed = true;
        resume();
      };
      for (const task of program.tasks) void task(yieldPoint, state);
      this.arm();
    });
  }

  private arm(): void {
    this.outstanding++;
    void this.resolved.then(this.marker);
    this.seen = this.activity;
  }

  private int(n: number): number {
    this.state = (Math.imul(this.state, 1103515245) + 12345) >>> 0;
    return this.state % n;
  }
}

/** One run of `program` with no scheduler at all: every yield point continues at once (one promise job), the tasks awaited together. */
export async function unscheduledRun<S>(program: Program<S>): Promise<void> {
  const state = program.setup();
  const yieldPoint = () => Promise.resolve();
  await Promise.all(program.tasks.map((task) => task(yieldPoint, state)));
}
