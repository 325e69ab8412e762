import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import { StepCounts } from './step-counts.js';
import type { RunFeedback, RunPlan, Strategy } from './strategy.js';

const SALT = 0x53555257; // "SURW"

/**
 * Selectively uniform random walk (Zhao et al., ASPLOS 2025): each decision
 * resumes a task with probability proportional to the steps it has left, as
 * learned from earlier runs, which samples interleavings uniformly instead
 * of favouring those where tasks take turns. Selective: a step declared to
 * touch nothing (`touches: []`) does not count, so the weights follow the
 * steps that can conflict. Tempered to the limit, the walk keeps tasks in
 * step: the task with the most steps left goes next (ties at random), so
 * tasks advance together in a random order each round, which reaches
 * orderings among steps at equal positions in a handful of runs. With
 * declared touches the runs take turns three ways: uniform over the steps
 * that count, in step over all steps, in step over the steps that count.
 * With nothing declared every run is in step: the uniform walk over all
 * steps found bugs no sooner than `random` on short runs and far later on
 * long ones (bench/FINDINGS.md, 2026-12-02).
 */
export class SurwStrategy implements Strategy {
  readonly name = 'surw';
  readonly exhausted = false;
  private readonly counts = new StepCounts();

  constructor(private readonly seed: number) {}

  plan(run: number): RunPlan {
    const prng = new Prng(mixSeed(this.seed ^ SALT, run));
    const counts = this.counts;
    // Selective once earlier runs showed steps declared to touch nothing: then
    // runs take turns between the uniform walk over the steps that count and
    // keeping the tasks in step over all steps or over those that count.
    const kind = counts.selective ? run % 3 : 1;
    const balanced = kind !== 0;
    const selective = counts.selective && kind !== 1;
    const taken: number[] = [];
    // Before any run has been counted, the tasks with the fewest steps taken are the ones with most left.
    const left = counts.maxSteps === 0 ? (task: number) => -(taken[task] ?? 0) : (task: number) => Math.max(1, counts.expected(task, selective) - (taken[task] ?? 0));
    const choose = (d: Decision): number => {
      let pick = 0;
      if (balanced) {
        let most = -Infinity;
        let ties = 0;
        for (let i = 0; i < d.pending.length; i++) {
          const w = left(d.pending[i]!.task);
          if (w > most) [most, pick, ties] = [w, i, 1];
          // Reservoir choice among equals: each of the ties wins with probability 1/ties.
          else if (w === most && prng.int(++ties) === 0) pick = i;
        }
      } else {
        let total = 0;
        for (const p of d.pending) total += left(p.task);
        let x = prng.next() * (total / 2 ** 32);
        for (pick = 0; pick < d.pending.length - 1; pick++) if ((x -= left(d.pending[pick]!.task)) < 0) break;
      }
      const { task, touches } = d.pending[pick]!;
      if (task >= 0 && !(selective && touches?.length === 0)) taken[task] = (taken[task] ?? 0) + 1;
      return pick;
    };
    return { workload: run, strategy: this.name, chooser: counts.counting({ choose }) };
  }

  done(_plan: RunPlan, feedback: RunFeedback): void {
    this.counts.done(feedback.steps, feedback.pruned);
  }
}
