import * as fc from 'fast-check';
import { plural } from '../../model/plural.js';

/** N tasks each doing K increments. */
export interface CounterWorkload {
  readonly tasks: number;
  readonly increments: number;
}

/** N in 2..8, K in 1..50. */
export const counterWorkload: fc.Arbitrary<CounterWorkload> = fc.record({
  tasks: fc.integer({ min: 2, max: 8 }),
  increments: fc.integer({ min: 1, max: 50 }),
});

/** The final-state oracle of every counter: no increment lost. */
export function countsEveryIncrement(counter: number, expected: number): true | string {
  if (counter === expected) return true;
  const lost = expected - counter;
  return `counter is ${counter}, expected ${expected}: ${lost} ${plural(lost, 'increment')} lost`;
}
