import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { echoChat, lockedChat, unlockedChat } from '../src/subjects/server-ws/index.js';

describe('server-ws/unlocked: roster updated across an await while a broadcast walks it', () => {
  for (const strategy of ['random', 'pct'] as const) {
    raceTest(unlockedChat, {
      expect: 'fail',
      strategy,
      runs: 500,
      seed: 5,
      shrink: strategy === 'pct',
      verify: (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/received message \d+ from client \d+ \d+ times|never received it|order broken/);
        // Handlers are named lanes: joins, messages and leaves of named clients.
        const lanes = result.trace!.map((e) => result.taskNames![e.task]!);
        expect(lanes.some((l) => /^(join|leave) client \d$|^message \d from client \d$/.test(l))).toBe(true);
      },
    });
  }

  it('replays the identical trace 20 times in a row', async () => {
    const found = await check(unlockedChat, { strategy: 'random', seed: 8, runs: 500, shrink: false });
    expect(found.failed).toBe(true);
    for (let i = 0; i < 20; i++) {
      const again = await check(unlockedChat, { replay: found.replay });
      expect(again.trace).toEqual(found.trace);
      expect(again.message).toBe(found.message);
    }
  });
});

describe('server-ws/locked: one mutex around join, leave and broadcast', () => {
  raceTest(lockedChat, { expect: 'pass', strategy: 'pct', runs: 25, seed: 6 });
  raceTest(lockedChat, { expect: 'pass', strategy: 'random', runs: 25, seed: 7 });
});

describe("server-ws/echo: the seeds' echo server returns every frame whole, in order", () => {
  raceTest(echoChat, { expect: 'pass', strategy: 'pct', runs: 20, seed: 9 });
});
