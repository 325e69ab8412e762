import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFile } from 'node:fs/promises';
import { pbkdf2 } from 'node:crypto';
import { gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import type { StrategyName } from '../src/scheduler/strategy.js';

const strategies: StrategyName[] = ['random', 'pct', 'exhaustive', 'portfolio'];

const hash = (iterations: number) => new Promise<string>((resolve, reject) => pbkdf2('pw', 'salt', iterations, 16, 'sha256', (e, key) => (e ? reject(e) : resolve(key.toString('hex')))));
const zip = () => new Promise<string>((resolve, reject) => gzip('x'.repeat(100_000), (e, out) => (e ? reject(e) : resolve(String(out.length)))));

/** Outside work raced against a 30-second virtual timeout, beside a task with steps pending meanwhile. */
function raceBesideSteps(work: () => Promise<unknown>): Scenario<{ result?: unknown }> {
  return {
    name: 'outside work vs a timeout, another task pending',
    time: 'virtual',
    setup: () => ({}),
    tasks: [
      async (_ctx, s) => { s.result = await Promise.race([work().then(() => 'done'), sleep(30_000, 'timeout')]); },
      async (ctx) => { for (let i = 0; i < 3; i++) await ctx.step(`b${i}`); },
    ],
    invariant: (s) => s.result === 'done' || `the 30 s virtual timeout fired first: ${String(s.result)}`,
  };
}

describe('virtual time: outside work in flight holds the clock', () => {
  it.each([
    ['a file read', () => readFile(fileURLToPath(import.meta.url))],
    ['a pbkdf2 job', () => hash(1000)],
    ['a zlib job', zip],
  ])('%s beats a 30-second timeout while another task has steps pending, under every strategy', async (_name, work) => {
    for (const strategy of strategies) {
      const r = await check(raceBesideSteps(work), { strategy, runs: 20, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });
});
