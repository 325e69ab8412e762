/**
 * The worker side of `--workers N`, run in a thread of the explore pool
 * (workers/explore.mjs imports it): one task explores one worker's share of
 * a check with its own seed, stops before any run that comes after the
 * earliest failure any worker has found, and returns its check's result.
 * @packageDocumentation
 */
import { checkShare } from '../../src/check.js';
import type { CheckResult } from '../../src/model/check-result.js';
import { RacekitError } from '../../src/errors.js';
import { exitCodeSoFar } from '../../src/scheduler/stderr-notice.js';
import { EarliestFailure } from './earliest-failure.js';
import { findTarget, transformedHere } from './find-target.js';
import type { ExploreTask, StopCommand, WorkerErrorShape, WorkerNote, WorkerOutcome } from './protocol.js';
import { mergedRun } from './shares.js';
import { searchOptions } from './explore-scenario.js';

/** Explores one worker's share of a check (the default export piscina calls). */
export default async function exploreShare(task: ExploreTask): Promise<WorkerOutcome> {
  const { port, slot } = task;
  const stop = new AbortController();
  port.on('message', (c: StopCommand) => {
    if (c.type === 'stop') stop.abort();
  });
  const note = (n: WorkerNote) => port.postMessage(n);
  try {
    const target = await findTarget(task.target);
    const earliest = new EarliestFailure(task.earliest);
    // One workload: every worker would walk the same exhaustive tree, so only the first walks it.
    const walk = slot.index === 0 || target.scenario.workload !== undefined;
    const result = await checkShare(target.scenario, {
      ...target.options,
      strategy: task.strategy,
      ...searchOptions(task),
      runs: task.runs,
      seed: task.seed,
      ...(task.budgetMs === undefined ? {} : { budgetMs: task.budgetMs }),
      signal: stop.signal,
      shouldRun: (run) => mergedRun(run, slot) < earliest.run,
      onFailure: (run) => {
        earliest.lower(mergedRun(run, slot));
        note({ type: 'failure', run: mergedRun(run, slot) });
      },
      onProgress: (p) => note({ type: 'progress', runs: p.runs }),
    }, { walk });
    return { result: cloneable(result), exitCode: exitCodeSoFar(), instrumented: transformedHere() };
  } catch (error) {
    return { error: errorShape(error) };
  } finally {
    port.close();
  }
}

/**
 * The result as it can cross to the main thread: as it is when structured
 * clone takes it, else (a workload or noted value holding a function, say)
 * through JSON, which is how the report files keep it anyway.
 */
function cloneable(result: CheckResult): CheckResult {
  try {
    return structuredClone(result);
  } catch {
    return JSON.parse(JSON.stringify(result, (_key, value: unknown) => (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? String(value) : value))) as CheckResult;
  }
}

function errorShape(error: unknown): WorkerErrorShape {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return { name: error.name, message: error.message, code: error instanceof RacekitError ? error.code : undefined, stack: error.stack };
}
