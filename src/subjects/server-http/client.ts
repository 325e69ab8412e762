import type { Pool } from 'undici';
import type { TaskContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { CLIENT, REQUEST_ID } from './app.js';
import { endpoint, type HttpOp } from './workload.js';

/** One completed call as the client saw it: logical invoke and response times, status, value. */
export interface HttpCall {
  readonly id: number;
  readonly op: HttpOp;
  readonly invoke: number;
  readonly respond: number;
  readonly status: number;
  readonly value: number | undefined;
}

/** The history of a run: calls in response order, on one logical clock. */
export interface HttpHistory {
  clock: number;
  readonly calls: HttpCall[];
}

/**
 * A client: sends its requests one after another over the shared undici
 * pool. Before each request it tells the gate one is in flight; once the
 * reply is read it tells the gate the reply was delivered — after announcing
 * the next request, so the scheduler never sees this client idle in between.
 */
export function httpClient(gate: ArrivalGate, pool: Pool, client: number, ids: readonly number[], ops: readonly HttpOp[], history: HttpHistory) {
  return async (_ctx: TaskContext): Promise<void> => {
    let previous: number | undefined;
    for (const id of ids) {
      const op = ops[id]!;
      const { method, path } = endpoint(op);
      gate.expect(id, `${method} ${path} #${id} (client ${client})`);
      if (previous !== undefined) gate.delivered(previous);
      const invoke = history.clock++;
      const body = op.kind === 'transfer' ? JSON.stringify({ from: op.from, to: op.to, amount: op.amount }) : undefined;
      const res = await pool.request({
        method,
        path,
        headers: { [REQUEST_ID]: String(id), [CLIENT]: String(client), 'content-type': 'application/json' },
        body,
      });
      const json = (await res.body.json()) as { value?: unknown };
      const value = typeof json.value === 'number' ? json.value : undefined;
      history.calls.push({ id, op, invoke, respond: history.clock++, status: res.statusCode, value });
      previous = id;
    }
    if (previous !== undefined) gate.delivered(previous);
  };
}
