import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SetupContext, TaskContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { closeServer, listenLocal, trackConnections } from '../server-io/close-server.js';
import type { Bank } from './bank.js';
import { route } from './routes.js';

/** Header carrying the request's id, which the arrival gate orders handlers by. */
export const REQUEST_ID = 'x-request-id';
/** Header naming the client, shown in the handler's lane name. */
export const CLIENT = 'x-client';

/** A running API server of one run. */
export interface HttpApp {
  readonly port: number;
  /** Responses written, by request id: the "exactly one response" oracle reads it. */
  readonly responses: Map<number, number>;
  /** Closes the server and every connection it has. */
  close(): Promise<void>;
}

/**
 * Starts the JSON API on 127.0.0.1 port 0. Each request, once its body has
 * arrived whole, becomes a task named after it (`POST /counter/increment #3
 * (client 2)`), started through the gate so handlers start in a replayable
 * order. A client that disconnects mid-request never reaches a handler; a
 * protocol error gets a 400 and a close; the server keeps serving the rest.
 */
export async function startHttpApp(ctx: SetupContext, gate: ArrivalGate, bank: Bank): Promise<HttpApp> {
  const responses = new Map<number, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    // A client gone mid-request: there is nobody to answer, nothing to handle.
    req.on('error', () => {});
    res.on('error', () => {});
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = requestId(req);
      const label = `${req.method} ${pathOf(req)}${id === undefined ? '' : ` #${id}`}${clientOf(req)}`;
      const raw = Buffer.concat(chunks).toString('utf8');
      gate.arrive(id, () => ctx.spawn((h) => handle(h, req, res, raw, id, label), label));
    });
  });
  const handle = async (h: TaskContext, req: IncomingMessage, res: ServerResponse, raw: string, id: number | undefined, label: string): Promise<void> => {
    const { status, body } = await route(h, bank, req.method ?? 'GET', pathOf(req), raw);
    if (id !== undefined) responses.set(id, (responses.get(id) ?? 0) + 1);
    if (res.destroyed || res.writableEnded) return;
    if (id !== undefined) gate.responding(id, label);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const sockets = trackConnections(server);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const port = await listenLocal(server);
  return { port, responses, close: () => closeServer(server, sockets) };
}

function requestId(req: IncomingMessage): number | undefined {
  const text = req.headers[REQUEST_ID];
  const n = typeof text === 'string' ? Number(text) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}

function clientOf(req: IncomingMessage): string {
  const c = req.headers[CLIENT];
  return typeof c === 'string' ? ` (client ${c})` : '';
}
