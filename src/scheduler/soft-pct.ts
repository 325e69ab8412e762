import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import { StepCounts } from './step-counts.js';
import type { RunFeedback, RunPlan, Strategy } from './strategy.js';

const SALT = 0x53504354; // "SPCT"

/** Rates span e^0 … e^SPREAD: tasks run up to e³ ≈ 20 times faster than others. */
const SPREAD = 3;

/**
 * PCT with soft priorities. Each run draws every task a rate (log-uniform
 * over a twentyfold range) and resumes a task with probability proportional
 * to its rate, so tasks drift apart by amounts that vary from run to run
 * instead of running one after another; at d−1 change points the task that
 * just ran slows to a crawl below every other (PCT's priority drop). Half of
 * the change points fall anywhere in the run (over k, its learned step
 * count), half within the first task's length (over the longest task's
 * steps), where a task stopped right after its first steps needs one.
 * Measured on the bench panel (bench/FINDINGS.md): far ahead of PCT on
 * windows among many tasks, where PCT needs the reader to be the next task
 * by priority, and as good on two-task ordering bugs.
 */
export class SoftPctStrategy implements Strategy {
  readonly name: string;
  readonly exhausted = false;
  private readonly counts = new StepCounts();

  constructor(
    private readonly seed: number,
    private readonly depth: number,
  ) {
    this.name = `soft-pct(d=${depth})`;
  }

  plan(run: number): RunPlan {
    const prng = new Prng(mixSeed(this.seed ^ SALT ^ this.depth, run));
    const k = Math.max(this.counts.maxSteps, 1);
    const early = this.counts.longestTask;
    const changeAt = new Set<number>();
    for (let i = 1; i < this.depth; i++) changeAt.add(1 + prng.int(prng.int(2) === 0 ? early : k));
    const rate = new Map<number, number>();
    const rateOf = (task: number): number => {
      let r = rate.get(task);
      if (r === undefined) {
        // Lazily drawn so tasks that appear later (timers, wrapped calls) get one too.
        r = Math.exp((SPREAD * prng.next()) / 2 ** 32);
        rate.set(task, r);
      }
      return r;
    };
    let crawl = 1;
    const choose = (d: Decision): number => {
      if (d.current >= 0 && changeAt.has(d.step - 1)) {
        crawl /= Math.exp(2 * SPREAD);
        rate.set(d.current, crawl);
      }
      let total = 0;
      for (const p of d.pending) total += rateOf(p.task);
      let x = prng.next() * (total / 2 ** 32);
      let pick = 0;
      for (; pick < d.pending.length - 1; pick++) if ((x -= rateOf(d.pending[pick]!.task)) < 0) break;
      return pick;
    };
    return { workload: run, strategy: this.name, chooser: this.counts.counting({ choose }) };
  }

  done(_plan: RunPlan, feedback: RunFeedback): void {
    this.counts.done(feedback.steps, feedback.pruned);
  }
}
