import type { StepId } from './step-id.js';
import { conflict } from './step-id.js';

/**
 * One run as DPOR analyses it: the steps in the order they ran, for each
 * the step whose execution made it pending (−1: pending from the start or
 * right after its own task's previous step, which program order covers), and
 * the happens-before relation as bit sets.
 */
export class RunRecord {
  readonly steps: StepId[] = [];
  /** Index of the step after which each step first became pending (−1: at the start). */
  readonly enabledBy: number[] = [];
  /** Pending steps at each decision (what the chooser saw). */
  readonly pendingAt: StepId[][] = [];
  /** The steps that first became pending at each decision (after the previous step). */
  readonly appeared: StepId[][] = [];
  private readonly firstSeen = new Map<string, number>();
  private hb: Uint32Array[] | undefined;

  /** Records decision `index` (0-based): the pending steps and the one chosen. */
  record(pending: StepId[], chosen: StepId): void {
    const index = this.steps.length;
    const fresh: StepId[] = [];
    for (const p of pending) {
      if (this.firstSeen.has(p.key)) continue;
      this.firstSeen.set(p.key, index - 1);
      fresh.push(p);
    }
    this.appeared.push(fresh);
    this.pendingAt.push(pending);
    this.steps.push(chosen);
    this.enabledBy.push(this.firstSeen.get(chosen.key)!);
  }

  /** Whether step i happens before step j (i < j): a chain of conflicts and enablings. */
  happensBefore(i: number, j: number): boolean {
    const hb = this.relation();
    return (hb[j]![i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** Whether step j's only link to i is that i made it pending (then the two cannot be swapped). */
  madePending(i: number, j: number): boolean {
    return this.enabledBy[j] === i;
  }

  /** hb[j] holds bit i when step i happens before step j. */
  private relation(): Uint32Array[] {
    if (this.hb) return this.hb;
    const n = this.steps.length;
    const words = (n + 31) >>> 5;
    const hb: Uint32Array[] = [];
    for (let j = 0; j < n; j++) {
      const row = new Uint32Array(words);
      const sj = this.steps[j]!;
      const by = this.enabledBy[j]!;
      for (let i = 0; i < j; i++) {
        if (i === by || conflict(this.steps[i]!, sj)) {
          row[i >>> 5]! |= 1 << (i & 31);
          const pi = hb[i]!;
          for (let w = 0; w < words; w++) row[w]! |= pi[w]!;
        }
      }
      hb.push(row);
    }
    this.hb = hb;
    return hb;
  }

  /**
   * Races: pairs i < j of conflicting steps where j did not need i to become
   * pending and nothing between them orders them, so a run could take j
   * first: steps of different tasks, or of two flows of one task (j was
   * pending when i ran: a flow has one pending step at a time, so program
   * order does not cover them).
   */
  *races(): Generator<[number, number]> {
    const hb = this.relation();
    const n = this.steps.length;
    const words = (n + 31) >>> 5;
    const covered = new Uint32Array(words);
    for (let j = 1; j < n; j++) {
      // Steps ordered before j through some later step k < j are not direct.
      covered.fill(0);
      const row = hb[j]!;
      for (let k = 0; k < j; k++) {
        if ((row[k >>> 5]! & (1 << (k & 31))) === 0) continue;
        const pk = hb[k]!;
        for (let w = 0; w < words; w++) covered[w]! |= pk[w]!;
      }
      const sj = this.steps[j]!;
      for (let i = 0; i < j; i++) {
        const si = this.steps[i]!;
        if ((si.task === sj.task && this.enabledBy[j]! >= i) || this.madePending(i, j) || (covered[i >>> 5]! & (1 << (i & 31))) !== 0 || !conflict(si, sj)) continue;
        yield [i, j];
      }
    }
  }

  /**
   * Steps that were pending but never ran: the run ended first (a timer
   * left when every task had finished, a completion nobody awaited). Another
   * schedule might have taken them, so they race with the steps that ran
   * while they waited.
   */
  leftOver(): StepId[] {
    const ran = new Set(this.steps.map((s) => s.key));
    return this.pendingAt.flat().filter((s, i, all) => !ran.has(s.key) && all.findIndex((t) => t.key === s.key) === i);
  }

  /**
   * The races of a left-over step `q`, as if it ran after the last step: the
   * steps i it was pending at that conflict with it (another flow's of its
   * own task too) and that no later conflicting step follows in
   * happens-before.
   */
  *racesAtEnd(q: StepId): Generator<number> {
    const pendingFrom = this.firstSeen.get(q.key)! + 1;
    // Up to the last decision it was pending at: a timer cleared, or a point abandoned, stops being a choice before the end.
    let last = this.steps.length - 1;
    while (last >= pendingFrom && !this.pendingAt[last]!.some((p) => p.key === q.key)) last--;
    for (let i = last; i >= pendingFrom; i--) {
      const si = this.steps[i]!;
      if (!conflict(si, q)) continue;
      let direct = true;
      for (let k = i + 1; k <= last && direct; k++) if (conflict(this.steps[k]!, q) && this.happensBefore(i, k)) direct = false;
      if (direct) yield i;
    }
  }

  /**
   * The Mazurkiewicz class of the run, as a number: each step's level (one
   * more than the highest level of the steps it directly follows) with its
   * key, sorted and hashed. Runs that differ only in the order of
   * independent steps get the same number; runs that order two conflicting
   * steps differently get different sequences (and, up to a 53-bit hash
   * collision, different numbers).
   */
  classId(): number {
    const n = this.steps.length;
    const level = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      let l = 0;
      const sj = this.steps[j]!;
      for (let i = 0; i < j; i++) if (level[i]! >= l && (i === this.enabledBy[j] || conflict(this.steps[i]!, sj))) l = level[i]! + 1;
      level[j] = l;
    }
    const order = this.steps.map((s, j) => `${level[j]}|${s.key}`).sort();
    return hash53(order.join(' '));
  }
}

/** A 53-bit string hash (two 32-bit FNV-1a lanes), exact enough to count classes. */
function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
