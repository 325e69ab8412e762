import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { STRATEGIES } from '../../src/options.js';
import { freshSeed } from '../../src/options.js';
import type { StrategyName } from '../../src/scheduler/strategy.js';
import { builtinScenarios, selectScenarios, type BuiltinScenario } from '../../src/subjects/registry.js';
import { failureView, outcomeText, stressReport, summaryEntry, REPORT_FORMAT, type RunSummary, type ScenarioReport, type SummaryEntry } from '../../src/report/model.js';
import { formatFailure, formatTable } from '../../src/report/text.js';
import { formatHistogram } from '../../src/report/histogram-text.js';
import { runStress } from '../../src/stress/run-stress.js';
import { UsageError } from '../../src/errors.js';
import { createRunDir, linkLatest, pruneRuns, runId } from '../../src/report/report-dir.js';
import { ProgressDisplay } from '../progress.js';
import { positiveInt } from '../flags.js';
import { parseShard, shardSeed, type Shard } from '../shard.js';
import { scenarioReportPath, writeRunIndex, writeScenarioFiles } from '../../src/report/write-run.js';
import { ExplorePool } from '../parallel/explore-pool.js';
import { exploreScenario } from '../parallel/explore-scenario.js';
import { MAX_WORKERS } from '../parallel/shares.js';
import { relative, join } from 'node:path';

/** Flags shared by `run` and `audit`. */
export const runFlags = {
  strategy: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  keep: { type: 'string' },
  budget: { type: 'string' },
  shard: { type: 'string' },
  workers: { type: 'string' },
  depth: { type: 'string' },
  'preemption-bound': { type: 'string' },
} as const;

/** Parsed and checked flags of `run`. */
export interface RunSettings {
  strategy: StrategyName;
  runs: number | undefined;
  seed: number;
  out: string;
  json: boolean;
  quiet: boolean;
  keep: number;
  budgetMs: number | undefined;
  /** This job's shard (`--shard i/n`); `seed` stays the base seed. */
  shard?: Shard | undefined;
  /** Worker threads each scenario's check is spread over (`--workers`; 1: the main thread alone, no worker thread). */
  workers: number;
  /** PCT's bug depth (`--depth`); undefined: each scenario's own, else check()'s default. */
  depth?: number | undefined;
  /** Preemptions per run the exhaustive walk allows (`--preemption-bound`; Infinity for `none`); undefined: each scenario's own, else check()'s default. */
  preemptionBound?: number | undefined;
}


