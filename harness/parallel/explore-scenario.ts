import { check } from '../../src/check.js';
import type { Progress } from '../../src/options.js';
import { scenarioReport, type ScenarioReport } from '../../src/report/model.js';
import type { StrategyName } from '../../src/scheduler/strategy.js';
import type { BuiltinScenario } from '../../src/subjects/builtin.js';
import type { ExplorePool } from './explore-pool.js';
import type { SearchSettings } from './protocol.js';
import { workersFor } from './shares.js';

/** How one scenario is explored by `run` and `audit`. */
export interface ExploreSettings extends SearchSettings {
  readonly runs: number;
  readonly seed: number;
  readonly budgetMs: number | undefined;
  readonly onProgress: (progress: Progress) => void;
  readonly signal: AbortSignal;
}

/**
 * Why a scenario is explored on the main thread alone under `--workers N`,
 * or undefined when workers may share it. A scenario that starts threads of
 * its own already uses the cores, and its threads, slow to start when
 * competing for them, would count that against the deadlock timeout.
 * Exhaustive walks one depth-first tree: every worker would walk the same
 * one (splitting it into disjoint subtrees is the strategy's to offer).
 */
export function mainThreadOnly(s: BuiltinScenario, strategy: StrategyName): string | undefined {
  if (s.startsThreads === true) return 'it starts worker threads of its own';
  if (strategy === 'exhaustive') return 'exhaustive walks one depth-first tree';
  return undefined;
}

/**
 * Explores a scenario (not a stress-mode one) and reports it: on the pool's
 * workers when there is a pool, the scenario allows it and it has a run for
 * more than one worker; else on this thread, exactly as `check()` does.
 */
export async function exploreScenario(s: BuiltinScenario & { module?: string; instrument?: readonly string[] }, x: ExploreSettings, pool: ExplorePool | undefined): Promise<ScenarioReport> {
  const budget = x.budgetMs === undefined ? {} : { budgetMs: x.budgetMs };
  if (pool === undefined || mainThreadOnly(s, x.strategy) !== undefined || workersFor(pool.workers, x.runs) === 1) {
    return recordedIn(scenarioReport(s, await check(s.scenario, { ...s.options, strategy: x.strategy, ...searchOptions(x), runs: x.runs, seed: x.seed, ...budget, onProgress: x.onProgress, signal: x.signal })));
  }
  const merged = await pool.explore({ target: { name: s.name, module: s.module, instrument: s.instrument }, strategy: x.strategy, ...searchOptions(x), runs: x.runs, seed: x.seed, budgetMs: x.budgetMs, onProgress: x.onProgress, signal: x.signal });
  const report = recordedIn(scenarioReport(s, merged.result));
  report.workers = merged.workers;
  if (report.failure !== undefined && merged.worker !== undefined) report.failure.worker = merged.worker + 1;
  return report;
}

/**
 * An audit's report with the working directory it ran in (`cwd`), right
 * after the `module` and `instrument` it qualifies: both are relative paths,
 * and `racekit replay` started anywhere else must still find the module,
 * instrument the same files and name them alike in its trace.
 */
function recordedIn(report: ScenarioReport): ScenarioReport {
  if (report.module === undefined) return report;
  const after = report.instrument === undefined ? 'module' : 'instrument';
  return Object.fromEntries(Object.entries(report).flatMap(([key, value]) => (key === after ? [[key, value], ['cwd', process.cwd()]] : [[key, value]]))) as ScenarioReport;
}

/** The search options the command line gave, and only those, as check() options (an absent one leaves the scenario's own). */
export function searchOptions(x: SearchSettings): { depth?: number; preemptionBound?: number } {
  return { ...(x.depth === undefined ? {} : { depth: x.depth }), ...(x.preemptionBound === undefined ? {} : { preemptionBound: x.preemptionBound }) };
}
