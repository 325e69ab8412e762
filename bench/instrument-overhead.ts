import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instrumentSource, withInlineMap } from '../src/instrument/transform.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** The loops timed: one await per iteration, of a plain value, of a resolved promise, and one for-await turn. */
const LOOPS = `
export async function plainValue(n) { let s = 0; for (let i = 0; i < n; i++) s += await i; return s; }
export async function resolvedPromise(n) { let s = 0; for (let i = 0; i < n; i++) s += await Promise.resolve(i); return s; }
async function* count(n) { for (let i = 0; i < n; i++) yield i; }
export async function forAwaitTurn(n) { let s = 0; for await (const i of count(n)) s += i; return s; }
`;
type Loop = (n: number) => Promise<number>;
const KINDS = ['plainValue', 'resolvedPromise', 'forAwaitTurn'] as const;

/** TypeScript and JavaScript the transform is timed on: racekit's own sources and a CommonJS library. */
function corpus(): { file: string; code: string }[] {
  // bench/ from the sources, dist/bench/ when built.
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = join(here, here.includes(`${sep}dist${sep}`) ? '../..' : '..');
  const walk = (dir: string, re: RegExp): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p, re) : re.test(f) ? [p] : [];
    });
  return [...walk(join(root, 'src'), /\.ts$/), ...walk(join(root, 'node_modules', 'undici', 'lib'), /\.js$/)].map((file) => ({ file, code: readFileSync(file, 'utf8') }));
}

async function nsPerAwait(loop: Loop, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await loop(n);
  return Number(process.hrtime.bigint() - t0) / n;
}

/**
 * With no handler installed: ns per `await` (and per for-await turn) of the
 * same loops as written and instrumented, alternating in rounds; and the
 * transform's time per KB of source (parse, edits, source map).
 */
export async function instrumentOverhead(size: BenchSize): Promise<Section> {
  const rounds = size === 'full' ? 7 : size === 'quick' ? 3 : 1;
  const n = size === 'full' ? 1_000_000 : size === 'quick' ? 200_000 : 1000;
  const dir = mkdtempSync(join(tmpdir(), 'racekit-bench-instrument-'));
  try {
    writeFileSync(join(dir, 'plain.mjs'), LOOPS);
    writeFileSync(join(dir, 'instrumented.mjs'), withInlineMap(instrumentSource(LOOPS, { file: join(dir, 'loops.mjs'), cwd: dir })!));
    const plain = (await import(pathToFileURL(join(dir, 'plain.mjs')).href)) as Record<string, Loop>;
    const inst = (await import(pathToFileURL(join(dir, 'instrumented.mjs')).href)) as Record<string, Loop>;
    const times: Record<string, { plain: number[]; inst: number[] }> = {};
    for (const kind of KINDS) {
      times[kind] = { plain: [], inst: [] };
      await plain[kind]!(Math.min(n, 50_000)); // warm-up
      await inst[kind]!(Math.min(n, 50_000));
      for (let r = 0; r < rounds; r++) {
        const first = r % 2 === 0;
        const a = await nsPerAwait((first ? plain : inst)[kind]!, n);
        const b = await nsPerAwait((first ? inst : plain)[kind]!, n);
        times[kind]!.plain.push(first ? a : b);
        times[kind]!.inst.push(first ? b : a);
      }
    }
    const files = size === 'tiny' ? corpus().slice(0, 5) : corpus();
    const kb = files.reduce((s, f) => s + f.code.length, 0) / 1024;
    const transformMs: number[] = [];
    let awaits = 0;
    let coldMs = 0;
    for (let r = 0; r < Math.max(2, rounds); r++) {
      const t0 = performance.now();
      awaits = 0;
      for (const f of files) awaits += instrumentSource(f.code, { file: f.file })?.labels.length ?? 0;
      // The first round is what a process pays as it loads (the parser not yet compiled by the JIT).
      if (r === 0) coldMs = performance.now() - t0;
      else transformMs.push(performance.now() - t0);
    }
    const cell = (xs: number[]) => `${fmt(median(xs), 1)} (${range(xs).map((x) => fmt(x, 1)).join('–')})`;
    const rows = KINDS.map((kind) => {
      const t = times[kind]!;
      const extra = median(t.inst) - median(t.plain);
      return [kind === 'plainValue' ? '`await i`' : kind === 'resolvedPromise' ? '`await Promise.resolve(i)`' : '`for await` turn', cell(t.plain), cell(t.inst), `${extra >= 0 ? '+' : ''}${fmt(extra, 1)}`];
    });
    const usPerKb = (median(transformMs) * 1000) / kb;
    const coldUsPerKb = (coldMs * 1000) / kb;
    const body = [
      `No handler installed (outside a check run): each loop runs ${fmt(n)} iterations as written and as instrumented, alternating in ${rounds} round(s); ns per iteration, median (min–max).`,
      '',
      table(['one iteration of', 'plain ns', 'instrumented ns', 'difference ns'], rows),
      '',
      `Transform (Babel parse, edits, source map) on ${files.length} files, ${fmt(kb)} KB (racekit's src/*.ts and undici's lib/*.js), ${fmt(awaits)} awaits: warm ${fmt(median(transformMs), 1)} ms, **${fmt(usPerKb, 1)} µs per KB** (${fmt(1000 / usPerKb, 1)} MB/s); the first (cold) pass ${fmt(coldMs, 1)} ms, ${fmt(coldUsPerKb, 1)} µs per KB. Files without an await are skipped before parsing.`,
    ].join('\n');
    return { id: 'instrument-overhead', title: 'Automatic yield points: cost of an instrumented await with no handler, and of the transform', body, data: { times, transformMs, coldMs, kb, files: files.length, awaits, usPerKb } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
