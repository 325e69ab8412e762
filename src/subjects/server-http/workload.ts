import * as fc from 'fast-check';
import { ACCOUNTS } from './routes.js';

/** One API call a client makes. */
export type HttpOp =
  | { readonly kind: 'increment' }
  | { readonly kind: 'get' }
  | { readonly kind: 'transfer'; readonly from: number; readonly to: number; readonly amount: number };

/** One request: which client sends it (0-based, modulo the connections) and what it asks. */
export interface HttpRequestSpec {
  readonly client: number;
  readonly op: HttpOp;
}

/** C clients over a pool of C connections, sending R requests between them. */
export interface HttpWorkload {
  readonly connections: number;
  readonly requests: readonly HttpRequestSpec[];
}

const op: fc.Arbitrary<HttpOp> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'increment' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'get' as const }), weight: 1 },
  {
    arbitrary: fc
      .record({ from: fc.nat(ACCOUNTS - 1), offset: fc.integer({ min: 1, max: ACCOUNTS - 1 }), amount: fc.integer({ min: 1, max: 60 }) })
      .map(({ from, offset, amount }) => ({ kind: 'transfer' as const, from, to: (from + offset) % ACCOUNTS, amount })),
    weight: 2,
  },
);

/** C in 1..8 connections (one client each), R in 1..50 requests, mixes drawn by fast-check. */
export const httpWorkload: fc.Arbitrary<HttpWorkload> = fc.record({
  connections: fc.integer({ min: 1, max: 8 }),
  requests: fc.array(fc.record({ client: fc.nat(7), op }), { minLength: 1, maxLength: 50 }),
});

/** The method and path an operation is sent as. */
export function endpoint(o: HttpOp): { method: 'GET' | 'POST'; path: string } {
  if (o.kind === 'increment') return { method: 'POST', path: '/counter/increment' };
  if (o.kind === 'get') return { method: 'GET', path: '/counter' };
  return { method: 'POST', path: '/accounts/transfer' };
}

/** Request ids (indices into `requests`) of each client, in sending order. */
export function requestsByClient(w: HttpWorkload): number[][] {
  const lanes: number[][] = Array.from({ length: w.connections }, () => []);
  w.requests.forEach((r, id) => lanes[r.client % w.connections]!.push(id));
  return lanes.filter((l) => l.length > 0);
}
