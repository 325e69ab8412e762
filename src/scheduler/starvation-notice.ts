import { writeSync } from 'node:fs';

/**
 * Says on stderr, at once, that a run's code starves the event loop (see
 * Run.busy). Nothing queued behind the loop will ever run, so neither the
 * run's result nor a test runner's timeout can say it: a synchronous write is
 * the only word that gets out. Returns `message`.
 */
export function noticeStarvation(scenario: string, message: string): string {
  try {
    writeSync(2, `racekit: scenario "${scenario}": ${message}; the process cannot go on until that loop ends\n`);
  } catch {
    // No stderr to write to: the run's failure still says it, if the loop ever ends.
  }
  return message;
}
