import { Mutex } from 'async-mutex';
import type { Room } from './room.js';
import { unlockedRoom } from './unlocked.js';

/**
 * The same room with one async-mutex around every handler: a broadcast
 * walks a roster nobody changes under it, and roster updates never overlap.
 */
export function lockedRoom(): Room {
  const inner = unlockedRoom();
  const lock = new Mutex();
  return {
    join: (h, member) => lock.runExclusive(() => inner.join(h, member)),
    leave: (h, member) => lock.runExclusive(() => inner.leave(h, member)),
    broadcast: (h, message, sender) => lock.runExclusive(() => inner.broadcast(h, message, sender)),
  };
}
