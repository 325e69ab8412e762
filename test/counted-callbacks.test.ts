import { describe, expect, it } from 'vitest';
import * as FakeTimers from '@sinonjs/fake-timers';
import '../src/scheduler/activity.js';

// racekit installs counted queueMicrotask and process.nextTick for good, as
// accessors (quiescence detection counts their callbacks): whatever others
// assign in turn (a test runner's safe timers, fake timers, a wrapper) must
// keep working, and putting back what they read must restore the real one.
const tick = () => new Promise<string>((resolve) => process.nextTick(() => resolve('tick')));
const micro = () => new Promise<string>((resolve) => queueMicrotask(() => resolve('micro')));

describe('counted queueMicrotask and process.nextTick', () => {
  it('a wrapper that calls what it read (ours) runs each callback once, without recursion', async () => {
    const saved = { tick: process.nextTick, micro: globalThis.queueMicrotask };
    let wrapped = 0;
    process.nextTick = ((cb: () => void, ...args: unknown[]) => (wrapped++, saved.tick(cb, ...args))) as typeof process.nextTick;
    globalThis.queueMicrotask = (cb) => (wrapped++, saved.micro(cb));
    try {
      let runs = 0;
      process.nextTick(() => runs++);
      queueMicrotask(() => runs++);
      expect(await tick()).toBe('tick');
      expect(await micro()).toBe('micro');
      expect(runs).toBe(2);
      expect(wrapped).toBe(4);
    } finally {
      process.nextTick = saved.tick;
      globalThis.queueMicrotask = saved.micro;
    }
    // Put back: the real functions again, the wrapper no longer called.
    await tick();
    await micro();
    expect(wrapped).toBe(4);
  });

  it('fake timers that fake both, then uninstall, leave them working', async () => {
    const clock = FakeTimers.install({ toFake: ['nextTick', 'queueMicrotask'] });
    let faked = false;
    process.nextTick(() => (faked = true));
    expect(faked).toBe(false);
    clock.runAll();
    expect(faked).toBe(true);
    clock.uninstall();
    expect(await tick()).toBe('tick');
    expect(await micro()).toBe('micro');
  });
});
