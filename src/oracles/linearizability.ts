import type { Operation } from './operation-history.js';
import { stableKey, type SequentialModel } from './sequential-model.js';

/** The verdict of {@link checkLinearizability}. */
export interface LinearizabilityVerdict {
  /** Some sequential order of every partition, consistent with real time, gives every recorded output. */
  readonly linearizable: boolean;
  /** Partitions checked (1 when the model has no `partition`). */
  readonly partitions: number;
  /** Search states the checker visited (for the scaling note). */
  readonly visited: number;
  /** When not linearizable: the first partition that fails, and why. */
  readonly failure?: LinearizabilityFailure;
}

/** A partition no sequential order explains. */
export interface LinearizabilityFailure {
  /** The partition key ('' without partitioning). */
  readonly partition: string;
  /** The partition's operations, in invocation order: the history to show. */
  readonly history: readonly Operation[];
  /** The operation whose response no legal order produces (where the deepest search got stuck). */
  readonly blocked: Operation;
  /** The longest legal sequential prefix found before getting stuck. */
  readonly prefix: readonly Operation[];
  /** What the model says `blocked` would return after `prefix`. */
  readonly expected: unknown;
}

/**
 * Wing–Gong's search for a linearization with Porcupine's memoization (a
 * cache of linearized-set × model-state pairs already explored) and
 * P-compositionality (each partition the model declares is checked alone).
 */
export function checkLinearizability<S>(history: readonly Operation[], model: SequentialModel<S>): LinearizabilityVerdict {
  const groups = new Map<string, Operation[]>();
  for (const op of history) {
    const key = model.partition ? model.partition(op) : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(op);
  }
  let visited = 0;
  for (const [key, ops] of groups) {
    const r = searchPartition(ops, model);
    visited += r.visited;
    if (r.failure) return { linearizable: false, partitions: groups.size, visited, failure: { ...r.failure, partition: key, history: ops } };
  }
  return { linearizable: true, partitions: groups.size, visited };
}

interface SearchResult {
  visited: number;
  failure?: Omit<LinearizabilityFailure, 'partition' | 'history'>;
}

const HEAD = -1;

function searchPartition<S>(ops: readonly Operation[], model: SequentialModel<S>): SearchResult {
  const n = ops.length;
  const equal = model.equal ?? ((a: unknown, b: unknown) => stableKey(a) === stableKey(b));
  const stateKey = model.key ?? stableKey;
  // Entries 2i (call of op i) and 2i+1 (its return), sorted by time into a doubly linked list.
  const order = Array.from({ length: 2 * n }, (_, e) => e).sort((a, b) => time(ops, a) - time(ops, b) || (a & 1) - (b & 1));
  const next = new Int32Array(2 * n + 1).fill(-2);
  const prev = new Int32Array(2 * n + 1).fill(-2);
  // Index 2n stands for HEAD in the arrays.
  const at = (e: number) => (e === HEAD ? 2 * n : e);
  let last = HEAD;
  for (const e of order) {
    next[at(last)] = e;
    prev[e] = last;
    last = e;
  }
  next[at(last)] = -2;
  const END = -2;
  const unlink = (e: number) => {
    const p = prev[e]!;
    const q = next[e]!;
    next[at(p)] = q;
    if (q !== END) prev[q] = p;
  };
  const relink = (e: number) => {
    const p = prev[e]!;
    const q = next[e]!;
    next[at(p)] = e;
    if (q !== END) prev[q] = e;
  };
  const bits = new Uint16Array(Math.ceil(n / 16) || 1);
  const cache = new Set<string>();
  const stack: { entry: number; state: S }[] = [];
  let state = model.init();
  let visited = 0;
  let best: { depth: number; blocked: number; prefix: number[]; state: S } | undefined;
  let entry = next[at(HEAD)]!;
  while (next[at(HEAD)] !== END) {
    if (entry === END) break;
    if ((entry & 1) === 0) {
      const i = entry >> 1;
      const op = ops[i]!;
      const r = model.step(state, op);
      visited++;
      if (op.ret === Infinity || equal(r.output, op.output)) {
        bits[i >> 4]! |= 1 << (i & 15);
        const key = `${String.fromCharCode(...bits)}|${stateKey(r.state)}`;
        if (!cache.has(key)) {
          cache.add(key);
          stack.push({ entry, state });
          state = r.state;
          unlink(entry + 1);
          unlink(entry);
          entry = next[at(HEAD)]!;
          continue;
        }
        bits[i >> 4]! &= ~(1 << (i & 15));
      }
      entry = next[entry]!;
    } else {
      // A response reached with its operation not yet linearized: backtrack.
      if (!best || stack.length > best.depth) best = { depth: stack.length, blocked: entry >> 1, prefix: stack.map((s) => s.entry >> 1), state };
      const top = stack.pop();
      if (!top) break;
      const i = top.entry >> 1;
      bits[i >> 4]! &= ~(1 << (i & 15));
      state = top.state;
      relink(top.entry);
      relink(top.entry + 1);
      entry = next[top.entry]!;
    }
  }
  if (next[at(HEAD)] === END) return { visited };
  const b = best!;
  const blocked = ops[b.blocked]!;
  return { visited, failure: { blocked, prefix: b.prefix.map((i) => ops[i]!), expected: model.step(b.state, blocked).output } };
}

function time(ops: readonly Operation[], e: number): number {
  const op = ops[e >> 1]!;
  return (e & 1) === 0 ? op.call : op.ret === Infinity ? Number.MAX_SAFE_INTEGER : op.ret;
}
