import type { TraceEvent } from '../model/trace.js';

/** Runs of one task's steps at least this long are folded in the middle. */
const FOLD_MIN = 8;
/** Steps kept visible at each end of a folded run. */
const FOLD_KEEP = 2;

/**
 * Steps hidden behind a fold (indices into the trace, `to` exclusive): the
 * middle of long uninterrupted runs of one task, at least 3 steps each,
 * never a step in `keep` (the one that broke).
 */
export function foldedRanges(trace: readonly TraceEvent[], keep: ReadonlySet<number>): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  let start = 0;
  for (let i = 1; i <= trace.length; i++) {
    if (i < trace.length && trace[i]!.task === trace[start]!.task && !trace[i]!.preemption) continue;
    // A segment [start, i) of one task with no switch inside it.
    if (i - start >= FOLD_MIN) {
      let from = start + FOLD_KEEP;
      const end = i - FOLD_KEEP;
      for (let j = from; j < end; j++) {
        if (!keep.has(trace[j]!.step)) continue;
        if (j - from >= 3) ranges.push({ from, to: j });
        from = j + 1;
      }
      if (end - from >= 3) ranges.push({ from, to: end });
    }
    start = i;
  }
  return ranges;
}
