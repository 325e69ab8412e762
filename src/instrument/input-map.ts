import { fileURLToPath } from 'node:url';
import { basename, dirname, resolve } from 'node:path';
import { TraceMap, originalPositionFor, type EncodedSourceMap } from '@jridgewell/trace-mapping';

/** The inline source map an earlier compiler left at the end of the code (tsx, esbuild, a library's build). */
const INLINE_MAP = /\n?\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/** Code compiled by an earlier loader: its text without the map comment, and the map back to its own source. */
export interface CompiledInput {
  readonly code: string;
  readonly map: EncodedSourceMap;
  /** The original line of a position in `code` (1-based line, 0-based column), when the map leads back to this same file. */
  originalLine(line: number, column: number): number | undefined;
}

function pathOf(source: string, file: string): string {
  if (source.startsWith('file:')) return fileURLToPath(source);
  return resolve(dirname(file), source);
}

/**
 * Splits off an inline source map. Lines are mapped back only into the same
 * file (a TypeScript compile of it): a library's map into sources it does not
 * ship would name files the user cannot open, so there the compiled lines stand.
 */
export function compiledInput(code: string, file: string): CompiledInput | undefined {
  const m = INLINE_MAP.exec(code);
  if (!m) return undefined;
  let map: EncodedSourceMap;
  try {
    map = JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as EncodedSourceMap;
  } catch {
    return undefined;
  }
  const trace = new TraceMap(map);
  const self = basename(file);
  const same = (source: string | null) => source !== null && (pathOf(source, file) === file || (map.sources.length === 1 && basename(pathOf(source, file)) === self));
  return {
    code: code.slice(0, m.index),
    map,
    originalLine(line, column) {
      const p = originalPositionFor(trace, { line, column });
      return p.line !== null && same(p.source) ? p.line : undefined;
    },
  };
}
