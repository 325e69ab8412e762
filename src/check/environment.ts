import { instrumentedCodeLoaded } from '../instrument/runtime.js';
import { carryFlows, trackActivity } from '../scheduler/activity.js';
import { installAwaitPoints } from '../scheduler/await-points.js';
import { installEngineWaits } from '../scheduler/engine-waits.js';
import { captureFailures } from '../scheduler/failure-capture.js';
import { OutsideResources } from '../scheduler/outside-resources.js';
import { installTimerCensus } from '../scheduler/timer-census.js';
import { VirtualClock } from '../scheduler/virtual-clock.js';
import { installZlibJobs } from '../scheduler/zlib-jobs.js';
import type { TimeMode } from '../scenario.js';

/** What a check installs for its runs, and takes down after. */
export interface CheckEnvironment {
  /** Under virtual time, the clock every run resets. */
  readonly clock: VirtualClock | undefined;
  readonly resources: OutsideResources;
  /** Restores everything (also after a failure). */
  release(): void;
}

/**
 * Installs what runs need: activity tracking (quiescence), the capture of
 * unhandled rejections and uncaught exceptions, instrumented awaits as yield
 * points, the waits V8 resolves itself, zlib's jobs, the timer census, and under virtual
 * time the fake clock.
 */
export function installEnvironment(time: TimeMode): CheckEnvironment {
  const resources = new OutsideResources();
  const releases = [captureFailures(), trackActivity(), installAwaitPoints(), installEngineWaits(), installZlibJobs(), () => resources.unlisted.stop()];
  // An instrumented await must know whose flow reached it, from the first run on.
  if (instrumentedCodeLoaded()) carryFlows();
  let clock: VirtualClock | undefined;
  try {
    if (time === 'virtual') {
      clock = new VirtualClock();
      releases.push(() => clock!.uninstall());
      // A thread-pool job in flight takes no virtual time (Run.quiet): the clock must see it from the first run on (runs about 1.5x slower).
      resources.unlisted.track();
    }
    releases.push(installTimerCensus(time === 'virtual'));
  } catch (error) {
    for (const r of releases.reverse()) r();
    throw error;
  }
  return {
    clock,
    resources,
    release: () => {
      for (const r of releases.reverse()) r();
    },
  };
}
