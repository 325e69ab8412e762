import { outcomeText, reportBaseName, type RunSummary, type ScenarioReport } from './model.js';
import { formatValue, nameOf, traceTaskCount, type TraceEvent } from './trace.js';

/** Escapes text for HTML content and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root{--bg:#fff;--fg:#1d2433;--mute:#667085;--line:#e4e7ec;--ok:#12805c;--bad:#c4320a;--pre:#b54708;--hl:#fef3f2;--box:#f2f4f7}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.mute{color:var(--mute)}code{background:var(--box);padding:1px 5px;border-radius:4px;font-size:12.5px}
table.summary{border-collapse:collapse;margin:12px 0}table.summary th,table.summary td{border-bottom:1px solid var(--line);padding:6px 12px;text-align:left}table.summary td.n{text-align:right}
.ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}
.message{border-left:4px solid var(--bad);background:var(--hl);padding:8px 12px;margin:12px 0;font-weight:600}
.timeline{display:grid;gap:2px 10px;align-items:stretch;overflow:auto;max-height:75vh;border:1px solid var(--line);border-radius:8px;padding:8px}
.lane-head{position:sticky;top:0;background:var(--bg);font-weight:700;padding:4px 6px;border-bottom:2px solid var(--line);z-index:1}
.stepno{color:var(--mute);text-align:right;padding:4px 6px;font-variant-numeric:tabular-nums}
.step{background:var(--box);border-radius:6px;padding:4px 8px;cursor:pointer;border:2px solid transparent}
.step .v{color:var(--mute);font-variant-numeric:tabular-nums}.step.pre{border-left:4px solid var(--pre)}
.step.broke{background:var(--hl);border-color:var(--bad)}.step.sel{outline:2px solid #2e90fa}
.gap{min-height:4px}#details{position:sticky;bottom:0;background:#f9fafb;border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin-top:8px;min-height:2.5em}
.legend span{margin-right:16px}
`;

const SCRIPT = `
document.addEventListener('click',function(e){var s=e.target.closest('.step');if(!s)return;
document.querySelectorAll('.step.sel').forEach(function(x){x.classList.remove('sel')});s.classList.add('sel');
document.getElementById('details').textContent=s.getAttribute('data-detail');});
`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>\n${body}\n<script>${SCRIPT}</script></body></html>\n`;
}

/**
 * A swimlane timeline: one lane per task, one row per step, preemptions
 * marked, the step after which the failure showed highlighted.
 */
export function htmlTimeline(trace: readonly TraceEvent[], brokeAt: number | undefined, names?: readonly string[]): string {
  const lanes = [...(trace.some((e) => e.task < 0) ? [-1] : []), ...Array.from({ length: traceTaskCount(trace) }, (_, i) => i)];
  const cells: string[] = [`<div class="lane-head">step</div>`, ...lanes.map((t) => `<div class="lane-head" data-lane="${t}">${escapeHtml(nameOf(t, names))}</div>`)];
  for (const e of trace) {
    cells.push(`<div class="stepno">${e.step}</div>`);
    for (const lane of lanes) {
      if (lane !== e.task) {
        cells.push('<div class="gap"></div>');
        continue;
      }
      const classes = ['step', e.preemption ? 'pre' : '', e.step === brokeAt ? 'broke' : ''].filter(Boolean).join(' ');
      const detail = `step ${e.step}: task ${nameOf(e.task, names)} resumed at "${e.label}" (${e.kind})${e.value === undefined ? '' : `, noted ${formatValue(e.value)}`}${e.preemption ? '; a preemption: the previous task could have continued' : ''}${e.at === undefined ? '' : `; clock ${e.at} ms`}`;
      cells.push(`<div class="${classes}" data-step="${e.step}" title="${escapeHtml(detail)}" data-detail="${escapeHtml(detail)}">${escapeHtml(e.label)}${e.value === undefined ? '' : ` <span class="v">→ ${escapeHtml(formatValue(e.value))}</span>`}${e.at === undefined ? '' : ` <span class="v">@${e.at}ms</span>`}</div>`);
    }
  }
  return `<div class="timeline" style="grid-template-columns:auto repeat(${lanes.length},minmax(140px,1fr))">${cells.join('')}</div><div id="details" class="mute">Click a step for its details.</div>`;
}

