import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { Mutex } from 'async-mutex';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { driveRun } from '../bench/drive.js';
import type { Program } from '../bench/program.js';
import { isPreemption, type Decision } from '../src/scheduler/decision.js';
import { stepIds } from '../src/scheduler/dpor/step-id.js';
import { RunRecord } from '../src/scheduler/dpor/run-record.js';
import { ExhaustiveStrategy } from '../src/scheduler/exhaustive.js';

/** What a step touches: undefined (unknown), nothing, the task's own cell, x, y, or both. */
const touchArb = fc.constantFrom<readonly string[] | undefined>(undefined, [], ['own'], ['x'], ['y'], ['x', 'y']);

interface Shape {
  readonly touches: (readonly string[] | undefined)[][];
}

const shapeArb: fc.Arbitrary<Shape> = fc
  .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([n, k]) => fc.array(fc.array(touchArb, { minLength: k, maxLength: k }), { minLength: n, maxLength: n }))
  .map((touches) => ({ touches }));

/**
 * Each step updates exactly the cells it declares (all cells when it declares
 * nothing), in an order-sensitive way, so two runs end in the same state when
 * they ordered every pair of conflicting steps alike.
 */
function program(shape: Shape, finals: Set<string>): Program<Record<string, number>> {
  return {
    name: 'random shape',
    setup: () => ({ x: 1, y: 1 }),
    tasks: shape.touches.map((steps, t) => async (y, s) => {
      for (let i = 0; i < steps.length; i++) {
        await y(`s${i}`);
        const cells = steps[i] === undefined ? ['x', 'y'] : steps[i]!.filter((c) => c !== 'own');
        for (const c of cells) s[c] = (s[c]! * 31 + t * 7 + i + 1) % 1_000_003;
      }
    }),
    invariant: (s) => {
      finals.add(JSON.stringify(s));
      return true;
    },
  };
}

const touches = (shape: Shape) => (task: number, _label: string, ordinal: number) => {
  const declared = shape.touches[task]![ordinal];
  return declared?.map((c) => (c === 'own' ? `own${task}` : c));
};

/** Every schedule within the bound, by plain depth-first enumeration: the reference. */
async function everySchedule(shape: Shape, bound: number): Promise<Set<string>> {
  const finals = new Set<string>();
  let prefix: number[] = [];
  for (;;) {
    const taken: { index: number; allowed: number[] }[] = [];
    let preemptions = 0;
    await driveRun(program(shape, finals), (d: Decision) => {
      const allowed = [...d.pending.keys()].filter((i) => preemptions + (isPreemption(d, i) ? 1 : 0) <= bound);
      const index = taken.length < prefix.length ? prefix[taken.length]! : allowed[0]!;
      taken.push({ index, allowed });
      if (isPreemption(d, index)) preemptions++;
      return index;
    });
    let m = taken.length - 1;
    while (m >= 0 && taken[m]!.allowed.indexOf(taken[m]!.index) === taken[m]!.allowed.length - 1) m--;
    if (m < 0) return finals;
    prefix = [...taken.slice(0, m).map((t) => t.index), taken[m]!.allowed[taken[m]!.allowed.indexOf(taken[m]!.index) + 1]!];
  }
}

async function walk(shape: Shape, bound: number) {
  const strategy = new ExhaustiveStrategy({ preemptionBound: bound, manyWorkloads: false });
  const finals = new Set<string>();
  const classes = new Set<number>();
  for (let plan = strategy.plan(); plan; plan = strategy.plan()) {
    const record = new RunRecord();
    const chooser = plan.chooser;
    const r = await driveRun(program(shape, finals), (d) => {
      const i = chooser.choose(d);
      if (i >= 0) record.record(stepIds(d), stepIds(d)[i]!);
      return i;
    }, touches(shape));
    strategy.done(plan, { steps: r.steps, pruned: r.outcome === 'pruned' });
    if (r.outcome !== 'pruned') classes.add(record.classId());
  }
  return { finals, classes, stats: strategy.stats };
}

