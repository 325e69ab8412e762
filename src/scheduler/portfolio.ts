import { Prng, mixSeed } from './prng.js';
import type { Decision } from './decision.js';
import type { MemberRuns } from '../model/check-result.js';
import type { RunChooser, RunFeedback, RunPlan, Strategy, Walked } from './strategy.js';

const SALT = 0x504f5254; // "PORT"

/** Discount of older runs in a member's novelty (about the last 20 runs count). */
const MEMORY = 0.95;

/** Most orderings remembered; past it nothing counts as new and the priors decide. */
const MAX_ORDERINGS = 1 << 20;

/** What the runs already done say about a member, and about the scenario. */
export interface Evidence {
  /** Most steps of one run so far (0 before the first run). */
  readonly steps: number;
  /** Runs the member planned. */
  readonly runs: number;
  /**
   * Recent share of the member's task switches that reached an ordering no
   * run had reached before (0–1; 1 before its first run): one step of a task,
   * identified by task, label and ordinal, right after one of another task.
   */
  readonly novelty: number;
  /** Whether the scenario's steps declare what they touch (some yield point had `touches`). */
  readonly declared: boolean;
}

/** A strategy of the portfolio and how much of the budget it should get. */
export interface PortfolioMember {
  readonly strategy: Strategy;
  /** A fixed share of the runs, taken off the top (exhaustive's proof walk). */
  readonly share?: number;
  /** Runs the member plans before the weights apply: of the runs no fixed share took, the first ones are its. */
  readonly first?: number;
  /** Relative weight among the members without a fixed share, from the evidence. */
  weight?(evidence: Evidence): number;
}

interface Standing {
  runs: number;
  novelty: number;
}

/**
 * Several strategies sharing one budget, allocated run by run from the
 * evidence of the runs already done: members with a fixed share take it,
 * the others split the rest by weights computed from the learned run length
 * and from how many new orderings of steps each one's recent runs reached.
 * Members that are exhausted drop out. Every draw comes from a generator
 * seeded by the check's seed and the allocation depends only on earlier
 * runs, so the same seed gives the same runs.
 */
export class PortfolioStrategy implements Strategy {
  readonly name = 'portfolio';
  private readonly prng: Prng;
  private readonly standing: Standing[];
  private readonly orderings = new Set<number>();
  private steps = 0;
  private declared = false;
  private readonly owners = new WeakMap<RunPlan, Owned>();

  constructor(
    seed: number,
    private readonly roster: readonly PortfolioMember[],
  ) {
    this.prng = new Prng(mixSeed(seed ^ SALT, roster.length));
    this.standing = roster.map(() => ({ runs: 0, novelty: 1 }));
  }

  get exhausted(): boolean {
    return this.roster.every((m) => m.strategy.exhausted);
  }

  get walked(): Walked | undefined {
    for (const m of this.roster) if (m.strategy.walked !== undefined) return m.strategy.walked;
    return undefined;
  }

  /** Each member's strategy name and the runs it planned so far. */
  get members(): MemberRuns[] {
    return this.roster.map((m, i) => ({ strategy: m.strategy.name, runs: this.standing[i]!.runs }));
  }

  /** Each member's evidence so far (for reports and tests). */
  evidence(): Evidence[] {
    return this.standing.map((s) => ({ steps: this.steps, runs: s.runs, novelty: s.novelty, declared: this.declared }));
  }

  plan(run: number): RunPlan | undefined {
    const tried = new Set<number>();
    while (tried.size < this.roster.length) {
      const member = this.pick(tried);
      if (member === undefined) return undefined;
      tried.add(member);
      const plan = this.roster[member]!.strategy.plan(run);
      if (!plan) continue;
      const owned: Owned = { member, plan, switches: [] };
      const wrapped: RunPlan = { workload: plan.workload, strategy: plan.strategy, chooser: recordSwitches(plan.chooser, owned.switches, () => (this.declared = true)) };
      this.owners.set(wrapped, owned);
      return wrapped;
    }
    return undefined;
  }

  done(plan: RunPlan, feedback: RunFeedback): void {
    const owner = this.owners.get(plan);
    if (!owner) return;
    this.roster[owner.member]!.strategy.done(owner.plan, feedback);
    if (!feedback.pruned && feedback.steps > this.steps) this.steps = feedback.steps;
    const s = this.standing[owner.member]!;
    s.runs++;
    if (owner.switches.length === 0) return;
    let fresh = 0;
    for (const o of owner.switches) {
      if (this.orderings.has(o) || this.orderings.size >= MAX_ORDERINGS) continue;
      this.orderings.add(o);
      fresh++;
    }
    s.novelty = MEMORY * s.novelty + (1 - MEMORY) * (fresh / owner.switches.length);
  }

  /** Draws the member of the next run among those not exhausted and not yet tried for it. */
  private pick(tried: ReadonlySet<number>): number | undefined {
    const live = this.roster.map((m, i) => (!tried.has(i) && !m.strategy.exhausted ? i : -1)).filter((i) => i >= 0);
    if (live.length === 0) return undefined;
    let x = this.prng.next() / 2 ** 32;
    for (const i of live) {
      const share = this.roster[i]!.share;
      if (share === undefined) continue;
      if ((x -= share) < 0) return i;
    }
    const weighted = live.filter((i) => this.roster[i]!.share === undefined);
    if (weighted.length === 0) return live[0];
    const leading = weighted.find((i) => this.standing[i]!.runs < (this.roster[i]!.first ?? 0));
    if (leading !== undefined) return leading;
    const evidence = this.evidence();
    const weights = weighted.map((i) => Math.max(0, this.roster[i]!.weight?.(evidence[i]!) ?? 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let y = this.prng.next() * (total / 2 ** 32);
    for (let j = 0; j < weighted.length - 1; j++) if ((y -= weights[j]!) < 0) return weighted[j];
    return weighted[weighted.length - 1];
  }
}

/** A run the portfolio planned: its member, the member's plan, and what the run showed. */
interface Owned {
  readonly member: number;
  readonly plan: RunPlan;
  /** At every task switch, the ordering of the two steps as a number. */
  readonly switches: number[];
}

/** Wraps a chooser to record, at every task switch, the ordering of the two steps as a number (and whether steps declare touches). */
function recordSwitches(chooser: RunChooser, switches: number[], declares: () => void): RunChooser {
  let previous = -1;
  let previousTask = -2;
  return {
    choose(d: Decision): number {
      const i = chooser.choose(d);
      if (i < 0) return i;
      const p = d.pending[i]!;
      if (p.touches !== undefined) declares();
      const step = stepHash(p.task, p.label, p.ordinal);
      if (previousTask !== -2 && p.task !== previousTask) switches.push((Math.imul(previous, 0x9e3779b1) ^ step) >>> 0);
      previous = step;
      previousTask = p.task;
      return i;
    },
  };
}

function stepHash(task: number, label: string, ordinal: number): number {
  let h = Math.imul(task + 0x3c6ef372, 0x85ebca77) ^ Math.imul(ordinal + 1, 0xc2b2ae3d);
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
