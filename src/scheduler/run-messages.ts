import { errorText, VirtualTimeRefusedError } from '../errors.js';
import type { OutsideResources } from './outside-resources.js';
import { JOB_CAP_MS, WOKEN_CAP_MS } from './outside-wait.js';
import type { OutsideWork } from './outside-work.js';
import type { TaskTable } from './task-table.js';

/** Resource types that cannot follow a virtual clock: as the process lists them, and as async_hooks names them (an unreferenced worker is not listed). */
const REAL_IO = /TCP|Pipe|UDP|Worker|^PIPE|^WORKER$/;

/** The unfinished tasks, as a deadlock message names them. */
export function blockedTasks(tasks: TaskTable): string {
  const names = tasks.unfinishedNames();
  return names.length === 0 ? 'nothing' : `task${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** Why a run is a deadlock: who is blocked, what outside work never finished, what it waited for (`waited` ms, when it did), whether outside work still woke tasks past the cap (`wokenPastCap`). */
export function deadlockMessage(tasks: TaskTable, outside: OutsideWork, waited?: number, resources?: OutsideResources, virtual = false, wokenPastCap = false): string {
  let note = '';
  if (waited !== undefined && resources !== undefined) {
    // A one-shot job in flight was waited for up to JOB_CAP_MS past deadlockTimeout (OutsideWait.keepWaiting); unlisted work of other kinds for deadlockTimeout.
    const inFlight = virtual ? [] : resources.jobsInFlight();
    const jobs =
      inFlight.length > 0
        ? `; a one-shot job still in flight ${JOB_CAP_MS / 1000} s past deadlockTimeout: ${inFlight.join(', ')} (if it would wake a task later, raise deadlockTimeout)`
        : resources.unlisted.outstanding
          ? `; unlisted work outstanding: ${resources.unlisted.types().join(', ')} (if it would wake a task later, raise deadlockTimeout)`
          : '';
    const timer = virtual
      ? resources.newTypes().includes('Timeout')
        ? '; a real timer is pending: some code captured setTimeout before the virtual clock was installed'
        : ''
      : // One-shot timers the census counts were waited for until due: what is left is an interval, or a timer made by code that kept setTimeout from before the check.
        outside.realTimers > 0 || resources.newTypes().includes('Timeout') || resources.unlisted.types().includes('Timeout')
        ? '; a real timer is still pending (an interval, or a timeout racekit did not see made): if it would wake a task later, raise deadlockTimeout'
        : '';
    const engine = outside.engineWaits > 0 ? '; an Atomics.waitAsync or a WebAssembly compilation is still pending: if another thread would notify it later, raise deadlockTimeout' : '';
    const woken = wokenPastCap ? `; tasks were still woken ${WOKEN_CAP_MS / 1000} s after the wait began, with no yield point reached (a poll that never ends?)` : '';
    note = ` (waited ${Math.round(waited)} ms for outside work${jobs}${timer}${engine}${woken})`;
  }
  if (tasks.unfinished === 0) return `deadlock: every task ended, but outside work never finished${outside.describe()}${note}`;
  return `deadlock: ${blockedTasks(tasks)} blocked and nothing pending${outside.describe()}${note}`;
}

/** A run longer than the step budget: a livelock, or a program that long (a loop of a million instrumented awaits). */
export function stepBudgetMessage(budget: number): string {
  return `step budget exhausted: more than ${budget} steps (a livelock, or a run longer than that: raise stepBudget, a scenario field or check option)`;
}

/** A setup that threw or rejected, before any task ran. */
export function setupThrewMessage(error: unknown): string {
  return `setup threw: ${errorText(error)}`;
}

/** What a busy loop with no other yield point to resume is (see Run.busy): long, or endless. */
export function busyLoopMessage(tasks: TaskTable, rounds: number): string {
  return `the code of unfinished ${blockedTasks(tasks)} kept the microtask or tick queue busy for ${rounds.toLocaleString('en-US')} rounds with no yield point to resume meanwhile: a long loop of awaits goes on, but one polling for a change nothing can make (such as \`while (!ready) await null\`) never ends, and then the process cannot go on`;
}

/** Under virtual time: the error to fail with when real sockets or worker threads appeared, which no fake clock can drive. */
export function realIoRefusal(name: string, resources: OutsideResources): VirtualTimeRefusedError | undefined {
  // Under virtual time unlisted work is tracked from the first run: a worker thread a pool starts unreferenced shows there.
  const io = [...new Set([...resources.newTypes(), ...resources.unlisted.types()])].filter((t) => REAL_IO.test(t));
  return io.length === 0 ? undefined : new VirtualTimeRefusedError(name, io);
}
