import { plural } from '../model/plural.js';

/** What a failure says of its shrinking and preemptions: the same words in the terminal, Markdown and HTML. */

function preemptionCount(n: number): string {
  return `${n} ${plural(n, 'preemption')}`;
}

/** The shrunk trace's preemptions, and what shrinking did when it changed anything (preemptions are taken out first, which may lengthen the trace). */
export function shrinkText(f: { readonly originalSteps: number; readonly traceSteps: number; readonly shrinkRuns: number; readonly preemptions: number; readonly originalPreemptions?: number | undefined }): string {
  const before = f.originalPreemptions;
  const after = preemptionCount(f.preemptions);
  if (f.originalSteps === f.traceSteps && (before === undefined || before === f.preemptions)) return after;
  const runs = `in ${f.shrinkRuns} ${plural(f.shrinkRuns, 'run')}`;
  // A report written before originalPreemptions was recorded.
  if (before === undefined) return `shrunk from ${f.originalSteps} to ${f.traceSteps} steps ${runs}; ${after}`;
  const longer = f.traceSteps > f.originalSteps ? ' (fewer preemptions first, at the cost of steps)' : '';
  return `shrunk from ${f.originalSteps} steps and ${preemptionCount(before)} to ${f.traceSteps} steps and ${after} ${runs}${longer}`;
}
