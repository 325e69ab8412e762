import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAwaitLabel } from './label.js';

/** Line terminators as ECMAScript (and so the parser and stack traces) count lines. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

const cache = new Map<string, readonly string[] | undefined>();

function linesOf(file: string): readonly string[] | undefined {
  if (!cache.has(file)) {
    let lines: string[] | undefined;
    try {
      lines = readFileSync(resolve(file), 'utf8').split(LINE_BREAK);
    } catch {
      lines = undefined;
    }
    cache.set(file, lines);
  }
  return cache.get(file);
}

/**
 * The trimmed text of the source line an instrumented await's label names
 * (`await src/cache.ts:42`), read lazily from the file relative to the
 * working directory and cached; undefined for other labels or an unreadable file.
 */
export function sourceLineOf(label: string): string | undefined {
  const at = parseAwaitLabel(label);
  if (!at) return undefined;
  return linesOf(at.file)?.[at.line - 1]?.trim();
}
