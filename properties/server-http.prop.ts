import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { atomicHttp, lockedHttp, unlockedHttp } from '../src/subjects/server-http/index.js';

// portfolio (the CLI's default) is exercised by `racekit run`; each strategy on its own here.
const strategies = ['random', 'pct', 'exhaustive'] as const;

describe('server-http/unlocked: handlers read, await the database, write', () => {
  for (const strategy of strategies) {
    raceTest(unlockedHttp, {
      expect: 'fail',
      strategy,
      runs: 500,
      seed: 11,
      // Shrinking replays ~100 runs over real sockets; once (under pct) shows it, the others only find.
      shrink: strategy === 'pct',
      verify: (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/increments? lost|money not conserved|not linearizable/);
        // The lanes of the shrunk trace are requests, named by method, path, id and client.
        const lanes = new Set(result.trace!.map((e) => result.taskNames![e.task]));
        expect(lanes.size).toBeGreaterThanOrEqual(2);
        for (const lane of lanes) expect(lane).toMatch(/^(POST|GET) \/\S+ #\d+ \(client \d\)$/);
        if (strategy !== 'pct') return;
        expect(result.preemptions).toBe(1);
        expect(result.traceSteps).toBeLessThanOrEqual(12);
      },
    });
  }
});

describe('server-http/locked and server-http/atomic pass', () => {
  raceTest(lockedHttp, { expect: 'pass', strategy: 'pct', runs: 15, seed: 3 });
  raceTest(lockedHttp, { expect: 'pass', strategy: 'random', runs: 15, seed: 4 });
  raceTest(atomicHttp, { expect: 'pass', strategy: 'pct', runs: 15, seed: 5 });
  raceTest(atomicHttp, { expect: 'pass', strategy: 'exhaustive', runs: 15, seed: 6 });
});

describe('server-http replay', () => {
  it('the same token gives the identical trace 20 times in a row, over real sockets', async () => {
    // Unshrunk: the first failing run as found, with its full workload and schedule.
    const found = await check(unlockedHttp, { strategy: 'random', seed: 21, runs: 500, shrink: false });
    expect(found.failed).toBe(true);
    expect(found.trace!.length).toBeGreaterThan(3);
    for (let i = 0; i < 20; i++) {
      const again = await check(unlockedHttp, { replay: found.replay });
      expect(again.failed).toBe(true);
      expect(again.divergedAt).toBeUndefined();
      expect(again.trace).toEqual(found.trace);
      expect(again.taskNames).toEqual(found.taskNames);
      expect(again.message).toBe(found.message);
    }
  });
});
