import type { TaskContext } from '../../scheduler/context.js';
import type { ChatMessage } from './workload.js';

/** A connected client as the room sees it. */
export interface Member {
  readonly client: number;
  readonly name: string;
  /** Sends to this member's socket; never throws, even when it has closed. */
  deliver(message: ChatMessage): void;
}

/** The chat room's handlers; one implementation per variant. */
export interface Room {
  join(h: TaskContext, member: Member): Promise<void>;
  leave(h: TaskContext, member: Member): Promise<void>;
  /** Delivers `message` to every member but its sender. */
  broadcast(h: TaskContext, message: ChatMessage, sender: number): Promise<void>;
}

/** Members kept in client order, as a roster listing would show them. */
export function withMember(members: readonly Member[], member: Member): Member[] {
  return [...members.filter((m) => m !== member), member].sort((a, b) => a.client - b.client);
}
