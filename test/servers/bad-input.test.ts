import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { check } from '../../src/check.js';
import type { Scenario } from '../../src/scenario.js';
import type { TaskContext } from '../../src/scheduler/context.js';
import { lockedHttp } from '../../src/subjects/server-http/index.js';
import type { HttpRunState } from '../../src/subjects/server-http/scenario.js';
import { lockedChat } from '../../src/subjects/server-ws/index.js';
import { chatClient } from '../../src/subjects/server-ws/client.js';
import type { ChatRunState } from '../../src/subjects/server-ws/scenario.js';
import type { WsWorkload } from '../../src/subjects/server-ws/workload.js';

/** Sends one request through the gate (so handlers stay under the scheduler) and reads the reply. */
async function call(s: HttpRunState, id: number, method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  s.gate.expect(id, `${method} ${path} #${id}`);
  const res = await s.pool.request({ method: method as 'GET', path, body, headers: { 'x-request-id': String(id), 'x-client': 'bad' } });
  const json: unknown = await res.body.json();
  s.gate.delivered(id);
  return { status: res.statusCode, json };
}

/** Raw bytes to the server; resolves with everything it answered before closing. */
async function raw(port: number, bytes: string, hangUp: boolean): Promise<string> {
  const socket = connect({ port, host: '127.0.0.1' });
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
  socket.on('error', () => {});
  socket.write(bytes);
  if (hangUp) socket.destroy();
  else socket.end();
  if (!socket.closed) await once(socket, 'close');
  return answer;
}

describe('bad input reaching the servers', () => {
  it('http: malformed JSON, unknown route, wrong method, a hang-up mid-request and garbage get errors or a close; the server keeps serving', async () => {
    const seen: string[] = [];
    const scenario: Scenario<HttpRunState> = {
      name: 'server-http/bad-input',
      setup: (ctx) => lockedHttp.setup!(ctx, { connections: 2, requests: [] }),
      tasks: [
        async (_ctx: TaskContext, s) => {
          const outcomes = [
            await call(s, 100, 'POST', '/accounts/transfer', '{"from": 0, "to":'),
            await call(s, 101, 'GET', '/nowhere'),
            await call(s, 102, 'GET', '/counter/increment'),
            await call(s, 103, 'POST', '/accounts/transfer', JSON.stringify({ from: 1, to: 1, amount: 5 })),
            await call(s, 104, 'POST', '/accounts/transfer', JSON.stringify({ from: 0, to: 1, amount: 1000 })),
          ];
          seen.push(outcomes.map((o) => o.status).join(' '));
          // A client that hangs up halfway through its body: no handler runs, nothing is answered.
          seen.push(JSON.stringify(await raw(s.app.port, 'POST /counter/increment HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\nx-request-id: 105\r\n\r\n{"par', true)));
          // Not HTTP at all: a 400 and a close.
          seen.push((await raw(s.app.port, 'HELLO THERE\r\n\r\n', false)).split('\r\n')[0]!);
          // …and the server still serves.
          seen.push(String((await call(s, 106, 'POST', '/counter/increment')).status));
          seen.push(JSON.stringify((await call(s, 107, 'GET', '/counter')).json));
        },
      ],
      invariant: (s) => (s.db.peek('counter') === 1 ? true : `counter ${s.db.peek('counter')}`),
      teardown: (s) => lockedHttp.teardown!(s, { connections: 2, requests: [] }),
    };
    const r = await check(scenario, { runs: 2, seed: 1, deadlockTimeout: 5000 });
    expect(r.failed, r.message).toBe(false);
    expect(seen.slice(0, 5)).toEqual(['400 404 405 400 409', '""', 'HTTP/1.1 400 Bad Request', '200', '{"value":1}']);
  });

  it('ws: a malformed frame gets a clean close (1003) while the room keeps delivering to the others', async () => {
    const w: WsWorkload = { clients: [{ sends: 2, leaves: false }, { sends: 1, leaves: true }] };
    const codes: number[] = [];
    const scenario: Scenario<ChatRunState> = {
      name: 'server-ws/bad-input',
      setup: (ctx) => lockedChat.setup!(ctx, w),
      tasks: [
        (ctx, s) => w.clients.forEach((plan, c) => ctx.spawn(chatClient(s.gate, s.server.url, c, plan, s.history, s.sockets), `client ${c + 1}`)),
        async (_ctx, s) => {
          const ws = new WebSocket(`${s.server.url}/?client=9`);
          s.sockets.push(ws);
          // Deliveries the room makes to it before it is thrown out still count as received.
          ws.on('message', (data) => s.gate.delivered(`${(JSON.parse(String(data)) as { id: number }).id}->9`));
          await once(ws, 'open');
          ws.send('{ not json');
          const [code] = (await once(ws, 'close')) as [number];
          codes.push(code);
        },
      ],
      invariant: (s) => lockedChat.invariant!(s, w),
      teardown: (s) => lockedChat.teardown!(s, w),
    };
    const r = await check(scenario, { runs: 5, seed: 2, deadlockTimeout: 5000 });
    expect(r.failed, r.message).toBe(false);
    expect(codes).toEqual([1003, 1003, 1003, 1003, 1003]);
  });
});
