import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { nextTurn } from '../../src/scheduler/real-time.js';
import { lockedHttp, unlockedHttp } from '../../src/subjects/server-http/index.js';
import { framedTcp, naiveTcp } from '../../src/subjects/server-tcp/index.js';
import { lockedChat, unlockedChat } from '../../src/subjects/server-ws/index.js';

/** Live handles of the kinds a server run opens: listening sockets, connections, timers. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'Immediate' || type === 'PipeWrap' || type === 'TTYWrap' || type === 'FSReqCallback') continue;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

describe('server runs leave nothing open', () => {
  it('200 runs of every server family, passing and failing, end with the handles they started with', async () => {
    await nextTurn();
    const before = handles();
    let runs = 0;
    for (const [scenario, n, seed] of [[lockedHttp, 40, 1], [framedTcp, 120, 2], [lockedChat, 40, 3]] as const) {
      const r = await check(scenario as typeof lockedHttp, { runs: n, seed, strategy: 'random' });
      expect(r.failed, r.message).toBe(false);
      runs += r.runs;
    }
    // Failing runs too: each check stops at a failure (one shrinks it, more runs) and tears down every one.
    for (const [scenario, seed, shrink] of [[unlockedHttp, 4, false], [naiveTcp, 5, true], [unlockedChat, 6, false]] as const) {
      const r = await check(scenario as typeof unlockedHttp, { runs: 300, seed, strategy: 'random', shrink });
      expect(r.failed).toBe(true);
      runs += r.runs + (r.shrinkRuns ?? 0);
    }
    expect(runs).toBeGreaterThanOrEqual(200);
    await nextTurn();
    // The runner's own timers come and go; none of ours may be left (no type above its count before).
    const after = handles();
    const grown = Object.keys(after).filter((type) => after[type]! > (before[type] ?? 0));
    expect(grown, JSON.stringify({ before, after })).toEqual([]);
  });
});
