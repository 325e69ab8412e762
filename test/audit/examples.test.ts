import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { auditTargets } from '../../src/audit/targets.js';
import * as memoCache from '../../examples/memo-cache.js';
import * as rateLimiter from '../../examples/rate-limiter.js';
import * as connectionPool from '../../examples/connection-pool.js';

const modules = { 'examples/memo-cache.ts': memoCache, 'examples/rate-limiter.ts': rateLimiter, 'examples/connection-pool.ts': connectionPool };

describe.each(Object.entries(modules))('%s', (module, exports) => {
  const targets = auditTargets(exports as Record<string, unknown>, module);

  it('exports a buggy variant expected to fail and a fixed one expected to pass', () => {
    expect(targets.map((t) => [t.variant, t.expect])).toEqual([
      ['buggy', 'fail'],
      ['fixed', 'pass'],
    ]);
  });

  it('the bug is found and shrunk to a short trace', async () => {
    const buggy = targets.find((t) => t.variant === 'buggy')!;
    const r = await check(buggy.scenario, { seed: 1, runs: buggy.runs });
    expect(r.failed).toBe(true);
    expect(r.traceSteps).toBeLessThanOrEqual(r.originalSteps);
    expect(r.traceSteps).toBeLessThanOrEqual(12);
    if (module !== 'examples/connection-pool.ts') expect(r.message).toMatch(/not linearizable/);
    else expect(r.message).toMatch(/connection \d+ handed to [A-Z] while [A-Z] still holds it/);
  });

  it('the fix passes', async () => {
    const fixed = targets.find((t) => t.variant === 'fixed')!;
    const r = await check(fixed.scenario, { seed: 1, runs: 50 });
    expect(r.failed, r.message).toBe(false);
  });
});
