import type { ChatHistory } from './history.js';
import type { ChatMessage } from './workload.js';

/**
 * The room's oracles: no send threw out of the server; no member received a
 * message twice; every member connected for the whole time from a
 * message's send to the end of its broadcast received it; at every
 * receiver, each sender's messages arrive in the order they were sent.
 */
export function chatOracle(h: ChatHistory): true | string {
  if (h.sendErrors.length > 0) return `a send threw out of the server: ${h.sendErrors[0]}`;
  const messages = [...h.sent.keys()].map((id) => ({ id, from: Math.floor(id / 100), seq: id % 100 }));
  for (const [c, got] of h.received.entries()) {
    for (const m of messages) {
      if (m.from === c) continue;
      const count = got.filter((x) => x.id === m.id).length;
      if (count > 1) return `${who(c)} received ${what(m)} ${count} times`;
      const joined = h.joined.get(c);
      const leaving = h.leaving.get(c);
      const connectedThroughout = joined !== undefined && joined < h.sent.get(m.id)! && (leaving === undefined || leaving > (h.broadcastDone.get(m.id) ?? Infinity));
      if (connectedThroughout && count === 0) return `${who(c)} was connected from before ${what(m)} was sent until its broadcast ended, and never received it`;
    }
    const last = new Map<number, number>();
    for (const x of got) {
      if ((last.get(x.from) ?? -1) > x.seq) return `${who(c)} received ${what(x)} after message ${last.get(x.from)! + 1}: ${who(x.from)}'s order broken`;
      last.set(x.from, x.seq);
    }
  }
  return true;
}

const who = (c: number): string => `client ${c + 1}`;
const what = (m: Pick<ChatMessage, 'from' | 'seq'>): string => `message ${m.seq + 1} from client ${m.from + 1}`;
