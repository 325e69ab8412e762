import { activity, inJob, onJobEnd, onTickStarvation, pendingTicks, realNextTick } from './activity.js';
import { realSetImmediate } from './real-time.js';

/**
 * Exact quiescence detection: calls back when the code under test has no
 * promise job, microtask or tick left to run, however long its chains.
 *
 * The microtask queue is first in, first out. A marker is queued at an
 * arming point: the end of a promise job (V8's after hook), or the end of
 * our own code. Everything queued before that point runs before the marker,
 * and every job that runs moves the activity counter (activity.ts). So when
 * the marker runs and the counter has moved only by the marker's own job,
 * nothing ran in between: the queue held nothing ahead of the marker, and
 * nothing can have been queued behind it. If the counter moved more,
 * something ran and may have queued more: arm again. Ticks run only after
 * the microtask queue is empty, so with ticks queued the marker looks again
 * after them.
 *
 * After a decision the resumed flow runs as a promise job; the marker is
 * armed at that job's end, so a decision costs one marker in the common
 * case. A resumed yield point that starts no job at all is noticed by a
 * watchdog at the next turn of the event loop (no microtask can be queued
 * then).
 *
 * The marker is a reaction to a resolved promise, the cheapest microtask
 * there is (queueMicrotask allocates an async resource per call). One
 * detector serves the whole thread: checks run one at a time.
 */
const resolved = Promise.resolve();
let seen = 0;
let outstanding = 0;
let onQuiet: QuietListener | undefined;
let watchdog = false;
/** A request came from inside the running job: arm at its end. */
let armAtEnd = false;
/** A decision resumed a flow: arm at the end of the next job (the resumed one). */
let resumed = false;
/** The running job is one of our markers (its end is not an arming point for a resumed flow). */
let inMarker = false;

/** An activity value the counter never reaches: the marker must look again. */
const LOOK_AGAIN = -2;

/**
 * Marker rounds in a row that found the code under test still running,
 * past which it is a loop of awaits no quiescent moment will end
 * (`while (!flag) await null`): its listener is told it is busy. Each round
 * is one pass of the microtask queue, so a chain of n hops takes n rounds;
 * a million takes some 60 ms of looping (1 to 10,000 hops is what the
 * quiescence property generates).
 */
export const BUSY_ROUNDS = 1_000_000;
let rounds = 0;

function marker(): void {
  inMarker = true;
  // Only the newest marker decides: the older ones run before it and stand down.
  if (--outstanding > 0) return;
  // The marker's own job moved the counter by one (V8's before hook).
  const still = activity !== seen + 1 || pendingTicks > 0;
  if (still && ++rounds < BUSY_ROUNDS) return activity !== seen + 1 ? arm() : void realNextTick(arm);
  rounds = 0;
  const listener = onQuiet;
  if (listener === undefined) return;
  if (still) listener.busy();
  else listener.quiet();
}

/** Queues a marker armed now: everything queued so far runs before it. */
function arm(): void {
  outstanding++;
  void resolved.then(marker);
  seen = activity;
}

/** Queues a marker that looks again once it runs (when the arming point may not be the end of the current code). */
function armLater(): void {
  outstanding++;
  void resolved.then(marker);
  seen = LOOK_AGAIN;
}

onJobEnd(() => {
  if (inMarker) {
    inMarker = false;
    if (armAtEnd) {
      armAtEnd = false;
      arm();
    }
    return;
  }
  if (armAtEnd || resumed) {
    armAtEnd = false;
    resumed = false;
    arm();
  }
});

// Ticks that keep queueing ticks starve the markers themselves: activity.ts counts them and says when they are a loop.
onTickStarvation(() => onQuiet?.busy());

function onWatchdog(): void {
  watchdog = false;
  // A turn of the event loop: no microtask or tick can be queued now. If a
  // resumed flow was expected to run as a promise job and none ran, arm now.
  if (resumed) {
    resumed = false;
    arm();
  }
}

/** Who is told of quiescent moments (the run being executed). */
export interface QuietListener {
  quiet(): void;
  /** The code under test has run for {@link BUSY_ROUNDS} marker rounds without a quiescent moment; no marker is queued now. */
  busy(): void;
}

/** Starts detecting for one run: `listener.quiet()` is called at every quiescent moment until {@link stopDetecting}. */
export function detectQuiescence(listener: QuietListener): void {
  onQuiet = listener;
}

/** Stops calling back (the run ended); markers still queued stand down. */
export function stopDetecting(): void {
  onQuiet = undefined;
  rounds = 0;
  armAtEnd = false;
  resumed = false;
}

/**
 * Something happened that may call for a decision (a yield point became
 * pending, a task ended, outside work finished): make sure a marker comes.
 */
export function requestQuiescence(): void {
  if (outstanding > 0 || armAtEnd || resumed) return;
  if (inJob) armAtEnd = true;
  else armLater();
}

/** Arms now: the caller's own code is done queueing (after spawning tasks, after firing a timer). */
export function armNow(): void {
  resumed = false;
  arm();
}

/** After resuming a flow: arm at the end of the job it runs in. */
export function expectResumedJob(): void {
  resumed = true;
  if (!watchdog) {
    watchdog = true;
    realSetImmediate(onWatchdog);
  }
}
