import type { WebSocket } from 'ws';
import type { Scenario } from '../../scenario.js';
import { ArrivalGate } from '../server-io/arrival-gate.js';
import { chatClient } from './client.js';
import { newHistory, type ChatHistory } from './history.js';
import { chatOracle } from './oracle.js';
import type { Room } from './room.js';
import { startChatServer, type ChatServer } from './server.js';
import { wsWorkload, type WsWorkload } from './workload.js';

/** One run's chat server, clients and history. */
export interface ChatRunState {
  readonly server: ChatServer;
  readonly gate: ArrivalGate;
  readonly history: ChatHistory;
  readonly sockets: WebSocket[];
}

/** The server-ws chat scenario of one variant; teardown closes every socket, whatever the verdict. */
export function chatScenario(variant: string, room: () => Room): Scenario<ChatRunState, WsWorkload> {
  return {
    name: `server-ws/${variant}`,
    workload: wsWorkload,
    async setup(ctx, w) {
      const gate = new ArrivalGate(ctx);
      const history = newHistory(w.clients.length);
      const server = await startChatServer(ctx, gate, room(), history);
      return { server, gate, history, sockets: [] };
    },
    tasks: (w) => [(ctx, s) => w.clients.forEach((plan, c) => ctx.spawn(chatClient(s.gate, s.server.url, c, plan, s.history, s.sockets), `client ${c + 1}`))],
    invariant: (s) => chatOracle(s.history),
    async teardown(s) {
      s.gate.releaseAll();
      await Promise.all(s.sockets.map(closeClient));
      await s.server.close();
    },
  };
}

function closeClient(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.terminate();
  });
}
