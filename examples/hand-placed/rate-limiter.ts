/**
 * examples/rate-limiter.ts with its yield points placed by hand, for code
 * that is not instrumented: `npx racekit audit examples/hand-placed/rate-limiter.ts`.
 *
 * The same limiters and the same store, wrapped with `ctx.wrapObject`: each
 * command takes effect at once, and its reply reaches the limiter only when
 * the scheduler picks it.
 */
import type { OperationSpec } from '../../src/index.js';
import { AtomicLimiter, CheckThenActLimiter, limiterModel, memoryStore, operations, tasks } from '../rate-limiter.js';

export const buggy: OperationSpec<CheckThenActLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/buggy',
  summary: 'get, compare, set across awaits: concurrent requests read the same count and all pass',
  expect: 'fail',
  runs: 2000,
  create: (ctx) => new CheckThenActLimiter(ctx.wrapObject(memoryStore())),
  operations,
  tasks,
  model: limiterModel,
};

export const fixed: OperationSpec<AtomicLimiter, Readonly<Record<string, number>>> = {
  name: 'rate-limiter/fixed',
  summary: 'one atomic INCR per request, decided on the count it returns',
  expect: 'pass',
  runs: 1000,
  create: (ctx) => new AtomicLimiter(ctx.wrapObject(memoryStore())),
  operations,
  tasks,
  model: limiterModel,
};
