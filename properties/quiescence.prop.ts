import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { check } from '../src/check.js';
import { taskName } from '../src/model/trace.js';
import type { Scenario } from '../src/scenario.js';
import type { SetupContext } from '../src/scheduler/context.js';
import { chainKinds, chains } from './helpers/chains.js';

/**
 * Decisions only at quiescence: whenever a yield point resumes (a step, a
 * wrapped call's answer, a virtual timer), it starts a chain of work that
 * needs no yield point. In a real execution that chain runs to its end
 * before anything else gets to run (only one flow runs between yield
 * points), so no other yield point may be resumed while it runs, and no
 * virtual time may pass during it. Every trace the kit produces must be one
 * a real execution can have: these scenarios never fail.
 *
 * RACEKIT_QUIESCENCE_RUNS raises the number of generated programs (run it
 * with thousands before changing the scheduler).
 */
const programs = Number(process.env.RACEKIT_QUIESCENCE_RUNS ?? 60);

type Via = 'step' | 'call' | 'timer' | 'timer-callback';
interface Resumption {
  readonly via: Via;
  readonly kind: string;
  readonly length: number;
}
interface Program {
  readonly tasks: readonly (readonly Resumption[])[];
  readonly time: 'real' | 'virtual';
}

const resumption: fc.Arbitrary<Resumption> = fc.record({
  via: fc.constantFrom<Via>('step', 'call', 'timer', 'timer-callback'),
  kind: fc.constantFrom(...chainKinds),
  length: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000) }),
});

const program: fc.Arbitrary<Program> = fc.record({
  tasks: fc.array(fc.array(resumption, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 }),
  time: fc.constantFrom('real' as const, 'virtual' as const),
});

interface State {
  /** Chains started and not yet ended. */
  open: number;
  /** What went wrong first, if anything. */
  bad: string | undefined;
  call: (n: number) => Promise<number>;
}

function scenario(p: Program): Scenario<State> {
  return {
    name: 'quiescence',
    time: p.time,
    setup: (ctx: SetupContext) => ({ open: 0, bad: undefined, call: ctx.wrap(async (n: number) => n, 'call') }),
    tasks: p.tasks.map((resumptions, t) => async (ctx, s) => {
      const resumed = (what: string): void => {
        if (s.open > 0) s.bad ??= `${taskName(t)} resumed at ${what} while ${s.open} chain(s) still ran`;
      };
      const start = (r: Resumption): void => {
        s.open++;
        const began = Date.now();
        chains[r.kind]!(r.length, () => {
          s.open--;
          if (p.time === 'virtual' && Date.now() !== began) s.bad ??= `virtual time passed during a ${r.kind} chain (${began} → ${Date.now()})`;
        });
      };
      for (const [i, r] of resumptions.entries()) {
        // Under real time a timer has a duration, so resuming before it is real: only virtual timers are yield points.
        const via = p.time === 'real' && r.via.startsWith('timer') ? 'step' : r.via;
        if (via === 'step') await ctx.step(`step ${i}`);
        else if (via === 'call') await s.call(i);
        else if (via === 'timer') await new Promise((resolve) => setTimeout(resolve, 10 * (i + 1)));
        else {
          // The timer's callback starts the chain itself; the task goes on.
          setTimeout(() => {
            resumed(`timer callback ${i}`);
            start(r);
          }, 5 * (i + 1));
          continue;
        }
        resumed(`${via} ${i}`);
        start(r);
      }
    }),
    invariant: (s) => s.bad ?? (s.open === 0 || `${s.open} chain(s) still ran when the run ended`),
  };
}

describe('quiescence: decisions only when nothing is left to run', () => {
  for (const strategy of ['random', 'pct', 'exhaustive', 'portfolio'] as const) {
    it(`every trace is one a real execution can have (${strategy})`, async () => {
      await fc.assert(
        fc.asyncProperty(program, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (p, seed) => {
          const r = await check(scenario(p), { strategy, runs: 12, seed, shrink: false });
          expect(r.failed, r.failed ? `${r.message} (replay ${r.replay})` : '').toBe(false);
        }),
        { numRuns: Math.ceil(programs / 4), seed: 42 },
      );
    });
  }

  it('a 10,000-hop chain armed by a resumed step still runs to its end before the next decision', async () => {
    const p: Program = { time: 'real', tasks: [[{ via: 'step', kind: 'ticksAndMicrotasks', length: 10_000 }], [{ via: 'step', kind: 'then', length: 1 }]] };
    const r = await check(scenario(p), { strategy: 'random', runs: 20, seed: 3 });
    expect(r.failed, r.message).toBe(false);
  });

  it('the issue\'s two reproductions stay clean under every strategy', async () => {
    const dueOrder: Scenario<{ order: string[]; open: () => Promise<number> }> = {
      name: 'due-order',
      time: 'virtual',
      setup: (ctx) => ({ order: [], open: ctx.wrap(async () => 1, 'open') }),
      tasks: [
        async (_ctx, s) => {
          const conn = s.open();
          await new Promise<void>((resolve) => {
            setTimeout(() => {
              s.order.push('t5000');
              resolve();
            }, 5000);
            setTimeout(() => {
              s.order.push('t1000');
              void Promise.resolve().then(() => setTimeout(() => s.order.push('t1200'), 200));
            }, 1000);
          });
          await conn;
        },
        async (ctx) => {
          await ctx.step('arrive');
          await ctx.step('leave');
        },
      ],
      invariant: (s) => !(s.order.includes('t1200') && s.order.indexOf('t1200') > s.order.indexOf('t5000')) || s.order.join(),
    };
    const floating: Scenario<{ flag: boolean; resumed: boolean; bad: string | null }> = {
      name: 'floating-chain',
      setup: () => ({ flag: false, resumed: false, bad: null }),
      tasks: [
        async (ctx, s) => {
          await ctx.step('a');
          s.resumed = true;
          void Promise.resolve()
            .then(() => {})
            .then(() => {
              s.flag = true;
            });
        },
        async (ctx, s) => {
          await ctx.step('b');
          if (s.resumed && !s.flag) s.bad = 'B ran while A was still running';
        },
      ],
      invariant: (s) => s.bad ?? true,
    };
    for (const strategy of ['random', 'pct', 'exhaustive', 'portfolio'] as const) {
      for (const sc of [dueOrder, floating] as Scenario<unknown>[]) {
        const r = await check(sc, { strategy, runs: 300, seed: 1 });
        expect(r.failed, `${sc.name} under ${strategy}: ${r.message}`).toBe(false);
      }
    }
  });
});
