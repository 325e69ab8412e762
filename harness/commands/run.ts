import { parseArgs } from 'node:util';
import { check } from '../../src/check.js';
import { STRATEGIES } from '../../src/options.js';
import { freshSeed } from '../../src/options.js';
import type { StrategyName } from '../../src/scheduler/strategy.js';
import { selectScenarios, type BuiltinScenario } from '../../src/subjects/registry.js';
import { failureView, outcomeText, reportBaseName, scenarioReport, REPORT_FORMAT, type RunSummary, type ScenarioReport, type SummaryEntry } from '../../src/report/model.js';
import { formatFailure, formatTable } from '../../src/report/text.js';
import { markdownSummary } from '../../src/report/markdown.js';
import { htmlIndex, htmlScenario } from '../../src/report/html.js';
import { UsageError } from '../../src/errors.js';
import { createRunDir, linkLatest, pruneRuns, runId, writeAtomic } from '../report-dir.js';
import { ProgressDisplay } from '../progress.js';
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
}

function positiveInt(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got "${text}"`);
  return n;
}

/** Parses a duration such as 30s, 2m, 500ms or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--budget must be a duration like 30s, 2m or 500ms, got "${text}"`);
  const n = Number(m[1]);
  return Math.max(1, Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000));
}

/** Checks the flags common to `run` and `audit`. */
export function runSettings(values: { strategy?: string; runs?: string; seed?: string; out?: string; json?: boolean; quiet?: boolean; keep?: string; budget?: string }): RunSettings {
  const strategy = (values.strategy ?? 'portfolio') as StrategyName;
  if (!STRATEGIES.includes(strategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got "${values.strategy}"`);
  return {
    strategy,
    runs: positiveInt('runs', values.runs, 1),
    seed: positiveInt('seed', values.seed, 0) ?? freshSeed(),
    out: values.out ?? 'reports',
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    keep: positiveInt('keep', values.keep, 1) ?? 20,
    budgetMs: values.budget === undefined ? undefined : parseDuration(values.budget),
  };
}

/** `racekit run [names…]`: every selected scenario, its expectation checked, reports written. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: runFlags, allowPositionals: true, strict: true });
  const settings = runSettings(values);
  const selected = selectScenarios(positionals);
  return runScenarios(selected, settings, (r) => `npx racekit replay ${r}`);
}

/** Runs scenarios, writes the report folder, prints the contrast table; returns the exit code. */
export async function runScenarios(selected: readonly (BuiltinScenario & { module?: string })[], settings: RunSettings, replayCommand: (reportPath: string) => string): Promise<number> {
  const started = new Date();
  const dir = await createRunDir(settings.out, runId(started, settings.seed));
  const progress = new ProgressDisplay(process.stderr, settings.quiet);
  const reports: ScenarioReport[] = [];
  const entries: SummaryEntry[] = [];
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  const reportPath = (name: string) => relative(process.cwd(), join(dir.path, `${reportBaseName(name)}.json`));
  try {
    if (!settings.quiet) process.stderr.write(`racekit run ${dir.id}: ${selected.length} scenario(s), strategy ${settings.strategy}, seed ${settings.seed}\n`);
    for (const s of selected) {
      if (interrupted) break;
      const result = await check(s.scenario, {
        ...s.options,
        strategy: settings.strategy,
        runs: settings.runs ?? s.runs,
        seed: settings.seed,
        ...(settings.budgetMs === undefined ? {} : { budgetMs: settings.budgetMs }),
        onProgress: (p) => progress.update(s.name, p),
      });
      const report = scenarioReport(s, result);
      reports.push(report);
      const base = join(dir.path, reportBaseName(s.name));
      await writeAtomic(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
      await writeAtomic(`${base}.html`, htmlScenario(report, replayCommand(reportPath(s.name))));
      entries.push({ name: s.name, family: s.family, variant: s.variant, expect: s.expect, failed: report.failed, ok: report.ok, runs: report.runs, firstFailure: report.firstFailure, ms: report.ms, traceSteps: report.traceSteps, report: reportPath(s.name) });
      progress.line(`${report.ok ? '✓' : '✗'} ${s.name}: ${outcomeText(s.expect, report.failed)} (expected ${s.expect}), ${report.runs} runs, ${report.ms} ms${report.failed ? `, ${report.traceSteps}-step trace` : ''}`);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  const summary: RunSummary = {
    racekit: REPORT_FORMAT,
    run: dir.id,
    seed: settings.seed,
    strategy: settings.strategy,
    startedAt: started.toISOString(),
    ms: Date.now() - started.getTime(),
    partial: interrupted,
    scenarios: entries,
    ok: !interrupted && entries.every((e) => e.ok),
  };
  await writeAtomic(join(dir.path, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomic(join(dir.path, 'index.md'), markdownSummary(summary, reports, (r) => replayCommand(reportPath(r.name))));
  await writeAtomic(join(dir.path, 'index.html'), htmlIndex(summary));
  // An interrupted run keeps the previous `latest`.
  if (!interrupted) {
    await linkLatest(dir);
    await pruneRuns(dir.root, settings.keep);
  }
  const table = formatTable(
    ['family', 'variant', 'expected', 'outcome', 'runs', 'first failure', 'trace', 'time'],
    entries.map((e) => [e.family, e.variant, e.expect, `${e.ok ? '✓' : '✗'} ${outcomeText(e.expect, e.failed)}`, String(e.runs), e.firstFailure === undefined ? '—' : String(e.firstFailure), e.traceSteps ? `${e.traceSteps} steps` : '—', `${e.ms} ms`]),
    [false, false, false, false, true, true, true, true],
  );
  const prose = [table, ''];
  for (const r of reports) {
    if (!r.failure) continue;
    prose.push(`── ${r.name} (${r.ok ? 'expected' : 'UNEXPECTED'}) ${'─'.repeat(Math.max(0, 50 - r.name.length))}`);
    prose.push(formatFailure(failureView(r)));
    prose.push(`replay this report: ${replayCommand(reportPath(r.name))}`, '');
  }
  prose.push(`${summary.ok ? 'every expectation held' : interrupted ? 'interrupted: partial report' : `${entries.filter((e) => !e.ok).length} expectation(s) did not hold`} · reports: ${relative(process.cwd(), join(dir.path, 'index.html'))}`);
  if (settings.json) {
    process.stderr.write(`${prose.join('\n')}\n`);
    process.stdout.write(`${JSON.stringify({ scenarios: entries, ok: summary.ok, run: dir.id, seed: settings.seed, strategy: settings.strategy, partial: interrupted })}\n`);
  } else {
    process.stdout.write(`${prose.join('\n')}\n`);
  }
  if (interrupted) return 130;
  return summary.ok ? 0 : 1;
}
