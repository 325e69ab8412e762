import { Pool } from 'undici';
import type { Scenario } from '../../scenario.js';
import { ArrivalGate } from '../server-io/arrival-gate.js';
import { startHttpApp, type HttpApp } from './app.js';
import type { BankFactory } from './bank.js';
import { httpClient, type HttpHistory } from './client.js';
import { account, Database } from './database.js';
import { httpOracle } from './oracles.js';
import { ACCOUNTS, INITIAL_BALANCE } from './routes.js';
import { httpWorkload, requestsByClient, type HttpWorkload } from './workload.js';

/** One run's server, clients and database. */
export interface HttpRunState {
  readonly db: Database;
  readonly app: HttpApp;
  readonly pool: Pool;
  readonly gate: ArrivalGate;
  readonly history: HttpHistory;
}

/**
 * The server-http scenario of one variant: every run starts the API on
 * 127.0.0.1 port 0 and an undici Pool of C connections; C clients send the
 * workload's requests; teardown closes pool, sockets and server, whatever
 * the verdict.
 */
export function httpScenario(variant: string, bank: BankFactory): Scenario<HttpRunState, HttpWorkload> {
  return {
    name: `server-http/${variant}`,
    workload: httpWorkload,
    async setup(ctx, w) {
      const cells = new Map<string, number>([['counter', 0]]);
      for (let a = 0; a < ACCOUNTS; a++) cells.set(account(a), INITIAL_BALANCE);
      const db = new Database(cells);
      const gate = new ArrivalGate(ctx);
      const app = await startHttpApp(ctx, gate, bank(db));
      const pool = new Pool(`http://127.0.0.1:${app.port}`, { connections: w.connections, pipelining: 1 });
      return { db, app, pool, gate, history: { clock: 0, calls: [] } };
    },
    tasks: (w) => [
      // One task starts the clients, so their lanes carry names rather than letters.
      (ctx, s) => {
        const ops = w.requests.map((r) => r.op);
        requestsByClient(w).forEach((ids, c) => ctx.spawn(httpClient(s.gate, s.pool, c + 1, ids, ops, s.history), `client ${c + 1}`));
      },
    ],
    invariant: (s, w) =>
      httpOracle(
        {
          counter: s.db.peek('counter'),
          balances: Array.from({ length: ACCOUNTS }, (_, a) => s.db.peek(account(a))),
          initialTotal: ACCOUNTS * INITIAL_BALANCE,
          calls: s.history.calls,
          responses: s.app.responses,
        },
        w,
      ),
    async teardown(s) {
      s.gate.releaseAll();
      await s.pool.destroy();
      await s.app.close();
    },
  };
}
