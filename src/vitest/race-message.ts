import type { CheckResult } from '../model/check-result.js';
import { exploredText } from '../report/explored-text.js';
import { formatFailureBody, formatWarnings } from '../report/text.js';

/** How a matcher message colours the expected and the received side (vitest's `this.utils`, or plain text). */
export interface MessageColors {
  readonly expected: (text: string) => string;
  readonly received: (text: string) => string;
}

/** Plain text, for messages built outside a matcher. */
export const PLAIN: MessageColors = { expected: (t) => t, received: (t) => t };

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
  return code === undefined ? undefined : `replay outside vitest: ${code}  // scenario "${result.name}", check from 'racekit'`;
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
 * under it, the line that replays it outside vitest.
 */
export function raceMessage(parts: MessageParts, colors: MessageColors = PLAIN): string {
  const { result } = parts;
  const lines = [parts.hint, '', `Expected: ${colors.expected(parts.expected)}`, `Received: ${colors.received(receivedText(result))}`];
  if (result.failed) {
    lines.push('', ...formatFailureBody(result), replayLine(result)!);
  } else {
    lines.push(...formatWarnings(result.warnings));
  }
  if (parts.report !== undefined) lines.push(`report: ${parts.report}`);
  return lines.join('\n');
}
