import type { HistogramEntry } from '../report/model.js';

/** Counts the outcomes of stress rounds. */
export class Histogram {
  private readonly counts = new Map<string, { count: number; acceptable: boolean }>();
  private forbiddenRounds = 0;
  private rounds = 0;

  add(outcome: string, acceptable: boolean): void {
    const e = this.counts.get(outcome);
    if (e) e.count++;
    else this.counts.set(outcome, { count: 1, acceptable });
    this.rounds++;
    if (!acceptable) this.forbiddenRounds++;
  }

  get total(): number {
    return this.rounds;
  }

  get forbidden(): number {
    return this.forbiddenRounds;
  }

  /** Entries, most frequent first (ties: acceptable first, then by outcome). */
  entries(): HistogramEntry[] {
    return [...this.counts]
      .map(([outcome, e]) => ({ outcome, count: e.count, class: e.acceptable ? ('acceptable' as const) : ('forbidden' as const) }))
      .sort((a, b) => b.count - a.count || (a.class === b.class ? a.outcome.localeCompare(b.outcome) : a.class === 'acceptable' ? -1 : 1));
  }
}
