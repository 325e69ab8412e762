/** One recorded operation, in the order operations took effect. */
export interface HistoryEvent {
  /** `put`, `get`, `acquire`, `release`, `end`, or any label of the user's own. */
  readonly op: string;
  /** Who did it: a task, producer or consumer name. */
  readonly actor: string;
  /** What was put or got (an item), or which permit was acquired or released. */
  readonly value?: unknown;
}

/** What a history check returns: true when it holds, else what broke. */
export type Verdict = true | string;

/**
 * Records a history: call it where an operation takes effect (inside the
 * lock, at the push or the shift), so the order is the order of effects.
 */
export class History {
  readonly events: HistoryEvent[] = [];

  /** Records any operation. */
  record(op: string, actor: string, value?: unknown): void {
    this.events.push(value === undefined ? { op, actor } : { op, actor, value });
  }
  /** `actor` enqueued `value`. */
  put(actor: string, value: unknown): void {
    this.record('put', actor, value);
  }
  /** `actor` dequeued `value` (`undefined` when it took from an empty queue). */
  get(actor: string, value: unknown): void {
    this.record('get', actor, value);
  }
  /** `actor` asked for a permit and may have to wait. */
  request(actor: string): void {
    this.record('request', actor);
  }
  /** `actor` stopped waiting without a permit (`reason`: cancelled, timed out). */
  withdraw(actor: string, reason?: string): void {
    this.record('withdraw', actor, reason);
  }
  /** `actor` now holds a permit (`permit` names it when permits are distinct). */
  acquire(actor: string, permit?: unknown): void {
    this.record('acquire', actor, permit);
  }
  /** `actor` handed a permit back. */
  release(actor: string, permit?: unknown): void {
    this.record('release', actor, permit);
  }
  /** `actor` finished (a consumer saw its sentinel, a task returned). */
  end(actor: string): void {
    this.record('end', actor);
  }
}

/** The first violation among verdicts, or true. */
export function firstViolation(...verdicts: readonly Verdict[]): Verdict {
  return verdicts.find((v) => v !== true) ?? true;
}

/** A stable multiset key for a value (strings as themselves). */
export function valueKey(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}
