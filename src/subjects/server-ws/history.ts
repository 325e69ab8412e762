import type { ChatMessage } from './workload.js';

/** What happened in one run, on one logical clock, for the oracle. */
export interface ChatHistory {
  clock: number;
  /** Client → when its join handler finished. */
  readonly joined: Map<number, number>;
  /** Client → when it began to leave. */
  readonly leaving: Map<number, number>;
  /** Message id → when its sender sent it. */
  readonly sent: Map<number, number>;
  /** Message id → when its broadcast handler finished. */
  readonly broadcastDone: Map<number, number>;
  /** Per client, the messages it received, in arrival order. */
  readonly received: ChatMessage[][];
  /** Errors a send to a socket threw out of the server (there must be none). */
  readonly sendErrors: string[];
}

/** An empty history for `clients` clients. */
export function newHistory(clients: number): ChatHistory {
  return {
    clock: 0,
    joined: new Map(),
    leaving: new Map(),
    sent: new Map(),
    broadcastDone: new Map(),
    received: Array.from({ length: clients }, () => []),
    sendErrors: [],
  };
}
