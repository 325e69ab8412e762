import * as fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { mixSeed } from '../scheduler/prng.js';
import { InvalidReplayError } from '../errors.js';

const SALT = 0x574f524b; // "WORK"

/** The arbitrary of scenarios that draw no workload. */
export const noWorkload: fc.Arbitrary<undefined> = fc.constant(undefined);

/**
 * Draws workload number `index` of a seed. Each index has its own stream, so
 * any run's workload can be drawn again alone (replay needs only the index).
 * Early indices are biased toward small workloads, as fast-check does.
 */
export function drawWorkload<W>(arb: fc.Arbitrary<W>, seed: number, index: number): fc.Value<W> {
  const random = new fc.Random(xoroshiro128plus(mixSeed(seed ^ SALT, index)));
  const bias = index >= SMALL_WORKLOADS ? 1 : 2 + Math.floor(Math.log(index + 1) / Math.log(10));
  return arb.generate(random, bias);
}

/**
 * Workload indices from here on are always drawn biased toward small values
 * (fast-check's bias factor 1): the exhaustive strategy walks one workload's
 * whole tree, which only pays off on small workloads.
 */
export const SMALL_WORKLOADS = 2 ** 30;

/** Follows a shrink path (the index taken at each level) from a drawn workload. */
export function followShrinkPath<W>(arb: fc.Arbitrary<W>, start: fc.Value<W>, path: readonly number[]): fc.Value<W> {
  let value = start;
  for (const [level, index] of path.entries()) {
    const [next] = arb.shrink(value.value, value.context).drop(index).take(1);
    if (!next) throw new InvalidReplayError(`replay token does not match this scenario's workload (no shrink ${index} at level ${level + 1})`);
    value = next;
  }
  return value;
}
