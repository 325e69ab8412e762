/**
 * examples/rate-limiter.ts with its yield points placed by hand, for code
 * that is not instrumented: `npx racekit audit examples/hand-placed/rate-limiter.ts`.
 *
 * The same limiters and the same store, wrapped with `ctx.wrapObject`: each
 * command takes effect at once, and its reply reaches the limiter only when
 * the scheduler picks it.
 */
import type { OperationSpec } from '../../src/index.js';
import * as plain from '../rate-limiter.js';
import { AtomicLimiter, CheckThenActLimiter, memoryStore } from '../rate-limiter.js';

export const buggy: OperationSpec<CheckThenActLimiter, Readonly<Record<string, number>>> = { ...plain.buggy, create: (ctx) => new CheckThenActLimiter(ctx.wrapObject(memoryStore())) };

export const fixed: OperationSpec<AtomicLimiter, Readonly<Record<string, number>>> = { ...plain.fixed, create: (ctx) => new AtomicLimiter(ctx.wrapObject(memoryStore())) };
