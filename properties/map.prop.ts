import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { operationScenario } from '../src/audit/operation-spec.js';
import { lockedMap, unlockedMap } from '../src/subjects/map/index.js';

describe('map: linearizability against a sequential map', () => {
  raceTest(operationScenario(unlockedMap), {
    expect: 'fail',
    runs: 2000,
    verify: (result) => {
      expect(result.kind).toBe('invariant');
      const key = /not linearizable \(partition "([ab])"\)/.exec(result.message ?? '')?.[1];
      expect(key, result.message).toBeDefined();
      // Shrunk to a lost read-modify-write on the broken key: an incr and another write of that key, and a switch between
      // them (a run without a preemption runs the operations one after another: linearizable).
      expect(result.preemptions).toBeGreaterThanOrEqual(1);
      const ops = (result.workload as { programs: { name: string; args: unknown[] }[][] }).programs.flat().filter((op) => op.args[0] === key);
      expect(ops.map((op) => op.name)).toContain('incr');
      expect(ops.filter((op) => op.name !== 'get').length).toBeGreaterThanOrEqual(2);
    },
  });
  raceTest(operationScenario(lockedMap), { expect: 'pass', runs: 200 });

  it('the one-line matcher form', async () => {
    await expect(unlockedMap).not.toBeLinearizable({ runs: 2000 });
    await expect(lockedMap).toBeLinearizable({ runs: 100 });
  });
});
