/** No failure yet: every run comes before it. */
const NONE = 0x7fffffff;

/**
 * The earliest failing run any worker has found, in the merged order
 * (shares.ts), in memory every worker of a check shares: a worker stops
 * before any run that comes after it, since that run could no longer be the
 * one reported, and keeps running those that come before it, since one of
 * them failing would be.
 */
export class EarliestFailure {
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = EarliestFailure.buffer()) {
    this.cell = new Int32Array(buffer);
  }

  /** A fresh shared cell holding "no failure yet". */
  static buffer(): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(4);
    new Int32Array(buffer)[0] = NONE;
    return buffer;
  }

  /** The earliest failing run so far; Infinity before any. */
  get run(): number {
    const run = Atomics.load(this.cell, 0);
    return run === NONE ? Infinity : run;
  }

  /** Records a failing run; keeps the earlier one when another worker's came first. */
  lower(run: number): void {
    // Beyond the cell's range (2³¹ runs) a failure is not shared: the others then run to their budget.
    if (run >= NONE) return;
    for (let seen = Atomics.load(this.cell, 0); run < seen; ) {
      const was = Atomics.compareExchange(this.cell, 0, seen, run);
      if (was === seen) return;
      seen = was;
    }
  }
}
