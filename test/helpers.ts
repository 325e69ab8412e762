import type { Scenario } from '../src/scenario.js';

/** n tasks of k plain steps each, recording the order in which steps ran. */
export function stepsScenario(n: number, k: number, touches?: (task: number) => string[]): Scenario<{ order: string[] }> {
  return {
    name: `steps-${n}x${k}`,
    setup: () => ({ order: [] }),
    tasks: Array.from({ length: n }, (_, t) => async (ctx, s: { order: string[] }) => {
      for (let i = 0; i < k; i++) {
        await ctx.step(`s${i}`, touches ? { touches: touches(t) } : undefined);
        s.order.push(`${String.fromCharCode(65 + t)}${i}`);
      }
    }),
  };
}

/** Collects every distinct order a scenario's runs produce, by failing never and recording. */
export function recordingScenario(n: number, k: number, seen: string[], touches?: (task: number) => string[]): Scenario<{ order: string[] }> {
  const base = stepsScenario(n, k, touches);
  return {
    ...base,
    invariant: (s) => {
      seen.push(s.order.join(' '));
      return true;
    },
  };
}
