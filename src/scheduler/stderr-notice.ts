import { writeSync } from 'node:fs';

/** What the kit says on stderr at once, where no result or test runner can say it. */
function say(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // No stderr to write to.
  }
}

/**
 * Says on stderr, at once, that a run's code starves the event loop (see
 * Run.busy). Nothing queued behind the loop will ever run, so neither the
 * run's result nor a test runner's timeout can say it: a synchronous write is
 * the only word that gets out. Returns `message`.
 */
export function noticeStarvation(scenario: string, message: string): string {
  say(`racekit: scenario "${scenario}": ${message}; the process cannot go on until that loop ends`);
  return message;
}

/**
 * Says on stderr an error that surfaced during a check and that no run
 * raised again when run alone (a timer or callback an earlier run left
 * behind), when there is no listener to hand it to (a command line, a plain
 * script): Node would have ended the process with it, in the middle of a
 * check; the exit code still says it.
 */
export function noticeOrphan(scenario: string | undefined, message: string): void {
  say(`racekit: ${scenario === undefined ? '' : `scenario "${scenario}": `}${message}, raised by no run when run again alone (a timer or callback an earlier run left behind?)`);
  raiseExitCode(1);
}

/** The process's exit code as set so far (0 when none is). */
export function exitCodeSoFar(): number {
  return Number(process.exitCode ?? 0) || 0;
}

/** Raises the process's exit code to `code` (never lowers it). */
export function raiseExitCode(code: number): void {
  process.exitCode = Math.max(code, exitCodeSoFar());
}
