import { plural } from '../model/plural.js';

/** What a check saw of its runs that decides whether anything was interleaved. */
export interface Coverage {
  readonly runs: number;
  /** Steps over all runs. */
  readonly steps: number;
  /** The most yield points pending at one decision, over all runs. */
  readonly widest: number;
  /** With a scenario's interleaving witness: runs it said interleaved, and what to say when none did. */
  readonly witness?: { readonly interleaved: number; readonly otherwise: string } | undefined;
  /** Why exploration stopped, when its caller knows: with no run made, the warning then says which. */
  readonly stopped?: 'aborted' | 'budget' | undefined;
  /** A run failed: with nothing interleaved, the failure came from an order the scheduler did not choose, which the warning says. */
  readonly failed?: boolean | undefined;
  /** Instrumented awaits the runs reached outside every task (in callbacks the event loop started). */
  readonly untasked?: number | undefined;
}

/** The warning of a check that passed although instrumented code ran outside every task, where its awaits are no yield points. */
export const UNTASKED = "instrumented awaits ran outside every task, in callbacks the event loop started (a server's request handler, an event listener): there they are plain awaits, not yield points, so what that code does was not interleaved; start it as a task instead (ctx.spawn in the callback, its arrivals through a gate: README, \"Servers\")";

/** What every warning of a check that made no run begins with. */
export const NO_RUN = 'nothing was explored: no run was made';

/**
 * The warning of a check that stopped before its first run. A check is asked
 * for at least one run, so this happens only when its signal was aborted or
 * its time budget spent before the first run began (or, for one worker's
 * share of a check, when another worker's failure came before its first run).
 */
function noRunWarning(stopped: Coverage['stopped']): string {
  const why = stopped === 'aborted' ? 'the signal was aborted before the first run' : stopped === 'budget' ? 'the time budget, budgetMs, was spent before the first run' : 'the check stopped before its first run: its signal was aborted or its time budget, budgetMs, spent';
  return `${NO_RUN} (${why}); the check says nothing about races`;
}

/**
 * What the user must know about what was explored: a check that made no run,
 * or whose runs never had two yield points pending at once, interleaved
 * nothing, and a pass then says nothing about races; a pass whose runs
 * reached instrumented awaits outside every task left that code's order
 * unexplored.
 */
export function coverageWarnings(c: Coverage): string[] {
  // A pass of zero runs is not a pass: it must not read like one.
  if (c.runs === 0) return [noRunWarning(c.stopped)];
  return [...interleavingWarnings(c), ...(c.untasked !== undefined && c.untasked > 0 && c.failed !== true ? [UNTASKED] : [])];
}

/** The warning of a failure whose shrinking hit its limit of runs or time with candidates left: the trace shown may not be the smallest. */
export function shrinkCutWarning(cut: 'runs' | 'time', runs: number): string {
  const limit = cut === 'runs' ? `${runs.toLocaleString('en-US')} runs` : `its time limit, after ${runs.toLocaleString('en-US')} ${plural(runs, 'run')}`;
  return `shrinking stopped at ${limit} with smaller candidates left: the failure shown may not be the smallest (fewer tasks, fewer steps)`;
}

/** The warning, if any, that nothing (or nothing the scenario's witness counts) was interleaved. */
function interleavingWarnings(c: Coverage): string[] {
  const runs = `${c.runs} ${plural(c.runs, 'run')}`;
  if (c.steps === 0) {
    return [`nothing was interleaved: no yield point was reached in ${runs}. Mark yield points with ctx.step or ctx.wrap, or instrument the code (racekit audit --instrument, racekit/vite)`];
  }
  if (c.widest < 2) {
    const failure = c.failed === true ? '; so no order racekit chose made the failure: the code fails whatever the schedule, or by the order outside work finished in (real time)' : '';
    return [`nothing was interleaved: no run had two yield points pending at once (${runs}, ${c.steps} steps); the tasks never overlapped at a yield point${failure}`];
  }
  if (c.witness !== undefined && c.witness.interleaved === 0) return [`nothing was interleaved: ${c.witness.otherwise} (${runs})`];
  return [];
}
