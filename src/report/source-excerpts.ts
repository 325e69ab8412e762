import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TraceEvent } from '../model/trace.js';

/** Lines shown around each line a step names. */
const CONTEXT = 3;
/** Line terminators as ECMAScript counts lines (and so labels do). */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** A few lines of one source file around the lines steps name (1-based `first`). */
export interface SourceExcerpt {
  readonly file: string;
  readonly first: number;
  readonly lines: readonly string[];
  /** The lines steps name, each an anchor the timeline links to. */
  readonly marked: readonly number[];
}

/** The file and line an instrumented await's label names (`await src/cache.ts:42`). */
export function labelLine(label: string): { file: string; line: number } | undefined {
  const m = /^await (.+):(\d+)$/.exec(label);
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
}

/** The anchor of a line in the report page's source view. */
export function lineAnchor(file: string, line: number): string {
  return `src:${file}:${line}`;
}

/**
 * The excerpts of source a trace's instrumented awaits point at, read from
 * the files (relative to the working directory, as labels are) when the
 * report is written, so the report carries them; nearby lines share one
 * excerpt. Files that cannot be read are left out.
 */
export function sourceExcerpts(trace: readonly TraceEvent[], read: (file: string) => string | undefined = readSource): SourceExcerpt[] {
  const byFile = new Map<string, Set<number>>();
  for (const e of trace) {
    if (e.kind !== 'await') continue;
    const at = labelLine(e.label);
    if (at) byFile.set(at.file, (byFile.get(at.file) ?? new Set()).add(at.line));
  }
  const excerpts: SourceExcerpt[] = [];
  for (const [file, lineSet] of byFile) {
    const text = read(file);
    if (text === undefined) continue;
    const all = text.split(LINE_BREAK);
    const marked = [...lineSet].filter((l) => l >= 1 && l <= all.length).sort((a, b) => a - b);
    let group: number[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const first = Math.max(1, group[0]! - CONTEXT);
      const last = Math.min(all.length, group[group.length - 1]! + CONTEXT);
      excerpts.push({ file, first, lines: all.slice(first - 1, last), marked: group });
      group = [];
    };
    for (const l of marked) {
      if (group.length > 0 && l - group[group.length - 1]! > 2 * CONTEXT + 1) flush();
      group.push(l);
    }
    flush();
  }
  return excerpts;
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch {
    return undefined;
  }
}
