import { defaultIndex, type Decision } from './decision.js';
import { PRUNE, type RunFeedback, type RunPlan, type Strategy, type Walked } from './strategy.js';
import { SMALL_WORKLOADS } from '../workload/draw.js';
import { conflict, stepIds, type StepId } from './dpor/step-id.js';
import { RunRecord } from './dpor/run-record.js';
import { insert, weakInitial, type WakeupNode, type WakeupSequence } from './dpor/wakeup-tree.js';

/** One decision on the current path of the walk. */
interface Frame {
  readonly pending: readonly StepId[];
  /** The task resumed last before this decision (−1 before the first). */
  readonly current: number;
  readonly preemptionsBefore: number;
  /** Steps whose continuations from here are covered by runs already done. */
  readonly sleep: StepId[];
  /** The wakeup tree: what to run from here next, the current choice first. */
  readonly wakeup: WakeupNode[];
  chosen: StepId;
}

/** Options of the exhaustive walk. */
export interface ExhaustiveOptions {
  /** Most preemptions per schedule (CHESS's bound; 2 finds most bugs in practice). */
  readonly preemptionBound: number;
  /** Whether the scenario draws more than one workload (each gets its own walk). */
  readonly manyWorkloads: boolean;
}

/** What the walk did so far. */
export interface ExhaustiveStats {
  /** Runs planned, pruned ones included. */
  readonly runs: number;
  /** Runs abandoned because everything left was covered or over the bound. */
  readonly pruned: number;
  /** Distinct Mazurkiewicz classes (equivalence classes of schedules) among the completed runs. */
  readonly classes: number;
}

/**
 * With many workloads, a walk that has not covered its workload after this
 * many runs moves on to the next (small) workload: one large tree must not
 * swallow the whole budget while small workloads show the bug at once.
 */
const RUNS_PER_WORKLOAD = 256;

/**
 * Runs longer than this many steps are not analysed for races: the analysis
 * is quadratic in the run's length (a 10,000-step run took a minute), and a
 * walk over runs that long will not cover its tree anyway. Such a run
 * branches at every decision instead, on every pending yield point the
 * bound allows: plain depth-first, redundant but sound, so `exhausted` still
 * means what it says; classes are then not counted.
 */
const ANALYSED_STEPS = 1500;

function preempts(f: { pending: readonly StepId[]; current: number }, s: StepId): boolean {
  return f.current >= 0 && s.task !== f.current && f.pending.some((p) => p.task === f.current);
}

/**
 * Optimal dynamic partial-order reduction (Abdulla, Aronis, Jonsson,
 * Sagonas: source sets and wakeup trees, POPL 2014 / JACM 2017), run after
 * run: after each completed run, every race (two conflicting steps of
 * different tasks that nothing orders) is reversed by planning, at the
 * decision before the first step, a wakeup sequence that takes the second
 * first, unless a sleeping step already covers it. So each Mazurkiewicz
 * class (schedules equal up to the order of independent steps) is run
 * once. Steps that declare no `touches` conflict with everything, and then
 * every order is a class of its own: the walk is plain depth-first.
 * Schedules stay within `preemptionBound` preemptions; a reversal that
 * would exceed it is planned instead at the last earlier task switch
 * (Coons, Musuvathi, McKinley: bounded partial-order reduction, OOPSLA 2013).
 */
export class ExhaustiveStrategy implements Strategy {
  readonly name = 'exhaustive';
  private frames: Frame[] = [];
  private record = new RunRecord();
  private workload = SMALL_WORKLOADS;
  private runsOnWorkload = 0;
  private finished = false;
  private classIds = new Set<number>();
  private classesBefore = 0;
  private counts = { runs: 0, pruned: 0 };
  /** Runs too long to analyse for races (see ANALYSED_STEPS). */
  private unanalysed = 0;

  /** A finite preemption bound: bounded partial-order reduction instead of optimal DPOR. */
  private readonly bounded: boolean;

  constructor(private readonly options: ExhaustiveOptions) {
    this.bounded = Number.isFinite(options.preemptionBound);
  }

