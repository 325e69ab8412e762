/**
 * Run as a user would under `node --import tsx --import racekit/register`
 * (RACEKIT_INSTRUMENT names the files): loads a module's audit targets as
 * `racekit audit` does, runs the planned checks in order (a check may replay
 * an earlier one's token) and prints their results as one JSON line, with
 * whether the real timers are back in place afterwards.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditTargets } from '../../src/audit/targets.js';
import { check } from '../../src/check.js';
import type { CheckOptions } from '../../src/options.js';
import type { CheckResult } from '../../src/model/check-result.js';
import type { PlannedCheck } from './instrumented.js';

const realSetTimeout = globalThis.setTimeout;
const [module, planText] = process.argv.slice(2) as [string, string];
const plan = JSON.parse(planText) as PlannedCheck[];
const targets = auditTargets((await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>, module);
const results: CheckResult[] = [];
for (const p of plan) {
  const target = targets.find((t) => t.variant === p.variant);
  if (!target) throw new Error(`${module} exports no ${p.variant}`);
  const options: CheckOptions = p.replayOf === undefined ? { runs: target.runs, ...p.options } : { replay: results[p.replayOf]!.replay! };
  results.push(await check(target.scenario, options));
}
process.stdout.write(`${JSON.stringify({ results, realTimers: globalThis.setTimeout === realSetTimeout })}\n`);
