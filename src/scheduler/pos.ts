import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import type { RunPlan, Strategy } from './strategy.js';
import { independent } from './yield-point.js';

const SALT = 0x504f5321; // "POS!"

/**
 * Partial order sampling (Yuan, Yang, Gu, CAV 2018): every pending yield
 * point gets a random priority when it becomes pending, the highest runs,
 * and the pending points that race with the one that ran (another task's,
 * touching something it touched) draw fresh priorities. Independent steps
 * keep theirs, so the schedules sampled spread over partial orders rather
 * than over interleavings. Steps that declare no `touches` race with
 * everything: then every decision is a fresh uniform draw, as in `random`.
 */
export class PosStrategy implements Strategy {
  readonly name = 'pos';
  readonly exhausted = false;
  constructor(private readonly seed: number) {}

  plan(run: number): RunPlan {
    const prng = new Prng(mixSeed(this.seed ^ SALT, run));
    const priority = new Map<number, number>();
    let last: Decision['pending'][number] | undefined;
    const choose = (d: Decision): number => {
      let best = 0;
      let top = -1;
      for (let i = 0; i < d.pending.length; i++) {
        const p = d.pending[i]!;
        let v = priority.get(p.seq);
        if (v === undefined || (last !== undefined && p.task !== last.task && !independent(p, last))) {
          v = prng.next();
          priority.set(p.seq, v);
        }
        if (v > top) [top, best] = [v, i];
      }
      last = d.pending[best];
      priority.delete(last!.seq);
      return best;
    };
    return { workload: run, strategy: this.name, chooser: { choose } };
  }

  done(): void {}
}
