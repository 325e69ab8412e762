/** The seeds' range: [1,000,000, 1,000,500). */
export const PRIME_RANGE = { start: 1_000_000, end: 1_000_500 } as const;

/**
 * Primes in {@link PRIME_RANGE}. The seeds print 47, but that is wrong:
 * trial division (here, in workers/primes.mjs, and the seeds' own Python) and
 * a sieve all give 39 (47 is roughly the count for [1,000,000, 1,000,600]).
 */
export const PRIMES_IN_RANGE = 39;

/** One unit of pool work: count the primes in [start, end). */
export interface Job {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}

/** Trial division, the same as the worker's, to check every result on the main thread. */
export function countPrimes(start: number, end: number): number {
  let count = 0;
  for (let n = start; n < end; n++) {
    if (n < 2) continue;
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** Splits {@link PRIME_RANGE} into `n` contiguous jobs whose sizes differ by at most one. */
export function splitRange(n: number): Job[] {
  const size = PRIME_RANGE.end - PRIME_RANGE.start;
  return Array.from({ length: n }, (_, id) => ({
    id,
    start: PRIME_RANGE.start + Math.floor((id * size) / n),
    end: PRIME_RANGE.start + Math.floor(((id + 1) * size) / n),
  }));
}
