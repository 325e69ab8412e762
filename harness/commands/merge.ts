import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { outcomeText } from '../../src/report/model.js';
import { loadRun, type LoadedRun } from '../load-run.js';
import { mergeRuns } from '../merge-runs.js';
import { createRunDir, linkLatest, pruneRuns, runId } from '../../src/report/report-dir.js';
import { scenarioReportPath, writeRunIndex, writeScenarioFiles } from '../../src/report/write-run.js';
import { contrastTable } from './run.js';
import { positiveInt } from '../flags.js';

/** `racekit merge <summary.json…> [--out dir]`: shard runs combined into one report folder. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'string' } }, allowPositionals: true, strict: true });
  const runs: LoadedRun[] = [];
  for (const path of positionals) runs.push(await loadRun(path));
  // Checked before a folder is made, so bad input leaves nothing behind.
  mergeRuns(runs, 'check', (n) => n);
  const started = new Date();
  const dir = await createRunDir(values.out ?? 'reports', `${runId(started, runs[0]!.summary.shard?.baseSeed ?? runs[0]!.summary.seed)}-merged`);
  const { summary, reports } = mergeRuns(runs, dir.id, (name) => scenarioReportPath(dir, name));
  const replayOf = (name: string) => `npx racekit replay ${scenarioReportPath(dir, name)}`;
  for (const r of reports) await writeScenarioFiles(dir, r, replayOf(r.name));
  await writeRunIndex(dir, summary, reports, (r) => replayOf(r.name));
  if (!summary.partial) {
    await linkLatest(dir);
    await pruneRuns(dir.root, positiveInt('keep', values.keep, 1) ?? 20);
  }
  const verdict = `merged ${runs.length} run(s): ${summary.ok ? 'every expectation held' : `${summary.scenarios.filter((s) => !s.ok).length} expectation(s) did not hold${summary.partial ? ' (a shard was partial)' : ''}`} · reports: ${relative(process.cwd(), join(dir.path, 'index.html'))}`;
  if (values.json) {
    process.stderr.write(`${verdict}\n`);
    process.stdout.write(`${JSON.stringify({ scenarios: summary.scenarios, ok: summary.ok, run: dir.id, seed: summary.seed, strategy: summary.strategy, partial: summary.partial, mergedFrom: summary.mergedFrom })}\n`);
  } else {
    const lines = [contrastTable(summary.scenarios), ''];
    for (const r of reports) if (r.failed) lines.push(`${r.name}: ${outcomeText(r.expect, true, r.failure?.kind)}, ${r.traceSteps}-step trace (seed ${r.seed}); replay: ${replayOf(r.name)}`);
    process.stdout.write(`${[...lines, verdict].join('\n')}\n`);
  }
  return summary.ok ? 0 : 1;
}
