/** How big a benchmark run is: `full` for RESULTS.md, `quick` for a smoke run, `tiny` for the test suite. */
export type BenchSize = 'full' | 'quick' | 'tiny';

/** A claim racekit makes and what this run measured for it. */
export interface Target {
  readonly claim: string;
  readonly measured: string;
  readonly met: boolean;
}

/** One measurement's part of RESULTS.md. */
export interface Section {
  readonly id: string;
  readonly title: string;
  /** Markdown: explanation and tables. */
  readonly body: string;
  /** The raw figures, for tests and for anyone post-processing. */
  readonly data: unknown;
  /** The claimed targets this measurement decides. */
  readonly targets?: readonly Target[];
}
