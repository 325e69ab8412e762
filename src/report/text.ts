import type { CheckResult } from '../model/check-result.js';
import { explorationText, membersText } from './explored-text.js';
import { shrinkText } from './shrink-text.js';
import { nameOf, traceLanes, type TraceEvent } from '../model/trace.js';
import { formatValue } from '../model/value-text.js';
import { cut, stepParts, stepText, type StepTextLimits } from './step-text.js';
import { plural } from '../model/plural.js';

const MAX_CELL = 40;
const MAX_ROWS = 200;
/** A call's arguments and answer share a cell: each keeps a part of it, so that both show. */
const CELL_PARTS: StepTextLimits = { label: MAX_CELL, args: 14, outcome: 16, note: 16, source: 24 };

function cell(e: TraceEvent): string {
  // The clock column gives every step's time; a timer's cell repeats the moment it fired (stepText adds it).
  const text = stepText(e, CELL_PARTS);
  if (text.length <= MAX_CELL) return text;
  // A label that fills the cell (already cut to keep an await's file:line) goes alone rather than lose its end.
  const head = stepParts(e, CELL_PARTS).head;
  return head.length > MAX_CELL - 4 ? head : cut(text, MAX_CELL);
}

/** The virtual clock of a step, for the clock column ('' without virtual time). */
export function clockText(e: TraceEvent): string {
  return e.at === undefined ? '' : `${e.at} ms`;
}

/**
 * The interleaving as a table with one column per task (as Lincheck prints
 * it): each row is one step, in the column of the task that took it. A `!`
 * before the step number marks a preemption.
 */
export function formatTraceTable(trace: readonly TraceEvent[], names?: readonly string[]): string {
  const columns = traceLanes(trace);
  const clock = trace.some((e) => e.at !== undefined);
  const shown = trace.length > MAX_ROWS ? trace.slice(0, MAX_ROWS) : trace;
  const rows = shown.map((e) => ({ step: `${e.preemption ? '!' : ''}${e.step}`, cells: [...(clock ? [clockText(e)] : []), ...columns.map((c) => (c === e.task ? cell(e) : ''))] }));
  const heads = [...(clock ? ['clock'] : []), ...columns.map((c) => nameOf(c, names))];
  const stepWidth = Math.max(4, ...rows.map((r) => r.step.length));
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (first: string, cells: string[]) => `${first.padStart(stepWidth)} | ${cells.map((s, i) => (clock && i === 0 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ')}`.trimEnd();
  const out = [line('step', heads), `${'-'.repeat(stepWidth)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`];
  for (const r of rows) out.push(line(r.step, r.cells));
  if (trace.length > shown.length) out.push(`${' '.repeat(stepWidth)}   … ${trace.length - shown.length} more steps`);
  return out.join('\n');
}

/** What {@link formatFailure} needs: a check result, or a scenario report's fields. */
export type FailureView = Pick<
  CheckResult,
  'name' | 'failed' | 'runs' | 'taskNames' | 'seed' | 'strategy' | 'exhausted' | 'message' | 'kind' | 'foundBy' | 'firstFailure' | 'originalSteps' | 'traceSteps' | 'shrinkRuns' | 'preemptions' | 'workload' | 'trace' | 'replay'
> & {
  /** Preemptions of the failing run before shrinking, when known. */
  originalPreemptions?: number | undefined;
  divergedAt?: number | undefined;
  warnings?: readonly string[] | undefined;
  classes?: CheckResult['classes'];
  members?: CheckResult['members'];
  /** Set when worker threads explored the check: the 1-based worker whose run failed, of how many. */
  worker?: { readonly number: number; readonly of: number } | undefined;
};

/** The check's warnings, one `warning:` line each (what the user must know about what was explored). */
export function formatWarnings(warnings: readonly string[] | undefined): string[] {
  return (warnings ?? []).map((w) => `warning: ${w}`);
}

/** The failure as a person reads it: what broke, the interleaving, and how to replay it; a passed check in one line, then its warnings. */
export function formatFailure(result: FailureView): string {
  if (!result.failed) return [`${result.name}: no failure in ${result.runs} ${plural(result.runs, 'run')} (seed ${result.seed}, ${result.strategy})${explorationText(result) ? `, ${explorationText(result)}` : ''}`, ...formatWarnings(result.warnings)].join('\n');
  return [`${result.name}: ${result.message ?? result.kind} (${result.kind})`, ...formatFailureBody(result)].join('\n');
}

/** A failure after its headline: how it was found, the interleaving table, the seed and replay token. */
export function formatFailureBody(result: FailureView): string[] {
  const lines: string[] = [];
  if (result.foundBy !== 'replay') {
    const worker = result.worker === undefined ? '' : ` (worker ${result.worker.number} of ${result.worker.of})`;
    const members = membersText(result) ? `; ${membersText(result)}` : '';
    lines.push(`found by ${result.foundBy} at run ${result.firstFailure}${worker}; ${shrinkText(result)}${members}`);
  }
  if (result.workload !== undefined) lines.push(`workload: ${formatValue(result.workload)}`);
  if (result.divergedAt !== undefined) lines.push(`warning: replay diverged at step ${result.divergedAt}: uncontrolled nondeterminism`);
  lines.push(...formatWarnings(result.warnings));
  // A run that failed before its first step (setup threw) has no interleaving to show.
  const stepped = (result.trace ?? []).length > 0;
  lines.push('', ...(stepped ? [formatTraceTable(result.trace ?? [], result.taskNames), ''] : []));
  lines.push(`seed: ${result.seed}`, `replay: ${result.replay}`);
  if (stepped) lines.push(`(! marks a preemption: a switch away from a task that could have continued)`);
  return lines;
}

/** A plain-text table with a header rule; numeric columns right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
