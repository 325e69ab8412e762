import * as fc from 'fast-check';

/** One chat client's script: join, send `sends` messages, then leave or stay. */
export interface WsClientPlan {
  readonly sends: number;
  readonly leaves: boolean;
}

/** 2..4 clients in one room. */
export interface WsWorkload {
  readonly clients: readonly WsClientPlan[];
}

/** 2..4 clients, each sending 0..3 messages and leaving or staying to the end. */
export const wsWorkload: fc.Arbitrary<WsWorkload> = fc.record({
  clients: fc.array(fc.record({ sends: fc.integer({ min: 0, max: 3 }), leaves: fc.boolean() }), { minLength: 2, maxLength: 4 }),
});

/**
 * Gate ids of client `c`'s actions, ordered by client then action, so the
 * gate starts concurrent arrivals' handlers client by client.
 */
export const wsIds = {
  message: (c: number, seq: number): number => c * 100 + seq,
  join: (c: number): number => c * 100 + 90,
  leave: (c: number): number => c * 100 + 91,
};

/** A chat message on the wire. */
export interface ChatMessage {
  readonly id: number;
  /** Sender, 0-based. */
  readonly from: number;
  /** The sender's own count: 0, 1, 2… */
  readonly seq: number;
}
