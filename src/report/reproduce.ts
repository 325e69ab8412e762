import type { RunSummary } from './model.js';

/** The commands that reproduce a run: the recorded ones, else one built from its names, seed and strategy. */
export function reproduceCommands(summary: RunSummary): string[] {
  if (summary.reproduce && summary.reproduce.length > 0) return summary.reproduce;
  const names = [...new Set(summary.scenarios.map((s) => s.name))].join(' ');
  return [`npx racekit run ${names} --seed ${summary.seed} --strategy ${summary.strategy}`];
}
