import { builtin, type BuiltinScenario } from '../builtin.js';
import { lockedRoom } from './locked.js';
import { chatScenario } from './scenario.js';
import { echoChat } from './echo-scenario.js';
import { unlockedRoom } from './unlocked.js';

/** Roster updates across an await while a broadcast walks the roster: missed, doubled or reordered deliveries. */
export const unlockedChat = chatScenario('unlocked', unlockedRoom);
/** One async-mutex around join, leave and broadcast. */
export const lockedChat = chatScenario('locked', lockedRoom);

export { chatScenario } from './scenario.js';
export { echoChat } from './echo-scenario.js';

/** The server-ws family: a chat room on ws 8 under real ws clients. */
export const serverWsFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'server-ws', variant: 'unlocked', expect: 'fail', runs: 500, scenario: unlockedChat, summary: 'join/leave save a stale roster copy and broadcast walks the live roster by index with an await per delivery: members missed, messages doubled or reordered' }),
  builtin({ family: 'server-ws', variant: 'locked', expect: 'pass', runs: 50, scenario: lockedChat, summary: 'one async-mutex around join, leave and broadcast: every member connected throughout gets every message once, in order' }),
  builtin({ family: 'server-ws', variant: 'echo', expect: 'pass', runs: 30, scenario: echoChat, summary: "the seeds' echo server: binary frames of 0..64 KiB from up to 4 clients come back whole, per connection, in order" }),
];
