import type { CheckResult, MemberRuns } from '../model/check-result.js';
import type { StressResult } from '../stress/run-stress.js';
import type { Expectation } from '../subjects/builtin.js';
import type { TraceEvent } from '../model/trace.js';
import type { SourceExcerpt } from './source-excerpts.js';
import type { FailureView } from './text.js';
import type { FailureKind } from '../model/trace.js';

/** Version of the report files' format. */
export const REPORT_FORMAT = 2;

/** The outcome of one scenario as written to `<family>-<variant>.json` (replayable). */
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
  /** With an exhaustive walk: the equivalence classes of schedules it ran, and runs per class (see CheckResult.classes). */
  classes?: { readonly count: number; readonly redundancy: number };
  /** With the portfolio: the runs each member planned (see CheckResult.members). */
  members?: MemberRuns[];
  /** What the user must know about what was explored (see CheckResult.warnings). */
  warnings?: string[];
  /** Stress mode (jcstress-style): every final outcome seen and how often, classified. */
  histogram?: HistogramEntry[];
  /** Where the scenario came from when it is not built in (`racekit audit`). */
  module?: string;
  /** The `--instrument` globs the audit loaded the module with; `racekit replay` instruments the same files. */
  instrument?: string[];
  /** The working directory of the audit: `module`, the `instrument` globs and the file names in trace labels are relative to it, so `racekit replay` started elsewhere moves there. */
  cwd?: string;
  /** Worker threads that explored the scenario (`--workers`); absent when the main thread did alone. */
  workers?: number;
  failure?: {
    kind: string;
    message: string;
    foundBy: string;
    replay: string;
    preemptions: number;
    originalSteps: number;
    /** Absent in reports written before 2026-12-02. */
    originalPreemptions?: number;
    shrinkRuns: number;
    workload: unknown;
    trace: TraceEvent[];
    /** Display names of the trace's tasks, by index. */
    taskNames?: string[];
    /** The source lines the trace's instrumented awaits name, with a few lines around them (read when the report is written). */
    sources?: SourceExcerpt[];
    /** With `workers`: the worker (1-based) whose run failed; `seed` is then that worker's seed. */
    worker?: number;
  };
}

/** One outcome of a stress-mode scenario. */
export interface HistogramEntry {
  /** The observed final state, as text (e.g. "counter = 1999873"). */
  outcome: string;
  count: number;
  class: 'acceptable' | 'forbidden';
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
  /** Worker threads each scenario's check could be spread over (`--workers`). */
  workers?: number;
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
  /** What the user must know about what was explored (CONTRACT: `warnings` in each `--json` scenario). */
  warnings: string[];
  /** Why the failing run failed (CheckResult.kind), when one did. */
  kind?: string;
}

/** A scenario report's row in the run summary; `report` is where its file is. */
export function summaryEntry(r: ScenarioReport, report: string): SummaryEntry {
  return { name: r.name, family: r.family, variant: r.variant, expect: r.expect, failed: r.failed, ok: r.ok, runs: r.runs, firstFailure: r.firstFailure, ms: r.ms, traceSteps: r.traceSteps, report, warnings: r.warnings ?? [], ...(r.failure ? { kind: r.failure.kind } : {}) };
}

/** What a report says of the scenario it is about. */
export interface ReportEntry {
  readonly name: string;
  readonly family: string;
  readonly variant: string;
  readonly summary: string;
  readonly expect: Expectation;
  readonly module?: string;
  readonly instrument?: readonly string[];
}

function reportHead(entry: ReportEntry, failed: boolean, kind?: string): Pick<ScenarioReport, 'racekit' | 'name' | 'family' | 'variant' | 'summary' | 'expect' | 'failed' | 'ok' | 'module' | 'instrument'> {
  return {
    racekit: REPORT_FORMAT,
    name: entry.name,
    family: entry.family,
    variant: entry.variant,
    summary: entry.summary,
    expect: entry.expect,
    failed,
    ok: outcomeOk(entry.expect, failed, kind),
    ...(entry.module !== undefined ? { module: entry.module } : {}),
    ...(entry.instrument !== undefined ? { instrument: [...entry.instrument] } : {}),
  };
}

