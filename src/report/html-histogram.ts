import { escapeHtml } from './html-escape.js';
import type { HistogramEntry } from './model.js';

/** Outcome rows shown before the rest go behind a "show all" fold. */
export const HISTOGRAM_ROWS = 12;

const pct = (n: number, total: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;

function rows(entries: readonly HistogramEntry[], total: number, most: number): string {
  return entries
    .map((h) => `<tr class="${h.class}"><td>${escapeHtml(h.outcome)}</td><td>${h.class}</td><td class="n">${h.count.toLocaleString('en')}</td><td class="n">${pct(h.count, total)}</td><td class="bar"><div class="fill" style="width:${((100 * h.count) / most).toFixed(1)}%"></div></td></tr>`)
    .join('');
}

const HEAD = '<thead><tr><th>outcome</th><th>class</th><th class="n">count</th><th class="n">share</th><th></th></tr></thead>';

/**
 * Stress-mode outcomes as jcstress shows them: first acceptable against
 * forbidden, then each final state, how often; the most frequent first, the
 * long tail (racy counters rarely end on the same value twice) folded.
 */
export function htmlHistogram(histogram: readonly HistogramEntry[]): string {
  const total = histogram.reduce((n, h) => n + h.count, 0);
  const forbidden = histogram.filter((h) => h.class === 'forbidden').reduce((n, h) => n + h.count, 0);
  const classes: HistogramEntry[] = [
    { outcome: `acceptable (${histogram.filter((h) => h.class === 'acceptable').length} distinct)`, count: total - forbidden, class: 'acceptable' },
    { outcome: `forbidden (${histogram.filter((h) => h.class === 'forbidden').length} distinct)`, count: forbidden, class: 'forbidden' },
  ];
  const sorted = [...histogram].sort((a, b) => b.count - a.count);
  const most = Math.max(1, sorted[0]?.count ?? 1);
  const shown = sorted.slice(0, HISTOGRAM_ROWS);
  const rest = sorted.slice(HISTOGRAM_ROWS);
  const more = rest.length > 0 ? `<details><summary>${rest.length} more outcome(s), ${rest.reduce((n, h) => n + h.count, 0).toLocaleString('en')} run(s)</summary><table class="summary hist">${HEAD}<tbody>${rows(rest, total, most)}</tbody></table></details>` : '';
  return `<h2>Outcomes (stress mode)</h2><p>${total.toLocaleString('en')} runs; <span class="${forbidden > 0 ? 'bad' : 'ok'}">${forbidden.toLocaleString('en')} forbidden</span>.</p><table class="summary hist classes">${HEAD}<tbody>${rows(classes, total, Math.max(1, total))}</tbody></table><table class="summary hist">${HEAD}<tbody>${rows(shown, total, most)}</tbody></table>${more}`;
}
