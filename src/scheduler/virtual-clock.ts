import * as FakeTimers from '@sinonjs/fake-timers';
import { syncBuiltinESMExports } from 'node:module';
import { UsageError } from '../errors.js';
import { nodeLikeTimersPromises } from './virtual-promises.js';
import { installVirtualHrtime } from './virtual-hrtime.js';
import { nodeDelay } from './node-delay.js';

type InstalledClock = ReturnType<typeof FakeTimers.install>;

/** The instant every virtual run starts at, so runs see the same dates. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

/** Installs fake-timers, or says plainly why it cannot: another fake clock (vi.useFakeTimers()) holds the globals. */
function installClock(config: Parameters<typeof FakeTimers.install>[0]): InstalledClock {
  try {
    return FakeTimers.install(config);
  } catch (error) {
    if (error instanceof TypeError && /install fake timers twice/.test(error.message)) {
      throw new UsageError("time: 'virtual' cannot install its clock: fake timers are installed already (vi.useFakeTimers()?); call vi.useRealTimers() before the check, or leave time 'real' and drive those fakes yourself");
    }
    throw error;
  }
}

/**
 * What `performance.now()` reads when a run starts: a process never sees 0
 * there, and code that takes 0 for "unset" would misread it (lru-cache
 * keeps an entry stamped at 0 for ever, its TTL ignored).
 */
export const VIRTUAL_UPTIME = 1000;

/** The earliest pending timer, as the scheduler offers it. */
export interface DueTimer {
  /** Virtual ms (since the run's start) at which it fires. */
  readonly due: number;
  /** The delay it was created with. */
  readonly delay: number;
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, and called with AbortSignal as this
const realTimeout = AbortSignal.timeout;

/**
 * AbortSignal.timeout on the virtual clock (fake-timers leaves it real): a
 * signal aborted with the same TimeoutError by a fake setTimeout, so a
 * timeout given as a signal (`fetch(url, { signal: AbortSignal.timeout(ms) })`)
 * is a timer the scheduler fires like any other.
 */
function virtualTimeout(ms: number): AbortSignal {
  // Bad arguments get Node's own error.
  if (!Number.isSafeInteger(ms) || ms < 0) return realTimeout.call(AbortSignal, ms);
  const controller = new AbortController();
  globalThis.setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return controller.signal;
}


interface HeapTimer {
  callAt: number;
  delay?: number;
}

/**
 * A run's fake clock: setTimeout/setInterval (also through node:timers and
 * timers/promises), AbortSignal.timeout, Date and performance.now are faked while it is
 * installed; setImmediate, nextTick and queueMicrotask stay real, since
 * libraries use them for "after this turn", not for time, and a faked
 * microtask queue would not interleave with native promises. We use
 * @sinonjs/fake-timers (the clock behind vitest's and jest's fake timers)
 * instead of writing one; the scheduler, not the clock, decides when a timer
 * fires: only ever the earliest due one, via `fire()`.
 *
 * One clock serves a whole `check()` and is reset before every run:
 * installing costs about 2 ms (patching globals and re-syncing the ESM
 * exports of node:timers), resetting microseconds, and a reset drops every
 * timer of the previous run just as a fresh clock would.
 */
export class VirtualClock {
  private readonly clock: InstalledClock;
  private readonly restorePromises: () => void;
  private readonly restoreHrtime: () => void;

  constructor() {
    this.clock = installClock({
      // performance.now() counts from the install: started VIRTUAL_UPTIME before the epoch, then moved forward to it.
      now: VIRTUAL_EPOCH - VIRTUAL_UPTIME,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
      // The scheduler bounds runs itself (step budget, idle firings).
      loopLimit: Number.MAX_SAFE_INTEGER,
      // A real timer made before the clock (a pool's reaper from an earlier check) and cleared meanwhile is cleared for real:
      // otherwise fake-timers only warns, the library forgets its handle, and the real interval keeps the process alive for good.
      shouldClearNativeTimers: true,
    });
    // Every faked entry point (globals, node:timers, timers/promises) calls the clock's own methods: delays are Node's there
    // (fake-timers keeps 0 as 0, so `setTimeout(b, 0)` would fire before an earlier `setTimeout(a, 1)`, which Node never does).
    const { setTimeout: fakeTimeout, setInterval: fakeInterval } = this.clock;
    // Object.assign keeps what fake-timers marked on its functions (uninstall reads it to put the real ones back).
    this.clock.setTimeout = Object.assign((callback: () => void, ms?: number, ...args: unknown[]) => fakeTimeout(callback, nodeDelay(ms), ...args), fakeTimeout) as typeof fakeTimeout;
    this.clock.setInterval = Object.assign((callback: () => void, ms?: number, ...args: unknown[]) => fakeInterval(callback, nodeDelay(ms), ...args), fakeInterval) as typeof fakeInterval;
    this.restorePromises = nodeLikeTimersPromises();
    this.restoreHrtime = installVirtualHrtime(() => this.now);
    // fake-timers patches the CommonJS objects of node:timers and
    // timers/promises; ESM named imports of them follow only after a sync.
    syncBuiltinESMExports();
    AbortSignal.timeout = virtualTimeout;
    this.clock.tick(VIRTUAL_UPTIME);
  }

  /** Drops every pending timer and moves the clock back to the start, for the next run. */
  reset(): void {
    this.clock.reset();
    // No timer is left to fire on the way.
    this.clock.tick(VIRTUAL_UPTIME);
  }

  /** Virtual ms since the run started. */
  get now(): number {
    return this.clock.now - VIRTUAL_EPOCH;
  }

  /** The earliest pending timer, or undefined. */
  next(): DueTimer | undefined {
    // timerHeap is fake-timers' internal min-heap; peek is O(1).
    const heap = (this.clock as unknown as { timerHeap?: { peek(): HeapTimer | undefined } }).timerHeap;
    const first = heap?.peek();
    if (!first) return undefined;
    return { due: first.callAt - VIRTUAL_EPOCH, delay: Number(first.delay ?? 0) };
  }

  /** Moves the clock to the earliest due timer and runs that one timer. */
  fire(): void {
    this.clock.next();
  }

  /** Restores the real timer functions; pending fake timers are dropped with the clock. */
  uninstall(): void {
    AbortSignal.timeout = realTimeout;
    this.restoreHrtime();
    this.restorePromises();
    this.clock.uninstall();
    syncBuiltinESMExports();
  }
}
