import { ExhaustiveStrategy } from './exhaustive.js';
import { PctStrategy } from './pct.js';
import { PosStrategy } from './pos.js';
import { PortfolioStrategy, type Evidence } from './portfolio.js';
import { RandomStrategy } from './random.js';
import { SoftPctStrategy } from './soft-pct.js';
import { SurwStrategy } from './surw.js';
import type { Strategy, StrategyName } from './strategy.js';

/** Settings every strategy is built from. */
export interface StrategySettings {
  readonly seed: number;
  readonly depth: number;
  readonly preemptionBound: number;
  readonly manyWorkloads: boolean;
  /**
   * Whether the portfolio walks exhaustively on its share of the runs
   * (default true). False in every worker of `--workers N` but the first
   * when all of them would walk the same tree (one workload): the walk does
   * not depend on the seed, so a second one would repeat the first's runs
   * and count its classes again.
   */
  readonly walk?: boolean;
}

/** Runs of the portfolio (after exhaustive's) that SURW, keeping tasks in step, plans first: bugs among steps at equal positions fall in a handful of them. */
const IN_STEP_FIRST = 4;

/**
 * SURW's share of the portfolio's runs after its first ones, before novelty:
 * 4/k of them for runs of k steps, at most half. Runs in
 * step reach only orderings among steps at equal positions, which a few runs
 * cover; a bug that needs one task ahead of another they never reach, and
 * in a long run those are most of the orderings. Measured on the bench panel
 * and on bugs of 40–100 steps held out of it (bench/FINDINGS.md, 2026-12-02):
 * the share of 30/k before (80 % of the runs up to 37 steps) left soft PCT
 * too few runs there, and the default needed more runs than uniform random.
 */
function inStepShare(e: Evidence): number {
  return e.steps === 0 ? 0.5 : Math.min(0.5, 4 / e.steps);
}

/** A member's weight grows with the new orderings its recent runs reached, at most threefold. */
const byNovelty = (e: Evidence) => 0.5 + e.novelty;

/**
 * Builds the named strategy. The portfolio runs bounded exhaustive on one
 * run in 32; SURW plans the first of the others, then they are split between
 * SURW and soft PCT (and POS, when steps declare touches) by the learned run
 * length and their novelty (inStepShare, portfolio.ts); measured against
 * each member and fast-check's scheduler in bench/RESULTS.md.
 */
export function createStrategy(name: StrategyName, s: StrategySettings): Strategy {
  const exhaustive = () => new ExhaustiveStrategy({ preemptionBound: s.preemptionBound, manyWorkloads: s.manyWorkloads });
  switch (name) {
    case 'random':
      return new RandomStrategy(s.seed);
    case 'pct':
      return new PctStrategy(s.seed, s.depth);
    case 'surw':
      return new SurwStrategy(s.seed);
    case 'pos':
      return new PosStrategy(s.seed);
    case 'soft-pct':
      return new SoftPctStrategy(s.seed, Math.max(3, s.depth));
    case 'exhaustive':
      return exhaustive();
    case 'portfolio':
      return new PortfolioStrategy(s.seed, [
        ...(s.walk === false ? [] : [{ strategy: exhaustive(), share: 1 / 32 }]),
        { strategy: new SurwStrategy(s.seed), first: IN_STEP_FIRST, weight: (e) => inStepShare(e) * byNovelty(e) },
        // A depth asked for raises soft PCT's (never below 3). When steps declare
        // touches, POS takes two thirds of its part: it samples partial orders,
        // not interleavings, and is the best member on windows then.
        { strategy: new SoftPctStrategy(s.seed, Math.max(3, s.depth)), weight: (e) => (1 - inStepShare(e)) * byNovelty(e) * (e.declared ? 1 / 3 : 1) },
        { strategy: new PosStrategy(s.seed), weight: (e) => (e.declared ? (1 - inStepShare(e)) * byNovelty(e) * (2 / 3) : 0) },
      ]);
  }
}
