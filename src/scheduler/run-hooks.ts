import { runEnded, runStarted } from './failure-capture.js';
import type { OutsideWait } from './outside-wait.js';
import type { OutsideWork } from './outside-work.js';
import { detectQuiescence, stopDetecting, type QuietListener } from './quiescence.js';
import type { RunSurface } from './run-surface.js';
import { countInto } from './timer-census.js';
import type { UnlistedWork } from './unlisted-work.js';

/**
 * Attaches the run being executed to the process-wide hooks, one run at a
 * time: errors its code raises are credited to it, the timers and
 * immediates it creates are counted into its outside work, unlisted work is
 * tracked for it, and quiescent moments are told to it.
 */
export function attachRun(surface: RunSurface, outside: OutsideWork, unlisted: UnlistedWork, listener: QuietListener): void {
  runStarted(surface);
  countInto(outside);
  unlisted.runStarted();
  detectQuiescence(listener);
}

/** The run ended: the hooks let go of it, and its wait for outside work (if any) polls no more. */
export function detachRun(surface: RunSurface, waiting: OutsideWait | undefined): void {
  stopDetecting();
  runEnded(surface);
  countInto(undefined);
  waiting?.cancel();
}
