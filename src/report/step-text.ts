import type { TraceEvent } from '../model/trace.js';
import { formatValue } from '../model/value-text.js';

/** Most characters each part of a step keeps in a renderer; `undefined` keeps it whole. */
export interface StepTextLimits {
  /** The label (an instrumented await's is cut inside its path, see {@link cutAwaitLabel}). */
  readonly label?: number;
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

/** Fewest characters of folders worth cutting in the middle (fewer: `…/` alone). */
const MIN_FOLDER_CUT = 10;

/**
 * An instrumented await's label (`await <file>:<line>`) cut to at most `max`
 * characters so that the file's name and line stay whole: a leading
 * `node_modules/` becomes `…/` (the package's name is what tells it apart),
 * then the middle of the folders is cut (all of them when little room is left). Any other label is cut at its end.
 */
export function cutAwaitLabel(label: string, max: number | undefined): string {
  if (max === undefined || label.length <= max) return label;
  const m = /^(await )(.*\/)?([^/]*)$/.exec(label);
  if (!m) return cut(label, max);
  const [, head, folders = '', file] = m as unknown as [string, string, string | undefined, string];
  const room = max - head.length - file.length;
  // Not even the file's name fits beside `…/`: its end (name and line) is what stays.
  if (room < 2) return `${head}…${file.slice(Math.max(0, file.length - (max - head.length - 1)))}`;
  const dir = folders.startsWith('node_modules/') ? `…/${folders.slice('node_modules/'.length)}` : folders;
  if (dir.length <= room) return `${head}${dir}${file}`;
  // Too little room for both ends of the folders to say anything: only the mark of the cut.
  if (room < MIN_FOLDER_CUT) return `${head}…/${file}`;
  const keep = room - 1;
  const front = Math.ceil(keep / 2);
  return `${head}${dir.slice(0, front)}…${dir.slice(dir.length - (keep - front))}${file}`;
}

/**
 * How a step reads: a wrapped call as `load(42)` with what it returned or
 * threw, a noted value, an instrumented await's source line. Values already
 * are text in the trace; an empty answer reads as `""` so that the arrow is
 * never followed by nothing.
 */
export function stepParts(e: TraceEvent, limits: StepTextLimits = {}): StepParts {
  const label = e.kind === 'await' ? cutAwaitLabel(e.label, limits.label) : cut(e.label, limits.label);
  const made = e.madeAfter === undefined ? '' : e.madeAfter === 0 ? ' (made before step 1)' : ` (made after step ${e.madeAfter})`;
  // An instrumented await says when it was reached: the call it awaits was made then (two transfers read as serial otherwise).
  const reached = e.madeAfter === undefined || e.kind !== 'await' ? '' : e.madeAfter === 0 ? ' (reached before step 1)' : ` (reached after step ${e.madeAfter})`;
  const head = e.args !== undefined ? `${label}(${cut(e.args, limits.args)})${made}` : `${label}${reached}`;
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
  if (e.madeAfter !== undefined) lines.push(`${e.kind === 'await' ? 'reached' : 'made'}: ${e.madeAfter === 0 ? 'before step 1' : `after step ${e.madeAfter}`}`);
  if (e.threw !== undefined) lines.push(`threw: ${e.threw}`);
  else if (e.returned !== undefined) lines.push(`returned: ${e.returned === '' ? '""' : e.returned}`);
  if (e.value !== undefined) lines.push(`noted: ${formatValue(e.value)}`);
  if (e.source !== undefined && e.source.trim() !== '') lines.push(`source: ${e.source.trim()}`);
  return lines;
}
