/**
 * Sign-up with a password hash, audited with
 * `npx racekit audit examples/user-signup.ts --instrument examples/user-signup.ts`.
 *
 * Plain code: no racekit call in the stores. The hash is `crypto.scrypt`, a
 * job on Node's thread pool, which the process does not list among its
 * active resources: while every task waits for its hash nothing is pending,
 * and the kit tracks that unlisted work rather than calling it a deadlock.
 *
 * The bug: check-then-insert across the hash. `signUp` checks the name is
 * free, awaits the hash, then stores the user; two sign-ups of one name both
 * see it free and both succeed, the second overwriting the first's password.
 * The fix claims the name before hashing (and gives it back if hashing
 * fails), so the check and the claim are one step.
 * (examples/hand-placed/user-signup.ts wraps the hash by hand instead.)
 */
import { scrypt } from 'node:crypto';
import * as fc from 'fast-check';
import type { OperationSpec, SequentialModel } from '../src/index.js';

/** scrypt with a small cost, so that a run takes a fraction of a millisecond of hashing. */
export function hashPassword(password: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, 'racekit-salt', 16, { N: 16 }, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Checks the name, awaits the hash, then stores the user: a sign-up of the same name can come in between. */
export class CheckThenInsertUsers {
  private readonly users = new Map<string, Buffer>();
  constructor(private readonly hash: (password: string) => Promise<Buffer> = hashPassword) {}
  async signUp(name: string, password: string): Promise<boolean> {
    if (this.users.has(name)) return false;
    const hash = await this.hash(password);
    this.users.set(name, hash);
    return true;
  }
}

/** Claims the name first (no await between the check and the claim), then hashes. */
export class ClaimFirstUsers {
  private readonly users = new Map<string, Buffer | 'claimed'>();
  constructor(private readonly hash: (password: string) => Promise<Buffer> = hashPassword) {}
  async signUp(name: string, password: string): Promise<boolean> {
    if (this.users.has(name)) return false;
    this.users.set(name, 'claimed');
    try {
      this.users.set(name, await this.hash(password));
    } catch (error) {
      this.users.delete(name);
      throw error;
    }
    return true;
  }
}

/** The sequential store: the first sign-up of a name succeeds, every later one is refused. */
export const signUpModel: SequentialModel<ReadonlySet<string>> = {
  init: () => new Set(),
  step: (state, op) => {
    const name = op.args[0] as string;
    return state.has(name) ? { state, output: false } : { state: new Set([...state, name]), output: true };
  },
  partition: (op) => op.args[0] as string,
};

/** Sign-ups of two names, from two to three tasks. */
export const operations = { signUp: [fc.constantFrom('ada', 'bob'), fc.constantFrom('hunter2', 'correct horse')] };
export const tasks = { min: 2, max: 3 };

export const buggy: OperationSpec<CheckThenInsertUsers, ReadonlySet<string>> = {
  name: 'user-signup/buggy',
  summary: 'checks the name is free, awaits the password hash, then inserts: two sign-ups of one name both succeed',
  expect: 'fail',
  runs: 2000,
  create: () => new CheckThenInsertUsers(),
  operations,
  tasks,
  model: signUpModel,
};

export const fixed: OperationSpec<ClaimFirstUsers, ReadonlySet<string>> = {
  name: 'user-signup/fixed',
  summary: 'claims the name before hashing, gives it back if hashing fails',
  expect: 'pass',
  runs: 1000,
  create: () => new ClaimFirstUsers(),
  operations,
  tasks,
  model: signUpModel,
};
