import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import type { RunFeedback, RunPlan, Strategy } from './strategy.js';

const SALT = 0x50435421; // "PCT!"

/**
 * Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): every
 * task gets a random distinct priority, the highest-priority task with a
 * pending yield point runs, and at d−1 random steps the running task drops below
 * all others. A bug of depth d is found with probability ≥ 1/(n·k^(d−1)) per
 * run. k, the number of steps, is learned from the runs already done (as
 * shuttle and Coyote do) instead of being asked of the user.
 */
export class PctStrategy implements Strategy {
  readonly name: string;
  readonly exhausted = false;
  private maxSteps = 0;

  constructor(
    private readonly seed: number,
    private readonly depth: number,
  ) {
    this.name = `pct(d=${depth})`;
  }

  plan(run: number): RunPlan {
    const prng = new Prng(mixSeed(this.seed ^ SALT ^ this.depth, run));
    const k = Math.max(this.maxSteps, 1);
    // Change points: step numbers after which the running task is demoted; the
    // i-th demotion gives priority i (all initial priorities are > depth).
    const changeAt = new Map<number, number>();
    for (let i = 1; i < this.depth && changeAt.size < k; ) {
      const at = 1 + prng.int(k);
      if (!changeAt.has(at)) changeAt.set(at, this.depth - i++);
    }
    const priority = new Map<number, number>();
    const priorityOf = (task: number): number => {
      let p = priority.get(task);
      if (p === undefined) {
        // Lazily drawn so tasks that appear later (timers, wrapped calls) get one too.
        p = this.depth + 1 + prng.next() / 2 ** 32;
        priority.set(task, p);
      }
      return p;
    };
    const choose = (d: Decision): number => {
      const demoted = changeAt.get(d.step - 1);
      if (demoted !== undefined && d.current >= 0) priority.set(d.current, demoted);
      let best = 0;
      let bestPriority = -1;
      // Several flows of the top task may be pending (a Promise.all branch, a background loop): any of them, at random, as
      // one flow does not outrank another of its task.
      let ties = 0;
      for (let i = 0; i < d.pending.length; i++) {
        const p = priorityOf(d.pending[i]!.task);
        if (p > bestPriority) {
          best = i;
          bestPriority = p;
          ties = 1;
        } else if (p === bestPriority && prng.int(++ties) === 0) best = i;
      }
      return best;
    };
    return { workload: run, strategy: this.name, chooser: { choose } };
  }

  done(_plan: RunPlan, feedback: RunFeedback): void {
    if (!feedback.pruned && feedback.steps > this.maxSteps) this.maxSteps = feedback.steps;
  }
}
