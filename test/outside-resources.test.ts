import { describe, expect, it } from 'vitest';
import { OutsideResources } from '../src/scheduler/outside-resources.js';
import { OutsideWait } from '../src/scheduler/outside-wait.js';

describe('OutsideResources', () => {
  it("does not count the scheduler's own poll timers as outside work (a wait would keep itself going to the deadlock timeout)", async () => {
    const resources = new OutsideResources();
    let polls = 0;
    let seenWhilePolling: string[] | undefined;
    const wait = new OutsideWait(() => {
      polls++;
      // Inside the poll the process still lists the firing timer.
      seenWhilePolling = resources.newTypes();
    }, undefined, () => {});
    expect(wait.keepWaiting(10_000)).toBe(true);
    // Past the eager phase the next poll is a real timer.
    const t = performance.now();
    while (performance.now() - t < 1) { /* spin past EAGER_MS */ }
    await new Promise((resolve) => setImmediate(resolve));
    expect(polls).toBe(1);
    expect(wait.keepWaiting(10_000)).toBe(true);
    expect(process.getActiveResourcesInfo()).toContain('Timeout');
    expect(resources.newTypes()).toEqual([]);
    expect(resources.active()).toBe(false);
    // Wait by immediates only, so that the poll timer is the only timer there is.
    while (polls < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(seenWhilePolling).toEqual([]);
    wait.cancel();
  });

  it('counts a real timer of the code under test', () => {
    const resources = new OutsideResources();
    const timer = setTimeout(() => {}, 10_000);
    try {
      expect(resources.newTypes()).toEqual(['Timeout']);
      expect(resources.active()).toBe(true);
    } finally {
      clearTimeout(timer);
    }
  });
});
