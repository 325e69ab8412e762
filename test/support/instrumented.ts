import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '../../src/model/check-result.js';

// `racekit/register` is the built dist, found through the package's own name: `npm run build` first (npm test does).
/** The repository's root, where the spawned processes run. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** One check of a module's export: with these options, or a replay of an earlier check's token. */
export interface PlannedCheck {
  readonly variant: string;
  readonly options?: { readonly seed?: number; readonly runs?: number; readonly strategy?: 'random' | 'pct' | 'exhaustive' | 'portfolio'; readonly shrink?: boolean };
  /** Index of the earlier check in the plan whose replay token this one runs. */
  readonly replayOf?: number;
}

/** What a spawned process prints. */
export interface Spawned {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs node in the repository's root, colours off. */
export function node(args: readonly string[], env: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs the plan on a module in a process of its own under
 * `node --import tsx --import racekit/register` with `RACEKIT_INSTRUMENT`
 * set to the globs, as a user would: the results, and whether the real
 * timers were back in place at the end.
 */
export async function checkInstrumented(module: string, globs: readonly string[], plan: readonly PlannedCheck[]): Promise<{ results: CheckResult[]; realTimers: boolean }> {
  const r = await node(['--import', 'tsx', '--import', 'racekit/register', 'test/support/check-plan.ts', module, JSON.stringify(plan)], { RACEKIT_INSTRUMENT: globs.join(',') });
  if (r.code !== 0) throw new Error(`check-plan ${module} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { results: CheckResult[]; realTimers: boolean };
}

/** Escapes text for a RegExp. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
