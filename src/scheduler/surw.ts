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
 * steps that can conflict. Every other run is tempered to the limit: the task
 * with the most steps left goes next (ties at random), so tasks advance in
 * step with each other in a random order each round, which reaches orderings
 * among steps at equal positions in a handful of runs. With declared touches
 * the runs take turns three ways: uniform over the steps that count, in step
 * over all steps, in step over the steps that count.
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
    // a third kind of run keeps the tasks in step over the steps that count.
    const kind = counts.selective ? run % 3 : run % 2;
    const balanced = kind !== 0;
    const selective = counts.selective && kind !== 1;
    const taken: number[] = [];
    const left = (task: number) => Math.max(1, counts.expected(task, selective) - (taken[task] ?? 0));
    const choose = (d: Decision): number => {
      let pick = 0;
      if (balanced) {
        let most = -1;
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
