import { builtin, type BuiltinScenario } from '../builtin.js';
import { atomicBank } from './atomic.js';
import { lockedBank } from './locked.js';
import { httpScenario } from './scenario.js';
import { unlockedBank } from './unlocked.js';

/** Read, await the database, write: lost increments and money created or destroyed. */
export const unlockedHttp = httpScenario('unlocked', unlockedBank);
/** The same handlers inside async-mutex locks, one per key. */
export const lockedHttp = httpScenario('locked', lockedBank);
/** No lock, no await inside the critical section. */
export const atomicHttp = httpScenario('atomic', atomicBank);

export { httpScenario } from './scenario.js';
export { startHttpApp, type HttpApp } from './app.js';

/** The server-http family: a JSON API on node:http under undici clients. */
export const serverHttpFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'server-http', variant: 'unlocked', expect: 'fail', runs: 500, scenario: unlockedHttp, summary: 'handlers read, await the database, write: concurrent requests lose increments and break conservation of money' }),
  builtin({ family: 'server-http', variant: 'locked', expect: 'pass', runs: 40, scenario: lockedHttp, summary: 'each handler holds an async-mutex per key across its awaits (transfers lock both accounts in key order)' }),
  builtin({ family: 'server-http', variant: 'atomic', expect: 'pass', runs: 40, scenario: atomicHttp, summary: 'one await for the query, then the read-modify-write runs with no await inside it' }),
];
