import type { CheckResult } from '../model/check-result.js';

/** The part of vitest's test context that annotates a test (vitest ≥ 3.2). */
export interface Annotating {
  annotate?: (message: string, type?: string) => Promise<unknown>;
}

/**
 * Says a check's warnings where a vitest user sees them: on the console
 * (vitest prints it under the test) and, given the test context, as a
 * `warning` annotation that reporters (JUnit, GitHub Actions, the UI) show.
 */
export async function sayWarnings(result: CheckResult, context?: Annotating): Promise<void> {
  for (const warning of result.warnings) {
    console.warn(`racekit: ${result.name}: ${warning}`);
    await context?.annotate?.(`racekit: ${warning}`, 'warning');
  }
}
