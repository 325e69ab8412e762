/**
 * The timer functions as they were when racekit was loaded. The scheduler
 * keeps real time with these even while a run fakes the globals (virtual
 * time), so its own quiescence checks never land on a fake clock.
 */
const originalSetImmediate = globalThis.setImmediate;
const originalSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;

/** True while the scheduler itself creates a timer or an immediate, so that tracking of unlisted work (unlisted-work.ts) leaves it out. */
let own = false;

/** Whether the timer being created now is the scheduler's own. */
export function creatingOwnTimer(): boolean {
  return own;
}

/** The real setImmediate, for the scheduler's own use. */
export function realSetImmediate(callback: () => void): NodeJS.Immediate {
  own = true;
  try {
    return originalSetImmediate(callback);
  } finally {
    own = false;
  }
}

/** The real setTimeout, for the scheduler's own use. */
export function realSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  own = true;
  try {
    return originalSetTimeout(callback, ms);
  } finally {
    own = false;
  }
}

// Bound now: the fake clock replaces performance.now on the same object.
const perfNow = globalThis.performance.now.bind(globalThis.performance);
/** Milliseconds of real, monotonic time. */
export const realNow = (): number => perfNow();

/** Resolves after the current turn of the event loop (all microtasks drained). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
