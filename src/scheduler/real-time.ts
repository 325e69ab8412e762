/**
 * The timer functions as they were when racekit was loaded. The scheduler
 * keeps real time with these even while a run fakes the globals (virtual
 * time), so its own quiescence checks never land on a fake clock.
 */
export const realSetImmediate = globalThis.setImmediate;
export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
// Bound now: the fake clock replaces performance.now on the same object.
const perfNow = globalThis.performance.now.bind(globalThis.performance);
/** Milliseconds of real, monotonic time. */
export const realNow = (): number => perfNow();

/** Resolves after the current turn of the event loop (all microtasks drained). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
