import { errorText } from '../errors.js';
import { flowOf, type FlowOwner } from './activity.js';
import { noticeOrphan } from './stderr-notice.js';

type Listener = (...args: unknown[]) => void;

/** An error no run could be credited with when it surfaced. */
export interface Orphan {
  readonly event: 'unhandledRejection' | 'uncaughtException';
  readonly args: readonly unknown[];
  readonly message: string;
  readonly error: unknown;
}

let depth = 0;
let saved: Record<Orphan['event'], Listener[]> = { unhandledRejection: [], uncaughtException: [] };
/** The run executing now. */
let active: FlowOwner | undefined;
/** The run that ended last, and whether errors that surface now belong to it (one run settling alone). */
let lastEnded: FlowOwner | undefined;
let adopting = false;
let orphans: Orphan[] = [];

/** A run started: errors that carry no flow go to it. */
export function runStarted(owner: FlowOwner): void {
  active = owner;
}

/** A run ended. */
export function runEnded(owner: FlowOwner): void {
  if (active === owner) active = undefined;
  lastEnded = owner;
}

/** True while a run executes on this thread. */
export function runExecuting(): boolean {
  return active !== undefined;
}

/**
 * Whether an error that surfaces with no flow of its own belongs to the run
 * executing, or with none executing to the run that ended last: true while
 * that run runs and settles alone (shrinking, replay, confirming); false
 * between and during runs that follow one another, when it could be any of
 * them (kept, see {@link takeOrphans}, or unattributed, see RunEnd).
 */
export function adoptByLastRun(adopt: boolean): void {
  adopting = adopt;
}

/** The errors kept since the last call, that no run could be credited with. */
export function takeOrphans(): Orphan[] {
  const taken = orphans;
  orphans = [];
  return taken;
}

/** Hands kept errors to the listeners that were there before the check (the test runner), as Node would have; with none, says each on stderr (see noticeOrphan). */
export function forwardOrphans(kept: readonly Orphan[], scenario?: string): void {
  for (const o of kept) {
    const listeners = saved[o.event];
    if (listeners.length === 0) noticeOrphan(scenario, o.message);
    for (const l of listeners) l(...o.args);
  }
}

/**
 * Fails the run an error belongs to: the one its flow names; else the run
 * executing, as unattributed unless it is settling alone (then nothing else
 * runs); else, a run settling alone, the one that ended last; else kept.
 */
function credit(own: FlowOwner | undefined, orphan: Orphan): void {
  if (own !== undefined) own.raise(orphan.message, orphan.error);
  else if (active !== undefined) active.raise(orphan.message, orphan.error, adopting ? undefined : orphan);
  else if (adopting && lastEnded !== undefined) lastEnded.raise(orphan.message, orphan.error);
  else orphans.push(orphan);
}

const onRejection = (reason: unknown, promise: unknown): void => {
  // A promise that carries its flow fails its own run, even one that ended.
  credit(flowOf(promise)?.run, { event: 'unhandledRejection', args: [reason, promise], message: `unhandled rejection: ${errorText(reason)}`, error: reason });
};

const onException = (error: unknown, origin: unknown): void => {
  credit(undefined, { event: 'uncaughtException', args: [error, origin], message: `uncaught exception: ${errorText(error)}`, error });
};

/**
 * While checks run, an unhandled rejection or an uncaught exception fails
 * the run whose code raised it (with its trace) instead of reaching the test
 * runner or crashing the process. The listeners that were there before are
 * set aside meanwhile and restored after. Returns the function that restores
 * them.
 */
export function captureFailures(): () => void {
  if (depth++ === 0) {
    saved = { unhandledRejection: process.listeners('unhandledRejection') as Listener[], uncaughtException: process.listeners('uncaughtException') as Listener[] };
    process.removeAllListeners('unhandledRejection');
    process.removeAllListeners('uncaughtException');
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--depth === 0) {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      const kept = takeOrphans();
      for (const l of saved.unhandledRejection) process.on('unhandledRejection', l);
      for (const l of saved.uncaughtException) process.on('uncaughtException', l);
      active = lastEnded = undefined;
      adopting = false;
      forwardOrphans(kept);
      saved = { unhandledRejection: [], uncaughtException: [] };
    }
  };
}