  get exhausted(): boolean {
    return this.finished;
  }

  /** Runs, pruned runs and classes explored so far (redundancy is runs ÷ classes). */
  get stats(): ExhaustiveStats {
    return { ...this.counts, classes: this.classesBefore + this.classIds.size };
  }

  /** What the walk covered; undefined once a run was too long to analyse (its classes are not known). */
  get walked(): Walked | undefined {
    if (this.unanalysed > 0) return undefined;
    const { runs, classes } = this.stats;
    return { runs, classes };
  }

  plan(): RunPlan | undefined {
    if (this.finished) return undefined;
    const frames = this.frames;
    const record = (this.record = new RunRecord());
    const choose = (d: Decision): number => {
      const depth = d.step - 1;
      const ids = stepIds(d);
      if (depth < frames.length) {
        const planned = frames[depth]!.chosen.key;
        const index = ids.findIndex((s) => s.key === planned);
        if (index >= 0) {
          record.record(ids, ids[index]!);
          return index;
        }
        // Not deterministic: the planned step is not pending. Walk on from here afresh.
        frames.length = depth;
      }
      const parent = frames[depth - 1];
      const frame: Frame = {
        pending: ids,
        current: d.current,
        preemptionsBefore: parent ? parent.preemptionsBefore + (preempts(parent, parent.chosen) ? 1 : 0) : 0,
        // Sleep sets assume every continuation of a sibling was run; under a
        // bound some may not have been, so only the unbounded walk inherits them.
        sleep: parent && !this.bounded ? parent.sleep.filter((q) => !conflict(q, parent.chosen)) : [],
        wakeup: parent ? [...(parent.wakeup.find((c) => c.step.key === parent.chosen.key)?.children ?? [])] : [],
        chosen: ids[0]!,
      };
      const index = this.pick(frame, defaultIndex(d));
      if (index === undefined) return PRUNE;
      frames.push(frame);
      record.record(ids, ids[index]!);
      return index;
    };
    return { workload: this.workload, strategy: this.name, chooser: { choose } };
  }

