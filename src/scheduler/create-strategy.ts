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

/** Builds the named strategy. The portfolio's weights are per cycle of 8 runs. */
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
        [new PctStrategy(s.seed, 3), 3],
        [new RandomStrategy(s.seed), 2],
        [new PctStrategy(s.seed, 2), 2],
        [new ExhaustiveStrategy({ preemptionBound: s.preemptionBound, manyWorkloads: s.manyWorkloads }), 1],
      ]);
  }
}
