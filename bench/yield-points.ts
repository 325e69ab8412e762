import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mode, SeedOutcome } from './yield-points-worker.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** The buggy releases' folders the automatic side instruments. */
const LIBRARY_GLOBS = ['node_modules/p-memoize-6-0-2/**', 'node_modules/async-cache-dedupe-3-3-0/**', 'node_modules/aws-property-provider-3-27-0/**'];

/** bench/ under tsx, dist/bench/ when built: the worker beside this module, the repository two or one levels up. */
function paths(): { worker: string; root: string; examples: string } {
  const here = import.meta.url;
  const built = here.endsWith('.js');
  const root = fileURLToPath(new URL(built ? '../..' : '..', here));
  return { worker: fileURLToPath(new URL(`./yield-points-worker.${built ? 'js' : 'ts'}`, here)), root, examples: `${relative(root, fileURLToPath(new URL('../examples', here)))}/*.${built ? 'js' : 'ts'}` };
}

function side(mode: Mode, seeds: number, runs: number): Promise<Record<string, SeedOutcome[]>> {
  const { worker, root, examples } = paths();
  // `racekit/register` is the built dist, found through the package's own name from the repository's root.
  const args = ['--import', 'tsx', ...(mode === 'auto' ? ['--import', 'racekit/register'] : []), worker, mode, String(seeds), String(runs)];
  const env = { ...process.env, ...(mode === 'auto' ? { RACEKIT_INSTRUMENT: [examples, ...LIBRARY_GLOBS].join(',') } : {}) };
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`yield-points worker (${mode}) failed: ${stderr || error.message}`));
      else done(JSON.parse(stdout) as Record<string, SeedOutcome[]>);
    });
  });
}

/** Found in k of n seeds; runs to first failure over the seeds that found it, median (min–max); steps per run, median over seeds. */
function cells(outcomes: readonly SeedOutcome[]): [string, string, string] {
  const found = outcomes.flatMap((o) => (o.firstFailure === null ? [] : [o.firstFailure]));
  const [lo, hi] = range(found);
  const runs = found.length === 0 ? '—' : `**${fmt(median(found), 1)}** (${fmt(lo)}–${fmt(hi)})`;
  return [`${found.length}/${outcomes.length}`, runs, fmt(median(outcomes.map((o) => o.steps / o.runs)), 1)];
}

/**
 * Runs to first failure with automatic yield points (the plain examples and
 * the libraries as published, instrumented) against hand-placed ones (the
 * same bugs with ctx.wrap, ctx.wrapObject and ctx.step, nothing
 * instrumented), over the same seeds: one process per side.
 */
export async function yieldPoints(size: BenchSize): Promise<Section> {
  const seeds = size === 'full' ? 20 : size === 'quick' ? 10 : 2;
  const runs = size === 'full' ? 2000 : size === 'quick' ? 1000 : 200;
  const [auto, hand] = await Promise.all([side('auto', seeds, runs), side('hand', seeds, runs)]);
  const none = await side('none', seeds, runs);
  const plain = (name: string) => {
    const o = none[name]!;
    const found = o.filter((x) => x.firstFailure !== null).length;
    return `${found}/${o.length}${o.some((x) => x.warned) ? ` (warned ${o.filter((x) => x.warned).length})` : ''}`;
  };
  const rows = Object.keys(auto).map((name) => [`\`${name}\``, ...cells(auto[name]!), ...cells(hand[name]!), plain(name)]);
  const body = [
    `Seeds 1–${seeds}, the default portfolio strategy, shrinking off, at most ${fmt(runs)} runs per seed. Automatic: the code as written (examples/*.ts, the buggy releases in node_modules) under \`node --import racekit/register\`, every await a yield point. Hand-placed: examples/hand-placed/*.ts and the libraries' loaders wrapped with \`ctx.wrap\`, nothing instrumented. Neither: the code as written, nothing instrumented, nothing placed (seeds that found the bug anyway, and how many of the checks warned that nothing was interleaved). Runs to first failure are over the seeds that found the bug.`,
    '',
    table(['bug', 'automatic: found', 'runs to first failure', 'steps per run', 'hand-placed: found', 'runs to first failure', 'steps per run', 'neither: found'], rows),
  ].join('\n');
  return { id: 'yield-points', title: 'Automatic against hand-placed yield points: runs to first failure', body, data: { seeds, runs, auto, hand, none } };
}
