import { escapeHtml } from './html-escape.js';
import type { HistogramEntry } from './model.js';

/** Stress-mode outcomes as jcstress shows them: each final state, how often, acceptable or forbidden. */
export function htmlHistogram(histogram: readonly HistogramEntry[]): string {
  const total = histogram.reduce((n, h) => n + h.count, 0);
  const most = Math.max(1, ...histogram.map((h) => h.count));
  const forbidden = histogram.filter((h) => h.verdict === 'forbidden').reduce((n, h) => n + h.count, 0);
  const rows = [...histogram]
    .sort((a, b) => b.count - a.count)
    .map(
      (h) =>
        `<tr class="${h.verdict}"><td>${escapeHtml(h.outcome)}</td><td>${h.verdict}</td><td class="n">${h.count.toLocaleString('en')}</td><td class="n">${((100 * h.count) / Math.max(1, total)).toFixed(1)}%</td><td class="bar"><div class="fill" style="width:${((100 * h.count) / most).toFixed(1)}%"></div></td></tr>`,
    )
    .join('');
  return `<h2>Outcomes (stress mode)</h2><p>${total.toLocaleString('en')} runs; <span class="${forbidden > 0 ? 'bad' : 'ok'}">${forbidden.toLocaleString('en')} forbidden</span>.</p><table class="summary hist"><thead><tr><th>outcome</th><th>verdict</th><th class="n">count</th><th class="n">share</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}
