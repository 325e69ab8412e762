/**
 * One operation of a concurrent history: when it was invoked and when its
 * response arrived (logical times from one counter shared by every task).
 */
export interface Operation {
  /** Position in invocation order, 0-based. */
  readonly id: number;
  /** Index of the task that invoked it (0 is A). */
  readonly task: number;
  readonly name: string;
  readonly args: readonly unknown[];
  /** Logical time of the invocation. */
  readonly call: number;
  /** Logical time of the response; `Infinity` while it has none (it may take effect or not). */
  readonly ret: number;
  /** What it returned, or `{ error: message }` when it threw. */
  readonly output: unknown;
}

/** Records invocations and responses as tasks run, in the order they happen. */
export class HistoryRecorder {
  private clock = 0;
  private readonly ops: { id: number; task: number; name: string; args: readonly unknown[]; call: number; ret: number; output: unknown }[] = [];

  /** Marks an invocation now; returns the handle {@link respond} takes. */
  invoke(task: number, name: string, args: readonly unknown[]): number {
    const id = this.ops.length;
    this.ops.push({ id, task, name, args, call: this.clock++, ret: Infinity, output: undefined });
    return id;
  }

  /** Marks the response of an invocation now. */
  respond(id: number, output: unknown): void {
    const op = this.ops[id];
    if (!op) throw new RangeError(`no invocation ${id}`);
    op.ret = this.clock++;
    op.output = output;
  }

  /** The history so far. */
  history(): readonly Operation[] {
    return this.ops;
  }
}

/** The call text of an operation: `set("a", 1)`. */
export function formatCall(op: Pick<Operation, 'name' | 'args'>): string {
  return `${op.name}(${op.args.map((a) => safeJson(a)).join(', ')})`;
}

/** JSON text of a value, or its String form when JSON cannot show it. */
export function safeJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
