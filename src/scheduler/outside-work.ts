/**
 * The outside work of one run: what the scheduler cannot see finish by
 * itself. Wrapped calls in flight, holds and immediates of the run's code
 * will produce something soon, so a decision waits for them (bounded by the
 * deadlock timeout). Real timers the run created are only waited for when
 * nothing is pending: a step has no duration, so it happens before them.
 */
export class OutsideWork {
  /** Wrapped calls started and not yet settled. */
  calls = 0;
  /** Real timers the run's code created that have neither fired nor been cleared. */
  realTimers = 0;
  /** setImmediate callbacks of the run's code not yet run. */
  immediates = 0;
  private readonly holds: string[] = [];

  /** Declares outside work in flight; the returned release (idempotent) ends it and calls `released`. */
  hold(label: string, released: () => void): () => void {
    this.holds.push(label);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds.splice(this.holds.indexOf(label), 1);
      released();
    };
  }

  /** Work that will produce something soon: wait for it before deciding. */
  get busy(): boolean {
    return this.calls > 0 || this.holds.length > 0 || this.immediates > 0;
  }

  /** What is still outstanding, for a deadlock message (", still waiting for …"). */
  describe(): string {
    const held = this.holds.length > 0 ? `, still waiting for ${[...new Set(this.holds)].join(', ')}` : '';
    const unsettled = this.calls > 0 ? `, ${this.calls} wrapped call(s) never settled` : '';
    return `${unsettled}${held}`;
  }
}
