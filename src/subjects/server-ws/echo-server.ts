import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import type { SetupContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { closeServer, listenLocal, trackConnections } from '../server-io/close-server.js';

/** A running echo server of one run. */
export interface EchoServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The seeds' WebSocket echo server: every binary frame comes back as it
 * was. A frame starts with its 4-byte id; each becomes a handler task
 * (`echo 1200 bytes #3 (client 2)`) started through the gate, and its reply
 * holds the scheduler until the client has it.
 */
export async function startEchoServer(ctx: SetupContext, gate: ArrivalGate): Promise<EchoServer> {
  const http = createServer();
  const sockets = trackConnections(http);
  const wss = new WebSocketServer({ server: http, maxPayload: 128 * 1024 });
  wss.on('connection', (ws, req) => {
    const client = new URL(req.url ?? '/', 'http://localhost').searchParams.get('client') ?? '?';
    ws.on('error', () => {});
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary || data.length < 4) return void ws.close(1003, 'expected a binary frame with an id');
      const id = data.readUInt32BE(0);
      const label = `echo ${data.length - 4} bytes #${id} (client ${client})`;
      gate.arrive(id, () =>
        ctx.spawn(async (h) => {
          await h.step('echo');
          if (ws.readyState !== ws.OPEN) return;
          gate.responding(id, label);
          ws.send(data, { binary: true }, () => {});
        }, label),
      );
    });
  });
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
