import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { checkLinearizability } from '../../src/oracles/linearizability.js';
import { linearizabilityMessage } from '../../src/report/linearizability-text.js';
import { classModel } from '../../src/oracles/sequential-model.js';
import type { Operation } from '../../src/oracles/operation-history.js';
import { lockedMap, mapModel, unlockedMap as brokenMap } from '../../src/subjects/map/index.js';

/** A history from rows of [task, call, ret, name, args, output]. */
function history(rows: [number, number, number, string, unknown[], unknown][]): Operation[] {
  return rows.map(([task, call, ret, name, args, output], id) => ({ id, task, call, ret, name, args, output }));
}

describe('checkLinearizability', () => {
  it('accepts overlapping operations that some order explains', () => {
    // B's get overlaps A's set, so it may see either value.
    const h = history([
      [0, 0, 3, 'set', ['a', 1], undefined],
      [1, 1, 2, 'get', ['a'], 1],
      [1, 4, 5, 'get', ['a'], 1],
    ]);
    expect(checkLinearizability(h, mapModel).linearizable).toBe(true);
  });

  it('rejects a read of an overwritten value after the write returned, and says which response', () => {
    const h = history([
      [0, 0, 1, 'set', ['a', 1], undefined],
      [0, 2, 3, 'set', ['a', 2], undefined],
      [1, 4, 5, 'get', ['a'], 1],
    ]);
    const v = checkLinearizability(h, mapModel);
    expect(v.linearizable).toBe(false);
    expect(v.failure?.blocked.id).toBe(2);
    expect(v.failure?.expected).toBe(2);
    const message = linearizabilityMessage(v.failure!);
    expect(message).toMatch(/B's get\("a"\) return 1/);
    expect(message).toMatch(/would return 2/);
    expect(message).toMatch(/task +operation +returned +interval/);
  });

  it('checks each partition alone and names the failing one', () => {
    const h = history([
      [0, 0, 3, 'incr', ['a'], 1],
      [1, 1, 2, 'incr', ['a'], 1],
      [0, 4, 5, 'incr', ['b'], 1],
    ]);
    const v = checkLinearizability(h, mapModel);
    expect(v.partitions).toBe(2);
    expect(v.failure?.partition).toBe('a');
    expect(v.failure?.history).toHaveLength(2);
  });

  it('takes a plain sequential class as the model', () => {
    class Stack {
      items: number[] = [];
      push(x: number) {
        this.items.push(x);
      }
      pop() {
        return this.items.pop() ?? null;
      }
    }
    const model = classModel(() => new Stack());
    const ok = history([
      [0, 0, 3, 'push', [1], undefined],
      [1, 1, 2, 'push', [2], undefined],
      [0, 4, 5, 'pop', [], 1],
    ]);
    expect(checkLinearizability(ok, model).linearizable).toBe(true);
    const bad = history([
      [0, 0, 1, 'push', [1], undefined],
      [1, 2, 3, 'push', [2], undefined],
      [0, 4, 5, 'pop', [], 1],
    ]);
    expect(checkLinearizability(bad, model).linearizable).toBe(false);
  });

  it('handles a 2,000-operation history quickly enough to run every time', () => {
    const rows: [number, number, number, string, unknown[], unknown][] = [];
    let t = 0;
    for (let i = 0; i < 1000; i++) {
      const key = `k${i % 10}`;
      // Pairs of overlapping increments whose outputs fit either order.
      const base = Math.floor(i / 10) * 2;
      rows.push([0, t, t + 3, 'incr', [key], base + 1], [1, t + 1, t + 2, 'incr', [key], base + 2]);
      t += 4;
    }
    expect(checkLinearizability(history(rows), mapModel).linearizable).toBe(true);
  });
});

describe('operation specs under exploration', () => {
  it('a map whose incr reads then writes across awaits has a non-linearizable history', async () => {
    await expect(brokenMap).not.toBeLinearizable({ seed: 7 });
  });

  // The default budget (1000 runs) passes too (see the issue note); 300 keep this file fast on a shared machine.
  it('the same map under a per-key lock has none across 300 runs of the default portfolio', async () => {
    await expect(lockedMap).toBeLinearizable({ seed: 7, runs: 300 });
  });
});
