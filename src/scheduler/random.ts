import { Prng, mixSeed } from './prng.js';
import type { RunPlan, Strategy } from './strategy.js';

const SALT = 0x52414e44; // "RAND": keeps this strategy's streams apart from the workload's

/** Uniform choice among the pending yield points at every decision, seeded per run. */
export class RandomStrategy implements Strategy {
  readonly name = 'random';
  readonly exhausted = false;
  constructor(private readonly seed: number) {}

  plan(run: number): RunPlan {
    const prng = new Prng(mixSeed(this.seed ^ SALT, run));
    return { workload: run, strategy: this.name, chooser: { choose: (d) => prng.int(d.pending.length) } };
  }

  done(): void {}
}
