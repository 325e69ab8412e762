import { shrinkText } from './shrink-text.js';
import { familyContrasts, type ContrastCell } from './contrast.js';
import { explorationText } from './explored-text.js';
import { escapeHtml } from './html-escape.js';
import { htmlHistogram } from './html-histogram.js';
import { STYLE, SCRIPT } from './html-style.js';
import { htmlTimeline } from './html-timeline.js';
import { htmlSources, sourceAnchors } from './html-sources.js';
import { outcomeText, reportBaseName, workerText, type RunSummary, type ScenarioReport } from './model.js';
import { reproduceCommands } from './reproduce.js';
import { formatValue } from '../model/value-text.js';
import { plural } from '../model/plural.js';

export { escapeHtml } from './html-escape.js';
export { htmlTimeline, type BreakMark } from './html-timeline.js';
export { htmlHistogram } from './html-histogram.js';

function page(title: string, body: string): string {
  // The empty icon keeps the browser from asking file:// for a favicon.
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>\n${body}\n<script>${SCRIPT}</script></body></html>\n`;
}

/** The page of one scenario: its outcome, the failing interleaving as a swimlane timeline, how to replay it. */
export function htmlScenario(r: ScenarioReport, replayCommand: string): string {
  const outcome = `<span class="${r.ok ? 'ok' : 'bad'}">${outcomeText(r.expect, r.failed, r.failure?.kind)}</span>`;
  const parts = [`<p class="mute"><a href="index.html">← run index</a></p>`, `<h1>${escapeHtml(r.name)} — ${outcome}</h1>`, `<p class="mute">${escapeHtml(r.summary)}</p>`];
  for (const w of r.warnings ?? []) parts.push(`<div class="warning"><b>warning</b> ${escapeHtml(w)}</div>`);
  parts.push(`<p>Expected to <b>${r.expect}</b>${r.ok ? '' : ' — <span class="bad">the expectation did not hold</span>'}. ${r.runs.toLocaleString('en')} ${plural(r.runs, 'run')} in ${r.ms} ms with ${escapeHtml(r.strategy)}, seed <code>${r.seed}</code>${explorationText(r) ? `; ${escapeHtml(explorationText(r))}` : ''}.${r.module ? ` Module <code>${escapeHtml(r.module)}</code>.` : ''}</p>`);
  // Real parallel runs (stress mode): no schedule was chosen, so the outcomes are the evidence, with no trace to draw or replay.
  const stressFailure = r.failure !== undefined && r.failure.trace.length === 0 && r.histogram !== undefined;
  if (stressFailure) parts.push(`<div class="message">${escapeHtml(r.failure!.message)}</div>`);
  if (r.histogram && r.histogram.length > 0) parts.push(htmlHistogram(r.histogram));
  if (stressFailure) {
    parts.push('<p class="mute">Stress mode runs threads truly in parallel: the outcomes above are the evidence; there is no interleaving to replay.</p>');
  } else if (r.failure) {
    const f = r.failure;
    const brokeAt = f.trace.length > 0 ? f.trace[f.trace.length - 1]!.step : undefined;
    parts.push(`<div class="message">${escapeHtml(f.message)} <span class="mute">(${escapeHtml(f.kind)}, after step ${brokeAt ?? 0})</span></div>`);
    parts.push(`<p>Found by ${escapeHtml(f.foundBy)} at run ${r.firstFailure}${workerText(r)}; ${escapeHtml(shrinkText({ ...f, traceSteps: r.traceSteps }))}. Workload: <code>${escapeHtml(formatValue(f.workload) || 'none')}</code></p>`);
    parts.push(`<p class="legend mute"><span><b style="color:var(--pre)">⇄ !</b> preemption: a switch away from a task that could have continued</span><span><b class="bad">red box</b>: the step after which the failure showed</span><span>click or hover a step for details</span></p>`);
    parts.push(htmlTimeline(f.trace, brokeAt === undefined ? undefined : { step: brokeAt, message: f.message, kind: f.kind }, f.taskNames, sourceAnchors(f.sources)));
    parts.push(`<p>Replay: <code>${escapeHtml(replayCommand)}</code><br><span class="mute">token</span> <code>${escapeHtml(f.replay)}</code></p>`);
    parts.push(htmlSources(f.sources ?? []));
  }
  return page(`racekit — ${r.name}`, parts.join('\n'));
}

/** The contrast of every family: racy variants (caught) on the left, correct ones (clean) on the right. */
function htmlContrast(summary: RunSummary, reports: readonly ScenarioReport[]): string {
  const card = (c: ContrastCell) =>
    `<div class="card ${c.ok ? 'ok' : 'bad'}" data-scenario="${escapeHtml(c.name)}"><div><a class="v" href="${escapeHtml(reportBaseName(c.name))}.html">${escapeHtml(c.variant)}</a> <span class="x">expected to ${c.expect}</span></div><div><span class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</span> ${escapeHtml(c.phrase)}</div></div>`;
  const side = (cells: readonly ContrastCell[], title: string) => `<div class="side"><div class="x">${title}</div>${cells.map(card).join('') || '<div class="x">—</div>'}</div>`;
  return familyContrasts(summary.scenarios, summary.strategy, reports)
    .map((f) => `<h3>${escapeHtml(f.family)}</h3><div class="contrast">${side(f.cells.filter((c) => c.expect === 'fail'), 'racy: must be caught')}${side(f.cells.filter((c) => c.expect === 'pass'), 'correct: must stay clean')}</div>`)
    .join('\n');
}

/** The index page: the contrast per family, then every scenario with its expectation, outcome, counts, time and links. */
export function htmlIndex(summary: RunSummary, reports: readonly ScenarioReport[] = []): string {
  const held = summary.scenarios.every((s) => s.ok);
  const rows = summary.scenarios
    .map((s) => {
      const base = escapeHtml(reportBaseName(s.name));
      return `<tr><td>${escapeHtml(s.family)}</td><td><a href="${base}.html">${escapeHtml(s.variant)}</a></td><td>${s.expect}</td><td class="${s.ok ? 'ok' : 'bad'}">${s.ok ? '✓' : '✗'} ${outcomeText(s.expect, s.failed, s.kind)}</td><td class="n">${s.runs.toLocaleString('en')}</td><td class="n">${s.firstFailure ?? '—'}</td><td class="n">${s.traceSteps || '—'}</td><td class="n">${s.ms} ms</td><td><a href="${base}.json">json</a></td></tr>`;
    })
    .join('\n');
  const counts = `${summary.scenarios.length} scenarios, ${summary.scenarios.filter((s) => s.ok).length} held`;
  const shard = summary.shard ? ` · shard ${summary.shard.index}/${summary.shard.count} of base seed <code>${summary.shard.baseSeed}</code>` : '';
  const merged = summary.mergedFrom ? ` · merged from ${summary.mergedFrom.length} runs: ${summary.mergedFrom.map((m) => `<code>${escapeHtml(m)}</code>`).join(' ')}` : '';
  const commands = reproduceCommands(summary).map((c) => `<code>${escapeHtml(c)}</code>`).join('<br>');
  const body = `<h1>racekit run ${escapeHtml(summary.run)}</h1>
<p class="${held ? 'ok' : 'bad'}">${held ? 'Every expectation held.' : 'Some expectations did not hold.'}${summary.partial ? ' <span class="bad">Partial: the run was interrupted.</span>' : ''}</p>
<p class="mute">${counts} · seed <code>${summary.seed}</code> · strategy ${escapeHtml(summary.strategy)}${shard}${merged} · started ${escapeHtml(summary.startedAt)} · ${summary.ms.toLocaleString('en')} ms</p>
<p>Reproduce:<br>${commands}</p>
<h2>Contrast</h2>
${htmlContrast(summary, reports)}
<h2>Scenarios</h2>
<table class="summary"><thead><tr><th>family</th><th>variant</th><th>expected</th><th>outcome</th><th class="n">runs</th><th class="n">first failure</th><th class="n">trace steps</th><th class="n">time</th><th></th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return page(`racekit run ${summary.run}`, body);
}
