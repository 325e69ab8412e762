import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { framedTcp, naiveTcp, tcpScenario } from '../src/subjects/server-tcp/index.js';
import type { TcpWorkload } from '../src/subjects/server-tcp/workload.js';
import { fixedWorkload } from './helpers/fixed-workload.js';

describe('server-tcp/naive: one data event taken for one message', () => {
  raceTest(naiveTcp, {
    expect: 'fail',
    strategy: 'pct',
    runs: 300,
    seed: 2,
    verify: (result) => {
      expect(result.kind).toBe('invariant');
      expect(result.message).toMatch(/^client \d+: (message|reply) \d+/);
    },
  });

  it('a message split across two writes gets two wrong replies; replay gives the same trace', async () => {
    // One 3,000-byte message written as 1,500 + 1,500 bytes: the naive server answers each half.
    const split: TcpWorkload = { clients: [{ sizes: [3000], cuts: [0.5] }, { sizes: [10], cuts: [] }] };
    const fixed = fixedWorkload(naiveTcp, split);
    const r = await check(fixed, { strategy: 'random', seed: 1, runs: 5 });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('client 1: reply 1 is 1500 bytes, not the 3000-byte message 1 sent');
    const labels = r.trace!.map((e) => `${r.taskNames![e.task]}: ${e.label}`);
    expect(labels).toContain('client 1: write 1500 bytes');
    expect(labels).toContain('connection 1: echo 1500 bytes');
    for (let i = 0; i < 20; i++) expect((await check(fixed, { replay: r.replay })).trace).toEqual(r.trace);
  });
});

describe('server-tcp/framed: length-prefixed messages survive any chunking', () => {
  raceTest(framedTcp, { expect: 'pass', strategy: 'pct', runs: 25, seed: 3 });
  raceTest(framedTcp, { expect: 'pass', strategy: 'random', runs: 25, seed: 4 });
  it('the scenario factory names its variants', () => {
    expect(tcpScenario('framed').name).toBe('server-tcp/framed');
  });
});