describe('dynamic partial-order reduction', () => {
  it('unbounded: runs every Mazurkiewicz class exactly once and reaches every final state', async () => {
    await fc.assert(
      fc.asyncProperty(shapeArb, async (shape) => {
        const reference = await everySchedule(shape, Infinity);
        const w = await walk(shape, Infinity);
        expect(w.finals).toEqual(reference);
        expect(w.stats.runs).toBe(w.stats.classes);
        expect(w.stats.classes).toBe(w.classes.size);
        expect(w.stats.pruned).toBe(0);
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it.each([0, 1, 2])('preemption bound %i: reaches every final state that some schedule within the bound reaches', async (bound) => {
    await fc.assert(
      fc.asyncProperty(shapeArb, async (shape) => {
        const reference = await everySchedule(shape, bound);
        const w = await walk(shape, bound);
        for (const s of reference) expect(w.finals).toContain(s);
      }),
      { numRuns: 60, seed: bound + 2 },
    );
  });

  it('disjoint steps form one class: one run', async () => {
    const shape: Shape = { touches: [[['own'], ['own'], ['own']], [['own'], ['own'], ['own']], [['own'], ['own'], ['own']]] };
    const w = await walk(shape, Infinity);
    expect(w.stats).toEqual({ runs: 1, pruned: 0, classes: 1 });
  });

  it('two tasks, every step on one cell: all C(6,3) = 20 orders are classes of their own', async () => {
    const shape: Shape = { touches: [[['x'], ['x'], ['x']], [['x'], ['x'], ['x']]] };
    const w = await walk(shape, Infinity);
    expect(w.stats).toEqual({ runs: 20, pruned: 0, classes: 20 });
  });
});

describe('dynamic partial-order reduction over several flows of one task', () => {
  /** Per task: the steps of its own function and of a background flow it starts first and awaits last (1–2 each). */
  const flowsArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })), { minLength: 1, maxLength: 2 });

  /** Each step updates x in an order-sensitive way, so runs end alike only when they ordered every step alike. */
  const scenario = (flows: [number, number][], finals: Set<number>): Scenario<{ x: number }> => ({
    name: 'flows',
    setup: () => ({ x: 1 }),
    tasks: flows.map(([own, background], t) => async (ctx, s: { x: number }) => {
      const bump = (tag: number) => (s.x = (s.x * 31 + tag) % 1_000_003);
      const side = (async () => {
        for (let i = 0; i < background; i++) {
          await ctx.step(`b${i}`);
          bump(100 * t + 10 + i);
        }
      })();
      for (let i = 0; i < own; i++) {
        await ctx.step(`m${i}`);
        bump(100 * t + i);
      }
      await side;
    }),
    invariant: (s) => {
      finals.add(s.x);
      return true;
    },
  });

  it('unbounded: reaches every final state that random runs reach, and says the walk is exhausted', async () => {
    await fc.assert(
      fc.asyncProperty(flowsArb, async (flows) => {
        const reference = new Set<number>();
        await check(scenario(flows, reference), { strategy: 'random', runs: 400, seed: 1, shrink: false });
        const finals = new Set<number>();
        const r = await check(scenario(flows, finals), { strategy: 'exhaustive', preemptionBound: Infinity, runs: 100_000, shrink: false });
        expect(r.exhausted).toBe(true);
        for (const x of reference) expect(finals, JSON.stringify(flows)).toContain(x);
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('a task that starts a background flow and then steps on: the flows\' order is explored, under the default bound as without one, and by PCT', async () => {
    // The task shows 'a', steps, shows 'ab'; 'a' may land last (the background load of 'a' resumed after that of 'ab'), with no preemption.
    const shown: Scenario<{ shown: string }> = {
      name: 'background flows',
      setup: () => ({ shown: '' }),
      tasks: [
        async (ctx, s) => {
          const show = async (text: string) => {
            await ctx.step(`load ${text}`);
            s.shown = text;
          };
          void show('a');
          await ctx.step('typing');
          void show('ab');
        },
      ],
      invariant: (s) => s.shown === 'ab' || `showing ${s.shown}`,
    };
    for (const options of [{ strategy: 'exhaustive' as const }, { strategy: 'exhaustive' as const, preemptionBound: Infinity }, { strategy: 'pct' as const, runs: 50 }]) {
      const r = await check(shown, { ...options, seed: 1, shrink: false });
      expect(r.failed, JSON.stringify(options)).toBe(true);
      expect(r.message).toBe('showing a');
    }
  });
});

describe('dynamic partial-order reduction with a step that stops being pending', () => {
  it('a timeout racing a wrapped call, cleared once the call answers, with steps after: the walk runs the timeout first too', async () => {
    // Before, the timer (left over: it never ran) was taken to race the run's last step, where it was no longer pending: the
    // reversal was planned where it could not be taken, and the walk claimed exhausted after 1 run.
    const scenario: Scenario<{ load: () => Promise<number>; timedOut: boolean }> = {
      name: 'timeout cleared',
      time: 'virtual',
      setup: (ctx) => ({ load: ctx.wrap(async () => 1, 'load'), timedOut: false }),
      tasks: [
        async (ctx, s) => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const answer = await Promise.race([s.load(), new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 100)))]);
          clearTimeout(timer);
          if (answer === 'timeout') s.timedOut = true;
          await ctx.step('after');
          await ctx.step('after again');
        },
      ],
      invariant: (s) => !s.timedOut || 'the load timed out',
    };
    for (const preemptionBound of [1, 2, Infinity]) {
      const r = await check(scenario, { strategy: 'exhaustive', preemptionBound, shrink: false });
      expect(r.failed, `bound ${preemptionBound}`).toBe(true);
      expect(r.message).toBe('the load timed out');
    }
  });
});

describe('dynamic partial-order reduction with blocking (async-mutex)', () => {
  /**
   * Three tasks: a step on their own cell outside the lock (the code after it
   * also acquires the mutex, so it touches the mutex), then a critical section
   * that appends to a log and releases the mutex.
   */
  const scenario = (declare: boolean, finals: Set<string>): Scenario<{ log: string[]; mutex: Mutex }> => ({
    name: 'lock order',
    setup: () => ({ log: [], mutex: new Mutex() }),
    tasks: ['A', 'B', 'C'].map((name, t) => async (ctx, s: { log: string[]; mutex: Mutex }) => {
      await ctx.step('think', declare ? { touches: [`own${t}`, 'mutex'] } : undefined);
      await s.mutex.runExclusive(async () => {
        await ctx.step('enter', declare ? { touches: ['log', 'mutex'] } : undefined);
        s.log.push(name);
      });
    }),
    invariant: (s) => {
      finals.add(s.log.join(''));
      return true;
    },
  });

  it.each([1, 2, Infinity])('preemption bound %s: every order of the critical sections that plain enumeration reaches', async (bound) => {
    const reference = new Set<string>();
    await check(scenario(false, reference), { strategy: 'exhaustive', preemptionBound: bound, runs: 100_000 });
    const reduced = new Set<string>();
    const r = await check(scenario(true, reduced), { strategy: 'exhaustive', preemptionBound: bound, runs: 100_000 });
    expect(r.exhausted).toBe(true);
    expect(reduced).toEqual(reference);
    if (bound === Infinity) expect(reference.size).toBe(6);
  });
});
