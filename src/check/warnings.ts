/** What a check saw of its runs that decides whether anything was interleaved. */
export interface Coverage {
  readonly runs: number;
  /** Steps over all runs. */
  readonly steps: number;
  /** The most yield points pending at one decision, over all runs. */
  readonly widest: number;
  /** With a scenario's interleaving witness: runs it said interleaved, and what to say when none did. */
  readonly witness?: { readonly interleaved: number; readonly otherwise: string } | undefined;
}

/**
 * What the user must know about what was explored: a check whose runs never
 * had two yield points pending at once interleaved nothing, and a pass then
 * says nothing about races.
 */
export function coverageWarnings(c: Coverage): string[] {
  if (c.runs === 0) return [];
  const runs = `${c.runs} run${c.runs === 1 ? '' : 's'}`;
  if (c.steps === 0) {
    return [`nothing was interleaved: no yield point was reached in ${runs}. Mark yield points with ctx.step or ctx.wrap, or instrument the code (racekit audit --instrument, racekit/vite)`];
  }
  if (c.widest < 2) {
    return [`nothing was interleaved: no run had two yield points pending at once (${runs}, ${c.steps} steps); the tasks never overlapped at a yield point`];
  }
  if (c.witness !== undefined && c.witness.interleaved === 0) return [`nothing was interleaved: ${c.witness.otherwise} (${runs})`];
  return [];
}
