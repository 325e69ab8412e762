import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import { StepCounts } from './step-counts.js';
import type { RunFeedback, RunPlan, Strategy } from './strategy.js';

const SALT = 0x53504354; // "SPCT"

/** Rates span up to e^0 … e^SPREAD: tasks run up to e³ ≈ 20 times faster than others. */
const SPREAD = 3;

/**
 * PCT with soft priorities. Each run draws every task a rate (log-uniform
 * over a range of its own, up to twentyfold) and resumes a task with
 * probability proportional to its rate, so tasks drift apart by amounts that
 * vary from run to run instead of running one after another; at d−1 change
 * points the task that just ran slows to a crawl below every other (PCT's
 * priority drop). Half of the change points fall anywhere in the run (over
 * k, its learned step count), half within the first task's length (over the
 * longest task's steps), where a task stopped right after its first steps
 * needs one. Each run draws its own d (1 to the depth asked for) and its
 * spread of rates (SPREAD × ∛u, mostly wide, sometimes near uniform): a bug
 * that needs tasks near each other, or no change point at all, is reached
 * by uniform random scheduling far sooner than by runs that all drift apart
 * and all drop two tasks. Measured on the bench panel and on 140 bugs drawn
 * at random outside it (bench/FINDINGS.md, 2026-12-02): as good as a fixed
 * d and spread on the panel's deep bugs, and behind uniform random on far
 * fewer of the others.
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
    const spread = SPREAD * Math.cbrt(prng.next() / 2 ** 32);
    const depth = 1 + prng.int(this.depth);
    const changeAt = new Set<number>();
    for (let i = 1; i < depth; i++) changeAt.add(1 + prng.int(prng.int(2) === 0 ? early : k));
    const rate = new Map<number, number>();
    const rateOf = (task: number): number => {
      let r = rate.get(task);
      if (r === undefined) {
        // Lazily drawn so tasks that appear later (timers, wrapped calls) get one too.
        r = Math.exp((spread * prng.next()) / 2 ** 32);
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
