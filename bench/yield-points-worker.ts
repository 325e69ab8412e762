/**
 * One side of bench/yield-points.ts, in a process of its own (instrumented
 * code and its hand-placed twin import the same classes, and a module loads
 * once per process): `auto` runs the plain examples and the libraries as
 * published, under `node --import racekit/register` with the globs in
 * RACEKIT_INSTRUMENT; `hand` runs the same bugs with their yield points
 * placed by hand (examples/hand-placed/, the libraries' loaders wrapped with
 * ctx.wrap) and nothing instrumented; `none` runs the plain code with
 * nothing instrumented and nothing placed. Prints, per case, every seed's
 * outcome as one JSON line.
 */
import pMemoize602 from 'p-memoize-6-0-2';
import { createCache as createCache330 } from 'async-cache-dedupe-3-3-0';
import { memoize as memoize3270 } from 'aws-property-provider-3-27-0';
import { check } from '../src/check.js';
import { auditTargets } from '../src/audit/targets.js';
import type { Scenario } from '../src/scenario.js';
import { pMemoizeScenario, type PMemoize } from '../examples/libraries/p-memoize.js';
import { staleRefreshScenario, type CreateCache } from '../examples/libraries/async-cache-dedupe.js';
import { providerScenario } from '../examples/libraries/aws-property-provider.js';
import * as connectionPool from '../examples/connection-pool.js';
import * as memoCache from '../examples/memo-cache.js';
import * as poolAcquireTimeout from '../examples/pool-acquire-timeout.js';
import * as rateLimiter from '../examples/rate-limiter.js';
import * as swrCache from '../examples/swr-cache.js';
import * as handConnectionPool from '../examples/hand-placed/connection-pool.js';
import * as handMemoCache from '../examples/hand-placed/memo-cache.js';
import * as handPoolAcquireTimeout from '../examples/hand-placed/pool-acquire-timeout.js';
import * as handRateLimiter from '../examples/hand-placed/rate-limiter.js';
import * as handSwrCache from '../examples/hand-placed/swr-cache.js';

/** Each example's plain form and its hand-placed twin (static imports, so that tsc builds them into dist/). */
const EXAMPLES: Record<string, readonly [Record<string, unknown>, Record<string, unknown>]> = {
  'connection-pool': [connectionPool, handConnectionPool],
  'memo-cache': [memoCache, handMemoCache],
  'pool-acquire-timeout': [poolAcquireTimeout, handPoolAcquireTimeout],
  'rate-limiter': [rateLimiter, handRateLimiter],
  'swr-cache': [swrCache, handSwrCache],
};

/** What one seed's check found. */
export interface SeedOutcome {
  readonly firstFailure: number | null;
  readonly runs: number;
  readonly steps: number;
  readonly ms: number;
  /** The check said it explored less than it seems (nothing was interleaved). */
  readonly warned: boolean;
}

type Any = Scenario<unknown, unknown>;

function buggyOf(exports: Record<string, unknown>, module: string): Any {
  return auditTargets(exports, module).find((t) => t.variant === 'buggy')!.scenario;
}

/** How a side gets its yield points. */
export type Mode = 'auto' | 'hand' | 'none';

function cases(mode: Mode): Record<string, Any> {
  const out: Record<string, Any> = {};
  for (const [name, [plain, hand]] of Object.entries(EXAMPLES)) out[name] = buggyOf(mode === 'hand' ? hand : plain, `${name}.ts`);
  const wrap = mode === 'hand';
  out['p-memoize'] = pMemoizeScenario('p-memoize/buggy', pMemoize602 as PMemoize, wrap) as Any;
  out['async-cache-dedupe'] = staleRefreshScenario('async-cache-dedupe/buggy', createCache330 as unknown as CreateCache, wrap) as Any;
  out['aws-property-provider'] = providerScenario('aws-property-provider/buggy', memoize3270, wrap) as Any;
  return out;
}

const [mode, seedsText, runsText] = process.argv.slice(2) as [Mode, string, string];
const result: Record<string, SeedOutcome[]> = {};
for (const [name, scenario] of Object.entries(cases(mode))) {
  result[name] = [];
  for (let seed = 1; seed <= Number(seedsText); seed++) {
    const r = await check(scenario, { seed, runs: Number(runsText), shrink: false });
    result[name].push({ firstFailure: r.failed ? r.firstFailure : null, runs: r.runs, steps: r.steps, ms: r.ms, warned: r.warnings.length > 0 });
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
