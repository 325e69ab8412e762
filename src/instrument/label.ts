import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every automatic yield point's label starts with. */
export const AWAIT_LABEL_PREFIX = 'await ';

/** A file as labels name it: relative to the working directory, forward slashes (absolute when on another drive). */
export function labelFile(file: string, cwd: string = process.cwd()): string {
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  const rel = relative(cwd, path);
  return (rel === '' || isAbsolute(rel) ? path : rel).split(sep).join('/');
}

/** The label of an instrumented await: `await src/cache.ts:42`. */
export function awaitLabel(file: string, line: number): string {
  return `${AWAIT_LABEL_PREFIX}${file}:${line}`;
}

/** The file and line a label names, or undefined for a label that is not an instrumented await's. */
export function parseAwaitLabel(label: string): { file: string; line: number } | undefined {
  const m = /^await (.+):(\d+)$/.exec(label);
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
}
