/**
 * examples/user-signup.ts with its yield point placed by hand, for code
 * that is not instrumented: `npx racekit audit examples/hand-placed/user-signup.ts`.
 *
 * The same stores, given the same hash wrapped with `ctx.wrap`: the scheduler
 * waits for the thread-pool job, and the hash reaches the store only when it
 * picks the completion.
 */
import type { OperationSpec } from '../../src/index.js';
import * as plain from '../user-signup.js';
import { CheckThenInsertUsers, ClaimFirstUsers, hashPassword } from '../user-signup.js';

export const buggy: OperationSpec<CheckThenInsertUsers, ReadonlySet<string>> = { ...plain.buggy, create: (ctx) => new CheckThenInsertUsers(ctx.wrap(hashPassword, 'hash')) };

export const fixed: OperationSpec<ClaimFirstUsers, ReadonlySet<string>> = { ...plain.fixed, create: (ctx) => new ClaimFirstUsers(ctx.wrap(hashPassword, 'hash')) };
