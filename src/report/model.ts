import type { CheckResult } from '../check.js';
import type { Expectation } from '../subjects/builtin.js';
import type { TraceEvent } from './trace.js';
import type { FailureView } from './text.js';
import type { FailureKind } from '../scheduler/run.js';

/** Version of the report files' format. */
export const REPORT_FORMAT = 1;

/** The verdict of one scenario as written to `<family>-<variant>.json` (replayable). */
export interface ScenarioReport {
  racekit: typeof REPORT_FORMAT;
  name: string;
  family: string;
  variant: string;
  summary: string;
  expect: Expectation;
  failed: boolean;
  /** The outcome matched the expectation. */
  ok: boolean;
  runs: number;
  firstFailure: number | undefined;
  ms: number;
  traceSteps: number;
  strategy: string;
  seed: number;
  exhausted: boolean;
  /** Stress mode (jcstress-style): every final outcome seen and how often, classified. */
  histogram?: HistogramEntry[];
  /** Where the scenario came from when it is not built in (`racekit audit`). */
  module?: string;
  failure?: {
    kind: string;
    message: string;
    foundBy: string;
    replay: string;
    preemptions: number;
    originalSteps: number;
    shrinkRuns: number;
    workload: unknown;
    trace: TraceEvent[];
    /** Display names of the trace's tasks, by index. */
    taskNames?: string[];
  };
}

/** One outcome of a stress-mode scenario. */
export interface HistogramEntry {
  /** The observed final state, as text (e.g. "counter = 1999873"). */
  outcome: string;
  count: number;
  verdict: 'acceptable' | 'forbidden';
}

/** The whole run, as written to `summary.json` and printed by `--json`. */
export interface RunSummary {
  racekit: typeof REPORT_FORMAT;
  run: string;
  seed: number;
  strategy: string;
  startedAt: string;
  ms: number;
  /** True when the run was interrupted before every scenario ran. */
  partial: boolean;
  scenarios: SummaryEntry[];
  ok: boolean;
  /** Set when the run was shard `index` of `count` (`--shard i/n`); `seed` is then the shard's own seed. */
  shard?: { index: number; count: number; baseSeed: number };
  /** Set by `racekit merge`: the run ids it combined. */
  mergedFrom?: string[];
  /** Commands that reproduce the run (one per shard for a merged run). */
  reproduce?: string[];
}

/** One row of the summary (the contract's JSON fields, plus a few). */
export interface SummaryEntry {
  name: string;
  family: string;
  variant: string;
  expect: Expectation;
  failed: boolean;
  ok: boolean;
  runs: number;
  firstFailure: number | undefined;
  ms: number;
  traceSteps: number;
  report: string;
}

/** Builds a scenario report from a check result and the scenario's declaration. */
export function scenarioReport(
  entry: { name: string; family: string; variant: string; summary: string; expect: Expectation; module?: string },
  result: CheckResult,
): ScenarioReport {
  const report: ScenarioReport = {
    racekit: REPORT_FORMAT,
    name: entry.name,
    family: entry.family,
    variant: entry.variant,
    summary: entry.summary,
    expect: entry.expect,
    failed: result.failed,
    ok: result.failed === (entry.expect === 'fail'),
    runs: result.runs,
    firstFailure: result.firstFailure,
    ms: Math.round(result.ms),
    traceSteps: result.traceSteps,
    strategy: result.strategy,
    seed: result.seed,
    exhausted: result.exhausted,
  };
  if (entry.module !== undefined) report.module = entry.module;
  if (result.failed) {
    report.failure = {
      kind: result.kind ?? 'exception',
      message: result.message ?? '',
      foundBy: result.foundBy ?? result.strategy,
      replay: result.replay ?? '',
      preemptions: result.preemptions,
      originalSteps: result.originalSteps,
      shrinkRuns: result.shrinkRuns,
      workload: result.workload,
      trace: result.trace ?? [],
      ...(result.taskNames ? { taskNames: result.taskNames } : {}),
    };
  }
  return report;
}

/** A report's failure in the shape the text renderer takes. */
export function failureView(r: ScenarioReport): FailureView {
  const f = r.failure;
  return {
    name: r.name,
    failed: r.failed,
    runs: r.runs,
    seed: r.seed,
    strategy: r.strategy,
    exhausted: r.exhausted,
    message: f?.message,
    kind: f?.kind as FailureKind | undefined,
    foundBy: f?.foundBy,
    firstFailure: r.firstFailure,
    originalSteps: f?.originalSteps ?? 0,
    traceSteps: r.traceSteps,
    shrinkRuns: f?.shrinkRuns ?? 0,
    preemptions: f?.preemptions ?? 0,
    workload: f?.workload,
    trace: f?.trace,
    taskNames: f?.taskNames,
    replay: f?.replay,
  };
}

/** File name of a scenario's reports, without extension: `family-variant`. */
export function reportBaseName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** How an outcome reads against its expectation: caught, missed, passed or FAILED. */
export function outcomeText(expect: Expectation, failed: boolean): string {
  if (expect === 'fail') return failed ? 'caught' : 'missed';
  return failed ? 'FAILED' : 'passed';
}
