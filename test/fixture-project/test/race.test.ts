import { describe, expect, test } from 'vitest';
import { check } from 'racekit';
import { raceTest } from 'racekit/vitest';
import { atomicIncrement, lockedCell, lostUpdate, racyCell, sleepyIncrement } from '../subjects.js';

// The red test: a race where none is expected.
raceTest('cache never serves a stale row', lostUpdate, { seed: 1, runs: 200 });

raceTest(atomicIncrement, { runs: 50 });
raceTest('the lost update is found', lostUpdate, { expect: 'fail', runs: 500 }, 20_000);
raceTest.skip('a skipped check', lostUpdate);
raceTest.todo('a check still to write');

describe('strategies', () => {
  raceTest.each(['pct', 'random'] as const)('lost update under %s', lostUpdate, (strategy) => ({ strategy, expect: 'fail', runs: 500 }));
  // Rows of several values written `as const` (readonly tuples) type-check as the functions' parameters.
  raceTest.each([['pct', 400], ['random', 300]] as const)('lost update under %s in %i runs', lostUpdate, (strategy, runs) => ({ strategy, expect: 'fail', runs }));
  raceTest.each([{ scenario: atomicIncrement, runs: 20 }])('$scenario.name in $runs runs', ({ scenario }) => scenario, ({ runs }) => ({ runs }));
});

describe('a check vitest times out', () => {
  // Far more runs than 300 ms allow: vitest's timeout aborts the test's signal, and the check stops.
  raceTest('a check longer than its timeout', atomicIncrement, { runs: 100_000_000 }, 300);
  test('the next check runs at once, not behind the timed-out one', async () => {
    const r = await check(atomicIncrement, { runs: 20 });
    expect(r.failed).toBe(false);
  }, 10_000);
  // The matcher's check stops on the test's signal too, also while its run waits on a real timer (vitest goes on before it ends).
  test('a matcher check longer than its timeout', async () => {
    await expect(sleepyIncrement).toBeRaceFree({ runs: 100_000_000 });
  }, 300);
  test('the next check after the matcher runs at once', async () => {
    await expect(atomicIncrement).toBeRaceFree({ runs: 20 });
  }, 10_000);
});

describe('matchers', () => {
  test('on results, with .not', async () => {
    const raced = await check(lostUpdate, { runs: 500 });
    const clean = await check(atomicIncrement, { runs: 20 });
    expect(raced).toHaveRace('invariant');
    expect(raced).not.toBeRaceFree();
    expect(clean).toBeRaceFree();
    expect(clean).not.toHaveRace();
    expect(raced).toRace();
  });

  test('on scenarios and specs, awaited, with .not', async () => {
    await expect(lostUpdate).toHaveRace({ kind: 'invariant', message: /increment lost/, runs: 500 });
    await expect(atomicIncrement).not.toHaveRace({ runs: 20 });
    await expect(racyCell).not.toBeLinearizable({ runs: 500 });
    await expect(lockedCell).toBeLinearizable({ runs: 100 });
  });

  test('a failing .not', async () => {
    const raced = await check(lostUpdate, { seed: 1, runs: 200 });
    expect(raced).not.toHaveRace();
  });
});
