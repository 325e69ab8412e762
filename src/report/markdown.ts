import { shrinkText } from './shrink-text.js';
import { familyContrasts } from './contrast.js';
import { explorationText, membersText } from './explored-text.js';
import { foldedRanges } from './fold.js';
import { HISTOGRAM_ROWS } from './html-histogram.js';
import { outcomeText, workerText, type HistogramEntry, type RunSummary, type ScenarioReport } from './model.js';
import { reproduceCommands } from './reproduce.js';
import { nameOf, traceLanes, type TraceEvent } from '../model/trace.js';
import { formatValue } from '../model/value-text.js';
import { clockText } from './text.js';
import { stepText, type StepTextLimits } from './step-text.js';

/** Markdown has no click for the whole value: each part keeps this much (the HTML page has it all). */
const MD_PARTS: StepTextLimits = { label: 60, args: 40, outcome: 40, note: 40, source: 60 };

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * A failure's interleaving as a Markdown table, one column per task; the
 * middle of long uninterrupted runs of one task is folded into one row.
 */
export function markdownTrace(trace: readonly TraceEvent[], names?: readonly string[]): string {
  const columns = traceLanes(trace);
  const clock = trace.some((e) => e.at !== undefined);
  const last = trace[trace.length - 1];
  const folds = new Map(foldedRanges(trace, new Set(last ? [last.step] : [])).map((f) => [f.from, f]));
  const rows: string[] = [];
  for (let i = 0; i < trace.length; i++) {
    const fold = folds.get(i);
    if (fold) {
      const task = trace[i]!.task;
      const text = `⋯ ${fold.to - fold.from} steps (${trace[fold.from]!.step}–${trace[fold.to - 1]!.step})`;
      rows.push(`| ⋯ | ${clock ? ' | ' : ''}${columns.map((c) => (c === task ? text : '')).join(' | ')} |`);
      i = fold.to - 1;
      continue;
    }
    const e = trace[i]!;
    const text = esc(stepText(e, MD_PARTS));
    rows.push(`| ${e.preemption ? '**!**' : ''}${e.step} | ${clock ? `${clockText(e)} | ` : ''}${columns.map((c) => (c === e.task ? text : '')).join(' | ')} |`);
  }
  return [`| step | ${clock ? 'clock | ' : ''}${columns.map((c) => nameOf(c, names)).join(' | ')} |`, `|---:|${clock ? '---:|' : ''}${columns.map(() => '---').join('|')}|`, ...rows].join('\n');
}

/** Stress-mode outcomes: acceptable against forbidden, then each final state, how often, the long tail summed. */
export function markdownHistogram(histogram: readonly HistogramEntry[]): string {
  const total = histogram.reduce((n, h) => n + h.count, 0);
  const share = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
  const forbidden = histogram.filter((h) => h.class === 'forbidden').reduce((n, h) => n + h.count, 0);
  const sorted = [...histogram].sort((a, b) => b.count - a.count);
  const rest = sorted.slice(HISTOGRAM_ROWS);
  const rows = sorted.slice(0, HISTOGRAM_ROWS).map((h) => `| ${esc(h.outcome)} | ${h.class === 'forbidden' ? '**forbidden**' : 'acceptable'} | ${h.count} | ${share(h.count)} |`);
  if (rest.length > 0) rows.push(`| … ${rest.length} more outcome(s) | ${[...new Set(rest.map((h) => h.class))].join(', ')} | ${rest.reduce((n, h) => n + h.count, 0)} | ${share(rest.reduce((n, h) => n + h.count, 0))} |`);
  return [`${total} runs: ${total - forbidden} acceptable (${share(total - forbidden)}), ${forbidden} forbidden (${share(forbidden)}).`, '', '| outcome | class | count | share |', '|---|---|---:|---:|', ...rows].join('\n');
}

