import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { instrumentSource, withInlineMap } from '../../src/instrument/transform.js';
import type { ModuleFormat } from '../../src/instrument/parse-source.js';

/** Two copies of a set of files: `orig/` as written, `inst/` instrumented (labels relative to `orig/`). */
export interface FilePair {
  readonly root: string;
  readonly orig: string;
  readonly inst: string;
  /** Labels per file, in source order. */
  readonly labels: Record<string, readonly string[]>;
}

/** Writes each file twice, original and instrumented; `format` as the loader would pass it. */
export function writePair(files: Record<string, string>, format?: (name: string) => ModuleFormat | undefined): FilePair {
  const root = mkdtempSync(join(tmpdir(), 'racekit-instrument-'));
  const orig = join(root, 'orig');
  const inst = join(root, 'inst');
  const labels: Record<string, readonly string[]> = {};
  for (const [name, code] of Object.entries(files)) {
    for (const dir of [orig, inst]) mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(orig, name), code);
    const r = instrumentSource(code, { file: join(orig, name), format: format?.(name), cwd: orig });
    writeFileSync(join(inst, name), r ? withInlineMap(r) : code);
    labels[name] = r?.labels ?? [];
  }
  return { root, orig, inst, labels };
}

/**
 * Runs a script in a fresh `node` (real module semantics, no Vite in
 * between) and returns its stdout. `RECORD` in the script is an array the
 * script may fill; a handler recording into it is installed on the shared
 * state when `record` is set, before anything else loads.
 */
export function runNode(script: string, cwd: string, record = false): string {
  const prologue = record
    ? `globalThis.RECORD = []; globalThis[Symbol.for('racekit.instrument')] = { handler: {
        await(v, l) { RECORD.push(l); return v; },
        iterate(it, l) { RECORD.push('iterate ' + l); const inner = it[Symbol.asyncIterator] ? it[Symbol.asyncIterator]() : it[Symbol.iterator]();
          return { [Symbol.asyncIterator]() { return { next: async (...a) => { const r = await inner.next(...a); if (!r.done) RECORD.push('turn ' + l); return r; }, return: inner.return && ((...a) => inner.return(...a)) }; } }; },
      } };`
    : 'globalThis.RECORD = [];';
  return execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', `${prologue}\n${script}`], { cwd, encoding: 'utf8', timeout: 20_000 });
}
