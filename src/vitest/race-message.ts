import type { CheckResult } from '../model/check-result.js';
import { exploredText } from '../report/explored-text.js';
import { formatFailureBody, formatWarnings } from '../report/text.js';

/** What a check found, in one line: the Received side of a message. */
export function receivedText(result: CheckResult): string {
  if (result.failed) return `${result.kind} at run ${result.firstFailure} of ${result.runs}: ${result.message}`;
  return `no failing run in ${result.runs} runs (seed ${result.seed}, ${result.strategy}${exploredText(result) ? `, ${exploredText(result)}` : ''})`;
}

/**
 * The code that replays a failure outside vitest. The token carries seed,
 * workload and schedule; `check` needs the same scenario object back.
 */
export function replayLine(result: CheckResult): string | undefined {
  const code = replayCode(result);
  if (code === undefined) return undefined;
  // Awaits the plugin made yield points are yield points outside vitest only where the same files are instrumented again.
  const instrumented = (result.trace ?? []).some((e) => e.kind === 'await') ? ", the same files instrumented (node --import racekit/register, globs in RACEKIT_INSTRUMENT)" : '';
  return `replay outside vitest: ${code}  // scenario "${result.name}", check from 'racekit'${instrumented}`;
}

/** The `check` call that replays a failure (what the report folder's pages show). */
export function replayCode(result: CheckResult): string | undefined {
  return result.failed ? `await check(scenario, { replay: '${result.replay}' })` : undefined;
}

/** What a message says besides the verdict. */
export interface MessageParts {
  /** First line: what was asserted, e.g. `expect(scenario).toBeRaceFree()`. */
  readonly hint: string;
  /** The Expected side, e.g. `no failing run`. */
  readonly expected: string;
  readonly result: CheckResult;
  /** Where the report folder was written (`RACEKIT_REPORTS`), if it was. */
  readonly report?: string | undefined;
}

/**
 * A race assertion's message, as vitest prints matcher failures: the hint,
 * Expected against Received, then for a failure the interleaving table with,
 * under it, the line that replays it outside vitest. Plain text: the message
 * goes into JUnit and JSON reports as it is, where colour codes are noise.
 */
export function raceMessage(parts: MessageParts): string {
  const { result } = parts;
  const lines = [parts.hint, '', `Expected: ${parts.expected}`, `Received: ${receivedText(result)}`];
  if (result.failed) {
    lines.push('', ...formatFailureBody(result), replayLine(result)!);
  } else {
    lines.push(...formatWarnings(result.warnings));
  }
  if (parts.report !== undefined) lines.push(`report: ${parts.report}`);
  return lines.join('\n');
}
