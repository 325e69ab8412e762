import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { operationScenario } from '../src/audit/operation-spec.js';
import { lockedMap, unlockedMap } from '../src/subjects/map/index.js';

describe('map: linearizability against a sequential map', () => {
  raceTest(operationScenario(unlockedMap), {
    expect: 'fail',
    runs: 2000,
    verify: (result) => {
      expect(result.message).toMatch(/not linearizable \(partition "[ab]"\)/);
      expect(result.kind).toBe('invariant');
      expect(result.traceSteps).toBeLessThanOrEqual(result.originalSteps);
    },
  });
  raceTest(operationScenario(lockedMap), { expect: 'pass', runs: 200 });

  it('the one-line matcher form', async () => {
    await expect(unlockedMap).not.toBeLinearizable({ runs: 2000 });
    await expect(lockedMap).toBeLinearizable({ runs: 100 });
  });
});
