import * as fc from 'fast-check';
import { WebSocket } from 'ws';
import type { Scenario } from '../../scenario.js';
import type { TaskContext } from '../../scheduler/context.js';
import { ArrivalGate } from '../server-io/arrival-gate.js';
import { payload } from '../server-tcp/workload.js';
import { startEchoServer, type EchoServer } from './echo-server.js';

/** Message sizes (0..64 KiB) per client, 1..4 clients. */
export interface EchoWorkload {
  readonly clients: readonly (readonly number[])[];
}

const size = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 * 1024 }));

/** 1..4 clients × 1..5 messages of 0..64 KiB. */
export const echoWorkload: fc.Arbitrary<EchoWorkload> = fc.record({
  clients: fc.array(fc.array(size, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
});

/** One run's server, client sockets and the echoes each client got. */
export interface EchoRunState {
  readonly server: EchoServer;
  readonly gate: ArrivalGate;
  readonly sockets: WebSocket[];
  readonly echoes: Buffer[][];
}

/**
 * server-ws/echo: each client sends its messages one at a time (a yield
 * point before each) and waits for the echo. Oracle: every echo equals its
 * message, per connection, in order.
 */
export const echoChat: Scenario<EchoRunState, EchoWorkload> = {
  name: 'server-ws/echo',
  workload: echoWorkload,
  async setup(ctx, w) {
    const gate = new ArrivalGate(ctx);
    const server = await startEchoServer(ctx, gate);
    const state: EchoRunState = { server, gate, sockets: [], echoes: w.clients.map(() => []) };
    for (let c = 0; c < w.clients.length; c++) {
      const ws = new WebSocket(`${server.url}/?client=${c + 1}`);
      state.sockets.push(ws);
      ws.on('error', () => {});
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    }
    return state;
  },
  tasks: (w) => [(ctx, s) => w.clients.forEach((sizes, c) => ctx.spawn(echoClient(s, c, sizes), `client ${c + 1}`))],
  invariant(s, w) {
    for (const [c, sizes] of w.clients.entries()) {
      for (const [m, n] of sizes.entries()) {
        const got = s.echoes[c]![m];
        if (!got) return `client ${c + 1}: message ${m + 1} (${n} bytes) got no echo`;
        if (!got.equals(payload(c, m, n))) return `client ${c + 1}: echo ${m + 1} is ${got.length} bytes and differs from the ${n}-byte message sent`;
      }
    }
    return true;
  },
  async teardown(s) {
    s.gate.releaseAll();
    await Promise.all(
      s.sockets.map((ws) =>
        ws.readyState === ws.CLOSED ? undefined : new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.terminate();
        }),
      ),
    );
    await s.server.close();
  },
};

function echoClient(s: EchoRunState, c: number, sizes: readonly number[]) {
  return async (ctx: TaskContext): Promise<void> => {
    const ws = s.sockets[c]!;
    for (const [m, n] of sizes.entries()) {
      await ctx.step(`send ${n} bytes`);
      const id = c * 100 + m;
      const frame = Buffer.concat([Buffer.alloc(4), payload(c, m, n)]);
      frame.writeUInt32BE(id, 0);
      const echoed = new Promise<Buffer>((resolve) => ws.once('message', (data: Buffer) => resolve(data)));
      s.gate.expect(id, `client ${c + 1} message ${m + 1}`);
      ws.send(frame, { binary: true });
      const data = await echoed;
      s.echoes[c]!.push(data.subarray(4));
      s.gate.delivered(id);
    }
  };
}
