import { WebSocket } from 'ws';
import type { TaskContext } from '../../scheduler/context.js';
import type { ArrivalGate } from '../server-io/arrival-gate.js';
import type { ChatHistory } from './history.js';
import { wsIds, type ChatMessage, type WsClientPlan } from './workload.js';

/**
 * A chat client task: join, send, maybe leave — each action a yield point,
 * so the scheduler decides who joins, speaks and leaves when. Its socket is
 * added to `sockets` for teardown.
 */
export function chatClient(gate: ArrivalGate, url: string, c: number, plan: WsClientPlan, history: ChatHistory, sockets: WebSocket[]) {
  const name = `client ${c + 1}`;
  return async (ctx: TaskContext): Promise<void> => {
    await ctx.step('join');
    gate.expect(wsIds.join(c), `${name} join`);
    const handshake = ctx.hold(`${name} handshake`);
    const ws = new WebSocket(`${url}/?client=${c}`);
    sockets.push(ws);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ChatMessage;
      history.received[c]!.push(message);
      gate.delivered(`${message.id}->${c}`);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        handshake();
        resolve();
      });
      ws.once('error', (error) => {
        handshake();
        gate.cancel(wsIds.join(c));
        reject(error);
      });
    });
    ws.on('error', () => {});
    for (let seq = 0; seq < plan.sends; seq++) {
      await ctx.step(`send ${seq + 1}`);
      const id = wsIds.message(c, seq);
      history.sent.set(id, history.clock++);
      gate.expect(id, `${name} message ${seq + 1}`);
      ws.send(JSON.stringify({ id, seq }));
    }
    if (!plan.leaves) return;
    await ctx.step('leave');
    history.leaving.set(c, history.clock++);
    gate.expect(wsIds.leave(c), `${name} leave`);
    ws.close();
  };
}
