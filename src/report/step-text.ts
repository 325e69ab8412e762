import type { TraceEvent } from '../model/trace.js';
import { formatValue } from '../model/value-text.js';

/** Most characters each part of a step keeps in a renderer; `undefined` keeps it whole. */
export interface StepTextLimits {
  /** A wrapped call's arguments. */
  readonly args?: number;
  /** What a wrapped call returned or threw. */
  readonly outcome?: number;
  /** The value the task noted with `ctx.note`. */
  readonly note?: number;
  /** The source line of an instrumented `await`. */
  readonly source?: number;
}

/** A step's text in parts: what the renderers lay out, each part already cut to its limit. */
export interface StepParts {
  /** The label, with the call's arguments for a wrapped call: `load(42)`. */
  readonly head: string;
  /** A wrapped call's answer: `7`, or `threw Error: gone` when it rejected. */
  readonly outcome: string | undefined;
  /** True when the call rejected. */
  readonly threw: boolean;
  /** What the task noted after resuming (`ctx.note`). */
  readonly note: string | undefined;
  /** The text of the source line an instrumented `await` sits on. */
  readonly source: string | undefined;
}

/** Cuts text to at most `max` characters, the cut marked with an ellipsis. */
export function cut(text: string, max: number | undefined): string {
  return max === undefined || text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * How a step reads: a wrapped call as `load(42)` with what it returned or
 * threw, a noted value, an instrumented await's source line. Values already
 * are text in the trace; an empty answer reads as `""` so that the arrow is
 * never followed by nothing.
 */
export function stepParts(e: TraceEvent, limits: StepTextLimits = {}): StepParts {
  const head = e.args !== undefined ? `${e.label}(${cut(e.args, limits.args)})` : e.label;
  const answer = (text: string) => cut(text === '' ? '""' : text, limits.outcome);
  const outcome = e.threw !== undefined ? `threw ${answer(e.threw)}` : e.returned !== undefined ? answer(e.returned) : undefined;
  const noted = formatValue(e.value);
  const source = e.source?.trim();
  return {
    head,
    outcome,
    threw: e.threw !== undefined,
    note: noted === '' ? undefined : cut(noted, limits.note),
    source: source === undefined || source === '' ? undefined : cut(source, limits.source),
  };
}

/** A step on one line: `load(42) ⇒ 7`, `load(42) ⇒ threw Error: gone`, `read → 0`, `await src/a.ts:3 · const v = await get()`. */
export function stepText(e: TraceEvent, limits: StepTextLimits = {}): string {
  const p = stepParts(e, limits);
  const timer = e.kind === 'timer' && e.at !== undefined ? ` @${e.at}ms` : '';
  return `${p.head}${p.outcome === undefined ? '' : ` ⇒ ${p.outcome}`}${p.note === undefined ? '' : ` → ${p.note}`}${p.source === undefined ? '' : ` · ${p.source}`}${timer}`;
}

/** Every detail of a step, whole, one per line: what the HTML shows on click. */
export function stepDetails(e: TraceEvent): string[] {
  const lines: string[] = [];
  if (e.args !== undefined) lines.push(`call: ${e.label}(${e.args})`);
  if (e.threw !== undefined) lines.push(`threw: ${e.threw}`);
  else if (e.returned !== undefined) lines.push(`returned: ${e.returned === '' ? '""' : e.returned}`);
  if (e.value !== undefined) lines.push(`noted: ${formatValue(e.value)}`);
  if (e.source !== undefined && e.source.trim() !== '') lines.push(`source: ${e.source.trim()}`);
  return lines;
}
