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

describe('callbacks queued through a reference taken before racekit loaded', () => {
  it('under node --import racekit/register, a nextTick or queueMicrotask a library kept at load is counted: no decision comes before its callback', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const { node, root } = await import('./support/instrumented.js');
    const dir = mkdtempSync(join(tmpdir(), 'racekit-early-'));
    // The library loads first and keeps both functions, as the queue-microtask package does.
    writeFileSync(join(dir, 'early-lib.mjs'), 'export const { nextTick } = process;\nexport const qm = queueMicrotask;\n');
    writeFileSync(
      join(dir, 'early.mjs'),
      `import { nextTick, qm } from './early-lib.mjs';
import { check } from ${JSON.stringify(pathToFileURL(join(root, 'dist/src/index.js')).href)};
const scenario = (defer) => ({ name: 'kept', setup: () => ({ flag: false, bad: 0 }), tasks: [
  async (ctx, s) => { for (let i = 0; i < 3; i++) { await ctx.step('a'); s.flag = true; defer(() => { s.flag = false; }); } },
  async (ctx, s) => { for (let i = 0; i < 3; i++) { await ctx.step('b'); if (s.flag) s.bad++; } }],
  invariant: (s) => s.bad === 0 || 'B saw the flag ' + s.bad + ' times' });
for (const defer of [nextTick, (f) => qm(() => qm(() => qm(f)))]) {
  const r = await check(scenario(defer), { strategy: 'random', runs: 300, seed: 1 });
  console.log(r.failed ? 'failed: ' + r.message : 'passed');
}
`,
    );
    const r = await node(['--import', 'racekit/register', join(dir, 'early.mjs')], { RACEKIT_INSTRUMENT: 'nothing/**' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['passed', 'passed']);
  });
});
