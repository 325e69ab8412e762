import type { RunFeedback, RunPlan, Strategy } from './strategy.js';

/**
 * Several strategies sharing one budget, each run planned by one member in a
 * fixed weighted cycle (so the same seed gives the same runs). A member with
 * nothing left to explore drops out. No single technique is best everywhere
 * (SCTBench): PCT finds shallow ordering bugs among many steps, random finds
 * bugs needing several switches, and bounded exhaustive proves small spaces.
 */
export class PortfolioStrategy implements Strategy {
  readonly name = 'portfolio';
  private readonly cycle: Strategy[];
  private position = 0;
  private readonly owners = new WeakMap<RunPlan, Strategy>();

  /** `members` lists each strategy with how many runs of each cycle it gets. */
  constructor(private readonly members: ReadonlyArray<readonly [Strategy, number]>) {
    this.cycle = [];
    const max = Math.max(...members.map(([, w]) => w));
    // Interleave rather than run each member's share in a block.
    for (let round = 0; round < max; round++) for (const [s, w] of members) if (round < w) this.cycle.push(s);
  }

  get exhausted(): boolean {
    return this.members.every(([s]) => s.exhausted);
  }

  plan(run: number): RunPlan | undefined {
    for (let tries = 0; tries < this.cycle.length; tries++) {
      const member = this.cycle[this.position++ % this.cycle.length]!;
      if (member.exhausted) continue;
      const plan = member.plan(run);
      if (plan) {
        this.owners.set(plan, member);
        return plan;
      }
    }
    return undefined;
  }

  done(plan: RunPlan, feedback: RunFeedback): void {
    this.owners.get(plan)?.done(plan, feedback);
  }
}
