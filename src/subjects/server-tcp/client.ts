import { connect, type Socket } from 'node:net';
import type { TaskContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import { encodeFrame, FrameParser } from './frames.js';
import type { Framing, TcpApp } from './server.js';
import { chunk, payload, type TcpClientPlan } from './workload.js';

/** One client's connection and the replies it has read. */
export interface TcpPeer {
  readonly socket: Socket;
  readonly replies: Buffer[];
  /** Resolves when the server has closed its side (every reply sent). */
  readonly done: Promise<void>;
}

/** Connects to 127.0.0.1:`port` and starts collecting length-prefixed replies. */
export function connectPeer(port: number): Promise<TcpPeer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const parser = new FrameParser();
    const replies: Buffer[] = [];
    socket.on('data', (data: Buffer) => replies.push(...parser.push(data)));
    const done = new Promise<void>((ended) => socket.once('close', () => ended()));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve({ socket, replies, done });
    });
  });
}

/** The messages client `c` sends, as the plan sizes them. */
export function messagesOf(c: number, plan: TcpClientPlan): Buffer[] {
  return plan.sizes.map((size, m) => payload(c, m, size));
}

/**
 * A client task: its messages as one byte stream (length-prefixed when the
 * protocol is framed), cut into the workload's writes; each write is a yield
 * point, so the scheduler interleaves clients write by write. It then ends
 * its side and waits for the server to close.
 */
export function tcpClient(app: TcpApp, gate: ArrivalGate, peer: TcpPeer, c: number, plan: TcpClientPlan, framing: Framing) {
  return async (ctx: TaskContext): Promise<void> => {
    const messages = messagesOf(c, plan);
    const stream = Buffer.concat(framing === 'framed' ? messages.map(encodeFrame) : messages);
    const writes = chunk(stream, plan.cuts);
    let sent = 0;
    for (const [k, w] of writes.entries()) {
      await ctx.step(`write ${w.length} bytes`);
      const id = c * 1000 + k;
      sent += w.length;
      app.announce(c, id, sent);
      gate.expect(id, `client ${c + 1} write ${k + 1}`);
      peer.socket.write(w);
    }
    await ctx.step('end');
    app.announceEnd(c, c * 1000 + 999);
    gate.expect(c * 1000 + 999, `client ${c + 1} end`);
    peer.socket.end();
    await peer.done;
  };
}
