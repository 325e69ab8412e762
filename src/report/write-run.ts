import { join, relative } from 'node:path';
import { htmlIndex, htmlScenario } from './html.js';
import { markdownSummary } from './markdown.js';
import { reportBaseName, type RunSummary, type ScenarioReport } from './model.js';
import { writeAtomic, type RunDir } from './report-dir.js';
import { sourceExcerpts } from './source-excerpts.js';

/** Path of a scenario's JSON report as the user typed commands from the working directory. */
export function scenarioReportPath(dir: RunDir, name: string): string {
  return relative(process.cwd(), join(dir.path, `${reportBaseName(name)}.json`));
}

/** Writes one scenario's `<family>-<variant>.json` and `.html`, each atomically. */
export async function writeScenarioFiles(dir: RunDir, report: ScenarioReport, replayCommand: string): Promise<void> {
  const base = join(dir.path, reportBaseName(report.name));
  // The report carries the source lines its steps name, so its page can show them wherever it is opened.
  const f = report.failure;
  if (f !== undefined && f.sources === undefined) {
    const sources = sourceExcerpts(f.trace);
    if (sources.length > 0) f.sources = sources;
  }
  await writeAtomic(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomic(`${base}.html`, htmlScenario(report, replayCommand));
}

/** Writes the run's `summary.json`, `index.md` and `index.html`, each atomically. */
export async function writeRunIndex(dir: RunDir, summary: RunSummary, reports: readonly ScenarioReport[], replayCommand: (r: ScenarioReport) => string): Promise<void> {
  await writeAtomic(join(dir.path, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomic(join(dir.path, 'index.md'), markdownSummary(summary, reports, replayCommand));
  await writeAtomic(join(dir.path, 'index.html'), htmlIndex(summary, reports));
}
