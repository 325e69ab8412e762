import { UsageError } from '../src/errors.js';
import { outcomeOk, REPORT_FORMAT, summaryEntry, type RunSummary, type ScenarioReport, type SummaryEntry } from '../src/report/model.js';
import { reproduceCommands } from '../src/report/reproduce.js';
import type { LoadedRun } from './load-run.js';

/**
 * One scenario over every shard: runs and time add up; it failed if any
 * shard failed, and the failure shown is the shortest trace found.
 */
function mergeScenario(parts: readonly ScenarioReport[]): ScenarioReport {
  const failing = parts.filter((r) => r.failed).sort((a, b) => a.traceSteps - b.traceSteps);
  const base = failing[0] ?? parts[0]!;
  const failed = failing.length > 0;
  return {
    ...base,
    failed,
    ok: outcomeOk(base.expect, failed, base.failure?.kind),
    runs: parts.reduce((n, r) => n + r.runs, 0),
    ms: parts.reduce((n, r) => n + r.ms, 0),
    exhausted: parts.some((r) => r.exhausted),
  };
}

/** Shards that explored the same seed are the same runs twice: merging them would double-count. */
function rejectOverlap(runs: readonly LoadedRun[]): void {
  const seen = new Map<number, string>();
  for (const r of runs) {
    const other = seen.get(r.summary.seed);
    if (other !== undefined) throw new UsageError(`${other} and ${r.path} explored the same seed ${r.summary.seed}: merge the summaries of different shards`);
    seen.set(r.summary.seed, r.path);
  }
}

/**
 * Combines shard runs into one: every scenario any shard ran, its runs
 * summed, caught or failed when any shard saw it fail. `entryPath` names
 * where each scenario's merged report is written.
 */
export function mergeRuns(runs: readonly LoadedRun[], id: string, entryPath: (name: string) => string): { summary: RunSummary; reports: ScenarioReport[] } {
  if (runs.length === 0) throw new UsageError('merge needs at least one summary.json');
  rejectOverlap(runs);
  const byName = new Map<string, ScenarioReport[]>();
  for (const run of runs) for (const r of run.reports) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const reports = [...byName.values()].map(mergeScenario);
  const scenarios: SummaryEntry[] = reports.map((r) => summaryEntry(r, entryPath(r.name)));
  const first = runs[0]!.summary;
  const bases = new Set(runs.map((r) => r.summary.shard?.baseSeed ?? r.summary.seed));
  const strategies = new Set(runs.map((r) => r.summary.strategy));
  const partial = runs.some((r) => r.summary.partial);
  const summary: RunSummary = {
    racekit: REPORT_FORMAT,
    run: id,
    seed: bases.size === 1 ? [...bases][0]! : first.seed,
    strategy: strategies.size === 1 ? first.strategy : [...strategies].join('+'),
    startedAt: runs.map((r) => r.summary.startedAt).sort()[0]!,
    // Shards run side by side: the merged run took as long as the slowest.
    ms: Math.max(...runs.map((r) => r.summary.ms)),
    partial,
    scenarios,
    ok: !partial && scenarios.every((s) => s.ok),
    mergedFrom: runs.map((r) => r.summary.run),
    reproduce: runs.flatMap((r) => reproduceCommands(r.summary)),
  };
  return { summary, reports };
}
