/** Node's longest delay; a longer one, like one below 1 ms or not a number, is 1 ms (lib/internal/timers.js). */
const TIMEOUT_MAX = 2 ** 31 - 1;

/** The delay Node gives a timer asked for `ms` (fake-timers, for one, keeps 0 as 0, the browsers' rule). */
export function nodeDelay(ms: unknown): number {
  const after = Number(ms);
  return after >= 1 && after <= TIMEOUT_MAX ? after : 1;
}