/** Parses a duration such as 30s, 2m, 500ms or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--budget must be a duration like 30s, 2m or 500ms, got "${text}"`);
  const n = Number(m[1]);
  if (n === 0) throw new UsageError(`--budget must be longer than zero, got "${text}"`);
  return Math.max(1, Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000));
}

/** Checks the flags common to `run` and `audit`. */
export function runSettings(values: { strategy?: string; runs?: string; seed?: string; out?: string; json?: boolean; quiet?: boolean; keep?: string; budget?: string; shard?: string; workers?: string; depth?: string; 'preemption-bound'?: string }): RunSettings {
  const strategy = (values.strategy ?? 'portfolio') as StrategyName;
  if (!STRATEGIES.includes(strategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got "${values.strategy}"`);
  return {
    strategy,
    runs: positiveInt('runs', values.runs, 1),
    // Seeds are 32-bit: a larger one would silently be another.
    seed: positiveInt('seed', values.seed, 0, 0xffffffff) ?? freshSeed(),
    out: values.out ?? 'reports',
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    keep: positiveInt('keep', values.keep, 1) ?? 20,
    budgetMs: values.budget === undefined ? undefined : parseDuration(values.budget),
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    workers: parseWorkers(values.workers),
    depth: positiveInt('depth', values.depth, 1),
    preemptionBound: parsePreemptionBound(values['preemption-bound']),
  };
}

/** `--preemption-bound n|none`: an integer ≥ 0, or `none` for no bound (the exhaustive walk is then optimal DPOR). */
export function parsePreemptionBound(text: string | undefined): number | undefined {
  if (text?.trim() === 'none') return Infinity;
  try {
    return positiveInt('preemption-bound', text, 0);
  } catch {
    throw new UsageError(`--preemption-bound must be an integer ≥ 0 or none, got "${text}"`);
  }
}

/** `--workers n`: 1 to {@link MAX_WORKERS}; by default the cores available to this process. */
export function parseWorkers(text: string | undefined): number {
  const n = positiveInt('workers', text, 1);
  if (n !== undefined && n > MAX_WORKERS) throw new UsageError(`--workers must be an integer from 1 to ${MAX_WORKERS}, got "${text}"`);
  return n ?? Math.min(availableParallelism(), MAX_WORKERS);
}

/** `racekit run [names…]`: every selected scenario, its expectation checked, reports written. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: runFlags, allowPositionals: true, strict: true });
  const settings = runSettings(values);
  const selected = selectScenarios(positionals);
  return runScenarios(selected, settings, (r) => `npx racekit replay ${r}`);
}

/** The shortest names that select these scenarios: none for all, a family for a whole family. */
function selectionNames(selected: readonly BuiltinScenario[]): string[] {
  const all = builtinScenarios();
  const chosen = new Set(selected.map((s) => s.name));
  if (all.every((s) => chosen.has(s.name))) return [];
  const names: string[] = [];
  for (const s of selected) {
    const family = all.filter((f) => f.family === s.family);
    const whole = family.every((f) => chosen.has(f.name));
    const name = whole ? s.family : s.name;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The command that reruns exactly these scenarios with these settings (same seed, same shard). */
function reproduceCommand(selected: readonly (BuiltinScenario & { module?: string; instrument?: readonly string[] })[], settings: RunSettings): string {
  const audited = selected.find((s) => s.module !== undefined);
  const what = audited !== undefined ? `audit ${audited.module}` : ['run', ...selectionNames(selected)].join(' ');
  const flags = [`--seed ${settings.seed}`, `--strategy ${settings.strategy}`];
  if (audited?.instrument !== undefined) flags.unshift(`--instrument '${audited.instrument.join(',')}'`);
  if (settings.runs !== undefined) flags.push(`--runs ${settings.runs}`);
  if (settings.budgetMs !== undefined) flags.push(`--budget ${settings.budgetMs}ms`);
  if (settings.depth !== undefined) flags.push(`--depth ${settings.depth}`);
  if (settings.preemptionBound !== undefined) flags.push(`--preemption-bound ${settings.preemptionBound === Infinity ? 'none' : settings.preemptionBound}`);
  if (settings.shard && settings.shard.count > 1) flags.push(`--shard ${settings.shard.index}/${settings.shard.count}`);
  // The default depends on the machine, and the worker count decides which runs are explored.
  flags.push(`--workers ${settings.workers}`);
  return `npx racekit ${what} ${flags.join(' ')}`;
}

/**
 * Runs scenarios, writes the report folder, prints the contrast table;
 * returns the exit code. The summary is rewritten (marked partial) after
 * every scenario, so a run killed at any point leaves a readable folder;
 * `latest` moves only when the run completes.
 */
export async function runScenarios(selected: readonly (BuiltinScenario & { module?: string; instrument?: readonly string[] })[], settings: RunSettings, replayCommand: (reportPath: string) => string, command: 'run' | 'audit' = 'run'): Promise<number> {
  const started = new Date();
  const seed = shardSeed(settings.seed, settings.shard);
  const dir = await createRunDir(settings.out, runId(started, seed));
  const progress = new ProgressDisplay(process.stderr, settings.quiet, selected.length, settings.json);
  const reports: ScenarioReport[] = [];
  const entries: SummaryEntry[] = [];
  const sharded = settings.shard && settings.shard.count > 1 ? { index: settings.shard.index, count: settings.shard.count, baseSeed: settings.seed } : undefined;
  const summaryOf = (partial: boolean): RunSummary => ({
    racekit: REPORT_FORMAT,
    run: dir.id,
    seed,
    strategy: settings.strategy,
    startedAt: started.toISOString(),
    ms: Date.now() - started.getTime(),
    partial,
    scenarios: entries,
    ok: !partial && entries.every((e) => e.ok),
    ...(sharded ? { shard: sharded } : {}),
    workers: settings.workers,
    reproduce: [reproduceCommand(selected, settings)],
  });
  const replayOf = (r: ScenarioReport) => replayCommand(scenarioReportPath(dir, r.name));
  let interrupted = false;
  let current = '';
  const stop = new AbortController();
  const onSigint = () => {
    // The first Ctrl-C stops the scenario under way (check() returns what it
    // explored) and skips the rest; a second one leaves at once (the folder
    // already holds a summary marked partial; latest is untouched).
    if (interrupted) process.exit(130);
    interrupted = true;
    stop.abort();
    progress.line(`racekit: interrupted; stopping ${current || 'the current scenario'} (Ctrl-C again to leave now)`);
  };
  process.on('SIGINT', onSigint);
  // Started at the first check spread over workers, ended when the last scenario has run.
  const pool = settings.workers > 1 ? new ExplorePool(settings.workers) : undefined;
  try {
    const shardText = sharded ? `, shard ${sharded.index}/${sharded.count} of seed ${settings.seed}` : '';
    // Exhaustive walks one tree on the main thread, whatever --workers says (explore-scenario.ts).
    const workersText = settings.workers <= 1 ? '' : settings.strategy === 'exhaustive' ? ', on the main thread (exhaustive walks one tree)' : `, ${settings.workers} workers`;
    progress.line(`racekit ${command} ${dir.id}: ${selected.length} scenario(s), strategy ${settings.strategy}, seed ${seed}${shardText}${workersText}`);
    for (const s of selected) {
      if (interrupted) break;
      current = s.name;
      // Stress-mode variants run rounds of real parallel threads instead of explored schedules.
      const report = s.stress
        ? stressReport(s, await runStress(s.stress, { iterations: settings.runs ?? s.runs, seed, ...(settings.budgetMs === undefined ? {} : { budgetMs: settings.budgetMs }), onProgress: (p) => progress.update(s.name, p), signal: stop.signal }))
        : await exploreScenario(s, { strategy: settings.strategy, depth: settings.depth, preemptionBound: settings.preemptionBound, runs: settings.runs ?? s.runs, seed, budgetMs: settings.budgetMs, onProgress: (p) => progress.update(s.name, p), signal: stop.signal }, pool);
      reports.push(report);
      await writeScenarioFiles(dir, report, replayOf(report));
      entries.push(summaryEntry(report, scenarioReportPath(dir, s.name)));
      await writeRunIndex(dir, summaryOf(true), reports, replayOf);
      progress.finished(`${report.ok ? '✓' : '✗'} ${s.name}: ${outcomeText(s.expect, report.failed, report.failure?.kind)} (expected ${s.expect}), ${report.runs} ${report.histogram ? 'rounds' : 'runs'}, ${report.ms} ms${report.failed && !report.histogram ? `, ${report.traceSteps}-step trace` : ''}`, report.ok, report.failed);
    }
  } finally {
    process.off('SIGINT', onSigint);
    await pool?.close();
  }
  const summary = summaryOf(interrupted || entries.length < selected.length);
  await writeRunIndex(dir, summary, reports, replayOf);
  // An interrupted run keeps the previous `latest`.
  if (!summary.partial) {
    await linkLatest(dir);
    await pruneRuns(dir.root, settings.keep);
  }
  const prose = [contrastTable(entries), ''];
  const warned = reports.filter((r) => (r.warnings ?? []).length > 0);
  for (const r of warned) prose.push(...(r.warnings ?? []).map((w) => `warning: ${r.name}: ${w}`));
  if (warned.length > 0) prose.push('');
  for (const r of reports) {
    if (r.histogram) {
      prose.push(`── ${r.name} (stress, ${r.ok ? 'as expected' : 'UNEXPECTED'}) ${'─'.repeat(Math.max(0, 42 - r.name.length))}`, formatHistogram(r.histogram), '');
      continue;
    }
    if (!r.failure) continue;
    prose.push(`── ${r.name} (${r.ok ? 'expected' : 'UNEXPECTED'}) ${'─'.repeat(Math.max(0, 50 - r.name.length))}`);
    prose.push(formatFailure(failureView(r)));
    prose.push(`replay this report: ${replayOf(r)}`, '');
  }
  prose.push(`${summary.ok ? 'every expectation held' : summary.partial ? 'interrupted: partial report' : `${entries.filter((e) => !e.ok).length} expectation(s) did not hold`} · reports: ${relative(process.cwd(), join(dir.path, 'index.html'))}`);
  if (settings.json) {
    process.stderr.write(`${prose.join('\n')}\n`);
    process.stdout.write(`${JSON.stringify({ scenarios: entries, ok: summary.ok, run: dir.id, seed, strategy: settings.strategy, workers: settings.workers, partial: summary.partial, ...(sharded ? { shard: sharded } : {}) })}\n`);
  } else {
    process.stdout.write(`${prose.join('\n')}\n`);
  }
  if (summary.partial) return 130;
  return summary.ok ? 0 : 1;
}

/** The terminal's contrast table: one row per scenario. */
export function contrastTable(entries: readonly SummaryEntry[]): string {
  return formatTable(
    ['family', 'variant', 'expected', 'outcome', 'runs', 'first failure', 'trace', 'time'],
    entries.map((e) => [e.family, e.variant, e.expect, `${e.ok ? '✓' : '✗'} ${outcomeText(e.expect, e.failed, e.kind)}`, String(e.runs), e.firstFailure === undefined ? '—' : String(e.firstFailure), e.traceSteps ? `${e.traceSteps} steps` : '—', `${e.ms} ms`]),
    [false, false, false, false, true, true, true, true],
  );
}
