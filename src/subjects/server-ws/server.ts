import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SetupContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { closeServer, listenLocal, trackConnections } from '../server-io/close-server.js';
import type { ChatHistory } from './history.js';
import type { Member, Room } from './room.js';
import { wsIds, type ChatMessage } from './workload.js';

/** A running chat server of one run. */
export interface ChatServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The chat room on a ws server over node:http on 127.0.0.1 port 0. A
 * connection, a message and a close each become a handler task (`join
 * client 2`, `message 1 from client 2`, `leave client 2`), started through
 * the gate. Every delivery holds the scheduler until its receiver has it,
 * and a delivery to a socket that is no longer open is dropped, not thrown.
 */
export async function startChatServer(ctx: SetupContext, gate: ArrivalGate, room: Room, history: ChatHistory): Promise<ChatServer> {
  const http = createServer();
  const sockets = trackConnections(http);
  const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 });
  wss.on('connection', (ws, req) => {
    const client = Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('client'));
    if (!Number.isInteger(client) || client < 0) return void ws.close(1008, 'client number required');
    // A peer vanishing mid-frame is a closed connection, not a server crash.
    ws.on('error', () => {});
    const name = `client ${client + 1}`;
    const member: Member = { client, name, deliver: (message) => deliver(ws, client, message) };
    gate.arrive(wsIds.join(client), () =>
      ctx.spawn(async (h) => {
        await room.join(h, member);
        history.joined.set(client, history.clock++);
      }, `join ${name}`),
    );
    ws.on('message', (data) => {
      const message = parseMessage(String(data), client);
      if (!message) return void ws.close(1003, 'malformed chat message');
      gate.arrive(message.id, () =>
        ctx.spawn(async (h) => {
          await room.broadcast(h, message, client);
          history.broadcastDone.set(message.id, history.clock++);
        }, `message ${message.seq + 1} from ${name}`),
      );
    });
    ws.on('close', () => gate.arrive(wsIds.leave(client), () => ctx.spawn((h) => room.leave(h, member), `leave ${name}`)));
  });
  const deliver = (ws: WebSocket, client: number, message: ChatMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    gate.responding(`${message.id}->${client}`, `message ${message.seq + 1} from client ${message.from + 1} to client ${client + 1}`);
    try {
      // With a callback, a socket closing mid-send reports its error there instead of throwing.
      ws.send(JSON.stringify(message), () => {});
    } catch (error) {
      history.sendErrors.push(String(error));
      gate.delivered(`${message.id}->${client}`);
    }
  };
  const port = await listenLocal(http);
  return {
    url: `ws://127.0.0.1:${port}`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(http, sockets);
    },
  };
}

/** A chat message from `client`, or undefined when the frame is not one. */
function parseMessage(text: string, client: number): ChatMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = value as Partial<ChatMessage> | null;
  if (typeof m !== 'object' || m === null || !Number.isInteger(m.id) || !Number.isInteger(m.seq)) return undefined;
  return { id: m.id!, seq: m.seq!, from: client };
}
