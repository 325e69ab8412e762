import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CheckResult, FailedCheck } from '../../src/model/check-result.js';
import { literal, root } from './instrumented.js';

/** What a module in examples/ must not contain in its uninstrumented form: any racekit call that places a yield point. */
const HAND_PLACED = /\bctx\.(step|wrap|wrapObject|hold|spawn)\b|\bwrapObject\(/;

/** The lines of a module in the repository. */
export function sourceLines(module: string): string[] {
  return readFileSync(join(root, module), 'utf8').split('\n');
}

/** The module places no yield point by hand: no ctx.step, ctx.wrap, wrapObject, ctx.hold or ctx.spawn anywhere in it. */
export function expectNoHandPlacedYieldPoints(module: string): void {
  const found = sourceLines(module)
    .map((line, i) => [i + 1, line] as const)
    .filter(([, line]) => HAND_PLACED.test(line) && !/^\s*(\*|\/\/)/.test(line));
  expect(found, `${module} places yield points by hand`).toEqual([]);
}

/**
 * Every instrumented await of the trace names a line of the module that
 * awaits, and carries that line's text; there is at least one.
 */
export function expectAwaitsOf(result: FailedCheck, module: string): void {
  const lines = sourceLines(module);
  const awaits = result.trace.filter((e) => e.kind === 'await');
  expect(awaits.length, JSON.stringify(result.trace)).toBeGreaterThan(0);
  for (const e of awaits) {
    const at = new RegExp(`^await ${literal(module)}:(\\d+)$`).exec(e.label);
    expect(at, e.label).not.toBeNull();
    const line = lines[Number(at![1]) - 1]!;
    expect(line).toMatch(/\bawait\b/);
    expect(e.source?.trim()).toBe(line.trim());
  }
}

/** A replay of `recorded` that ran the same trace to the same failure. */
export function expectSameFailure(replayed: CheckResult, recorded: FailedCheck): void {
  expect(replayed.failed).toBe(true);
  expect(replayed.message).toBe(recorded.message);
  expect(replayed.trace).toEqual(recorded.trace);
  expect(replayed.divergedAt).toBeUndefined();
}
