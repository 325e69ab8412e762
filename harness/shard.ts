import { UsageError } from '../src/errors.js';

/** This job's part of a sharded run: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n); bad text is a {@link UsageError}. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, got "${text}"`);
  return { index, count };
}

/**
 * The seed shard i of n explores: the base seed itself for a single shard,
 * else a 32-bit mix of the base seed and i, so n jobs given one `--seed`
 * draw disjoint workloads and schedules. The shard's runs record this seed
 * in their replay tokens, so their failures replay without the shard flag.
 */
export function shardSeed(baseSeed: number, shard: Shard | undefined): number {
  if (!shard || shard.count === 1) return baseSeed >>> 0;
  // murmur3's finaliser over seed and index: neighbouring shards land far apart.
  let h = (baseSeed ^ Math.imul(shard.index, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
