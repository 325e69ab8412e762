import { InvalidReplayError } from '../errors.js';
import type { TraceEvent } from '../model/trace.js';

/** Everything needed to re-run one failing run exactly, and to notice if it did not. */
export interface ReplayToken {
  readonly seed: number;
  /** Index of the drawn workload. */
  readonly workload: number;
  /** Shrink path from the drawn workload to the reported one. */
  readonly path: readonly number[];
  /** Relative choices (see decision.ts); missing ones are 0. */
  readonly schedule: readonly number[];
  /** Task of every step of the recorded trace, to locate a divergence. */
  readonly tasks: readonly number[];
  /** Hash of the recorded trace's labels. */
  readonly labels: number;
}

const PREFIX = 'rk1';

/** A run of this many equal values or more is written `value*count`: a long run's token (one task's thousand steps in a row) stays short. */
const RUN = 4;
/** The most values a token's list may expand to (a step budget of ten million is far below). */
const MAX_LIST = 100_000_000;

/** A list joined by '.', runs of {@link RUN} or more equal values as `value*count`. */
function encodeList(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    if (j - i >= RUN) parts.push(`${values[i]}*${j - i}`);
    else for (let k = i; k < j; k++) parts.push(String(values[k]));
    i = j;
  }
  return parts.join('.');
}

/** Encodes a token as `rk1:seed:workload:path:schedule:tasks:labels` (lists joined by '.', long runs of a value as `value*count`). */
export function encodeReplay(token: ReplayToken): string {
  return [PREFIX, token.seed, token.workload, encodeList(token.path), encodeList(token.schedule), encodeList(token.tasks), token.labels.toString(16)].join(':');
}

/** Decodes a token; throws {@link InvalidReplayError} naming what is malformed. */
export function decodeReplay(text: string): ReplayToken {
  if (typeof text !== 'string') throw new InvalidReplayError(`replay token must be a string, got ${typeof text}`);
  const parts = text.trim().split(':');
  if (parts[0] !== PREFIX || parts.length !== 7) throw new InvalidReplayError(`not a racekit replay token: "${text.slice(0, 60)}" (expected rk1:seed:workload:path:schedule:tasks:labels)`);
  const int = (field: string, s: string, min: number): number => {
    const n = Number(s);
    if (s === '' || !Number.isInteger(n) || n < min) throw new InvalidReplayError(`replay token: ${field} "${s}" is not an integer ≥ ${min}`);
    return n;
  };
  const list = (field: string, s: string, min: number): number[] => {
    const values: number[] = [];
    for (const part of s === '' ? [] : s.split('.')) {
      const star = part.indexOf('*');
      const value = int(field, star < 0 ? part : part.slice(0, star), min);
      const count = star < 0 ? 1 : int(`${field} count`, part.slice(star + 1), 1);
      if (values.length + count > MAX_LIST) throw new InvalidReplayError(`replay token: ${field} has more than ${MAX_LIST} values`);
      for (let k = 0; k < count; k++) values.push(value);
    }
    return values;
  };
  const labels = parseInt(parts[6]!, 16);
  if (!/^[0-9a-f]+$/.test(parts[6]!)) throw new InvalidReplayError(`replay token: labels hash "${parts[6]}" is not hexadecimal`);
  return {
    seed: int('seed', parts[1]!, 0),
    workload: int('workload', parts[2]!, 0),
    path: list('path', parts[3]!, 0),
    schedule: list('schedule', parts[4]!, 0),
    tasks: list('tasks', parts[5]!, -1),
    labels,
  };
}

/** FNV-1a over the trace's labels. */
export function hashLabels(trace: readonly TraceEvent[]): number {
  let h = 0x811c9dc5;
  for (const e of trace) {
    const s = `${e.label}\n`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Where a replayed trace departs from the recorded one, or undefined if it does not. */
export function findDivergence(token: ReplayToken, trace: readonly TraceEvent[]): number | undefined {
  const n = Math.min(token.tasks.length, trace.length);
  for (let i = 0; i < n; i++) if (token.tasks[i] !== trace[i]!.task) return i + 1;
  if (token.tasks.length !== trace.length) return n + 1;
  if (hashLabels(trace) !== token.labels) return 1;
  return undefined;
}
