import { taskName } from '../model/trace.js';
import { formatTable } from './text.js';
import { formatCall, safeJson, type Operation } from '../oracles/operation-history.js';
import type { LinearizabilityFailure } from '../oracles/linearizability.js';

/**
 * A history as a table, one row per operation in invocation order: the task,
 * the call, what it returned, and its interval in logical time (operations
 * whose intervals overlap were concurrent and may be ordered either way).
 */
export function formatHistoryTable(history: readonly Operation[], names?: readonly string[], mark?: Operation): string {
  const rows = [...history]
    .sort((a, b) => a.call - b.call)
    .map((op) => [
      op === mark ? '→' : '',
      names?.[op.task] ?? taskName(op.task),
      formatCall(op),
      op.ret === Infinity ? '(no response)' : safeJson(op.output),
      `${op.call}–${op.ret === Infinity ? '∞' : op.ret}`,
    ]);
  return formatTable(['', 'task', 'operation', 'returned', 'interval'], rows, [false, false, false, false, true]);
}

/** Why no sequential order explains the failing partition, in one sentence. */
export function explainFailure(failure: LinearizabilityFailure): string {
  const b = failure.blocked;
  const who = `${taskName(b.task)}'s ${formatCall(b)}`;
  const order = failure.prefix.length === 0 ? 'before any other operation' : `after ${failure.prefix.map((op) => `${taskName(op.task)} ${formatCall(op)}`).join(', ')}`;
  return `no sequential order consistent with real time lets ${who} return ${safeJson(b.output)}: the longest legal order places it ${order}, where it would return ${safeJson(failure.expected)}`;
}

/** The invariant message of a non-linearizable run: explanation and the history table. */
export function linearizabilityMessage(failure: LinearizabilityFailure): string {
  const part = failure.partition === '' ? '' : ` (partition ${safeJson(failure.partition)})`;
  return `not linearizable${part}: ${explainFailure(failure)}\n${formatHistoryTable(failure.history, undefined, failure.blocked)}`;
}
