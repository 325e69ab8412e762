import { describe, expect, it } from 'vitest';
import type { HttpCall } from '../../src/subjects/server-http/client.js';
import { httpOracle, type HttpOutcome } from '../../src/subjects/server-http/oracles.js';
import { newHistory } from '../../src/subjects/server-ws/history.js';
import { chatOracle } from '../../src/subjects/server-ws/oracle.js';
import { echoOracle } from '../../src/subjects/server-tcp/oracle.js';
import type { HttpWorkload } from '../../src/subjects/server-http/workload.js';
import { echoChat, type EchoRunState } from '../../src/subjects/server-ws/echo-scenario.js';
import { payload } from '../../src/subjects/server-tcp/workload.js';

const inc = (id: number, invoke: number, respond: number): HttpCall => ({ id, op: { kind: 'increment' }, invoke, respond, status: 200, value: undefined });
const get = (id: number, invoke: number, respond: number, value: number): HttpCall => ({ id, op: { kind: 'get' }, invoke, respond, status: 200, value });

function outcome(calls: HttpCall[], counter: number, balances = [100, 100, 100]): [HttpOutcome, HttpWorkload] {
  const responses = new Map(calls.map((c) => [c.id, 1]));
  const w: HttpWorkload = { connections: 2, requests: calls.map((c) => ({ client: 0, op: c.op })) };
  return [{ counter, balances, initialTotal: 300, calls, responses }, w];
}

describe('server oracles', () => {
  it('http: a GET that saw fewer increments than had completed is not linearizable', () => {
    expect(httpOracle(...outcome([inc(0, 0, 1), get(1, 2, 3, 1)], 1))).toBe(true);
    expect(httpOracle(...outcome([inc(0, 0, 1), get(1, 2, 3, 0)], 1))).toMatch(/GET \/counter #1 returned 0, not linearizable: 1 increments had completed/);
    // Overlapping the increment, either value is fine.
    expect(httpOracle(...outcome([inc(0, 0, 3), get(1, 1, 2, 0)], 1))).toBe(true);
    expect(httpOracle(...outcome([inc(0, 0, 3), get(1, 1, 2, 2)], 1))).toMatch(/returned 2/);
  });

  it('http: lost increments, money and missing or doubled responses', () => {
    expect(httpOracle(...outcome([inc(0, 0, 2), inc(1, 1, 3)], 1))).toMatch(/counter is 1 after 2 successful increments: 1 increment lost/);
    expect(httpOracle(...outcome([inc(0, 0, 1)], 1, [100, 101, 100]))).toMatch(/money not conserved/);
    const [o, w] = outcome([inc(0, 0, 1)], 1);
    expect(httpOracle({ ...o, responses: new Map([[0, 2]]) }, w)).toMatch(/answered 2 times by the server/);
  });

  it('ws: a member connected throughout must get each message once, in order', () => {
    const h = newHistory(2);
    h.joined.set(0, 0).set(1, 1);
    h.sent.set(0, 2).set(1, 3);
    h.broadcastDone.set(0, 4).set(1, 5);
    h.received[1]!.push({ id: 0, from: 0, seq: 0 }, { id: 1, from: 0, seq: 1 });
    expect(chatOracle(h)).toBe(true);
    h.received[1]!.reverse();
    expect(chatOracle(h)).toMatch(/client 2 received message 1 from client 1 after message 2: client 1's order broken/);
    h.received[1]!.splice(0, 1);
    expect(chatOracle(h)).toMatch(/client 2 was connected from before message 2 from client 1 was sent until its broadcast ended, and never received it/);
    h.leaving.set(1, 4);
    expect(chatOracle(h)).toBe(true);
    h.received[1]!.push({ id: 0, from: 0, seq: 0 });
    expect(chatOracle(h)).toMatch(/received message 1 from client 1 2 times/);
  });

  it('tcp: replies must equal messages one for one', () => {
    const m = [Buffer.from('ab'), Buffer.from('')];
    expect(echoOracle([m], [[Buffer.from('ab'), Buffer.from('')]])).toBe(true);
    expect(echoOracle([m], [[Buffer.from('a'), Buffer.from('b')]])).toBe('client 1: reply 1 is 1 bytes, not the 2-byte message 1 sent');
    expect(echoOracle([m], [[Buffer.from('ab')]])).toMatch(/message 2 \(0 bytes\) got no reply/);
  });

  it('ws echo: an echo must equal its message', () => {
    const state = (echoes: Buffer[][]) => ({ echoes }) as unknown as EchoRunState;
    const w = { clients: [[3, 0]] };
    expect(echoChat.invariant!(state([[payload(0, 0, 3), payload(0, 1, 0)]]), w)).toBe(true);
    expect(echoChat.invariant!(state([[payload(0, 0, 2), payload(0, 1, 0)]]), w)).toBe('client 1: echo 1 is 2 bytes and differs from the 3-byte message sent');
    expect(echoChat.invariant!(state([[payload(0, 0, 3)]]), w)).toBe('client 1: message 2 (0 bytes) got no echo');
  });
});