/** The page of one scenario: its verdict, the failing interleaving, how to replay it. */
export function htmlScenario(r: ScenarioReport, replayCommand: string): string {
  const verdict = `<span class="${r.ok ? 'ok' : 'bad'}">${outcomeText(r.expect, r.failed)}</span>`;
  const parts = [`<h1>${escapeHtml(r.name)} — ${verdict}</h1>`, `<p class="mute">${escapeHtml(r.summary)}</p>`];
  parts.push(`<p>Expected to <b>${r.expect}</b>. ${r.runs} runs in ${r.ms} ms with ${escapeHtml(r.strategy)}, seed <code>${r.seed}</code>${r.exhausted ? '; every schedule within the preemption bound explored' : ''}.</p>`);
  if (r.failure) {
    const f = r.failure;
    const brokeAt = f.trace.length > 0 ? f.trace[f.trace.length - 1]!.step : undefined;
    parts.push(`<div class="message">${escapeHtml(f.message)} <span class="mute">(${escapeHtml(f.kind)}, after step ${brokeAt ?? 0})</span></div>`);
    parts.push(`<p>Found by ${escapeHtml(f.foundBy)} at run ${r.firstFailure}; shrunk from ${f.originalSteps} to ${r.traceSteps} steps in ${f.shrinkRuns} runs; ${f.preemptions} preemption(s). Workload: <code>${escapeHtml(formatValue(f.workload) || 'none')}</code></p>`);
    parts.push(`<p class="legend mute"><span>▍orange edge: preemption</span><span>red box: the step after which the failure showed</span></p>`);
    parts.push(htmlTimeline(f.trace, brokeAt, f.taskNames));
    parts.push(`<p>Replay: <code>${escapeHtml(replayCommand)}</code><br><span class="mute">token</span> <code>${escapeHtml(f.replay)}</code></p>`);
  }
  return page(`racekit — ${r.name}`, parts.join('\n'));
}

/** The index page: every scenario with its expectation, outcome, counts and link. */
export function htmlIndex(summary: RunSummary): string {
  const held = summary.scenarios.every((s) => s.ok);
  const rows = summary.scenarios
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.family)}</td><td><a href="${escapeHtml(reportBaseName(s.name))}.html">${escapeHtml(s.variant)}</a></td><td>${s.expect}</td><td class="${s.ok ? 'ok' : 'bad'}">${outcomeText(s.expect, s.failed)}</td><td class="n">${s.runs}</td><td class="n">${s.firstFailure ?? '—'}</td><td class="n">${s.traceSteps || '—'}</td><td class="n">${s.ms} ms</td></tr>`,
    )
    .join('\n');
  const body = `<h1>racekit run ${escapeHtml(summary.run)}</h1>
<p class="${held ? 'ok' : 'bad'}">${held ? 'Every expectation held.' : 'Some expectations did not hold.'}${summary.partial ? ' <span class="bad">Partial: the run was interrupted.</span>' : ''}</p>
<p class="mute">Seed <code>${summary.seed}</code> · strategy ${escapeHtml(summary.strategy)} · started ${escapeHtml(summary.startedAt)} · ${summary.ms} ms. Reproduce: <code>npx racekit run ${escapeHtml([...new Set(summary.scenarios.map((s) => s.name))].join(' '))} --seed ${summary.seed} --strategy ${escapeHtml(summary.strategy)}</code></p>
<table class="summary"><thead><tr><th>family</th><th>variant</th><th>expected</th><th>outcome</th><th>runs</th><th>first failure</th><th>trace steps</th><th>time</th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return page(`racekit run ${summary.run}`, body);
}
