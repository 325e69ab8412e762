import type { CheckResult } from '../model/check-result.js';
import { explorationText, membersText } from './explored-text.js';
import { shrinkText } from './shrink-text.js';
import { nameOf, traceLanes, type TraceEvent } from '../model/trace.js';
import { formatValue } from '../model/value-text.js';
import { cut, stepParts, stepText, type StepTextLimits } from './step-text.js';
import { plural } from '../model/plural.js';

const MAX_CELL = 40;
const MAX_ROWS = 200;
/** Steps shown on either side of a switch between tasks when a long trace is folded. */
const CONTEXT = 2;
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
  const pieces = foldedTrace(trace);
  const rows = pieces.flatMap((p) => ('skipped' in p ? [] : [{ step: `${p.preemption ? '!' : ''}${p.step}`, cells: [...(clock ? [clockText(p)] : []), ...columns.map((c) => (c === p.task ? cell(p) : ''))] }]));
  const heads = [...(clock ? ['clock'] : []), ...columns.map((c) => nameOf(c, names))];
  const stepWidth = Math.max(4, ...rows.map((r) => r.step.length));
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (first: string, cells: string[]) => `${first.padStart(stepWidth)} | ${cells.map((s, i) => (clock && i === 0 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ')}`.trimEnd();
  const out = [line('step', heads), `${'-'.repeat(stepWidth)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`];
  let row = 0;
  for (const p of pieces) {
    if ('skipped' in p) out.push(`${' '.repeat(stepWidth)}   ⋯ ${p.skipped.toLocaleString('en-US')} ${plural(p.skipped, 'step')}${p.task === undefined ? '' : ` of ${nameOf(p.task, names)}`} (steps ${p.from}–${p.to})`);
    else {
      const r = rows[row++]!;
      out.push(line(r.step, r.cells));
    }
  }
  return out.join('\n');
}

/** Steps a folded table leaves out: `skipped` steps from `from` to `to`, all of `task` when one task took them. */
interface Skipped {
  readonly skipped: number;
  readonly from: number;
  readonly to: number;
  readonly task: number | undefined;
}

/**
 * A trace of at most {@link MAX_ROWS} steps as it is; a longer one folded to
 * what shows the interleaving: the first and last steps, each switch between
 * tasks with {@link CONTEXT} steps around it, each preemption; the steps
 * between as one line. Still too long, it ends after {@link MAX_ROWS} rows.
 */
function foldedTrace(trace: readonly TraceEvent[]): (TraceEvent | Skipped)[] {
  if (trace.length <= MAX_ROWS) return [...trace];
  const keep = new Uint8Array(trace.length);
  const around = (i: number) => keep.fill(1, Math.max(0, i - CONTEXT), Math.min(trace.length, i + CONTEXT + 1));
  around(0);
  around(trace.length - 1);
  for (let i = 1; i < trace.length; i++) if (trace[i]!.task !== trace[i - 1]!.task || trace[i]!.preemption === true) around(i);
  const pieces: (TraceEvent | Skipped)[] = [];
  let shown = 0;
  for (let i = 0; i < trace.length; ) {
    if (shown >= MAX_ROWS) {
      pieces.push(skipped(trace, i, trace.length));
      break;
    }
    if (keep[i] === 1) {
      pieces.push(trace[i++]!);
      shown++;
      continue;
    }
    let j = i;
    while (j < trace.length && keep[j] === 0) j++;
    pieces.push(skipped(trace, i, j));
    i = j;
  }
  return pieces;
}

function skipped(trace: readonly TraceEvent[], from: number, to: number): Skipped {
  const task = trace[from]!.task;
  let one = true;
  for (let k = from; k < to && one; k++) one = trace[k]!.task === task;
  return { skipped: to - from, from: trace[from]!.step, to: trace[to - 1]!.step, task: one ? task : undefined };
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
  // The kind closes the headline, the message's first line: a message with a table under it (linearizability) keeps the table below.
  const [headline, ...rest] = (result.message ?? result.kind ?? '').split('\n');
  return [`${result.name}: ${headline} (${result.kind})`, ...rest, ...formatFailureBody(result)].join('\n');
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
