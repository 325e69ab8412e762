import { writeSync } from 'node:fs';

/** What the kit says on stderr at once, where no result or test runner can say it. */
function say(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // No stderr to write to.
  }
}

/** What was said once per scenario already, by kind of notice. */
const saidOnce = new Map<string, Set<string>>();

/** Says `line` on stderr unless a notice of this `kind` was said for `scenario` already. */
function sayOnce(kind: string, scenario: string, line: string): void {
  let said = saidOnce.get(kind);
  if (said === undefined) saidOnce.set(kind, (said = new Set()));
  if (said.has(scenario)) return;
  said.add(scenario);
  say(`racekit: scenario "${scenario}": ${line}`);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Says on stderr, at once and once per scenario, that a run's code keeps the
 * microtask queue busy with nothing else to resume (see Run.busy). The loop
 * may just be long, so the run goes on; if it never ends, nothing queued
 * behind it will ever run, so neither the run's result nor a test runner's
 * timeout can say it: a synchronous write is the only word that gets out.
 */
export function noticeBusyLoop(scenario: string, message: string): void {
  sayOnce('busy loop', scenario, message);
}

/**
 * Says on stderr, once per scenario, that a stalled run waits `ms` more for
 * a real timer due then: a long silence otherwise (a genuine deadlock beside
 * a 30-second keep-alive takes that long to call, in every run that shrinks
 * or replays it). With `job`, that it has waited long for a one-shot job in
 * flight and waits up to `ms` more for it.
 */
export function noticeLongWait(scenario: string, ms: number, job?: string): void {
  if (job === undefined) sayOnce('timer wait', scenario, `a stalled run waits ${seconds(ms)} more for a real timer due then, as a real execution would (under time: 'virtual' timers fire at once)`);
  else sayOnce('job wait', scenario, `a stalled run waits for a one-shot job in flight (${job}), as a real execution would, up to ${seconds(ms)} more before it is called a deadlock`);
}

/**
 * Says on stderr, once per scenario, that outside work in flight (a request,
 * a thread-pool job) has held the virtual clock for longer than the deadlock
 * timeout and holds it up to `ms` more, until the due timer fires as a real
 * execution's would: a stuck job is a long silence otherwise.
 */
export function noticeHeldClock(scenario: string, ms: number): void {
  sayOnce('held clock', scenario, `outside work in flight (a request, a thread-pool job) holds the virtual clock: the due timer fires in at most ${seconds(ms)}, once the work has taken as long as the timer's delay, as in a real execution`);
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
