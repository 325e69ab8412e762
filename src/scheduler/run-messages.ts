import { VirtualTimeRefusedError } from '../errors.js';
import type { UnlistedWork } from './unlisted-work.js';
import type { OutsideResources } from './outside-resources.js';
import type { OutsideWork } from './outside-work.js';
import type { TaskTable } from './task-table.js';

/** Resource types that cannot follow a virtual clock. */
const REAL_IO = /TCP|Pipe|UDP|Worker/;

/** The unfinished tasks, as a deadlock message names them. */
export function blockedTasks(tasks: TaskTable): string {
  const names = tasks.unfinishedNames();
  return names.length === 0 ? 'nothing' : `task${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** Why a run is a deadlock: who is blocked, what outside work never finished, how long it waited. */
export function deadlockMessage(tasks: TaskTable, outside: OutsideWork, unlisted: UnlistedWork, waited: number | undefined, virtual: boolean): string {
  const captured = virtual ? '; a real timer is pending: some code captured setTimeout before the virtual clock was installed' : '';
  const jobs = unlisted.outstanding ? `; unlisted work outstanding: ${unlisted.types().join(', ')}` : '';
  const waitedNote = waited !== undefined ? ` (waited ${Math.round(waited)} ms for outside work${jobs}${captured})` : '';
  if (tasks.unfinished === 0) return `deadlock: every task ended, but outside work never finished${outside.describe()}${waitedNote}`;
  return `deadlock: ${blockedTasks(tasks)} blocked and nothing pending${outside.describe()}${waitedNote}`;
}

/** Why a run is a livelock: its code kept the microtask queue busy with nothing pending (see Run.busy). */
export function livelockMessage(tasks: TaskTable, rounds: number): string {
  return `livelock: ${blockedTasks(tasks)} kept the microtask or tick queue busy for ${rounds.toLocaleString('en-US')} rounds with nothing pending (a loop polling for a change nothing can make, such as \`while (!ready) await null\`)`;
}

/** Under virtual time: the error to fail with when real sockets or worker threads appeared, which no fake clock can drive. */
export function realIoRefusal(name: string, resources: OutsideResources): VirtualTimeRefusedError | undefined {
  const io = resources.newTypes().filter((t) => REAL_IO.test(t));
  return io.length === 0 ? undefined : new VirtualTimeRefusedError(name, io);
}
