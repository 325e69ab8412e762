/**
 * Measurements of the server families (not a timed test): runs per second,
 * runs to first failure per strategy, and a 1,000-run soak per family that
 * counts handles and heap. Run: `node --expose-gc --import tsx bench/servers.ts [soakRuns]`.
 */
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { nextTurn } from '../src/scheduler/real-time.js';
import { atomicHttp, lockedHttp, unlockedHttp } from '../src/subjects/server-http/index.js';
import { framedTcp, naiveTcp } from '../src/subjects/server-tcp/index.js';
import { echoChat, lockedChat, unlockedChat } from '../src/subjects/server-ws/index.js';

type AnyScenario = Scenario<unknown, unknown>;
const gc = (globalThis as { gc?: () => void }).gc;

function ours(): number {
  return process.getActiveResourcesInfo().filter((t) => t.startsWith('TCP') || t === 'Timeout').length;
}

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs per second of a passing variant, and the slowest run (a run waiting on the deadlock timeout would show here). */
async function rate(s: AnyScenario, runs: number): Promise<string> {
  let slowest = 0;
  let began = performance.now();
  const timed: AnyScenario = { ...s, teardown: async (st, w) => { await s.teardown?.(st, w); const now = performance.now(); slowest = Math.max(slowest, now - began); began = now; } };
  const t0 = performance.now();
  const r = await check(timed, { strategy: 'random', runs, seed: 1, shrink: false });
  const sec = (performance.now() - t0) / 1000;
  return `${s.name}: ${r.runs} runs in ${sec.toFixed(1)} s = ${(r.runs / sec).toFixed(1)} runs/s, slowest run ${slowest.toFixed(0)} ms`;
}

/** First failing run per strategy over seeds 1..n. */
async function firstFailures(s: AnyScenario, seeds: number): Promise<string[]> {
  const lines: string[] = [];
  for (const strategy of ['random', 'pct', 'exhaustive', 'portfolio'] as const) {
    const found: (number | string)[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const r = await check(s, { strategy, runs: 1000, seed, shrink: false });
      found.push(r.firstFailure ?? '—');
    }
    lines.push(`${s.name} ${strategy}: first failure at runs ${found.join(', ')}`);
  }
  return lines;
}

/** `runs` runs in this process: handles and heap before, midway and after. */
async function soak(s: AnyScenario, runs: number): Promise<string> {
  await nextTurn();
  const h0 = ours();
  const m0 = heapMb();
  const r1 = await check(s, { strategy: 'random', runs: runs / 2, seed: 7 });
  const m1 = heapMb();
  const r2 = await check(s, { strategy: 'random', runs: runs / 2, seed: 8 });
  await nextTurn();
  const m2 = heapMb();
  return `${s.name}: ${r1.runs + r2.runs + r1.shrinkRuns + r2.shrinkRuns} runs (shrinking included), handles ${h0} → ${ours()}, heap ${m0.toFixed(1)} → ${m1.toFixed(1)} → ${m2.toFixed(1)} MB${gc ? '' : ' (no --expose-gc: heap not collected first)'}`;
}

const soakRuns = Number(process.argv[2] ?? 1000);
for (const s of [lockedHttp, atomicHttp, lockedChat, echoChat, framedTcp] as AnyScenario[]) console.log(await rate(s, 100));
for (const s of [unlockedHttp, unlockedChat, naiveTcp] as AnyScenario[]) for (const line of await firstFailures(s, 5)) console.log(line);
for (const s of [lockedHttp, unlockedHttp, lockedChat, framedTcp] as AnyScenario[]) console.log(await soak(s, soakRuns));