  done(_plan: RunPlan, feedback: RunFeedback): void {
    this.counts.runs++;
    if (feedback.pruned) this.counts.pruned++;
    else if (this.record.steps.length > ANALYSED_STEPS) {
      this.unanalysed++;
      this.branchEverywhere();
    } else {
      this.classIds.add(this.record.classId());
      this.reverseRaces(this.record);
    }
    const frames = this.frames;
    if (this.options.manyWorkloads && ++this.runsOnWorkload >= RUNS_PER_WORKLOAD) frames.length = 0;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      frame.sleep.push(frame.chosen);
      const at = frame.wakeup.findIndex((c) => c.step.key === frame.chosen.key);
      if (at >= 0) frame.wakeup.splice(at, 1);
      if (this.next(frame) !== undefined) return;
      frames.pop();
    }
    // The tree of this workload is covered (or its share of runs is spent).
    this.runsOnWorkload = 0;
    this.classesBefore += this.classIds.size;
    this.classIds = new Set();
    if (this.options.manyWorkloads) this.workload++;
    else this.finished = true;
  }

  private allowed(frame: Frame, s: StepId): boolean {
    return frame.preemptionsBefore + (preempts(frame, s) ? 1 : 0) <= this.options.preemptionBound;
  }

  /** The frame's next planned step (dropping plans that are not pending or over the bound), as the frame's choice. */
  private next(frame: Frame): number | undefined {
    while (frame.wakeup.length > 0) {
      const step = frame.wakeup[0]!.step;
      const index = frame.pending.findIndex((s) => s.key === step.key);
      if (index >= 0 && this.allowed(frame, step) && !frame.sleep.some((q) => q.key === step.key)) {
        frame.chosen = frame.pending[index]!;
        return index;
      }
      frame.wakeup.shift();
    }
    return undefined;
  }

  /** Chooses at a new frame: its wakeup tree if it has one, else the default choice if allowed, else any. */
  private pick(frame: Frame, def: number): number | undefined {
    if (frame.wakeup.length > 0) {
      const index = this.next(frame);
      if (index !== undefined) return index;
    }
    for (const i of [def, ...frame.pending.keys()]) {
      const s = frame.pending[i]!;
      if (frame.sleep.some((q) => q.key === s.key) || !this.allowed(frame, s)) continue;
      frame.wakeup.push({ step: s, children: [] });
      frame.chosen = s;
      return i;
    }
    return undefined;
  }

  /** Plain depth-first within the bound: every allowed pending yield point at every decision of the run is a branch. */
  private branchEverywhere(): void {
    for (const frame of this.frames) for (const s of frame.pending) if (this.allowed(frame, s)) plan(frame, s);
  }

  private reverseRaces(record: RunRecord): void {
    for (const [i, j] of record.races()) this.reverse(record, i, reversal(record, i, j), record.steps[j]!);
    for (const q of record.leftOver()) for (const i of record.racesAtEnd(q)) this.reverse(record, i, reversal(record, i, record.steps.length, q), q);
  }

  /** Plans `seq` (which takes `racing`, or its task's step, before step i) at the decision of step i. */
  private reverse(record: RunRecord, i: number, seq: WakeupSequence, racing: StepId): void {
    const frame = this.frames[i];
    if (!frame) return;
    if (!this.bounded) {
      // A sleeping weak initial means an equivalent run was done already.
      if (!frame.sleep.some((q) => weakInitial(q, seq) !== undefined)) insert(frame.wakeup, seq);
      return;
    }
    // Bounded: one initial of the reversal here if the bound allows it, and
    // always the racing task at the last earlier task switch (BPOR's
    // conservative point), since the runs from here may not reach an
    // equivalent schedule within the bound.
    const initials = seq.steps.filter((_, m) => seq.before[m]!.length === 0);
    const here = initials.map((s) => frame.pending.find((p) => p.key === s.key)).find((s) => s !== undefined && this.allowed(frame, s));
    if (here) plan(frame, here);
    this.conservative(record, i, racing, record.steps[i]!.task === racing.task);
  }

  /** The racing task (or, racing another flow of its own task, that very step) first at the last task switch before `i` where the bound allows it. */
  private conservative(record: RunRecord, i: number, racing: StepId, sameTask: boolean): void {
    for (let m = i - 1; m >= 0; m--) {
      if (m > 0 && record.steps[m - 1]!.task === record.steps[m]!.task) continue;
      const frame = this.frames[m]!;
      const s = frame.pending.find((p) => (sameTask ? p.key === racing.key : p.task === racing.task));
      if (!s || !this.allowed(frame, s)) continue;
      plan(frame, s);
      return;
    }
  }
}

/** Plans `s` at `frame` as a branch of its own, unless it was run or planned there already. */
function plan(frame: Frame, s: StepId): void {
  if (!frame.sleep.some((q) => q.key === s.key) && !frame.wakeup.some((c) => c.step.key === s.key)) frame.wakeup.push({ step: s, children: [] });
}

/**
 * The wakeup sequence that reverses race (i, j): the steps between them that
 * do not happen after i, then j, with the happens-before order among them.
 */
function reversal(record: RunRecord, i: number, j: number, leftOver?: StepId): WakeupSequence {
  const at: number[] = [];
  for (let k = i + 1; k < j; k++) if (!record.happensBefore(i, k)) at.push(k);
  const steps = at.map((k) => record.steps[k]!);
  const before = at.map((k, m) => at.slice(0, m).flatMap((l, li) => (record.happensBefore(l, k) ? [li] : [])));
  if (leftOver) {
    // A step that never ran: ordered after its own task's steps and the steps it conflicts with.
    steps.push(leftOver);
    before.push(steps.slice(0, -1).flatMap((s, m) => (conflict(s, leftOver) ? [m] : [])));
  } else {
    steps.push(record.steps[j]!);
    before.push(at.flatMap((l, li) => (record.happensBefore(l, j) ? [li] : [])));
  }
  return { steps, before };
}
