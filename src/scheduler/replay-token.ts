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

/** Encodes a token as `rk1:seed:workload:path:schedule:tasks:labels` (lists joined by '.'). */
export function encodeReplay(token: ReplayToken): string {
  return [PREFIX, token.seed, token.workload, token.path.join('.'), token.schedule.join('.'), token.tasks.join('.'), token.labels.toString(16)].join(':');
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
  const list = (field: string, s: string, min: number) => (s === '' ? [] : s.split('.').map((x) => int(field, x, min)));
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
