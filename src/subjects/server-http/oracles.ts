import type { HttpCall } from './client.js';
import type { HttpWorkload } from './workload.js';
import { plural } from '../../model/plural.js';

/** What the oracles read after a run. */
export interface HttpOutcome {
  readonly counter: number;
  readonly balances: readonly number[];
  readonly initialTotal: number;
  readonly calls: readonly HttpCall[];
  readonly responses: ReadonlyMap<number, number>;
}

/**
 * The API's oracles, first broken first: every request got exactly one
 * response; the counter equals the 2xx increments; money is conserved;
 * every GET is linearizable with respect to the increments.
 */
export function httpOracle(o: HttpOutcome, w: HttpWorkload): true | string {
  return exactlyOneResponse(o, w) ?? counterMatches(o) ?? moneyConserved(o) ?? getsLinearizable(o) ?? true;
}

function exactlyOneResponse(o: HttpOutcome, w: HttpWorkload): string | undefined {
  const seen = new Map<number, number>();
  for (const c of o.calls) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
  for (let id = 0; id < w.requests.length; id++) {
    if (seen.get(id) !== 1) return `request #${id} got ${seen.get(id) ?? 0} responses at the client, expected exactly 1`;
    if (o.responses.get(id) !== 1) return `request #${id} was answered ${o.responses.get(id) ?? 0} times by the server, expected exactly 1`;
  }
  return undefined;
}

function counterMatches(o: HttpOutcome): string | undefined {
  const ok = o.calls.filter((c) => c.op.kind === 'increment' && c.status >= 200 && c.status < 300).length;
  if (o.counter === ok) return undefined;
  const lost = ok - o.counter;
  return `counter is ${o.counter} after ${ok} successful increments: ${lost} ${plural(lost, 'increment')} lost`;
}

function moneyConserved(o: HttpOutcome): string | undefined {
  const total = o.balances.reduce((a, b) => a + b, 0);
  if (total === o.initialTotal) return undefined;
  return `money not conserved: balances ${o.balances.join(' + ')} = ${total}, expected ${o.initialTotal}`;
}

/**
 * A GET's value must lie between the increments completed before it was
 * sent and the increments sent before its response came back.
 */
function getsLinearizable(o: HttpOutcome): string | undefined {
  const increments = o.calls.filter((c) => c.op.kind === 'increment');
  for (const g of o.calls) {
    if (g.op.kind !== 'get' || g.value === undefined) continue;
    const low = increments.filter((i) => i.respond < g.invoke && i.status < 300).length;
    const high = increments.filter((i) => i.invoke < g.respond).length;
    if (g.value < low || g.value > high) return `GET /counter #${g.id} returned ${g.value}, not linearizable: ${low} increments had completed before it was sent and ${high} had been sent before it returned`;
  }
  return undefined;
}
