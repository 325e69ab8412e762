import { defaultIndex, isPreemption, type Decision } from './decision.js';
import { independent } from './yield-point.js';
import { PRUNE, type RunPlan, type Strategy } from './strategy.js';
import { SMALL_WORKLOADS } from '../workload/draw.js';

/** An event's identity across runs that share a prefix. */
interface EventId {
  readonly key: string;
  readonly touches: readonly string[] | undefined;
}

/** One decision on the current path of the depth-first walk. */
interface Frame {
  readonly events: readonly EventId[];
  /** Whether choosing each index is a preemption. */
  readonly preempts: readonly boolean[];
  readonly defaultIndex: number;
  readonly preemptionsBefore: number;
  /** Events that need not be tried here: already covered by an equivalent schedule. */
  readonly sleep: readonly EventId[];
  /** Indices tried at this frame, in order; the last one is the current choice. */
  readonly tried: number[];
}

/** Options of the exhaustive walk. */
export interface ExhaustiveOptions {
  /** Most preemptions per schedule (CHESS's bound; 2 finds most bugs in practice). */
  readonly preemptionBound: number;
  /** Whether the scenario draws more than one workload (each gets its own walk). */
  readonly manyWorkloads: boolean;
}

/**
 * With many workloads, a walk that has not covered its workload after this
 * many runs moves on to the next (small) workload: one large tree must not
 * swallow the whole budget while small workloads show the bug at once.
 */
const RUNS_PER_WORKLOAD = 256;

function eventIds(d: Decision): EventId[] {
  return d.pending.map((e) => ({ key: `${e.kind}:${e.task}:${e.ordinal}`, touches: e.touches }));
}

/**
 * Depth-first over every schedule with at most `preemptionBound` preemptions,
 * pruned with sleep sets (Godefroid): after a subtree starting with event t is
 * covered, t sleeps in its siblings' subtrees until an event dependent with it
 * fires, since any schedule there reordering t past independent events is
 * equivalent to one already run. Events that do not declare what they touch
 * are dependent with everything, so pruning is sound by default.
 */
export class ExhaustiveStrategy implements Strategy {
  readonly name = 'exhaustive';
  private frames: Frame[] = [];
  private prefix: number[] = [];
  private workload = SMALL_WORKLOADS;
  private runsOnWorkload = 0;
  private finished = false;
  /** Completed (unpruned) schedules of the current workload. */
  schedules = 0;

  constructor(private readonly options: ExhaustiveOptions) {}

  get exhausted(): boolean {
    return this.finished;
  }

  plan(): RunPlan | undefined {
    if (this.finished) return undefined;
    const frames = this.frames;
    const prefix = this.prefix;
    const bound = this.options.preemptionBound;
    const choose = (d: Decision): number => {
      const depth = d.step - 1;
      if (depth < prefix.length) {
        const index = prefix[depth]!;
        return index < d.pending.length ? index : defaultIndex(d);
      }
      const parent = frames[depth - 1];
      const events = eventIds(d);
      const sleep = parent ? childSleep(parent) : [];
      const preempts = d.pending.map((_, i) => isPreemption(d, i));
      const preemptionsBefore = parent ? parent.preemptionsBefore + (parent.preempts[parent.tried.at(-1)!] ? 1 : 0) : 0;
      const frame: Frame = { events, preempts, defaultIndex: defaultIndex(d), preemptionsBefore, sleep, tried: [] };
      frames.push(frame);
      const next = nextCandidate(frame, bound);
      if (next === undefined) return PRUNE;
      frame.tried.push(next);
      return next;
    };
    return { workload: this.workload, strategy: this.name, chooser: { choose } };
  }

  done(_plan: RunPlan, feedback: { pruned: boolean }): void {
    if (!feedback.pruned) this.schedules++;
    const frames = this.frames;
    if (this.options.manyWorkloads && ++this.runsOnWorkload >= RUNS_PER_WORKLOAD) frames.length = 0;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const next = nextCandidate(frame, this.options.preemptionBound);
      if (next !== undefined) {
        frame.tried.push(next);
        this.prefix = frames.map((f) => f.tried.at(-1)!);
        return;
      }
      frames.pop();
    }
    // The tree of this workload is covered (or its share of runs is spent).
    this.prefix = [];
    this.runsOnWorkload = 0;
    if (this.options.manyWorkloads) this.workload++;
    else this.finished = true;
  }
}

function nextCandidate(frame: Frame, bound: number): number | undefined {
  const order = [frame.defaultIndex, ...frame.events.keys()];
  for (const i of order) {
    if (frame.tried.includes(i)) continue;
    if (frame.preemptionsBefore + (frame.preempts[i] ? 1 : 0) > bound) continue;
    const key = frame.events[i]!.key;
    if (frame.sleep.some((z) => z.key === key)) continue;
    return i;
  }
  return undefined;
}

/** The sleep set after taking the frame's current choice. */
function childSleep(frame: Frame): EventId[] {
  const chosenIndex = frame.tried.at(-1)!;
  const chosen = frame.events[chosenIndex]!;
  const candidates = [...frame.sleep, ...frame.tried.slice(0, -1).map((i) => frame.events[i]!)];
  return candidates.filter((z) => independent(z, chosen));
}
