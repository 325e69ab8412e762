import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { check, divergenceMessage, SAME_INTERLEAVING_PASSED } from '../../src/check.js';
import { InvalidReplayError, UsageError } from '../../src/errors.js';
import { formatFailure } from '../../src/report/text.js';
import { REPORT_FORMAT, type ScenarioReport } from '../../src/report/model.js';
import type { Scenario } from '../../src/scenario.js';
import type { TraceEvent } from '../../src/model/trace.js';

/** Reads and checks a scenario report; every problem is one {@link InvalidReplayError} line. */
export async function readReport(path: string): Promise<ScenarioReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // A token copied from a test's output: what to do with it.
    if (/^rk\d+:/.test(path)) throw new InvalidReplayError(`${path.slice(0, 24)}… is a replay token, not a report: racekit replay takes the report a run wrote (reports/<run>/<scenario>.json); replay a token in code with await check(scenario, { replay: '${path.slice(0, 12)}…' })`);
    throw new InvalidReplayError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InvalidReplayError(`${path} is not JSON, so not a racekit report`);
  }
  const r = doc as Partial<ScenarioReport>;
  // Format 1 reports replay too: the replay token did not change, only how traces name yield point kinds.
  if (typeof doc !== 'object' || doc === null || (r.racekit !== REPORT_FORMAT && (r.racekit as unknown) !== 1) || typeof r.name !== 'string') throw new InvalidReplayError(`${path} is not a racekit scenario report (expected "racekit": ${REPORT_FORMAT} and a "name")`);
  if (!r.failure) throw new InvalidReplayError(`${path} records no failure to replay (${r.name} passed its ${r.runs ?? '?'} runs)`);
  if (r.histogram) throw new InvalidReplayError(`${path} is a stress-mode result (${r.name}): real parallel rounds have no schedule to replay; rerun it with racekit run ${r.name}`);
  if (typeof r.failure.replay !== 'string' || !Array.isArray(r.failure.trace)) throw new InvalidReplayError(`${path}: failure has no replay token or trace`);
  const cwd = r.cwd;
  if (cwd !== undefined && (typeof cwd !== 'string' || !isAbsolute(cwd))) throw new InvalidReplayError(`${path}: "cwd" must be the absolute directory the audit ran in, got ${JSON.stringify(cwd)}`);
  if (r.instrument !== undefined && (!Array.isArray(r.instrument) || r.instrument.length === 0 || !r.instrument.every((g) => typeof g === 'string'))) throw new InvalidReplayError(`${path}: "instrument" must be the list of globs the audit ran with, got ${JSON.stringify(r.instrument)}`);
  return r as ScenarioReport;
}

/**
 * Moves into the directory an audit ran in, so that its module and globs,
 * relative to it, name the same files, and instrumented awaits get the same
 * trace labels (a label names its file relative to the working directory).
 * Returns the directory to come back to. One that cannot be entered (a
 * report copied from CI; a worker thread, which cannot change directory)
 * leaves the working directory as it is: a checkout elsewhere replays from
 * its root, as reports without `cwd` always did.
 */
async function enterRecordedDirectory(report: ScenarioReport): Promise<string | undefined> {
  if (report.cwd === undefined || report.module === undefined) return undefined;
  const here = process.cwd();
  try {
    process.chdir(report.cwd);
    return here;
  } catch (error) {
    try {
      await access(resolve(report.module));
    } catch {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'which is not here' : 'which cannot be entered';
      throw new InvalidReplayError(`cannot read module ${report.module}: the audit ran in ${report.cwd}, ${why}, and ${resolve(report.module)} does not exist`);
    }
    return undefined;
  }
}

/** The first step at which two traces differ (task, label or kind), or undefined. */
export function firstDifference(recorded: readonly TraceEvent[], replayed: readonly TraceEvent[]): number | undefined {
  const n = Math.min(recorded.length, replayed.length);
  for (let i = 0; i < n; i++) {
    const a = recorded[i]!;
    const b = replayed[i]!;
    if (a.task !== b.task || a.label !== b.label || a.kind !== b.kind || JSON.stringify(a.value) !== JSON.stringify(b.value)) return i + 1;
  }
  return recorded.length === replayed.length ? undefined : n + 1;
}

/** Finds the scenario a report names: built in, or exported by the module it records. */
export async function scenarioOf(report: ScenarioReport, load: (module: string, name: string) => Promise<Scenario<unknown, unknown>>): Promise<Scenario<unknown, unknown>> {
  if (report.module !== undefined) return load(report.module, report.name);
  // Written by a raceTest: its scenario lives in the test file, which only vitest can load.
  if (report.summary.startsWith('vitest ')) {
    throw new InvalidReplayError(`report was written by a vitest test (${report.summary.slice('vitest '.length)}): replay it there, with replay: '${report.failure?.replay ?? ''}' in the raceTest's options, or await check(scenario, { replay: '…' })`);
  }
  // Loaded only for a built-in scenario: the families import undici, ws and piscina, which an audit's globs may instrument (before they load).
  const { selectScenarios } = await import('../../src/subjects/registry.js');
  try {
    const [entry] = selectScenarios([report.name]);
    if (entry && entry.name === report.name) return entry.scenario;
  } catch {
    // fall through to the one-line error below
  }
  throw new InvalidReplayError(`report names scenario "${report.name}", which this version of racekit does not have`);
}

/** `racekit replay <report.json>`: re-runs the recorded failure; 1 reproduced, 0 not. */
export async function replayCommand(argv: string[], load: (module: string, name: string) => Promise<Scenario<unknown, unknown>>): Promise<number> {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('usage: racekit replay <report.json>');
  const path = positionals[0]!;
  const report = await readReport(path);
  const back = await enterRecordedDirectory(report);
  try {
    return await replayRecorded(report, load);
  } finally {
    // main() may run in a process that goes on (a test): the working directory is its own again.
    if (back !== undefined) process.chdir(back);
  }
}

/** Replays a report's failure and says whether it was reproduced. */
async function replayRecorded(report: ScenarioReport, load: (module: string, name: string) => Promise<Scenario<unknown, unknown>>): Promise<number> {
  if (report.instrument !== undefined) {
    // Recorded under --instrument: the same files must load transformed, or the replay cannot take the same steps.
    const { instrumentCommandLine } = await import('../instrument-option.js');
    instrumentCommandLine(report.instrument.join(','), true);
  }
  const scenario = await scenarioOf(report, load);
  const failure = report.failure!;
  const result = await check(scenario, { replay: failure.replay });
  const diverged = firstDifference(failure.trace, result.trace ?? []) ?? result.divergedAt;
  process.stdout.write(`${formatFailure(result)}\n`);
  if (diverged !== undefined) {
    process.stdout.write(`\n${divergenceMessage(diverged)}\nnot reproduced: the recorded failure was "${failure.message}"\n`);
    return 0;
  }
  if (!result.failed) {
    process.stdout.write(`\nnot reproduced: the run passed (the recorded failure was "${failure.message}"): ${SAME_INTERLEAVING_PASSED}\n`);
    return 0;
  }
  process.stdout.write(`\nreproduced: the same ${result.traceSteps}-step trace and the same failure (${result.kind})\n`);
  return 1;
}
