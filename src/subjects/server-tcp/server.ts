import { createServer, type Socket } from 'node:net';
import type { SetupContext, TaskContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { closeServer, listenLocal } from '../server-io/close-server.js';
import { encodeFrame, FrameParser } from './frames.js';
import { MessageQueue } from './message-queue.js';

/** How the server finds message boundaries in its byte stream. */
export type Framing = 'naive' | 'framed';

/** A running echo server of one run. */
export interface TcpApp {
  readonly port: number;
  /** Resolves when the server has accepted its next connection (connections are numbered in accept order). */
  nextConnection(): Promise<void>;
  /** Client side: gate id `id` arrives once connection `conn` has received `end` bytes. */
  announce(conn: number, id: number, end: number): void;
  /** Client side: gate id `id` arrives with connection `conn`'s end of stream. */
  announceEnd(conn: number, id: number): void;
  close(): Promise<void>;
}

interface Connection {
  received: number;
  readonly raw: Buffer[];
  readonly writes: { id: number; end: number }[];
  endId: number | undefined;
  readonly queue: MessageQueue;
  readonly parser: FrameParser;
}

/**
 * The seeds' echo server on node:net: one connection task per client (the
 * thread-per-client model) answers each message with a length-prefixed
 * reply. `naive` takes one `data` event for one message, as `recv(1024)`
 * does; `framed` reads length-prefixed messages whatever the chunking.
 * Bytes are handed to the connection task only when the gate says every
 * expected write has arrived, so tasks wake in a replayable order.
 */
export async function startTcpServer(ctx: SetupContext, gate: ArrivalGate, framing: Framing): Promise<TcpApp> {
  const sockets = new Set<Socket>();
  const connections: Connection[] = [];
  let accepted: (() => void) | undefined;
  const deliver = (conn: Connection): void => {
    for (const data of conn.raw.splice(0)) {
      if (framing === 'naive') conn.queue.push(data);
      else for (const frame of conn.parser.push(data)) conn.queue.push(frame);
    }
  };
  // Half-open: after a client ends its side the server still owes it replies.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A peer that resets the connection is a closed connection, not a crash.
    socket.on('error', () => {});
    const n = connections.length;
    const conn: Connection = { received: 0, raw: [], writes: [], endId: undefined, queue: new MessageQueue(), parser: new FrameParser() };
    connections.push(conn);
    socket.on('data', (data: Buffer) => {
      conn.raw.push(data);
      conn.received += data.length;
      while (conn.writes.length > 0 && conn.writes[0]!.end <= conn.received) gate.arrive(conn.writes.shift()!.id, () => deliver(conn));
    });
    socket.on('end', () => gate.arrive(conn.endId, () => { deliver(conn); conn.queue.close(); }));
    ctx.spawn((h) => serve(h, socket, conn.queue), `connection ${n + 1}`);
    accepted?.();
  });
  const port = await listenLocal(server);
  return {
    port,
    nextConnection: () => new Promise<void>((resolve) => (accepted = resolve)),
    announce: (conn, id, end) => void connections[conn]?.writes.push({ id, end }),
    announceEnd: (conn, id) => void (connections[conn] && (connections[conn].endId = id)),
    close: () => closeServer(server, sockets),
  };
}

/** The connection task: echoes each message it is handed, in order, then closes its side. */
async function serve(h: TaskContext, socket: Socket, queue: MessageQueue): Promise<void> {
  for (let m = await queue.next(); m !== undefined; m = await queue.next()) {
    await h.step(`echo ${m.length} bytes`);
    h.note(m.length);
    if (socket.writable) socket.write(encodeFrame(m));
  }
  if (socket.writable) socket.end();
}
