import { failActiveRun } from './run.js';
import { errorText } from '../errors.js';

let depth = 0;
let saved: NodeJS.UnhandledRejectionListener[] = [];
/** Rejections raised outside any run (by code a finished run abandoned). */
let stray = 0;

const onRejection: NodeJS.UnhandledRejectionListener = (reason) => {
  if (!failActiveRun(`unhandled rejection: ${errorText(reason)}`, reason)) stray++;
};

/**
 * While exploration runs, an unhandled rejection fails the run that raised
 * it (with its trace) instead of reaching the test runner or crashing the
 * process. Other listeners are set aside meanwhile and restored after.
 * Returns the function that restores them.
 */
export function captureRejections(): () => void {
  if (depth++ === 0) {
    saved = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onRejection);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--depth === 0) {
      process.off('unhandledRejection', onRejection);
      for (const l of saved) process.on('unhandledRejection', l);
      saved = [];
    }
  };
}

/** How many rejections were swallowed because no run was active when they surfaced. */
export function strayRejections(): number {
  return stray;
}
