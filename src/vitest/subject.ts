import { check } from '../check.js';
import type { CheckResult } from '../model/check-result.js';
import type { CheckOptions } from '../options.js';
import type { Scenario } from '../scenario.js';
import { isOperationSpec, operationScenario, type OperationSpec } from '../audit/operation-spec.js';
import { isScenario } from '../audit/targets.js';

/** What racekit's matchers accept: a check's result, or what to check (a scenario, an operation spec). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RaceSubject = CheckResult | Scenario<any, any> | OperationSpec<any, any>;

/** True when `value` is a {@link CheckResult} (what `check` returns). */
export function isCheckResult(value: unknown): value is CheckResult {
  const v = value as Partial<CheckResult> | null;
  return typeof v === 'object' && v !== null && typeof v.failed === 'boolean' && typeof v.runs === 'number' && typeof v.seed === 'number';
}

/** What a matcher was handed, named for its messages: `expect(result)…` or `expect(scenario)…`. */
export type SubjectKind = 'result' | 'scenario' | 'spec';

/** The kind of a matcher's received value, or undefined when it is none racekit knows. */
export function subjectKind(value: unknown): SubjectKind | undefined {
  if (isCheckResult(value)) return 'result';
  if (isOperationSpec(value)) return 'spec';
  if (isScenario(value)) return 'scenario';
  return undefined;
}

/** Checks a scenario or an operation spec (a spec's own `runs` unless the options say otherwise). */
export function checkSubject(value: Scenario<unknown, unknown> | OperationSpec, options: CheckOptions): Promise<CheckResult> {
  if (isOperationSpec(value)) return check(operationScenario(value), { ...(value.runs === undefined ? {} : { runs: value.runs }), ...options });
  return check(value, options);
}
