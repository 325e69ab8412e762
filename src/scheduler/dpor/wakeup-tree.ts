import { conflict, type StepId } from './step-id.js';

/** A node of a wakeup tree: a step to take, and what to take after it. */
export interface WakeupNode {
  readonly step: StepId;
  readonly children: WakeupNode[];
}

/**
 * A sequence of steps to run from some prefix, with the happens-before
 * order among them: `before[m]` lists the indices l < m whose step must
 * precede step m. Produced from a run record by {@link reversal}.
 */
export interface WakeupSequence {
  readonly steps: readonly StepId[];
  readonly before: readonly (readonly number[])[];
}

/**
 * Whether `step` is a weak initial of `seq` (Abdulla et al., JACM 2017): a
 * run from the same prefix may start with it and stay equivalent to `seq`,
 * because it is in `seq` with nothing of `seq` ordered before it, or not in
 * `seq` and independent of all of it. Returns the index of the step in
 * `seq`, −1 when it is weak initial without being in it, or undefined.
 */
export function weakInitial(step: StepId, seq: WakeupSequence): number | undefined {
  const at = seq.steps.findIndex((s) => s.key === step.key);
  if (at >= 0) return seq.before[at]!.length === 0 ? at : undefined;
  return seq.steps.some((s) => conflict(s, step)) ? undefined : -1;
}

/** `seq` without its step at `at` (a weak initial found in it). */
function without(seq: WakeupSequence, at: number): WakeupSequence {
  if (at < 0) return seq;
  const steps = seq.steps.filter((_, m) => m !== at);
  const before = seq.before.filter((_, m) => m !== at).map((b) => b.filter((l) => l !== at).map((l) => (l > at ? l - 1 : l)));
  return { steps, before };
}

/**
 * Inserts `seq` below `root` unless a branch already covers it: descend into
 * the first child whose step is a weak initial of what is left of `seq`;
 * reaching a leaf means an equivalent continuation is already planned;
 * finding no such child adds the rest of `seq` as a new last branch.
 * Returns whether the tree changed.
 */
export function insert(root: WakeupNode[], seq: WakeupSequence): boolean {
  let children = root;
  let rest = seq;
  let atRoot = true;
  for (;;) {
    if (!atRoot && children.length === 0) return false;
    if (rest.steps.length === 0) return false;
    let next: WakeupNode | undefined;
    for (const c of children) {
      const at = weakInitial(c.step, rest);
      if (at !== undefined) {
        next = c;
        rest = without(rest, at);
        break;
      }
    }
    if (!next) {
      children.push(chain(rest.steps));
      return true;
    }
    children = next.children;
    atRoot = false;
  }
}

function chain(steps: readonly StepId[]): WakeupNode {
  const [first, ...rest] = steps;
  return { step: first!, children: rest.length > 0 ? [chain(rest)] : [] };
}
