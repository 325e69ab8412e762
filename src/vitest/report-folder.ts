import { basename, join, relative } from 'node:path';
import type { CheckResult } from '../model/check-result.js';
import { REPORT_FORMAT, reportBaseName, scenarioReport, summaryEntry, type ReportEntry, type RunSummary, type ScenarioReport, type SummaryEntry } from '../report/model.js';
import { createRunDir, linkLatest, runId, type RunDir } from '../report/report-dir.js';
import { scenarioReportPath, writeRunIndex, writeScenarioFiles } from '../report/write-run.js';

/** The environment variable that turns report writing on in vitest; its value is the reports root. */
export const REPORTS_ENV = 'RACEKIT_REPORTS';

/** One test file's run folder: every raceTest of the file, as `racekit run` writes a run. */
interface FileRun {
  readonly dir: RunDir;
  readonly file: string;
  readonly started: Date;
  readonly reports: ScenarioReport[];
  readonly entries: SummaryEntry[];
  readonly replays: Map<string, string>;
  /** Writes one after the other, so that the last index written holds every scenario. */
  queue: Promise<void>;
}

const runs = new Map<string, Promise<FileRun>>();

/** The family of a test file's reports: its base name without `.test.ts`, `.spec.ts`, `.prop.ts`. */
function familyOf(file: string): string {
  return basename(file).replace(/\.[cm]?[jt]sx?$/, '').replace(/\.(test|spec|prop)$/, '') || 'vitest';
}

function fileRun(root: string, file: string, seed: number): Promise<FileRun> {
  const key = `${root}\0${file}`;
  let run = runs.get(key);
  if (!run) {
    const started = new Date();
    run = createRunDir(root, `${runId(started, seed)}-${reportBaseName(familyOf(file))}`).then((dir) => ({ dir, file, started, reports: [], entries: [], replays: new Map(), queue: Promise.resolve() }));
    runs.set(key, run);
  }
  return run;
}

/** What a report needs to know of the test it comes from. */
export interface TestOrigin {
  /** Absolute path of the test file. */
  readonly file: string;
  /** The test's name without its seed. */
  readonly title: string;
  readonly expect: 'pass' | 'fail';
  /** How to replay the failure (the check line), for the Markdown and HTML. */
  readonly replay: string;
}

/**
 * Writes a raceTest's result into its file's run folder under `root` (the
 * same files as `racekit run`: `<family>-<variant>.json` and `.html`,
 * `summary.json`, `index.md`, `index.html`, `latest`), and returns the path
 * of its HTML page, relative to the working directory.
 */
export async function writeTestReport(root: string, origin: TestOrigin, result: CheckResult): Promise<string> {
  const run = await fileRun(root, origin.file, result.seed);
  const family = familyOf(origin.file);
  let variant = origin.title;
  for (let n = 2; run.entries.some((e) => e.name === `${family}/${variant}`); n++) variant = `${origin.title} #${n}`;
  const entry: ReportEntry = { name: `${family}/${variant}`, family, variant, summary: `vitest ${relative(process.cwd(), origin.file)} > ${origin.title}`, expect: origin.expect };
  const report = scenarioReport(entry, result);
  run.reports.push(report);
  run.replays.set(report.name, origin.replay);
  run.entries.push(summaryEntry(report, scenarioReportPath(run.dir, entry.name)));
  const summary: RunSummary = {
    racekit: REPORT_FORMAT,
    run: run.dir.id,
    seed: run.reports[0]!.seed,
    strategy: run.reports[0]!.strategy,
    startedAt: run.started.toISOString(),
    ms: Date.now() - run.started.getTime(),
    partial: false,
    scenarios: [...run.entries],
    ok: run.entries.every((e) => e.ok),
    // The seed is the test's: vitest draws a fresh one each run unless the options give it.
    reproduce: [`npx vitest run ${relative(process.cwd(), origin.file)} -t ${JSON.stringify(origin.title)} with seed: ${result.seed} in the raceTest's options`],
  };
  const reports = [...run.reports];
  const replayOf = (r: ScenarioReport) => run.replays.get(r.name) ?? '';
  const written = run.queue.then(async () => {
    await writeScenarioFiles(run.dir, report, origin.replay);
    await writeRunIndex(run.dir, summary, reports, replayOf);
    await linkLatest(run.dir);
  });
  run.queue = written.catch(() => undefined);
  await written;
  return relative(process.cwd(), join(run.dir.path, `${reportBaseName(entry.name)}.html`));
}
