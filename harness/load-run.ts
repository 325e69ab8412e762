import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../src/errors.js';
import { REPORT_FORMAT, reportBaseName, type RunSummary, type ScenarioReport } from '../src/report/model.js';

/** A finished run read back from its folder: the summary and every scenario report beside it. */
export interface LoadedRun {
  /** The summary.json path as given. */
  readonly path: string;
  readonly summary: RunSummary;
  readonly reports: readonly ScenarioReport[];
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON`);
  }
}

function isSummary(doc: unknown): doc is RunSummary {
  const d = doc as Partial<RunSummary> | null;
  return typeof d === 'object' && d !== null && d.racekit === REPORT_FORMAT && typeof d.run === 'string' && typeof d.seed === 'number' && Array.isArray(d.scenarios);
}

/** Reads `summary.json` and the `<family>-<variant>.json` reports in its folder; bad input is a {@link UsageError}. */
export async function loadRun(path: string): Promise<LoadedRun> {
  const summary = await readJson(path);
  if (!isSummary(summary)) throw new UsageError(`${path} is not a racekit summary.json (no racekit: ${REPORT_FORMAT}, run, seed and scenarios)`);
  const reports: ScenarioReport[] = [];
  for (const entry of summary.scenarios) {
    const file = join(dirname(path), `${reportBaseName(entry.name)}.json`);
    const report = (await readJson(file)) as Partial<ScenarioReport> | null;
    if (report?.racekit !== REPORT_FORMAT || report.name !== entry.name) throw new UsageError(`${file} is not the report of ${entry.name}`);
    reports.push(report as ScenarioReport);
  }
  return { path, summary, reports };
}