/** Builds a scenario report from a check result and the scenario's declaration. */
export function scenarioReport(entry: ReportEntry, result: CheckResult): ScenarioReport {
  const report: ScenarioReport = {
    ...reportHead(entry, result.failed, result.failed ? result.kind : undefined),
    runs: result.runs,
    firstFailure: result.firstFailure,
    ms: Math.round(result.ms),
    traceSteps: result.traceSteps,
    strategy: result.strategy,
    seed: result.seed,
    exhausted: result.exhausted,
    warnings: result.warnings,
    ...(result.classes ? { classes: result.classes } : {}),
    ...(result.members ? { members: result.members.map((m) => ({ strategy: m.strategy, runs: m.runs })) } : {}),
  };
  if (result.failed) {
    report.failure = {
      kind: result.kind,
      message: result.message,
      foundBy: result.foundBy,
      replay: result.replay,
      preemptions: result.preemptions,
      originalSteps: result.originalSteps,
      originalPreemptions: result.originalPreemptions,
      shrinkRuns: result.shrinkRuns,
      workload: result.workload,
      trace: result.trace,
      taskNames: result.taskNames,
    };
  }
  return report;
}

/** Builds a scenario report from a stress result: rounds count as runs, the histogram replaces the trace. */
export function stressReport(entry: ReportEntry, result: StressResult): ScenarioReport {
  const report: ScenarioReport = {
    ...reportHead(entry, result.failed),
    runs: result.rounds,
    firstFailure: result.firstForbidden,
    ms: Math.round(result.ms),
    traceSteps: 0,
    strategy: 'stress',
    seed: result.seed,
    exhausted: false,
    warnings: [],
    histogram: result.histogram,
  };
  if (result.failed) {
    report.failure = {
      kind: result.crash !== undefined ? 'exception' : 'invariant',
      message: result.message ?? '',
      foundBy: 'stress',
      replay: '',
      preemptions: 0,
      originalSteps: 0,
      shrinkRuns: 0,
      workload: result.workload,
      trace: [],
    };
  }
  return report;
}

/** ` (worker 2 of 2)` after "at run N" when worker threads explored the scenario, else nothing. */
export function workerText(r: Pick<ScenarioReport, 'workers' | 'failure'>): string {
  return r.workers !== undefined && r.failure?.worker !== undefined ? ` (worker ${r.failure.worker} of ${r.workers})` : '';
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
    originalPreemptions: f?.originalPreemptions,
    traceSteps: r.traceSteps,
    shrinkRuns: f?.shrinkRuns ?? 0,
    preemptions: f?.preemptions ?? 0,
    workload: f?.workload,
    trace: f?.trace,
    taskNames: f?.taskNames,
    replay: f?.replay,
    warnings: r.warnings,
    classes: r.classes,
    members: r.members,
    worker: r.workers !== undefined && f?.worker !== undefined ? { number: f.worker, of: r.workers } : undefined,
  };
}

/** File name of a scenario's reports, without extension: `family-variant`. */
export function reportBaseName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * Whether an outcome met its expectation. A race expected is caught only by
 * a failure that shows one: a run that ran out of steps (`step-budget`)
 * may be a program longer than the budget, and shows nothing.
 */
export function outcomeOk(expect: Expectation, failed: boolean, kind?: string): boolean {
  return expect === 'fail' ? failed && kind !== 'step-budget' : !failed;
}

/** How an outcome reads against its expectation: caught, missed, passed or FAILED; out of steps, whatever was expected. */
export function outcomeText(expect: Expectation, failed: boolean, kind?: string): string {
  if (failed && kind === 'step-budget') return 'out of steps';
  if (expect === 'fail') return failed ? 'caught' : 'missed';
  return failed ? 'FAILED' : 'passed';
}
