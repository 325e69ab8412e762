import type { TaskContext } from '../../scheduler/context.js';
import type { Bank } from './bank.js';

/** A response the API gives: status and JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** The API's accounts: 0..ACCOUNTS-1, each starting with INITIAL_BALANCE. */
export const ACCOUNTS = 3;
export const INITIAL_BALANCE = 100;

const fail = (status: number, error: string): ApiResponse => ({ status, body: { error } });

/**
 * The JSON API: `POST /counter/increment`, `GET /counter`,
 * `POST /accounts/transfer {from,to,amount}`. Bad input is an HTTP error,
 * never an exception: 400 malformed JSON or fields, 404 unknown route,
 * 405 wrong method, 409 insufficient funds.
 */
export async function route(ctx: TaskContext, bank: Bank, method: string, path: string, raw: string): Promise<ApiResponse> {
  switch (path) {
    case '/counter/increment':
      if (method !== 'POST') return fail(405, `${method} not allowed on ${path}`);
      return { status: 200, body: { value: await bank.increment(ctx) } };
    case '/counter':
      if (method !== 'GET') return fail(405, `${method} not allowed on ${path}`);
      return { status: 200, body: { value: await bank.read(ctx) } };
    case '/accounts/transfer': {
      if (method !== 'POST') return fail(405, `${method} not allowed on ${path}`);
      const parsed = parseTransfer(raw);
      if (typeof parsed === 'string') return fail(400, parsed);
      const done = await bank.transfer(ctx, parsed.from, parsed.to, parsed.amount);
      return done ? { status: 200, body: { ok: true } } : fail(409, `account ${parsed.from} lacks ${parsed.amount}`);
    }
    default:
      return fail(404, `no route ${method} ${path}`);
  }
}

/** A transfer request's fields, or what is wrong with them. */
function parseTransfer(raw: string): { from: number; to: number; amount: number } | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'malformed JSON';
  }
  if (typeof value !== 'object' || value === null) return 'expected an object {from, to, amount}';
  const { from, to, amount } = value as Record<string, unknown>;
  const isAccount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) < ACCOUNTS;
  if (!isAccount(from) || !isAccount(to)) return `from and to must be accounts 0..${ACCOUNTS - 1}`;
  if (from === to) return 'from and to must differ';
  if (!Number.isInteger(amount) || (amount as number) <= 0) return 'amount must be a positive integer';
  return { from, to, amount: amount as number };
}
