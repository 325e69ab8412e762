import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import remapping from '@jridgewell/remapping';
import { awaitSites } from './await-sites.js';
import { compiledInput } from './input-map.js';
import { awaitLabel, labelFile } from './label.js';
import { parseSource, type ModuleFormat } from './parse-source.js';
import { AWAIT_HELPER, INSTRUMENTED_MARKER, ITERATE_HELPER, PRELUDE } from './prelude.js';

/** What to instrument: where the code comes from and how it loads. */
export interface InstrumentOptions {
  /** Absolute path or file URL of the file; labels name it relative to `cwd`. */
  readonly file: string;
  /** How the file loads; undefined tries an ES module first, then CommonJS. */
  readonly format?: ModuleFormat | undefined;
  /** What labels are relative to; default `process.cwd()`. */
  readonly cwd?: string | undefined;
}

/** A version 3 source map as JSON (what Vite, esbuild and Node read). */
export interface RawSourceMap {
  version: number;
  file?: string | undefined;
  sources: (string | null)[];
  sourcesContent?: (string | null)[] | undefined;
  names: string[];
  mappings: string;
}

/** Instrumented code, its source map back to the original, and the labels of its yield points in source order. */
export interface InstrumentResult {
  readonly code: string;
  readonly map: RawSourceMap;
  readonly labels: readonly string[];
}

/** A character that would join a helper's name written right after it (`of` + `__rk$i` → `of__rk$i`). */
const IDENTIFIER_CHAR = /[\p{ID_Continue}$]/u;

/** Offsets where lines start, for offset → line/column. */
function lineStarts(code: string): number[] {
  const starts = [0];
  const re = /\r\n|[\n\r\u2028\u2029]/g;
  for (let m = re.exec(code); m; m = re.exec(code)) starts.push(m.index + m[0].length);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

/**
 * Rewrites every `await X` to `await __rk$a(X, "await <file>:<line>")` and
 * every `for await (… of X)` to `for await (… of __rk$i(X, "…"))`, appends the
 * helpers, and returns the code with a source map to the original; undefined
 * when the file has no await (nothing to change) or is instrumented already.
 * Edits stay on their own lines, so line numbers never move. Code compiled by
 * an earlier loader (an inline source map at its end) is labelled with the
 * lines of the original and its map composed with ours.
 */
export function instrumentSource(source: string, options: InstrumentOptions): InstrumentResult | undefined {
  if (!/\bawait\b/.test(source) || source.includes(INSTRUMENTED_MARKER)) return undefined;
  const path = options.file.startsWith('file:') ? fileURLToPath(options.file) : options.file;
  const input = compiledInput(source, path);
  const code = input?.code ?? source;
  const sites = awaitSites(parseSource(code, path, options.format), code);
  if (sites.length === 0) return undefined;
  const file = labelFile(path, options.cwd);
  const starts = lineStarts(code);
  const s = new MagicString(code);
  const labels: { at: number; label: string }[] = [];
  for (const site of sites) {
    const at = position(starts, site.keyword);
    const line = input?.originalLine(at.line, at.column) ?? at.line;
    const label = awaitLabel(file, line);
    labels.push({ at: site.keyword, label });
    const helper = site.kind === 'await' ? AWAIT_HELPER : ITERATE_HELPER;
    // Openers attach to the code after them, closers to the code before; a
    // parent's closer is placed first, so a nested await's closer lands inside it.
    // `await x` → `await __rk$a(x`; `await(x)` → `await __rk$a((x)`, so the keyword stays a keyword.
    // A for-await's X may follow `of` with no space (`of[a]`, `of"ab"`, and
    // always in minified code and tsx's output): a space keeps `of` a keyword.
    const spaced = site.kind === 'await' && code[site.start] === ' ';
    const glued = site.kind === 'await' ? !spaced : IDENTIFIER_CHAR.test(code[site.start - 1] ?? '');
    s.appendRight(site.start + (spaced ? 1 : 0), `${glued ? ' ' : ''}${helper}(${site.sequence ? '(' : ''}`);
    s.prependLeft(site.end, `${site.sequence ? ')' : ''}, ${JSON.stringify(label)})`);
  }
  s.append(`\n${PRELUDE}`);
  const ours = s.generateMap({ hires: true, source: path, file: path, includeContent: true });
  const map: RawSourceMap = input ? (JSON.parse(remapping([ours as never, input.map], () => null).toString()) as RawSourceMap) : { ...ours };
  labels.sort((a, b) => a.at - b.at);
  return { code: s.toString(), map, labels: labels.map((l) => l.label) };
}

/** The code with its source map inline, as Node's loaders and `--enable-source-maps` read it. */
export function withInlineMap(result: InstrumentResult): string {
  const base64 = Buffer.from(JSON.stringify(result.map)).toString('base64');
  return `${result.code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
