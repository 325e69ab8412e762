import type { Decision } from './decision.js';
import type { RunChooser } from './strategy.js';

/**
 * What strategies learn about a scenario's runs from the runs already done:
 * the most steps of one run (PCT's k) and, per task, the most steps it took
 * and the most of them that may conflict with another task's (steps that do
 * not declare `touches: []`). Runs of one workload are alike, so the maxima
 * over earlier runs estimate the next run's.
 */
export class StepCounts {
  /** Most steps of one completed run (0 before the first). */
  maxSteps = 0;
  private readonly perTask: number[] = [];
  private readonly interestingPerTask: number[] = [];
  private run: { steps: number[]; interesting: number[] } = { steps: [], interesting: [] };

  /** Most steps of any one task in a run (1 before the first run). */
  get longestTask(): number {
    let m = 1;
    for (const c of this.perTask) if (c > m) m = c;
    return m;
  }

  /** Whether some task took steps declared to touch nothing, so counting only the others is selective. */
  get selective(): boolean {
    return this.perTask.some((c, t) => c > (this.interestingPerTask[t] ?? 0));
  }

  /** The estimated number of steps `task` takes in a run, counting only those that may conflict when `interesting`. */
  expected(task: number, interesting: boolean): number {
    return (interesting ? this.interestingPerTask[task] : this.perTask[task]) ?? 0;
  }

  /** Wraps a chooser so that the run's resumed steps are counted. */
  counting(chooser: RunChooser): RunChooser {
    const run: { steps: number[]; interesting: number[] } = { steps: [], interesting: [] };
    this.run = run;
    return {
      choose: (d: Decision) => {
        const i = chooser.choose(d);
        if (i >= 0) {
          const p = d.pending[i]!;
          if (p.task >= 0) {
            run.steps[p.task] = (run.steps[p.task] ?? 0) + 1;
            if (p.touches === undefined || p.touches.length > 0) run.interesting[p.task] = (run.interesting[p.task] ?? 0) + 1;
          }
        }
        return i;
      },
    };
  }

  /** Records the last counted run (pruned runs are incomplete and do not count). */
  done(steps: number, pruned: boolean): void {
    if (pruned) return;
    if (steps > this.maxSteps) this.maxSteps = steps;
    const { steps: perTask, interesting } = this.run;
    raise(this.perTask, perTask);
    raise(this.interestingPerTask, interesting);
  }
}

function raise(max: number[], counts: readonly number[]): void {
  for (let t = 0; t < counts.length; t++) if ((counts[t] ?? 0) > (max[t] ?? 0)) max[t] = counts[t]!;
}
