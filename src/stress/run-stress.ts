import type { HistogramEntry } from '../report/model.js';
import { realNow } from '../scheduler/real-time.js';
import type { Progress } from '../options.js';
import { Histogram } from './histogram.js';
import { StressThreads } from './stress-threads.js';
import type { StressTest } from './stress-test.js';

/** Options of {@link runStress}. */
export interface StressOptions {
  /** Rounds to run. @default 200 */
  readonly iterations?: number;
  /** Stop after this many ms of wall time. */
  readonly budgetMs?: number;
  /**
   * Stop at the first forbidden outcome, as check() stops at the first
   * failing run: for CI, where finding the race is the point and the full
   * histogram is not. @default false
   */
  readonly stopOnForbidden?: boolean;
  /** Stops between rounds when aborted (Ctrl-C in `racekit run`); the result covers the rounds run. */
  readonly signal?: AbortSignal;
  /** Reported as the result's seed (stress rounds draw no random numbers). @default 0 */
  readonly seed?: number;
  readonly onProgress?: (progress: Progress) => void;
}

/** What a stress test saw: every final outcome and how often, classified; no trace and no replay (real parallel runs are not replayable). */
export interface StressResult {
  readonly name: string;
  /** Some round ended in a forbidden outcome, or the threads crashed. */
  readonly failed: boolean;
  /** Rounds run. */
  readonly rounds: number;
  /** 1-based index of the first round with a forbidden outcome (or of the round the threads crashed in). */
  readonly firstForbidden: number | undefined;
  /** Why the threads crashed, when they did. */
  readonly crash: string | undefined;
  /** What went wrong, in one line: the crash, or how many rounds were forbidden with an example. */
  readonly message: string | undefined;
  readonly histogram: HistogramEntry[];
  /** Rounds per second of wall time. */
  readonly roundsPerSecond: number;
  readonly ms: number;
  /** The seed reported (stress rounds draw no random numbers). */
  readonly seed: number;
  /** The threads and their data, as the workload of the report. */
  readonly workload: unknown;
}

/**
 * Runs a stress test jcstress-style: its threads start once, then run round
 * after round truly in parallel; every round's final state goes into an
 * outcome histogram. The test fails when any round ends in a forbidden
 * outcome; `firstFailure` is that round. Threads are ended before it returns,
 * also when one crashes (the crash is an `exception` failure).
 */
export async function runStress(test: StressTest, options: StressOptions = {}): Promise<StressResult> {
  const iterations = options.iterations ?? 200;
  const began = realNow();
  const histogram = new Histogram();
  const threads = new StressThreads(test);
  let firstFailure: number | undefined;
  let crash: unknown;
  let lastProgress = began;
  try {
    for (let i = 1; i <= iterations; i++) {
      if (options.signal?.aborted) break;
      if (options.budgetMs !== undefined && realNow() - began > options.budgetMs) break;
      const { outcome, acceptable } = test.judge(await threads.round());
      histogram.add(outcome, acceptable);
      if (!acceptable) {
        firstFailure ??= i;
        if (options.stopOnForbidden) break;
      }
      if (options.onProgress && realNow() - lastProgress > 100) {
        lastProgress = realNow();
        options.onProgress({ runs: i, budget: iterations, elapsedMs: lastProgress - began, phase: 'explore' });
      }
    }
  } catch (error) {
    crash = error;
  } finally {
    await threads.close();
  }
  const ms = realNow() - began;
  const rounds = histogram.total;
  const forbidden = histogram.forbidden;
  const entries = histogram.entries();
  const worst = entries.find((e) => e.class === 'forbidden');
  const failed = crash !== undefined || forbidden > 0;
  const message =
    crash !== undefined
      ? `stress threads crashed: ${crash instanceof Error ? crash.message : String(crash)}`
      : worst
        ? `forbidden outcomes in ${forbidden} of ${rounds} rounds (${percent(forbidden, rounds)}), e.g. ${worst.outcome}`
        : undefined;
  return {
    name: test.name,
    failed,
    rounds,
    firstForbidden: crash !== undefined ? rounds + 1 : firstFailure,
    crash: crash === undefined ? undefined : crash instanceof Error ? crash.message : String(crash),
    message,
    histogram: entries,
    roundsPerSecond: ms > 0 ? (rounds * 1000) / ms : 0,
    ms,
    seed: options.seed ?? 0,
    workload: { threads: test.threads, ...test.workerData },
  };
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : ((100 * part) / whole).toFixed(1)}%`;
}
