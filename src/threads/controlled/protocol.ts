/** What a controlled worker tells the main thread (see workers/controlled-host.mjs). */
export type WorkerMessage =
  /** Parked at a yield point: `label` is the step it will take when woken. */
  | { readonly type: 'park'; readonly label: string; readonly touches?: readonly string[]; readonly note?: unknown }
  /** The program returned. */
  | { readonly type: 'done'; readonly note?: unknown }
  /** The program threw. */
  | { readonly type: 'error'; readonly message: string; readonly note?: unknown }
  /** The thread died without a word (process.exit, a fatal error); made up on the main side. */
  | { readonly type: 'exit'; readonly code: number; readonly note?: unknown };

/** The slot value that wakes a parked worker. */
export const WAKE = 1;
