import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { ArrivalGate } from '../../src/subjects/server-io/arrival-gate.js';

describe('ArrivalGate', () => {
  it('starts handlers in id order once every expected arrival is in, whatever order they came in', async () => {
    const started: number[] = [];
    const r = await check(
      {
        name: 'gate-order',
        setup: (ctx) => ({ gate: new ArrivalGate(ctx) }),
        tasks: [
          (ctx, s) => {
            for (const id of [1, 2, 3]) s.gate.expect(id, `#${id}`);
            // Arrivals in reverse, over real timers: none starts before the last is in.
            for (const [id, delay] of [[3, 1], [2, 3], [1, 6]] as const) {
              setTimeout(() => s.gate.arrive(id, () => ctx.spawn(async (h) => { started.push(id); await h.step('handle'); }, `#${id}`)), delay);
            }
          },
        ],
      },
      { runs: 3, seed: 1 },
    );
    expect(r.failed, r.message).toBe(false);
    expect(started).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('a message that never arrives is a deadlock after the bounded wait, naming what was in flight', async () => {
    const r = await check(
      {
        name: 'gate-lost',
        setup: (ctx) => ({ gate: new ArrivalGate(ctx) }),
        tasks: [
          async (ctx, s) => {
            s.gate.expect(7, 'POST /counter/increment #7 (client 1)');
            await new Promise(() => {});
          },
        ],
      },
      { runs: 1, seed: 1, deadlockTimeout: 50, shrink: false },
    );
    expect(r.kind).toBe('deadlock');
    expect(r.message).toContain('POST /counter/increment #7 (client 1) in flight');
  });

  it('a cancelled message no longer holds the others back', async () => {
    const started: number[] = [];
    const r = await check(
      {
        name: 'gate-cancel',
        setup: (ctx) => ({ gate: new ArrivalGate(ctx) }),
        tasks: [
          (ctx, s) => {
            s.gate.expect(1, '#1');
            s.gate.expect(2, '#2');
            s.gate.arrive(2, () => ctx.spawn(async (h) => { started.push(2); await h.step('handle'); }, '#2'));
            expect(started).toEqual([]);
            s.gate.cancel(1);
          },
        ],
      },
      { runs: 1, seed: 1 },
    );
    expect(r.failed, r.message).toBe(false);
    expect(started).toEqual([2]);
  });
});