/** The contrast table: per family, the variants expected to fail beside those expected to pass. */
export function markdownContrast(summary: RunSummary, reports: readonly ScenarioReport[] = []): string {
  const cell = (cells: ReturnType<typeof familyContrasts>[number]['cells']) => cells.map((c) => `${c.ok ? '✅' : '❌'} **${c.variant}**: ${esc(c.phrase)}`).join('<br>') || '—';
  const rows = familyContrasts(summary.scenarios, summary.strategy, reports).map((f) => `| ${f.family} | ${cell(f.cells.filter((c) => c.expect === 'fail'))} | ${cell(f.cells.filter((c) => c.expect === 'pass'))} |`);
  return ['| family | expected to fail (racy) | expected to pass (correct) |', '|---|---|---|', ...rows].join('\n');
}

/** One scenario's failure section. */
export function markdownScenario(r: ScenarioReport, replayCommand: string): string {
  const lines = [`## ${r.name}: ${outcomeText(r.expect, r.failed, r.failure?.kind)}`, '', r.summary, ''];
  for (const w of r.warnings ?? []) lines.push(`> **Warning:** ${esc(w)}`, '');
  if (r.histogram && r.histogram.length > 0) lines.push(markdownHistogram(r.histogram), '');
  if (!r.failure) {
    lines.push(`No failure in ${r.runs} runs (${r.strategy}, seed ${r.seed})${explorationText(r) ? `; ${explorationText(r)}` : ''}.`);
    return lines.join('\n');
  }
  const f = r.failure;
  lines.push(`**${esc(f.message)}** (${f.kind})`, '');
  if (f.trace.length === 0 && r.histogram) return [...lines, 'Stress mode: real parallel runs, no interleaving to replay.'].join('\n');
  lines.push(`Found by ${f.foundBy} at run ${r.firstFailure}${workerText(r)}; ${shrinkText({ ...f, traceSteps: r.traceSteps })}${membersText(r) ? `; ${membersText(r)}` : ''}. Workload: \`${formatValue(f.workload) || 'none'}\`.`, '');
  lines.push(markdownTrace(f.trace, f.taskNames), '', '**!** marks a preemption.', '');
  lines.push(`Replay: \`${replayCommand}\` (token \`${f.replay}\`)`);
  return lines.join('\n');
}

/** The run's Markdown: the contrast table, then every scenario. */
export function markdownSummary(summary: RunSummary, reports: readonly ScenarioReport[], replayCommand: (r: ScenarioReport) => string): string {
  const held = summary.scenarios.filter((s) => s.ok).length;
  const lines = [
    `# racekit run ${summary.run}`,
    '',
    `Seed ${summary.seed} · strategy ${summary.strategy} · ${summary.scenarios.length} scenarios · ${held === summary.scenarios.length ? 'every expectation held' : `${summary.scenarios.length - held} expectation(s) NOT held`}${summary.partial ? ' · **partial (interrupted)**' : ''}`,
    '',
    ...(summary.shard ? [`Shard ${summary.shard.index}/${summary.shard.count} of base seed ${summary.shard.baseSeed}.`, ''] : []),
    ...(summary.mergedFrom ? [`Merged from ${summary.mergedFrom.length} runs: ${summary.mergedFrom.join(', ')}.`, ''] : []),
    `Reproduce: ${reproduceCommands(summary).map((c) => `\`${c}\``).join(' · ')}`,
    '',
    markdownContrast(summary, reports),
    '',
    '| family | variant | expected | outcome | runs | first failure | trace | time |',
    '|---|---|---|---|---:|---:|---:|---:|',
    ...summary.scenarios.map((s) => `| ${s.family} | ${s.variant} | ${s.expect} | ${s.ok ? '✅' : '❌'} ${outcomeText(s.expect, s.failed, s.kind)} | ${s.runs} | ${s.firstFailure ?? '—'} | ${s.traceSteps ? `${s.traceSteps} steps` : '—'} | ${s.ms} ms |`),
    '',
  ];
  for (const r of reports) lines.push(markdownScenario(r, replayCommand(r)), '');
  return lines.join('\n');
}
