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
  // Zobrist hashing: the linearized set's hash is updated in O(1) per lift;
  // the stored bitset copy settles collisions, so the cache stays exact.
  const zobrist = new Uint32Array(2 * n);
  let seed = 0x9e3779b9;
  for (let i = 0; i < zobrist.length; i++) zobrist[i] = seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + i) >>> 0;
  let h1 = 0;
  let h2 = 0;
  const cache = new Map<string, Uint16Array[]>();
  const seen = (key: string): boolean => {
    const list = cache.get(key);
    if (list?.some((b) => equalBits(b, bits))) return true;
    if (list) list.push(bits.slice());
    else cache.set(key, [bits.slice()]);
    return false;
  };
  // Frames link to their parent so the deepest prefix can be kept without copying the stack.
  let top: Frame<S> | undefined;
  let depth = 0;
  let state = model.init();
  let visited = 0;
  let best: { depth: number; blocked: number; frame: Frame<S> | undefined; state: S } | undefined;
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
        h1 ^= zobrist[2 * i]!;
        h2 ^= zobrist[2 * i + 1]!;
        if (!seen(`${h1}:${h2}|${stateKey(r.state)}`)) {
          top = { entry, state, parent: top };
          depth++;
          state = r.state;
          unlink(entry + 1);
          unlink(entry);
          entry = next[at(HEAD)]!;
          continue;
        }
        bits[i >> 4]! &= ~(1 << (i & 15));
        h1 ^= zobrist[2 * i]!;
        h2 ^= zobrist[2 * i + 1]!;
      }
      entry = next[entry]!;
    } else {
      // A response reached with its operation not yet linearized: backtrack.
      if (!best || depth > best.depth) best = { depth, blocked: entry >> 1, frame: top, state };
      if (!top) break;
      const i = top.entry >> 1;
      bits[i >> 4]! &= ~(1 << (i & 15));
      h1 ^= zobrist[2 * i]!;
      h2 ^= zobrist[2 * i + 1]!;
      state = top.state;
      relink(top.entry);
      relink(top.entry + 1);
      entry = next[top.entry]!;
      top = top.parent;
      depth--;
    }
  }
  if (next[at(HEAD)] === END) return { visited };
  const b = best!;
  const prefix: Operation[] = [];
  for (let f = b.frame; f; f = f.parent) prefix.push(ops[f.entry >> 1]!);
  prefix.reverse();
  const blocked = ops[b.blocked]!;
  return { visited, failure: { blocked, prefix, expected: model.step(b.state, blocked).output } };
}

/** One linearized operation on the search stack, with the model state before it. */
interface Frame<S> {
  readonly entry: number;
  readonly state: S;
  readonly parent: Frame<S> | undefined;
}

function equalBits(a: Uint16Array, b: Uint16Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function time(ops: readonly Operation[], e: number): number {
  const op = ops[e >> 1]!;
  return (e & 1) === 0 ? op.call : op.ret === Infinity ? Number.MAX_SAFE_INTEGER : op.ret;
}
