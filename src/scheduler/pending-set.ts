import type { YieldKind } from '../model/trace.js';
import type { YieldPoint } from './yield-point.js';

/** What a resumed `call` yield point adds to its trace event: the call and its answer (an `await` point: when it was reached). */
export interface CallRecord {
  /** The call's arguments; undefined for an instrumented await. */
  readonly args?: string;
  /** Steps the run had taken when the call was made. */
  readonly madeAfter: number;
  readonly returned?: string;
  readonly threw?: string;
}

/**
 * The pending yield points of a run, in the order they became pending. The
 * strategy reads {@link PendingSet.points} (read-only views); the means to
 * resume each one stay here, in a parallel array, out of the strategy's reach.
 */
export class PendingSet {
  /** The views a decision offers, in order. */
  readonly points: YieldPoint[] = [];
  private readonly resumes: (() => void)[] = [];
  /** Parallel to points once a call has been pending (most runs have none). */
  private calls: (CallRecord | undefined)[] | undefined;
  private seq = 0;
  /** Instrumented awaits among the pending yield points: each is a promise job ready to run, which no timer can come before. */
  awaits = 0;

  /** A yield point of `task` (its `ordinal`-th) becomes pending; `resume` lets its flow continue. */
  park(task: number, ordinal: number, kind: YieldKind, label: string, touches: readonly string[] | undefined, since: number | undefined, pendingAfter: number, resume: () => void, call: CallRecord | undefined): void {
    this.add({ seq: this.seq++, task, ordinal, kind, label, touches, at: undefined, since, pendingAfter }, resume, call);
  }

  add(point: YieldPoint, resume: () => void, call?: CallRecord): void {
    if (point.kind === 'await') this.awaits++;
    this.points.push(point);
    this.resumes.push(resume);
    if (call !== undefined && this.calls === undefined) this.calls = Array<CallRecord | undefined>(this.points.length - 1).fill(undefined);
    this.calls?.push(call);
  }

  get size(): number {
    return this.points.length;
  }

  /** The call record of the yield point at `index` (kind `call` only). */
  callAt(index: number): CallRecord | undefined {
    return this.calls?.[index];
  }

  /** Removes the yield point at `index`; returns how to resume it. */
  take(index: number): () => void {
    const resume = this.resumes[index]!;
    if (this.points[index]!.kind === 'await') this.awaits--;
    // Shifted by hand: splice allocates the removed elements' array, on the hottest path of a run.
    const { points, resumes, calls } = this;
    const last = points.length - 1;
    for (let i = index; i < last; i++) {
      points[i] = points[i + 1]!;
      resumes[i] = resumes[i + 1]!;
    }
    points.pop();
    resumes.pop();
    if (calls !== undefined) {
      for (let i = index; i < last; i++) calls[i] = calls[i + 1];
      calls.pop();
    }
    return resume;
  }

  /**
   * Puts the pending yield points in a canonical order (by task, then by
   * ordinal) instead of the order they became pending, keeping their
   * sequence numbers increasing: for points that outside work delivered
   * together, whose arrival order is the thread pool's, not the program's.
   */
  canonicalize(): void {
    const { points, resumes, calls } = this;
    if (points.length < 2) return;
    const order = points.map((_, i) => i).sort((a, b) => points[a]!.task - points[b]!.task || points[a]!.ordinal - points[b]!.ordinal);
    const seqs = points.map((p) => p.seq).sort((a, b) => a - b);
    const sorted = order.map((i, k) => ({ ...points[i]!, seq: seqs[k]! }));
    const sortedResumes = order.map((i) => resumes[i]!);
    const sortedCalls = calls && order.map((i) => calls[i]);
    for (let k = 0; k < order.length; k++) {
      points[k] = sorted[k]!;
      resumes[k] = sortedResumes[k]!;
      if (calls !== undefined) calls[k] = sortedCalls![k];
    }
  }

  /** The earliest virtual time at which a pending yield point became pending (for maxLatency). */
  earliestSince(): number | undefined {
    let min: number | undefined;
    for (const p of this.points) if (p.since !== undefined && (min === undefined || p.since < min)) min = p.since;
    return min;
  }
}
