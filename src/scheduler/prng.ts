/**
 * A small seeded generator (mulberry32) for scheduling decisions. Strategies
 * never call Math.random: every decision comes from one of these, so the same
 * seed gives the same schedules. Cloning copies the state.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    // n is small (a count of pending yield points); the modulo bias is below 2^-24.
    return this.next() % n;
  }

  clone(): Prng {
    return new Prng(this.state);
  }
}

/** Mixes two integers into a well-spread 32-bit seed (for per-run seeds). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ Math.imul((b >>> 0) + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
