import { describe, expect, it } from 'vitest';
import { shrinkText } from '../src/report/shrink-text.js';

describe("a failure's shrink line", () => {
  it('says what shrinking took out: steps and preemptions', () => {
    expect(shrinkText({ originalSteps: 12, traceSteps: 4, shrinkRuns: 11, preemptions: 1, originalPreemptions: 6 })).toBe('shrunk from 12 steps and 6 preemptions to 4 steps and 1 preemption in 11 runs');
  });

  it('a longer trace is said to be the price of fewer preemptions, not a shrink gone wrong', () => {
    // An exploratory tester read "shrunk from 6 to 10 steps" as the shrinker making traces longer.
    expect(shrinkText({ originalSteps: 6, traceSteps: 10, shrinkRuns: 1, preemptions: 0, originalPreemptions: 1 })).toBe('shrunk from 6 steps and 1 preemption to 10 steps and 0 preemptions in 1 run (fewer preemptions first, at the cost of steps)');
  });

  it('nothing changed: only the preemptions, as the terminal, Markdown and HTML all say', () => {
    expect(shrinkText({ originalSteps: 8, traceSteps: 8, shrinkRuns: 1, preemptions: 2, originalPreemptions: 2 })).toBe('2 preemptions');
    // A report written before the preemptions before shrinking were recorded.
    expect(shrinkText({ originalSteps: 8, traceSteps: 5, shrinkRuns: 3, preemptions: 1 })).toBe('shrunk from 8 to 5 steps in 3 runs; 1 preemption');
  });
});
