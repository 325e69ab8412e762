import type { HistogramEntry } from './model.js';
import { formatTable } from './text.js';

const MAX_ROWS = 12;

/**
 * A stress outcome histogram as a terminal table, most frequent first: each
 * outcome, how often it appeared, its share and class. Long tails (plain
 * increments give dozens of distinct lost-update totals) are summed in one line.
 */
export function formatHistogram(histogram: readonly HistogramEntry[]): string {
  const total = histogram.reduce((n, e) => n + e.count, 0);
  const shown = histogram.slice(0, MAX_ROWS);
  const rest = histogram.slice(MAX_ROWS);
  const share = (n: number) => `${total === 0 ? '0.0' : ((100 * n) / total).toFixed(1)}%`;
  const rows = shown.map((e) => [e.outcome, String(e.count), share(e.count), e.class === 'acceptable' ? 'acceptable' : 'FORBIDDEN']);
  if (rest.length > 0) {
    const n = rest.reduce((s, e) => s + e.count, 0);
    const forbidden = rest.every((e) => e.class === 'forbidden');
    rows.push([`… ${rest.length} more outcomes`, String(n), share(n), forbidden ? 'FORBIDDEN' : 'mixed']);
  }
  const forbiddenRounds = histogram.filter((e) => e.class === 'forbidden').reduce((n, e) => n + e.count, 0);
  const table = formatTable(['outcome', 'rounds', 'share', 'class'], rows, [false, true, true, false]);
  return `${table}\n${histogram.length} distinct outcome(s) in ${total} rounds; forbidden in ${forbiddenRounds} (${share(forbiddenRounds)})`;
}
