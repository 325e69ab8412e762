import type { Scenario } from '../../scenario.js';
import { ArrivalGate } from '../server-io/arrival-gate.js';
import { closeSocket } from '../server-io/close-server.js';
import { connectPeer, messagesOf, tcpClient, type TcpPeer } from './client.js';
import { echoOracle } from './oracle.js';
import { startTcpServer, type Framing, type TcpApp } from './server.js';
import { tcpWorkload, type TcpWorkload } from './workload.js';

/** One run's server and client connections. */
export interface TcpRunState {
  readonly app: TcpApp;
  readonly gate: ArrivalGate;
  readonly peers: TcpPeer[];
}

/**
 * The server-tcp scenario of one framing. Clients connect one at a time in
 * setup, so connection tasks are numbered like their clients in every run.
 */
export function tcpScenario(framing: Framing): Scenario<TcpRunState, TcpWorkload> {
  return {
    name: `server-tcp/${framing}`,
    workload: tcpWorkload,
    async setup(ctx, w) {
      const gate = new ArrivalGate(ctx);
      const app = await startTcpServer(ctx, gate, framing);
      const state: TcpRunState = { app, gate, peers: [] };
      try {
        for (let c = 0; c < w.clients.length; c++) {
          const accepted = app.nextConnection();
          state.peers.push(await connectPeer(app.port));
          await accepted;
        }
      } catch (error) {
        await closeAll(state);
        throw error;
      }
      return state;
    },
    tasks: (w) => [
      (ctx, s) => w.clients.forEach((plan, c) => ctx.spawn(tcpClient(s.app, s.gate, s.peers[c]!, c, plan, framing), `client ${c + 1}`)),
    ],
    invariant: (s, w) =>
      echoOracle(
        w.clients.map((plan, c) => messagesOf(c, plan)),
        s.peers.map((p) => p.replies),
      ),
    teardown: closeAll,
  };
}

async function closeAll(s: TcpRunState): Promise<void> {
  s.gate.releaseAll();
  await Promise.all(s.peers.map((p) => closeSocket(p.socket)));
  await s.app.close();
}
