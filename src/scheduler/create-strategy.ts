import { ExhaustiveStrategy } from './exhaustive.js';
import { PctStrategy } from './pct.js';
import { PortfolioStrategy } from './portfolio.js';
import { RandomStrategy } from './random.js';
import type { Strategy, StrategyName } from './strategy.js';

/** Settings every strategy is built from. */
export interface StrategySettings {
  readonly seed: number;
  readonly depth: number;
  readonly preemptionBound: number;
  readonly manyWorkloads: boolean;
}

/**
 * Builds the named strategy. The portfolio gives PCT (d = 3) and random seven
 * runs each of every sixteen and bounded exhaustive two. Measured on the
 * bench panel (bench/RESULTS.md), PCT d = 3 finds ordering bugs hidden among
 * many steps that random practically never finds, and is as good as d = 2 on
 * depth-2 bugs; random finds bugs needing many switches or among many tasks
 * where PCT's 1/(n·k^(d−1)) is small. Equal shares keep the default within
 * about 2× of the better of the two on every bug of the panel; a round-robin
 * over more members dilutes each one's edge further.
 */
export function createStrategy(name: StrategyName, s: StrategySettings): Strategy {
  switch (name) {
    case 'random':
      return new RandomStrategy(s.seed);
    case 'pct':
      return new PctStrategy(s.seed, s.depth);
    case 'exhaustive':
      return new ExhaustiveStrategy({ preemptionBound: s.preemptionBound, manyWorkloads: s.manyWorkloads });
    case 'portfolio':
      return new PortfolioStrategy([
        // A depth asked for raises the PCT member's (never below 3).
        [new PctStrategy(s.seed, Math.max(3, s.depth)), 7],
        [new RandomStrategy(s.seed), 7],
        [new ExhaustiveStrategy({ preemptionBound: s.preemptionBound, manyWorkloads: s.manyWorkloads }), 2],
      ]);
  }
}
